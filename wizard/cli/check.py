"""`check`: can a principal do its job with the policies it has today? If not, why, and the smallest fix.

Exit 0 when every operation its job needs is allowed, 3 when one is denied or cannot be
confirmed, 2 on bad input. Policies come from files (`inputs_from_files`), or with --from-aws
from the account (wizard.cli.check_aws, which imports boto3 only when it runs).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from wizard.cli.common import EXIT_INVALID, EXIT_OK, UsageError, print_problems, read_json
from wizard.core.display import visible

EXIT_CANNOT = 3
MAX_IDENTITY_POLICIES = 30  # 10 managed (20 at most) plus inline policies; far more is a mistake


def add_parser(commands: Any) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "check", help="can a principal do its job with the policies it has today?",
        description="Evaluate the policies a principal has today for the job it has on one stream: each "
                    "operation that job needs, allowed or not; for each denial, why, and the smallest fix as "
                    "the statements to add. Exit 0 when it can do its job, 3 when it cannot, 2 on bad "
                    "input.",
    )
    # Required, but checked in run (exit 2 with every missing flag named, like any other bad input).
    parser.add_argument("--principal", metavar="ARN", help="the role's or user's ARN (required)")
    parser.add_argument("--as", dest="role", choices=("producer", "consumer", "admin"),
                        help="the job it has on the stream (required)")
    parser.add_argument("--service", choices=("lambda", "flink", "firehose"),
                        help="the service whose role this is, when it reads for a service")
    # dest differs from generate's --stream (a list): main's check for '--' reads every command's dests
    parser.add_argument("--stream", metavar="ARN", dest="stream_arn",
                        help="the stream's ARN (required; with --from-aws also its name)")
    parser.add_argument("--key", metavar="KEY",
                        help="the stream's key: key ID, key ARN, alias name, alias ARN or alias/aws/kinesis")
    parser.add_argument("--identity-policy", action="append", default=[], metavar="FILE", dest="identity_policies",
                        help="an identity policy of the principal (repeat for each); the document, or what "
                             "aws iam get-role-policy or get-policy-version prints")
    parser.add_argument("--key-policy", metavar="FILE",
                        help="the key policy (aws kms get-key-policy --policy-name default, either output)")
    parser.add_argument("--stream-policy", metavar="FILE",
                        help="the stream's resource policy (aws kinesis get-resource-policy); none if not given")
    parser.add_argument("--consumer-policy", metavar="FILE",
                        help="the registered consumer's resource policy, for enhanced fan-out from another account")
    parser.add_argument("--json", action="store_true", help="print one JSON array of rows")
    # --from-aws and --profile are also options before the command: SUPPRESS keeps what was given there.
    parser.add_argument("--from-aws", action="store_true", default=argparse.SUPPRESS,
                        help="read the policies not given as files from the account instead (read-only): the "
                             "principal's attached and inline policies, the key policy (--key, or the stream's "
                             "key), the stream's and the consumer's resource policies; --stream may then be a "
                             "name; needs the aws extra")
    parser.add_argument("--profile", metavar="NAME", default=argparse.SUPPRESS,
                        help="the AWS profile for --from-aws (default: the usual chain)")
    return parser


def inputs_from_files(args: argparse.Namespace, identity_required: bool = True,
                      problems: list[Any] | None = None) -> Any:
    """The check's inputs with every policy read from the files named on the command line.

    With `problems`, each file that cannot be read (and a missing --identity-policy) is added to it and
    the rest are still read, so every problem is reported at once; without, the first one is raised.
    """
    from wizard.core.bundle import InputError
    from wizard.core.diagnose import Inputs, identity_body, resource_policy_body
    from wizard.core.evaluate import Source

    found: list[Any] = []

    def refuse(message: str) -> None:
        if problems is None:
            raise UsageError(message)
        found.append(message)

    def read(path: str, what: str, body: Any) -> Any:
        try:
            return body(read_json(path, what))
        except InputError as exc:
            if problems is None:
                raise
            found.append(str(exc))
            return None

    if not args.identity_policies and identity_required:
        refuse("give the principal's identity policies: --identity-policy FILE (repeat for each)")
    if len(args.identity_policies) > MAX_IDENTITY_POLICIES:
        refuse(f"--identity-policy: {len(args.identity_policies)} files; a principal has at most "
               f"{MAX_IDENTITY_POLICIES} policies here")
        paths: list[str] = []
    else:
        paths = args.identity_policies
    identity = tuple(Source(path, read(path, "identity policy", identity_body)) for path in paths)

    def resource(path: str | None, what: str, kind: str) -> Source | None:
        if path is None:
            return None
        return Source(path, read(path, what, resource_policy_body), kind)

    inputs = Inputs(args.principal, args.role, args.stream_arn, identity, args.service, args.key,
                    resource(args.key_policy, "key policy", "key"),
                    resource(args.stream_policy, "stream policy", "stream"),
                    resource(args.consumer_policy, "consumer policy", "consumer"))
    if problems is not None:
        problems.extend(found)
    return inputs


MISSING = "check needs {}: which principal, doing which job, on which stream"


def load_inputs(args: argparse.Namespace) -> tuple[Any, list[Any]]:
    """The inputs, and every problem with them at once: flags missing, values, files that cannot be read.

    With --from-aws the values are checked after they are looked up (a stream may be given by name).
    """
    from wizard.core.diagnose import input_problems

    missing = [flag for flag, value in (("--principal", args.principal), ("--as", args.role),
                                        ("--stream", args.stream_arn)) if value is None]
    if getattr(args, "from_aws", False):
        if missing:
            raise UsageError(MISSING.format(", ".join(missing)))
        from wizard.cli.check_aws import inputs_from_aws

        return inputs_from_aws(args), []
    problems: list[Any] = [MISSING.format(", ".join(missing))] if missing else []
    problems += input_problems(args.principal, args.role, args.stream_arn, args.service, args.key)
    return inputs_from_files(args, problems=problems), problems


def run(args: argparse.Namespace) -> int:
    from wizard.core.diagnose import diagnose, resolve_inputs

    inputs, problems = load_inputs(args)
    if not problems:
        _, problems = resolve_inputs(inputs)
    if problems:
        print_problems("check cannot start:", problems)
        return EXIT_INVALID
    report = diagnose(inputs)
    if args.json:
        sys.stdout.write(json.dumps(json_rows(report), indent=2) + "\n")
    else:
        sys.stdout.write(render(report))
    return EXIT_OK if report.ok else EXIT_CANNOT


def json_rows(report: Any) -> list[dict[str, Any]]:
    out = []
    for finding in report.findings:
        row = finding.row.to_json()
        row["need"] = finding.need
        if finding.fixes:
            row["fix"] = [{"document": f.document, "statements": list(f.statements), **({"note": f.note}
                                                                                        if f.note else {})}
                          for f in finding.fixes]
        if finding.advice:
            row["advice"] = list(finding.advice)
        out.append(row)
    return out


WHERE = {"identity": "an identity policy of {who}", "key": "the key policy",
         "stream": "the stream's resource policy", "consumer": "the registered consumer's resource policy"}


def render(report: Any, width: int = 80) -> str:
    """The report for a terminal: every needed operation, why each denial, the fix; fits `width` columns."""
    from wizard.core.access_text import citations, wrap
    from wizard.core.diagnose import ADVISED, REQUIRED, not_shareable_note
    from wizard.core.limits import to_json

    inputs = report.inputs
    who = visible(inputs.principal)
    keep = citations(inputs.setting())  # file names and file#Sid: never cut where a line breaks
    out: list[str] = []
    out += wrap(f"check: {who} as {inputs.role}" + (f" ({inputs.service})" if inputs.service else ""), width, "    ")
    out += wrap(f"stream: {visible(inputs.stream)}", width, "  ")
    key_row = next((f.row for f in report.findings if f.row.operation.target == "key"), None)
    if key_row is not None:
        out += wrap(f"key: {visible(key_row.requests[-1].resource)}", width, "  ")
    sources = [f"{visible(s.name)} (identity)" for s in inputs.identity]
    sources.append(f"{visible(inputs.key_policy.name)} (key policy)" if inputs.key_policy else
                   "key policy: " + ("the AWS managed key's" if (inputs.key or "").endswith("alias/aws/kinesis")
                                     else "not given"))
    sources.append(f"{visible(inputs.stream_policy.name)} (stream policy)" if inputs.stream_policy else
                   "no stream policy (none assumed)")
    if inputs.consumer_policy:
        sources.append(f"{visible(inputs.consumer_policy.name)} (consumer policy)")
    out += wrap("policies: " + ", ".join(sources), width, "  ", keep)
    sections = ((REQUIRED, "Needed to do its job:"),
                (ADVISED, "Advised (libraries such as the KPL and KCL, enhanced fan-out, inspection):"))
    for need, title in sections:
        found = [f for f in report.findings if f.need == need]
        if found:
            out += ["", title]
        for finding in found:
            out += _row_lines(finding, width, keep, full=need == REQUIRED)
    too_much = report.too_much()
    if too_much:
        out += ["", "Allowed beyond its job (narrow these):"]
        for finding in too_much:
            out += _row_lines(finding, width, keep, full=False)
    managed = report.managed_key_grants()
    if managed:  # not for narrowing: nobody can edit that key policy; said once
        out += ["", "Also allowed beyond its job, by the AWS managed key:"]
        out += [f"  {f.row.decision:<8} {f.row.operation.label}" for f in managed]
        out += ["", *wrap(f"Note: {visible(managed[0].advice[0])}", width, "  ", keep)]
    advice = list(dict.fromkeys(a for f in report.failed() if not f.not_shareable for a in f.advice))
    unshareable = [f.row.operation.label for f in report.findings if f.not_shareable]
    if unshareable:  # one note for them all, rather than one each
        advice.append(not_shareable_note(unshareable))
    for line in advice:
        out += ["", *wrap(f"Note: {visible(line)}", width, "  ", keep)]
    for fix in report.fixes:
        place = WHERE[fix.document].format(who=who)
        out += ["", *wrap(f"The smallest fix: add to {place}" + (f" ({fix.note})" if fix.note else "") + ":",
                          width, "  ")]
        for stmt in fix.statements:
            out += visible(to_json(stmt), keep_newlines=True).rstrip("\n").split("\n")
    out.append("")
    failed = report.failed()
    needed = [f for f in report.findings if f.need == REQUIRED]
    if report.ok:
        out += wrap(f"{who} can do its job: all {len(needed)} needed operations are allowed.", width, "  ")
    else:
        denied = sum(1 for f in failed if f.row.decision == "denied")
        unknown = len(failed) - denied
        parts = [f"{n} {word}" for n, word in ((denied, "denied"), (unknown, "cannot be confirmed")) if n]
        out += wrap(f"{who} cannot do its job: of {len(needed)} needed operations, {' and '.join(parts)}.",
                    width, "  ")
    return "\n".join(out) + "\n"


def _row_lines(finding: Any, width: int, keep: tuple[str, ...], *, full: bool) -> list[str]:
    from wizard.core.access_text import cited_lines, wrap

    row = finding.row
    indent = " " * 11
    head = f"  {row.decision:<8} {row.operation.label}"
    if row.decision == "allowed":  # the statements that allow it: beside it when they fit, else one a line
        cited = [visible(b) for b in row.verdict.because]
        line = f"{head}  {', '.join(cited)}"
        return [line] if len(line) <= width else wrap(head, width, indent) + cited_lines(cited, width)
    reasons = list(row.verdict.reasons) if full else []  # --json has every reason of every row
    if finding.not_shareable:  # why is in the note below; no reason or fix would change it
        return wrap(f"{head}  (cannot be shared across accounts)", width, indent)
    out = wrap(head, width, indent)
    for reason in reasons:
        out += wrap(indent + visible(reason), width, indent, keep)
    return out

