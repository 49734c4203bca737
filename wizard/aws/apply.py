"""`apply`: a saved bundle put into the account, with a plan first.

The bundle is read and checked against its manifest, the account's current state is read, and
the plan lists every change: managed policies to create or give a new default version (deleting
the oldest non-default version when IAM's five are used), attachments, the statements added to
the key policy and those kept, the stream resource policies to put. The plan refuses what would
lose or widen access: the key policy is the core's merge of the bundle's answers into the key's
*current* policy (as `--merge-key-policy` does), must keep every current statement unchanged, may
add only statements the bundle's key-policy.json holds, and must stay manageable. Parts that
belong to another account are listed with the account whose credentials they need.

Applying is idempotent: what is already in place is planned as unchanged, so a second run plans
nothing, and a run that failed midway is completed by running it again.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from wizard.aws.discover import describe_key, key_policy, principal_arn
from wizard.aws.errors import AwsError, AwsNotFound
from wizard.aws.session import Aws, Identity
from wizard.core import limits
from wizard.core.bundle_folder import verify_bundle
from wizard.core.display import path_text, visible
from wizard.core.errors import BundleError
from wizard.core.inputs import read_bounded
from wizard.core.model import AnswersFileError, answers_from_dict
from wizard.core.policies import consumer_policy, resource_merge
from wizard.core.readme import policy_name
from wizard.core.render import Bundle, Document, render_bundle
from wizard.core.validate import PrincipalRef, Resolved

# A bundle's files are small; anything larger is not one of ours.
# IAM keeps at most five versions of a managed policy; a sixth needs one deleted first.
# https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicyVersion.html
POLICY_VERSIONS = 5


class ApplyRefused(Exception):
    """The bundle cannot be applied as it is; the message says why and what to do."""


@dataclass(frozen=True)
class SavedBundle:
    folder: Path
    manifest: dict[str, Any]
    files: dict[str, str]
    bundle: Bundle
    merged: bool


@dataclass
class Change:
    section: str
    text: str
    run: Callable[[], Any]


@dataclass
class Plan:
    caller: Identity
    region: str
    lines: list[tuple[str, str, str]] = field(default_factory=list)  # (section, mark, text) in order
    changes: list[Change] = field(default_factory=list)
    elsewhere: dict[str, list[str]] = field(default_factory=dict)  # account -> parts needing its credentials
    refusals: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, section: str, mark: str, text: str, run: Callable[[], Any] | None = None) -> None:
        self.lines.append((section, mark, text))
        if run is not None:
            self.changes.append(Change(section, text, run))

    def needs(self, account: str, text: str) -> None:
        self.elsewhere.setdefault(account, []).append(text)


class ApplyFailed(Exception):
    """A change failed midway: what was applied, what was not, and the error."""

    def __init__(self, error: AwsError, done: list[Change], left: list[Change], *, interrupted: bool = False) -> None:
        self.error, self.done, self.left, self.interrupted = error, done, left, interrupted
        super().__init__(str(error))


# --- reading the bundle ------------------------------------------------------------------------


def load_saved(folder: Path) -> SavedBundle:
    """The bundle in `folder`, every file checked against the sha256 its manifest lists.

    The documents are made again from the manifest's answers and must equal the files: apply
    puts only what the bundle says, and learns from the core which principals each one is for.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ApplyRefused(f"{path_text(folder)} is not a folder with a bundle")
    try:
        checked = verify_bundle(folder)  # the core's reading: bounded, names and hashes checked
        files = {name: read_bounded(folder / name, "a bundle's file").decode("utf-8") for name in checked.files}
    except BundleError as exc:
        raise ApplyRefused(str(exc)) from None
    except UnicodeDecodeError:
        raise ApplyRefused(f"{path_text(folder)} has a file that is not UTF-8 text") from None
    manifest = checked.data
    try:
        answers = answers_from_dict(manifest)
    except AnswersFileError as exc:
        raise ApplyRefused(f"manifest.json: {exc}") from None
    bundle = render_bundle(answers)
    if not bundle.ok:
        raise ApplyRefused("the bundle's answers have problems: " + "; ".join(visible(str(p)) for p in bundle.problems))
    merged = manifest.get("key_policy_merged") is True
    made = {doc.filename for doc in bundle.documents}
    for doc in bundle.documents:
        if doc.filename not in files:
            raise ApplyRefused(f"manifest.json does not list {doc.filename}, which its answers make")
        if (doc.kind != "key" or not merged) and files[doc.filename] != doc.text:
            raise ApplyRefused(f"{doc.filename} is not what this version of the tool makes from the manifest's answers "
                               f"(the bundle was made by version {visible(str(manifest.get('version')))}); generate "
                               "the bundle again")
    extra = sorted(n for n in files if n.endswith(".json") and n not in made)
    if extra:
        raise ApplyRefused(f"the bundle has documents its answers do not make: {', '.join(map(visible, extra))}")
    return SavedBundle(folder, manifest, files, bundle, merged)


# --- planning ----------------------------------------------------------------------------------


def accounts_of(r: Resolved) -> set[str]:
    out = {r.account} | {p.account for p in r.principals}
    if not r.key.managed:
        out.add(r.key.account)
    return out


def make_plan(aws: Aws, saved: SavedBundle) -> Plan:
    """Read the account's current state and list every change the bundle needs there."""
    r = saved.bundle.resolved
    me = aws.identity()
    if me.account not in accounts_of(r):
        raise ApplyRefused(f"the credentials are for account {me.account}, which this bundle does not touch (its "
                           f"accounts: {', '.join(sorted(accounts_of(r)))}); use a profile for one of them (--profile)")
    plan = Plan(me, aws.region)
    exists = _PrincipalCheck(aws, me.account, plan)
    for doc in saved.bundle.documents:
        if doc.kind == "identity":
            _plan_identity(aws, r, doc, exists, plan)
    key_doc = saved.bundle.get("key")
    if key_doc is not None:
        _plan_key(aws, saved, key_doc, exists, plan)
    for doc in saved.bundle.documents:
        if doc.kind == "stream":
            _plan_stream(aws, r, doc, plan)
        elif doc.kind == "consumer":
            _plan_consumer(aws, r, doc, plan)
    return plan


class _PrincipalCheck:
    """Each principal of the caller's account looked up once; a missing one refuses the apply."""

    def __init__(self, aws: Aws, account: str, plan: Plan) -> None:
        self.aws, self.account, self.plan = aws, account, plan
        self.seen: dict[str, bool] = {}

    def __call__(self, p: PrincipalRef) -> bool:
        if p.arn not in self.seen:
            real = principal_arn(self.aws, p.kind, p.name)
            self.seen[p.arn] = real == p.arn
            if real is None:
                self.plan.refusals.append(f"{p.kind} {visible(p.name)} does not exist in account {self.account} "
                                          f"({visible(p.arn)}): create it first (KMS refuses a key policy naming a "
                                          "principal that does not exist)")
            elif real != p.arn:
                self.plan.refusals.append(f"{visible(p.arn)} does not exist; the {p.kind} {visible(p.name)} is "
                                          f"{visible(real)}: generate the bundle again with that ARN")
        return self.seen[p.arn]


def _policy_document(version: dict[str, Any]) -> Any:
    """A policy version's document: boto3 decodes it; a raw one is URL-encoded JSON."""
    document = version.get("Document")
    if isinstance(document, str):
        try:
            return json.loads(unquote(document))
        except ValueError:
            return document
    return document


def _plan_identity(aws: Aws, r: Resolved, doc: Document, exists: _PrincipalCheck, plan: Plan) -> None:
    name = policy_name(r, doc)
    by_account: dict[str, list[PrincipalRef]] = {}
    for p in doc.principals:
        by_account.setdefault(p.account, []).append(p)
    for account, principals in by_account.items():
        if account != plan.caller.account:
            who = ", ".join(f"{p.kind} {visible(p.name)}" for p in principals)
            plan.needs(account, f"managed policy {name} from {doc.filename}, attached to {who}")
            continue
        section = f"IAM managed policy {name} ({doc.filename}), account {account}"
        arn = f"arn:{r.partition}:iam::{account}:policy/{name}"
        _plan_policy(aws, name, arn, doc, section, plan)
        for p in principals:
            if not exists(p):
                continue
            _plan_attachment(aws, p, name, arn, section, plan)


def _plan_policy(aws: Aws, name: str, arn: str, doc: Document, section: str, plan: Plan) -> None:
    iam = "iam"
    try:
        found = aws.call(iam, "GetPolicy", f"policy {name}", PolicyArn=arn)["Policy"]
    except AwsNotFound:
        plan.add(section, "+", f"create policy {name} from {doc.filename}",
                 lambda: aws.call(iam, "CreatePolicy", f"policy {name}", PolicyName=name, PolicyDocument=doc.text,
                                  Description=f"kinesis-kms-wizard: {doc.title}"[:1000]))
        return
    default = str(found.get("DefaultVersionId") or "")
    version = aws.call(iam, "GetPolicyVersion", f"policy {name}", PolicyArn=arn, VersionId=default)["PolicyVersion"]
    if _policy_document(version) == doc.body:
        plan.add(section, "=", f"policy {name} already says what {doc.filename} says (default version {default})")
        return
    versions = aws.pages(iam, "ListPolicyVersions", "Versions", f"policy {name}", PolicyArn=arn)
    if len(versions) >= POLICY_VERSIONS:
        others = sorted((v for v in versions if not v.get("IsDefaultVersion")), key=lambda v: v.get("CreateDate") or 0)
        oldest = str(others[0]["VersionId"])
        plan.add(section, "-", f"delete version {oldest} of {name}, the oldest non-default one (IAM keeps at most "
                               f"{POLICY_VERSIONS} versions)",
                 lambda: aws.call(iam, "DeletePolicyVersion", f"policy {name}", PolicyArn=arn, VersionId=oldest))
    plan.add(section, "~", f"update policy {name}: a new default version from {doc.filename} (now {default})",
             lambda: aws.call(iam, "CreatePolicyVersion", f"policy {name}", PolicyArn=arn, PolicyDocument=doc.text,
                              SetAsDefault=True))


def _plan_attachment(aws: Aws, p: PrincipalRef, name: str, arn: str, section: str, plan: Plan) -> None:
    kind = "Role" if p.kind == "role" else "User"
    param = {f"{kind}Name": p.name}
    attached = aws.pages("iam", f"ListAttached{kind}Policies", "AttachedPolicies", f"{p.kind} {p.name}", **param)
    if any(a.get("PolicyArn") == arn for a in attached):
        plan.add(section, "=", f"{name} is already attached to {p.kind} {visible(p.name)}")
        return
    plan.add(section, "+", f"attach {name} to {p.kind} {visible(p.name)}",
             lambda: aws.call("iam", f"Attach{kind}Policy", f"{p.kind} {p.name}", PolicyArn=arn, **param))


def _label(stmt: Any, number: int) -> str:
    sid = stmt.get("Sid") if isinstance(stmt, dict) else None
    return visible(str(sid)) if sid else f"#{number}"


def _statements(policy: Any) -> list[Any]:
    stmts = policy.get("Statement", []) if isinstance(policy, dict) else []
    return stmts if isinstance(stmts, list) else [stmts]


def _principal_list(stmt: dict[str, Any]) -> list[str]:
    principal = stmt.get("Principal")
    aws = principal.get("AWS") if isinstance(principal, dict) else principal
    return [str(a) for a in (aws if isinstance(aws, list) else [aws]) if a is not None]


def _plan_key(aws: Aws, saved: SavedBundle, doc: Document, exists: _PrincipalCheck, plan: Plan) -> None:
    r = saved.bundle.resolved
    key = r.key.arn or r.key.given
    if r.key.account != plan.caller.account:
        plan.needs(r.key.account, f"the key policy of {visible(key)} ({doc.filename})")
        return
    for p in r.principals:
        if p.account == plan.caller.account:
            exists(p)
    key_arn = r.key.arn or describe_key(aws, r.key.given).arn
    section = f"KMS key policy of {key_arn} ({doc.filename})"
    live = key_policy(aws, key_arn)
    merged_bundle = render_bundle(saved.bundle.answers, merge_key_policy=live)
    merged_doc = merged_bundle.get("key")
    if merged_bundle.problems or merged_doc is None:
        plan.refusals += [f"key policy: {visible(str(p))}" for p in merged_bundle.problems] or ["key policy: no merge"]
        return
    # The core's merge keeps every current statement in place, adds no account delegation the key
    # did not have, refuses Sid collisions and checks lockout safety (wizard.core.policies.merge).
    # What apply adds on top: only statements the reviewed key-policy.json holds.
    summary = merged_bundle.merge
    assert summary is not None
    live_stmts = _statements(live)
    added = [s for s in _statements(merged_doc.body) if s not in live_stmts]
    reviewed = _statements(json.loads(saved.files[doc.filename]))
    for number, stmt in enumerate(added, start=1):
        if stmt not in reviewed:
            plan.refusals.append(f"key policy: statement {_label(stmt, number)} is not in {doc.filename}; generate the "
                                 "bundle again (with --from-aws) and review it")
    others = sorted({a.split(":")[4] for s in added if isinstance(s, dict) for a in _principal_list(s)
                     if a.startswith("arn:") and a.split(":")[4] not in ("", plan.caller.account)})
    if others:
        plan.notes.append(f"the key policy names principals of account{'s' if len(others) > 1 else ''} "
                          f"{', '.join(others)}, which these credentials cannot check; KMS refuses the policy if one "
                          "of them does not exist")
    kept = [visible(k) for k in summary.kept]
    if not added:
        plan.add(section, "=", f"the key policy already has every statement ({len(kept)} kept)")
        return
    for number, stmt in enumerate(added, start=1):
        who = ", ".join(visible(a) for a in _principal_list(stmt)) if isinstance(stmt, dict) else ""
        plan.add(section, "+", f"add statement {_label(stmt, number)}" + (f" for {who}" if who else ""))
    plan.add(section, "=", f"keep {len(kept)} current statement{'s' if len(kept) != 1 else ''}: {', '.join(kept)}")
    text = merged_doc.text
    plan.add(section, "~", f"put the merged key policy ({limits.byte_size(text):,} bytes)",
             lambda: aws.call("kms", "PutKeyPolicy", f"key {key_arn}", KeyId=key_arn, PolicyName="default",
                              Policy=text))


def _plan_stream(aws: Aws, r: Resolved, doc: Document, plan: Plan) -> None:
    assert doc.stream is not None
    stream = doc.stream
    if r.account != plan.caller.account:
        plan.needs(r.account, f"the resource policy of stream {stream.name} ({doc.filename})")
        return
    section = f"Kinesis resource policy of stream {stream.name} ({doc.filename})"
    try:
        _plan_resource_policy(aws, stream.arn, doc.body, section, f"stream {stream.name}", plan)
    except AwsNotFound:
        plan.refusals.append(f"stream {stream.name} does not exist in account {r.account}, Region {r.region}")


def _plan_resource_policy(aws: Aws, arn: str, body: dict[str, Any], section: str, what: str, plan: Plan) -> None:
    """A resource policy merged into the one `arn` has (PutResourcePolicy replaces it whole)."""
    text = aws.call("kinesis", "GetResourcePolicy", what, ResourceARN=arn)["Policy"]
    try:
        live = json.loads(text) if text else {}
    except ValueError:
        plan.refusals.append(f"{what}: its current resource policy is not JSON; put the policy by hand")
        return
    result = resource_merge.merge(live, body)
    if result.policy is None:
        plan.refusals.append(f"{what}: {result.refusal}")
        return
    if result.policy == live:
        plan.add(section, "=", "the resource policy already grants what the bundle's does")
        return
    for sid in result.added:
        plan.add(section, "+", f"add statement {visible(sid)}")
    if result.kept:
        plan.add(section, "=", f"keep {len(result.kept)} current statement{'s' if len(result.kept) != 1 else ''}: "
                               f"{', '.join(map(visible, result.kept))}")
    policy_text = limits.to_compact_json(result.policy)
    plan.add(section, "~", "put the resource policy",
             lambda: aws.call("kinesis", "PutResourcePolicy", what, ResourceARN=arn, Policy=policy_text))


# A consumer is usable seconds after registration; apply waits for it, but not forever.
CONSUMER_WAIT_POLLS, CONSUMER_WAIT_SECONDS = 30, 2.0


def _plan_consumer(aws: Aws, r: Resolved, doc: Document, plan: Plan) -> None:
    """A registered consumer's resource policy; the consumer is registered first when it is not yet.

    The document names the consumer by a placeholder ARN: the real one carries the creation
    timestamp registration gives it (wizard.core.policies.consumer_policy).
    """
    assert doc.stream is not None and doc.consumer is not None
    stream, name = doc.stream, doc.consumer
    if r.account != plan.caller.account:
        plan.needs(r.account, f"consumer {visible(name)} of stream {stream.name} and its resource policy "
                              f"({doc.filename})")
        return
    section = f"Kinesis resource policy of consumer {visible(name)} of stream {stream.name} ({doc.filename})"
    what = f"consumer {visible(name)} of stream {stream.name}"
    placeholder = consumer_policy.placeholder_arn(stream, name)

    def body_for(arn: str) -> dict[str, Any]:
        return json.loads(doc.text.replace(json.dumps(placeholder)[1:-1], json.dumps(arn)[1:-1]))

    def describe() -> dict[str, Any] | None:
        try:
            return aws.call("kinesis", "DescribeStreamConsumer", what, StreamARN=stream.arn,
                            ConsumerName=name)["ConsumerDescription"]
        except AwsNotFound:
            return None

    def active_arn(arn: str) -> str:
        for _ in range(CONSUMER_WAIT_POLLS):
            found = describe()
            if found is not None and found.get("ConsumerStatus") == "ACTIVE":
                return arn
            time.sleep(CONSUMER_WAIT_SECONDS)
        raise AwsError(f"{what} was not ACTIVE after {CONSUMER_WAIT_POLLS * CONSUMER_WAIT_SECONDS:.0f} s; run apply "
                       "again to put its policy once it is")

    def register_and_put() -> None:
        arn = str(aws.call("kinesis", "RegisterStreamConsumer", what, StreamARN=stream.arn,
                           ConsumerName=name)["Consumer"]["ConsumerARN"])
        arn = active_arn(arn)
        aws.call("kinesis", "PutResourcePolicy", what, ResourceARN=arn, Policy=limits.to_compact_json(body_for(arn)))

    found = describe()
    if found is None:
        plan.add(section, "+", f"register consumer {visible(name)} on stream {stream.name} (enhanced fan-out: "
                               "billed per consumer-shard hour) and, once it is ACTIVE, put its resource policy",
                 register_and_put)
        return
    arn = str(found["ConsumerARN"])
    if found.get("ConsumerStatus") != "ACTIVE":
        plan.add(section, "~", f"wait until consumer {visible(name)} is ACTIVE, then put its resource policy",
                 lambda: aws.call("kinesis", "PutResourcePolicy", what, ResourceARN=active_arn(arn),
                                  Policy=limits.to_compact_json(body_for(arn))))
        return
    _plan_resource_policy(aws, arn, body_for(arn), section, what, plan)


# --- applying ----------------------------------------------------------------------------------


def execute(plan: Plan, progress: Callable[[Change], None] = lambda change: None) -> list[Change]:
    """Make every change in order; on a failure, say what was and was not applied."""
    if plan.refusals:
        raise ApplyRefused("refused: " + "; ".join(plan.refusals))
    done: list[Change] = []
    for index, change in enumerate(plan.changes):
        try:
            change.run()
        except AwsError as exc:
            raise ApplyFailed(exc, done, plan.changes[index:]) from None
        except KeyboardInterrupt:
            # The request in flight may have reached AWS: the next plan shows whether it did.
            raise ApplyFailed(AwsError(f"interrupted during: {change.text} (it may or may not have been applied)"),
                              done, plan.changes[index:], interrupted=True) from None
        done.append(change)
        progress(change)
    return done
