"""The bundle README's shell commands, run as written by bash against a stand-in `aws` that records each call and
answers as AWS would (a registered consumer's ARN, ACTIVE, a key's ARN, a key policy): each command goes to the
right Region, names the right stream, key, consumer, account and file, and the files it reads exist.

Cases: a key given by alias with readers and writers in another account and enhanced fan-out consumers registered
for them; a key ARN in another account; the AWS managed key in the China partition. The stand-in `kinesis-kms-wizard`
only records its arguments and writes a merged file where told (the merge is tested in test_core_readme.py)."""

from __future__ import annotations

import inspect
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from matrix import OTHER_ACCOUNT, role

from wizard.core.bundle import bundle_files
from wizard.core.model import Answers, Principal
from wizard.core.policies.consumer_policy import TIMESTAMP_PLACEHOLDER
from wizard.core.render import render_bundle

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")

ACCT = "123456789012"
KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab"
TIMESTAMP = "1712345678"


def _value(argv: list[str], flag: str) -> str | None:
    """The value of `flag` in a command line, given as `--flag value` or `--flag=value`."""
    for i, a in enumerate(argv):
        if a == flag:
            return argv[i + 1]
        if a.startswith(flag + "="):
            return a[len(flag) + 1:]
    return None


# The stand-in aws: records its arguments, answers as AWS would, and reads the file a --policy names.
FAKE_AWS = "import json, os, sys\n" + inspect.getsource(_value) + r'''
args = sys.argv[1:]
with open(os.environ["CALLS"], "a") as log:
    log.write(json.dumps(args) + "\n")
if args[:2] == ["kinesis", "register-stream-consumer"]:
    print(f"{_value(args, '--stream-arn')}/consumer/{_value(args, '--consumer-name')}:" + os.environ["TIMESTAMP"])
elif args[:2] == ["kinesis", "describe-stream-consumer"]:
    print("ACTIVE")
elif args[:2] == ["kms", "describe-key"]:
    print(os.environ["KEY_ARN"])
elif args[:2] == ["kms", "get-key-policy"]:
    print(json.dumps({"Version": "2012-10-17", "Statement": []}))
policy = _value(args, "--policy") or _value(args, "--policy-document")
if policy and policy.startswith("file://"):
    with open(policy[len("file://"):]) as handle:  # the file a command reads must be there
        handle.read()
'''

CASES = {
    "alias-shared-fan-out": Answers("eu-west-1", ACCT, "alias/orders-key", ("orders", "payments"), (
        Principal("orders-producer", ("producer",)), Principal(role(OTHER_ACCOUNT, "partner-writer"), ("producer",)),
        Principal(role(OTHER_ACCOUNT, "partner-reader"), ("consumer",), consumer_name="partner-efo"),
        Principal(role(OTHER_ACCOUNT, "partner-lambda"), ("consumer",), "lambda"),
        Principal(f"arn:aws:iam::{ACCT}:user/auditor", ("consumer",)), Principal("enc-admin", ("admin",)))),
    "key-in-another-account": Answers("us-east-2", ACCT, f"arn:aws:kms:us-east-2:{OTHER_ACCOUNT}:key/{KEY_ID}",
                                      ("clicks",), (Principal("writer", ("producer",)),
                                                    Principal("reader", ("consumer",), "flink"))),
    "managed-key-china": Answers("cn-north-1", ACCT, "alias/aws/kinesis", ("logs",), (
        Principal("writer", ("producer",)), Principal("reader", ("consumer",), "lambda"))),
}


def _without_region(argv: list[str]) -> list[str]:
    """A call without its --region, wherever it stands (`aws iam --region R create-policy ...` too)."""
    i = argv.index("--region") if "--region" in argv else -1
    return argv if i < 0 else argv[:i] + argv[i + 2:]


def _run_readme(tmp_path: Path, answers: Answers) -> tuple[object, list[list[str]], list[list[str]], str]:
    """Write the bundle, run every shell block of its README in it; (bundle, aws calls, wizard calls, stdout)."""
    bundle = render_bundle(answers)
    assert bundle.ok, bundle.problems
    folder = tmp_path / "bundle"
    for name, text in bundle_files(bundle).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "aws").write_text(f"#!{sys.executable}\n{FAKE_AWS}")
    (bin_dir / "kinesis-kms-wizard").write_text(  # records its call and writes a merged key policy where told
        f"#!{sys.executable}\nimport json, os, sys\n"
        "open(os.environ['WIZARD_CALLS'], 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n"
        "out = sys.argv[sys.argv.index('--out') + 1]\nos.makedirs(out, exist_ok=True)\n"
        "open(os.path.join(out, 'key-policy.json'), 'w').write('{}')\n")
    for tool in bin_dir.iterdir():
        tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    blocks = re.findall(r"```sh\n(.*?)```", (folder / "README.md").read_text(), flags=re.DOTALL)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "CALLS": str(tmp_path / "aws.log"),
           "WIZARD_CALLS": str(tmp_path / "wizard.log"), "TIMESTAMP": TIMESTAMP,
           "KEY_ARN": f"arn:aws:kms:{answers.region}:{ACCT}:key/{KEY_ID}"}
    done = subprocess.run(["bash", "-e", "-u", "-o", "pipefail", "-c", "\n".join(blocks)], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr

    def calls(log: str) -> list[list[str]]:
        path = tmp_path / log
        return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []

    return bundle, calls("aws.log"), calls("wizard.log"), done.stdout


def _credentials(readme: str) -> list[tuple[str, str, str]]:
    """(account whose credentials the README says to use, service, operation) of every aws command, in order: a
    `# in account N` comment says it for the lines after it in its block; otherwise the streams' account's."""
    out = []
    for block in re.findall(r"```sh\n(.*?)```", readme, flags=re.DOTALL):
        account = ""
        for line in block.splitlines():
            if match := re.match(r"# in account (\d{12})", line):
                account = match.group(1)
            for service, operation in re.findall(r"\baws (iam|kms|kinesis)(?: --region \S+)? ([a-z-]+)", line):
                out.append((account, service, operation))
    return out


@pytest.mark.parametrize("case", list(CASES))
def test_each_command_runs_with_the_credentials_of_the_account_it_changes(case):
    """An IAM policy is made in its principal's account, the key policy in the key's, the rest in the streams'."""
    bundle = render_bundle(CASES[case])
    r = bundle.resolved
    readme = bundle_files(bundle)["README.md"]
    calls = [(account or r.account, service, operation) for account, service, operation in _credentials(readme)]
    assert {(s, o) for _a, s, o in calls} >= {("iam", "create-policy"), ("kinesis", "start-stream-encryption")}
    policy_accounts = re.findall(r"attach-(?:role|user)-policy .*--policy-arn arn:[\w-]+:iam::(\d{12}):", readme)
    assert [a for a, s, o in calls if o.startswith("attach-")] == policy_accounts
    assert sorted(set(policy_accounts)) == sorted({p.account for d in bundle.documents if d.kind == "identity"
                                                   for p in d.principals})
    assert {a for a, s, _o in calls if s == "kms"} <= {r.key.account}
    assert {a for a, s, _o in calls if s == "kinesis"} == {r.account}
    if not r.key.managed:
        assert ("kms", "put-key-policy") in {(s, o) for _a, s, o in calls}
    others = sorted({p.account for p in r.principals if p.account != r.key.account})
    note = (f"Principals from other accounts ({', '.join(others)}) are named here, and their own account must also "
            "attach the identity policy above")
    assert (note in readme) == bool(others and not r.key.managed)


def test_a_managed_policy_name_is_at_most_128_characters():
    """IAM's limit for a policy name (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html):
    the stream's name is cut so that the document's name stays whole."""
    readme = bundle_files(render_bundle(Answers("us-west-2", ACCT, KEY_ID, ("s" * 128,),
                                                (Principal("w", ("producer",)),))))["README.md"]
    (name,) = set(re.findall(r"create-policy --policy-name (\S+)", readme))
    assert name == "kinesis-" + "s" * (128 - len("kinesis-") - len("-producer")) + "-producer"
    assert len(name) == 128


@pytest.mark.parametrize("case", list(CASES))
def test_the_readme_commands_do_what_the_bundle_needs(tmp_path, case):
    bundle, calls, wizard, stdout = _run_readme(tmp_path, CASES[case])
    r = bundle.resolved

    # Every call names the Region; IAM is global in the aws partition, told a Region of its partition elsewhere.
    for call in calls:
        if call[0] != "iam" or r.partition != "aws":
            assert _value(call, "--region") == r.region, call
        else:
            assert _value(call, "--region") is None, call
    aws = [_without_region(c) for c in calls]

    def by(service: str, op: str) -> list[list[str]]:
        return [c for c in aws if c[:2] == [service, op]]

    # Identity policies: created in each principal's own account, attached to it by name, by that policy's ARN.
    created = {_value(c, "--policy-name"): _value(c, "--policy-document") for c in by("iam", "create-policy")}
    attached = by("iam", "attach-role-policy") + by("iam", "attach-user-policy")
    expected = set()
    for doc in (d for d in bundle.documents if d.kind == "identity"):
        for p in doc.principals:
            name = next(n for n, file in created.items() if file == f"file://{doc.filename}")
            verb = "attach-role-policy" if p.kind == "role" else "attach-user-policy"
            flag = "--role-name" if p.kind == "role" else "--user-name"
            expected.add((verb, flag, p.name, f"arn:{r.partition}:iam::{p.account}:policy/{name}"))
    assert {(c[1], c[2].split("=")[0], _value(c, c[2].split("=")[0]), _value(c, "--policy-arn"))
            for c in attached} == expected
    assert len(attached) == len(expected)

    # The key policy: fetched from the key, merged by the wizard, the merged file put back on the same key.
    key_arn = r.key.arn or f"arn:aws:kms:{r.region}:{ACCT}:key/{KEY_ID}"  # an alias is looked up first
    if r.key.managed:
        assert not [c for c in aws if c[0] == "kms"] and wizard == []
    else:
        if r.key.arn is None:
            assert [_value(c, "--key-id") for c in by("kms", "describe-key")] == [r.key.given]
        (get,), (put,) = by("kms", "get-key-policy"), by("kms", "put-key-policy")
        assert (_value(get, "--key-id"), _value(get, "--policy-name")) == (key_arn, "default")
        assert (_value(put, "--key-id"), _value(put, "--policy-name"), _value(put, "--policy")) == (
            key_arn, "default", "file://merged/key-policy.json")
        assert wizard == [["generate", "--answers", "manifest.json", "--merge-key-policy", "current-key-policy.json",
                           "--out", "merged", "--force"]]
        assert json.loads((tmp_path / "bundle" / "current-key-policy.json").read_text())["Statement"] == []

    # Resource policies: each stream's on that stream; each registered consumer's on the ARN registration returned,
    # with the placeholder replaced by it.
    puts = {_value(c, "--resource-arn"): _value(c, "--policy") for c in by("kinesis", "put-resource-policy")}
    registered = by("kinesis", "register-stream-consumer")
    consumers = [d for d in bundle.documents if d.kind == "consumer"]
    stream_docs = [d for d in bundle.documents if d.kind == "stream"]
    assert len(puts) == len(stream_docs) + len(consumers)
    for doc in stream_docs:
        assert puts[doc.stream.arn] == f"file://{doc.filename}"
    assert sorted((_value(c, "--stream-arn"), _value(c, "--consumer-name")) for c in registered) == sorted(
        (d.stream.arn, d.consumer) for d in consumers)
    for doc in consumers:
        arn = f"{doc.stream.arn}/consumer/{doc.consumer}:{TIMESTAMP}"
        assert ["kinesis", "describe-stream-consumer", "--consumer-arn", arn, "--query",
                "ConsumerDescription.ConsumerStatus", "--output", "text"] in aws
        put = json.loads(puts[arn])
        assert TIMESTAMP_PLACEHOLDER not in puts[arn]
        assert put == json.loads(doc.text.replace(f"{doc.stream.arn}/consumer/{doc.consumer}:{TIMESTAMP_PLACEHOLDER}",
                                                  arn))
        assert arn in stdout.splitlines()  # printed, to give to the reader's account

    # Encryption turned on for every stream with the key as given, then checked on the first.
    started = [(_value(c, "--stream-arn"), _value(c, "--encryption-type"), _value(c, "--key-id"))
               for c in by("kinesis", "start-stream-encryption")]
    assert started == [(s.arn, "KMS", r.key.arn or r.key.given) for s in r.streams]
    (summary,) = by("kinesis", "describe-stream-summary")
    assert _value(summary, "--stream-arn") == r.streams[0].arn
