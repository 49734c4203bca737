"""Exports across the answer matrix: each parses, embeds exactly the bundle's documents, and passes
its own tool (cfn-lint always; `terraform fmt -check` where a terraform binary is installed)."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import hcl2
import matrix
import pytest
import yaml
from exports_check import blocks, check_cloudformation, check_terraform, unquote

from tests.conftest import SEED_ACCOUNT, SEED_KEY, seed_answers
from wizard.core.bundle import bundle_file_names, bundle_files, write_bundle
from wizard.core.exports import FORMATS, export_files, parse_formats
from wizard.core.exports.cloudformation import logical_id
from wizard.core.exports.hcl import comment as hcl_comment
from wizard.core.exports.hcl import string as hcl_string
from wizard.core.exports.hcl import string_list as hcl_string_list
from wizard.core.exports.plan import stack_name
from wizard.core.exports.terraform import label
from wizard.core.exports.yaml_text import dump as yaml_dump
from wizard.core.exports.yaml_text import quoted
from wizard.core.model import MANAGED_KEY, Answers, Principal
from wizard.core.policies.common import policy, statement
from wizard.core.render import Bundle, render_bundle

OTHER = "210987654321"
KEY_ACCOUNT = "444455556666"
CURRENT_KEY_POLICY = policy([  # a key's own policy, as the console writes it
    statement("Enable IAM User Permissions", ["kms:*"], ["*"], principals=[f"arn:aws:iam::{SEED_ACCOUNT}:root"]),
    statement("KeyAdministrators", ["kms:PutKeyPolicy", "kms:GetKeyPolicy"], ["*"],
              principals=[f"arn:aws:iam::{SEED_ACCOUNT}:role/key-admins"]),
], "key-consolepolicy-3")


def _with(**changes) -> Answers:
    return replace(seed_answers(), **changes)


SEED_PRINCIPALS = seed_answers().principals
MATRIX: dict[str, tuple[Answers, dict | None]] = {
    "seed": (seed_answers(), None),
    "alias": (_with(key="alias/orders-key"), None),
    "alias-arn": (_with(key=f"arn:aws:kms:us-west-2:{SEED_ACCOUNT}:alias/orders-key"), None),
    "key-arn-other-account": (_with(key=f"arn:aws:kms:us-west-2:{KEY_ACCOUNT}:key/{SEED_KEY}"), None),
    "managed": (_with(key=MANAGED_KEY), None),
    "aws-cn-cross-account": (_with(region="cn-north-1", key=SEED_KEY, principals=(
        *SEED_PRINCIPALS, Principal(f"arn:aws-cn:iam::{OTHER}:role/partner-reader", ("consumer",)))), None),
    "aws-us-gov-users": (_with(region="us-gov-west-1", principals=(
        Principal(f"arn:aws-us-gov:iam::{SEED_ACCOUNT}:user/ci-writer", ("producer",)),
        Principal("orders-consumer", ("consumer", "admin")))), None),
    "split": (_with(streams=tuple(f"orders-stream-{n:03d}-with-a-long-name-for-the-policy" for n in range(60)),
                    principals=(Principal("orders-producer", ("producer",)),)), None),
    "cross-account-several-streams": (_with(streams=("orders", "payments"), principals=(
        *SEED_PRINCIPALS,
        Principal(f"arn:aws:iam::{OTHER}:role/partner-writer", ("producer",)),
        Principal(f"arn:aws:iam::{OTHER}:user/partner-reader", ("consumer",)))), None),
    "services": (_with(fan_out=False, principals=(
        Principal("orders-lambda", ("consumer",), "lambda"),
        Principal("orders-flink", ("consumer", "producer"), "flink"),
        Principal("orders-firehose", ("consumer",), "firehose"))), None),
    "merged-alias": (_with(key="alias/orders-key"), CURRENT_KEY_POLICY),
    "merged-key-other-account": (_with(key=f"arn:aws:kms:us-west-2:{KEY_ACCOUNT}:key/{SEED_KEY}"),
                                 CURRENT_KEY_POLICY),
    "names-that-collide": (_with(streams=("orders.v2", "orders_v2"), principals=(
        Principal("app.reader", ("consumer",)), Principal("app_reader", ("consumer",)),
        Principal(f"arn:aws:iam::{OTHER}:role/app.reader", ("consumer",)),
        Principal(f"arn:aws:iam::{OTHER}:role/app_reader", ("consumer",)))), None),
    "path-with-quotes-and-dollars": (_with(principals=(
        *SEED_PRINCIPALS, Principal(f'arn:aws:iam::{OTHER}:role/a"b${{x}}%{{y}}\\#!/partner-reader', ("consumer",)),
        Principal(f'arn:aws:iam::{SEED_ACCOUNT}:role/ops/"quoted"/${{tf}}/orders-auditor', ("admin",)))), None),
    "owner-only-shares": (_with(principals=(  # the stream's account attaches nothing: it only shares
        Principal(f"arn:aws:iam::{OTHER}:role/partner-writer", ("producer",)),
        Principal(f"arn:aws:iam::{OTHER}:role/partner-reader", ("consumer",)))), None),
    "merged-key-arn-cross-account": (_with(
        key=f"arn:aws:kms:us-west-2:{SEED_ACCOUNT}:key/{SEED_KEY}",
        principals=(*SEED_PRINCIPALS, Principal(f"arn:aws:iam::{OTHER}:role/partner-reader", ("consumer",)))),
        CURRENT_KEY_POLICY),
}


CASES = {f"matrix-{case.id}": case for case in matrix.CASES}  # the whole-bundle tests' shared scenarios
SCENARIOS = [*MATRIX, *CASES]


def _bundle(name: str) -> Bundle:
    if name in CASES:
        return render_bundle(CASES[name].answers())
    answers, current = MATRIX[name]
    return render_bundle(answers, merge_key_policy=current)


class Written(dict):
    """Scenario name -> (bundle, files read back from disk, folder), each written on first use.

    Per test rather than per module, so each test runs the renderers it checks (a mutation tool
    that picks tests by coverage then picks every test that would notice)."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root

    def __missing__(self, name: str) -> tuple[Bundle, dict[str, str], Path]:
        bundle = _bundle(name)
        assert bundle.ok, (name, bundle.problems)
        folder = self.root / name
        write_bundle(bundle, folder, merged=MATRIX.get(name, (None, None))[1] is not None, formats=FORMATS)
        files = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
                 for p in sorted(folder.rglob("*")) if p.is_file()}
        self[name] = (bundle, files, folder)
        return self[name]

    def every(self) -> dict[str, tuple[Bundle, dict[str, str], Path]]:
        return {name: self[name] for name in SCENARIOS}


@pytest.fixture
def written(tmp_path) -> Written:
    return Written(tmp_path / "written")


@pytest.mark.parametrize("name", SCENARIOS)
def test_exports_embed_exactly_the_bundle(written, name):
    bundle, files, _folder = written[name]
    merged = MATRIX.get(name, (None, None))[1] is not None
    read = check_terraform(bundle, files, merged)
    check_cloudformation(bundle, files)
    # Terraform applies every document of the bundle; the key policy only when it was merged
    wanted = {d.filename for d in bundle.documents if d.kind != "key" or merged}
    assert read == wanted
    manifest = json.loads(files["manifest.json"])
    assert set(manifest["files"]) == set(files) - {"manifest.json"}


@pytest.mark.external
def test_cfn_lint_reports_nothing_for_any_template(written, tmp_path):
    templates = []
    for name, (_bundle, files, _folder) in written.every().items():
        for path, text in files.items():
            if path.endswith(".yaml"):
                target = tmp_path / f"{name}--{path}"
                target.write_text(text, encoding="utf-8")
                templates.append(str(target))
    assert len(templates) >= len(MATRIX)
    cfn_lint = Path(sys.executable).with_name("cfn-lint")  # the test extra installs it beside python
    result = subprocess.run([str(cfn_lint), "--format", "parseable", *templates],
                            capture_output=True, text=True, timeout=300)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.external
@pytest.mark.skipif(shutil.which("terraform") is None, reason="no terraform binary on this machine")
def test_terraform_fmt_leaves_every_module_unchanged(written, tmp_path):
    config = tmp_path / "terraformrc"
    config.write_text("")
    env = {**os.environ, "CHECKPOINT_DISABLE": "1", "TF_CLI_CONFIG_FILE": str(config)}  # no network call
    for name, (_bundle, _files, folder) in written.every().items():
        result = subprocess.run(["terraform", "fmt", "-check", "-recursive", "-diff", str(folder / "terraform")],
                                capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 0, (name, result.stdout, result.stderr)


def test_several_accounts_get_a_module_and_a_template_each(written):
    _bundle, files, _folder = written["cross-account-several-streams"]
    exports = sorted(p for p in files if p.startswith(("terraform/", "cloudformation")))
    assert exports == [
        f"cloudformation-{SEED_ACCOUNT}.yaml", f"cloudformation-{OTHER}.yaml",
        f"terraform/{SEED_ACCOUNT}/main.tf", f"terraform/{SEED_ACCOUNT}/variables.tf",
        f"terraform/{SEED_ACCOUNT}/versions.tf", f"terraform/{OTHER}/main.tf", f"terraform/{OTHER}/versions.tf",
    ]
    readme = files["README.md"]
    assert f"cd terraform/{SEED_ACCOUNT}" in readme and f"cd terraform/{OTHER}" in readme
    assert f"--template-file cloudformation-{OTHER}.yaml" in readme


def test_key_in_its_own_account_is_left_to_put_key_policy_unless_merged(written):
    _bundle, files, _folder = written["key-arn-other-account"]
    # the key's account has only the key policy, which is not exported without a merge
    assert not any(KEY_ACCOUNT in p for p in files if p.startswith(("terraform/", "cloudformation")))
    assert f"cd terraform/{SEED_ACCOUNT}" in files["README.md"]
    assert "--merge-key-policy" in files[f"terraform/{SEED_ACCOUNT}/main.tf"]


def test_unmerged_key_policy_is_never_exported_and_the_reason_is_given(written):
    _bundle, files, _folder = written["alias"]
    main = files["terraform/main.tf"]
    assert "aws_kms_key_policy" not in {t for t, _n, _b in blocks(hcl2.load(io.StringIO(main)), "resource")}
    assert "replaces the key's" in main and "--merge-key-policy" in main
    readme = files["README.md"]
    assert "The key policy is not in the Terraform files" in readme
    assert "CloudFormation sets a key policy only on a key its own stack creates" in readme


def test_merged_key_policy_keeps_the_keys_own_statements_in_what_terraform_puts(written):
    _bundle, files, folder = written["merged-alias"]
    main = hcl2.load(io.StringIO(files["terraform/main.tf"]))
    (body,) = [b for t, _n, b in blocks(main, "resource") if t == "aws_kms_key_policy"]
    assert "key-policy.json" in body["policy"]
    sids = [s["Sid"] for s in json.loads((folder / "key-policy.json").read_text())["Statement"]]
    assert {"Enable IAM User Permissions", "KeyAdministrators"} <= set(sids)
    assert "data.aws_kms_alias" in body["key_id"]
    readme = files["README.md"]
    assert "merged `key-policy.json`" in readme


def test_merged_key_arn_is_put_by_key_id_in_the_keys_account(written):
    _bundle, files, _folder = written["merged-key-arn-cross-account"]
    main = hcl2.load(io.StringIO(files[f"terraform/{SEED_ACCOUNT}/main.tf"]))
    (body,) = [b for t, _n, b in blocks(main, "resource") if t == "aws_kms_key_policy"]
    assert body["key_id"] == json.dumps(SEED_KEY)
    other = hcl2.load(io.StringIO(files[f"terraform/{OTHER}/main.tf"]))
    assert {t for t, _n, _b in blocks(other, "resource")} == {"aws_iam_policy", "aws_iam_role_policy_attachment"}


def test_managed_key_exports_have_no_kms_parts(written):
    _bundle, files, _folder = written["managed"]
    assert not re.search(r'"kms:[A-Z]', files["cloudformation.yaml"])  # no KMS action, no KMS condition
    template = yaml.safe_load(files["cloudformation.yaml"])
    assert "key policy" not in template["Description"]
    assert "aws_kms" not in files["terraform/main.tf"] and "key policy" not in files["README.md"].split(
        "## Terraform and CloudFormation")[1]


def test_partitions_carry_through(written):
    _bundle, files, _folder = written["aws-cn-cross-account"]
    main = hcl2.load(io.StringIO(files[f"terraform/{SEED_ACCOUNT}/main.tf"]))
    assert main["provider"][0]['"aws"']["region"] == '"cn-north-1"'
    template = yaml.safe_load(files[f"cloudformation-{SEED_ACCOUNT}.yaml"])
    arns = json.dumps(template["Resources"])
    assert "arn:aws-cn:" in arns and "arn:aws:" not in arns
    assert "--region cn-north-1 --template-file" in files["README.md"]


def test_split_policy_parts_each_get_a_policy_and_an_attachment(written):
    bundle, files, _folder = written["split"]
    parts = [d.filename for d in bundle.documents if d.kind == "identity"]
    assert len(parts) > 1
    main = hcl2.load(io.StringIO(files["terraform/main.tf"]))
    resources = blocks(main, "resource")
    assert sum(t == "aws_iam_policy" for t, _n, _b in resources) == len(parts)
    assert sum(t == "aws_iam_role_policy_attachment" for t, _n, _b in resources) == len(parts)
    template = yaml.safe_load(files["cloudformation.yaml"])
    assert len(template["Resources"]) == len(parts)


def test_users_are_attached_as_users(written):
    _bundle, files, _folder = written["aws-us-gov-users"]
    main = hcl2.load(io.StringIO(files["terraform/main.tf"]))
    users = [b["user"] for t, _n, b in blocks(main, "resource") if t == "aws_iam_user_policy_attachment"]
    assert users == ['"ci-writer"']
    template = yaml.safe_load(files["cloudformation.yaml"])
    assert template["Resources"]["ProducerPolicy"]["Properties"]["Users"] == ["ci-writer"]


def test_default_bundle_has_no_exports(seed):
    files = bundle_files(render_bundle(seed))
    assert not any(p.startswith(("terraform", "cloudformation")) for p in files)
    assert "Terraform" not in files["README.md"]


def test_formats_are_named_once_in_a_fixed_order():
    assert parse_formats(["cloudformation", "terraform", "cloudformation"]) == ("terraform", "cloudformation")
    assert parse_formats(["ALL"]) == ("terraform", "cloudformation")
    assert parse_formats([" Terraform "]) == ("terraform",)  # as a script may pass it, spaces and all
    assert parse_formats([]) == ()
    with pytest.raises(ValueError, match="format 'xml': choose one of terraform, cloudformation, all"):
        parse_formats(["xml"])


@pytest.mark.parametrize("text", ['plain', 'quote " and \\ backslash', "${var.x} and %{ if }", "line\nbreak\t",
                                  "\x1b]52;c;eA==\x07", "caf\u00e9 \u2028 \U0001f600"])
def test_hcl_and_yaml_strings_read_back_as_written(text):
    parsed = hcl2.load(io.StringIO(f"x = {hcl_string(text)}\n"))["x"]
    assert json.loads(parsed).replace("$${", "${").replace("%%{", "%{") == text
    assert yaml.safe_load(f"x: {quoted(text)}\n") == {"x": text}


def test_a_consumer_arn_known_only_once_registered_is_asked_for(written):
    _bundle, files, _folder = written["cross-account-several-streams"]
    variables = hcl2.load(io.StringIO(files[f"terraform/{SEED_ACCOUNT}/variables.tf"]))
    names = [json.loads(n) for v in variables["variable"] for n in v]
    assert names == ["consumer_resource_orders_arn", "consumer_resource_payments_arn"]
    body = variables["variable"][0]['"consumer_resource_orders_arn"']
    assert body["type"] == "string"
    assert unquote(body["description"]) == (
        f"The ARN of consumer partner-reader-{OTHER} of stream orders, as register-stream-consumer prints it "
        "(consumer-resource-policy-orders.json is put on it).")
    main = hcl2.load(io.StringIO(files[f"terraform/{SEED_ACCOUNT}/main.tf"]))
    arns = {b["resource_arn"] for t, _n, b in blocks(main, "resource")
            if t == "aws_kinesis_resource_policy" and "consumer-resource-policy" in b["policy"]}
    assert arns == {f"${{var.{name}}}" for name in names}
    assert f"terraform/{OTHER}/variables.tf" not in files
    template = yaml.safe_load(files[f"cloudformation-{SEED_ACCOUNT}.yaml"])
    parameters = template["Parameters"]
    assert len(parameters) == 2 and all(p["Type"] == "String" for p in parameters.values())
    orders = next(p for p in parameters.values() if "stream orders" in p["Description"])
    assert re.fullmatch(orders["AllowedPattern"],
                        f"arn:aws:kinesis:us-west-2:123456789012:stream/orders/consumer/partner-reader-{OTHER}:1700000000")
    for wrong in (f"arn:aws:kinesis:us-west-2:123456789012:stream/payments/consumer/partner-reader-{OTHER}:1",
                  "arn:aws:kinesis:us-west-2:123456789012:stream/orders/consumer/other:1",
                  f"arn:aws:kinesis:us-west-2:123456789012:stream/orders/consumer/partner-reader-{OTHER}"):
        assert not re.fullmatch(orders["AllowedPattern"], wrong)
    readme = files["README.md"]
    assert "as a variable" in readme and "--parameter-overrides" in readme
    assert "variable" not in written["alias"][1]["README.md"]


def test_several_accounts_readme_runs_each_module_from_the_bundle_folder(written):
    _bundle, files, _folder = written["cross-account-several-streams"]
    block = files["README.md"].split("### Terraform", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    assert block.splitlines() == [
        f"cd terraform/{SEED_ACCOUNT}", "terraform init && terraform plan", "terraform apply", "cd ../..",
        f"cd terraform/{OTHER}", "terraform init && terraform plan", "terraform apply", "cd ../..",
    ]


def test_the_streams_account_comes_before_the_keys_in_the_readme(written):
    """Accounts are listed in one order a reader can follow: the stream's owner first, then the key's."""
    _bundle, files, _folder = written["merged-key-other-account"]
    readme = files["README.md"]
    assert f"One root module per account (`terraform/{SEED_ACCOUNT}/`, `terraform/{KEY_ACCOUNT}/`)" in readme
    assert readme.index(f"cd terraform/{SEED_ACCOUNT}\n") < readme.index(f"cd terraform/{KEY_ACCOUNT}\n")


def test_key_note_is_in_one_module_only(written):
    _bundle, files, _folder = written["cross-account-several-streams"]
    assert "--merge-key-policy" in files[f"terraform/{SEED_ACCOUNT}/main.tf"]
    assert "--merge-key-policy" not in files[f"terraform/{OTHER}/main.tf"]


def test_a_merged_key_in_its_own_account_gets_a_module_with_only_the_key_policy(written):
    _bundle, files, _folder = written["merged-key-other-account"]
    main = hcl2.load(io.StringIO(files[f"terraform/{KEY_ACCOUNT}/main.tf"]))
    assert [t for t, _n, _b in blocks(main, "resource")] == ["aws_kms_key_policy"]
    assert f"cloudformation-{KEY_ACCOUNT}.yaml" not in files  # CloudFormation cannot set it
    assert f"cd terraform/{KEY_ACCOUNT}\n" in files["README.md"]


@pytest.mark.parametrize(("name", "expected"), [
    ("producer", "producer"), ("lambda-consumer", "lambda_consumer"), ("stream-a.b", "stream_a_b"),
    ("1st", "_1st"), ("_x", "_x"), ("a1b", "a1b")])
def test_terraform_labels(name, expected):
    assert label(name) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("lambda-consumer", "LambdaConsumer"), ("producer-2", "Producer2"), ("stream-my_stream.v2", "StreamMyStreamV2"),
    ("2x", "D2x"), ("--", "Document"), ("stream-myStream", "StreamMyStream")])
def test_cloudformation_logical_ids(name, expected):
    assert logical_id(name) == expected


def test_stack_names_are_valid_for_any_stream_name(seed):
    assert stack_name(render_bundle(_with(streams=("orders.v2_x",)))) == "kinesis-orders-v2-x-permissions"
    long_name = stack_name(render_bundle(_with(streams=("a" * 128,))))
    assert len(long_name) <= 128 and re.fullmatch(r"[A-Za-z][-A-Za-z0-9]*", long_name)
    assert long_name.endswith("a-permissions")
    assert stack_name(render_bundle(_with(streams=("_.-",)))) == "kinesis-permissions"
    cut_at_a_hyphen = stack_name(render_bundle(_with(streams=("a" * 107 + "_" + "b" * 20,))))
    assert cut_at_a_hyphen == "kinesis-" + "a" * 107 + "-permissions"


def test_yaml_writer_round_trips_every_shape():
    value = {"a": True, "b": None, "c": 12, "d": [], "e": {}, "f": [[1, "x"], {"k:v": "y", "z": [True]}],
             "g h": "i", "": "empty key"}
    assert yaml.safe_load(yaml_dump(value)) == value
    with pytest.raises(TypeError):
        yaml_dump({"x": object()})


def test_comments_stay_on_one_line():
    assert hcl_comment("a\nb\x1b") == "# a<U+000A>b<U+001B>"


@pytest.mark.parametrize("missing", [{"consumer": None}, {"consumer": None, "stream": None}])
def test_a_resource_policy_of_another_kind_is_asked_for_within_the_stream_owners_account(missing):
    bundle = _bundle("cross-account-several-streams")
    doc = replace(bundle.documents[-1], **missing)
    files = export_files(replace(bundle, documents=(*bundle.documents[:-1], doc)), ["cloudformation"], False)
    parameter = yaml.safe_load(files[f"cloudformation-{SEED_ACCOUNT}.yaml"])["Parameters"][
        "ConsumerResourcePaymentsResourcePolicyArn"]
    assert parameter["Description"] == f"The ARN {doc.filename} is put on ({doc.title})."
    assert re.fullmatch(parameter["AllowedPattern"], "arn:aws:kinesis:us-west-2:123456789012:stream/any/consumer/c:1")
    assert not re.fullmatch(parameter["AllowedPattern"], "arn:aws:kinesis:us-west-2:210987654321:stream/any")


def test_colliding_names_get_numbered_labels_and_ids(written):
    _bundle, files, _folder = written["names-that-collide"]
    main = hcl2.load(io.StringIO(files[f"terraform/{SEED_ACCOUNT}/main.tf"]))
    consumers = "consumer_resource_app_reader_210987654321_orders_v2"
    assert [n for _t, n, _b in blocks(main, "resource")] == [
        "consumer", "consumer_app_reader", "consumer_app_reader_2", "stream_orders_v2", "stream_orders_v2_2",
        consumers, f"{consumers}_2", f"{consumers}_3", f"{consumers}_4"]
    template = yaml.safe_load(files[f"cloudformation-{SEED_ACCOUNT}.yaml"])
    consumers = "ConsumerResourceAppReader210987654321OrdersV2ResourcePolicy"
    assert list(template["Resources"]) == [
        "ConsumerPolicy", "StreamOrdersV2ResourcePolicy", "StreamOrdersV2ResourcePolicy2",
        consumers, f"{consumers}2", f"{consumers}3", f"{consumers}4"]


def test_hcl_strings_are_escaped_exactly():
    assert hcl_string('a"b\\c\n\x7f\x9f\xa0${x}%{y}') == '"a\\"b\\\\c\\u000a\\u007f\\u009f\xa0$${x}%%{y}"'
    assert hcl_string_list(["a", "b"]) == '["a", "b"]'


def test_yaml_strings_are_escaped_exactly():
    text = 'a\n"\\\t\x00\x7f\x85\u2028\ufeff\U0001f600\xe9\uffff'
    assert quoted(text) == '"a\\n\\"\\\\\\t\\0\\x7f\\x85\\u2028\\ufeff\U0001f600\xe9\\uffff"'
    assert yaml.safe_load(f"x: {quoted(text)}\n") == {"x": text}


def test_owner_that_only_shares_gets_a_module_and_a_template_with_the_resource_policies(written):
    _bundle, files, _folder = written["owner-only-shares"]
    main = hcl2.load(io.StringIO(files[f"terraform/{SEED_ACCOUNT}/main.tf"]))
    assert {t for t, _n, _b in blocks(main, "resource")} == {"aws_kinesis_resource_policy"}
    template = yaml.safe_load(files[f"cloudformation-{SEED_ACCOUNT}.yaml"])
    assert {r["Type"] for r in template["Resources"].values()} == {"AWS::Kinesis::ResourcePolicy"}
    assert f"cd terraform/{SEED_ACCOUNT}" in files["README.md"]
    assert f"--template-file cloudformation-{SEED_ACCOUNT}.yaml" in files["README.md"]


@pytest.mark.parametrize("fan_out", [False, True])
def test_the_consumer_arn_is_asked_for_only_when_a_consumer_policy_needs_it(fan_out):
    """A reader in another account with fan-out gets a registered consumer's resource policy, whose ARN only the
    registration prints: the README says to give it as a variable or parameter. Without fan-out there is no such
    policy (the stream's own policy carries its ARN), and the README must not ask for one."""
    reader = Principal(f"arn:aws:iam::{OTHER}:role/partner-reader", ("consumer",))
    answers = _with(fan_out=fan_out, principals=(reader,))
    readme = bundle_files(render_bundle(answers), False, ["terraform", "cloudformation"])["README.md"]
    assert readme.count("asks for the consumer's ARN") == (2 if fan_out else 0)


@pytest.mark.parametrize("name", ["merged-key-other-account", "merged-alias", "key-arn-other-account", "seed"])
def test_the_names_listed_before_a_save_are_the_files_it_writes(name):
    """The review step, the save question and `generate --force` list or count files by `bundle_file_names`; with a
    merged key policy in another account, Terraform writes a module there too, which the list used to leave out
    (so `--force` counted that module's files among those it removes)."""
    bundle = _bundle(name)
    formats = ["terraform", "cloudformation"]
    assert sorted(bundle_file_names(bundle, formats)) == sorted(bundle_files(bundle, bundle.merge is not None, formats))
