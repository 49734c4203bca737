"""What every export must be, checked with the formats' own parsers (python-hcl2, PyYAML).

Given a bundle and the files written for it, each Terraform root module and CloudFormation template
must parse, create exactly the resources the bundle's documents call for, in the right account,
and embed documents equal to the bundle's JSON files. Nothing here re-implements the renderers:
expectations come from the bundle's documents and resolved answers.
"""

from __future__ import annotations

import io
import json
import posixpath
import re
from typing import Any

import hcl2
import yaml

from wizard.core.readme import policy_name
from wizard.core.render import Bundle

FILE_EXPR = re.compile(r'^\$\{file\("\$\{path\.module\}/([^"]+)"\)\}$')
REF_EXPR = re.compile(r"^\$\{([a-z0-9_]+)\.([A-Za-z0-9_]+)\.([a-z_]+)\}$")
DATA_REF_EXPR = re.compile(r"^\$\{data\.aws_kms_alias\.([A-Za-z0-9_]+)\.target_key_id\}$")


def unquote(value: Any) -> Any:
    """An HCL string literal as python-hcl2 gives it ('"text"') as its text; anything else as is."""
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return json.loads(value).replace("$${", "${").replace("%%{", "%{")
    return value


def blocks(parsed: dict[str, Any], kind: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(type, label, body) of each `resource`/`data` block, labels unquoted."""
    out = []
    for entry in parsed.get(kind, []):
        for type_, by_label in entry.items():
            for name, body in by_label.items():
                out.append((unquote(type_), unquote(name), body))
    return out


def expected_placement(bundle: Bundle, merged: bool) -> dict[str, dict[str, Any]]:
    """account -> {"identity": {filename: {(kind, name), ...}}, "key": filename|None, "resource": {filename}}."""
    r = bundle.resolved
    out: dict[str, dict[str, Any]] = {}

    def account(a: str) -> dict[str, Any]:
        return out.setdefault(a, {"identity": {}, "key": None, "resource": set()})

    for doc in bundle.documents:
        if doc.kind == "identity":
            for p in doc.principals:
                account(p.account)["identity"].setdefault(doc.filename, set()).add((p.kind, p.name))
        elif doc.kind == "key":
            account(r.key.account)["key"] = doc.filename
        else:
            account(r.account)["resource"].add(doc.filename)
    return out


def check_terraform(bundle: Bundle, files: dict[str, str], merged: bool) -> set[str]:
    """Assert the Terraform modules apply exactly the bundle; returns the JSON files they read."""
    r = bundle.resolved
    docs = {d.filename: d for d in bundle.documents}
    placement = expected_placement(bundle, merged)
    several = len(placement) > 1
    modules = sorted({posixpath.dirname(p) for p in files if p.startswith("terraform/") and p.endswith(".tf")})
    read: set[str] = set()
    expected_modules = set()
    for account, wanted in placement.items():
        if wanted["identity"] or wanted["resource"] or (wanted["key"] and merged):
            expected_modules.add(f"terraform/{account}" if several else "terraform")
    assert set(modules) == expected_modules
    for folder in modules:
        account = folder.rsplit("/", 1)[-1] if several else next(iter(placement))
        wanted = placement[account]
        versions = hcl2.load(io.StringIO(files[f"{folder}/versions.tf"]))
        aws = versions["terraform"][0]["required_providers"][0]["aws"]
        assert unquote(aws["source"]) == "hashicorp/aws"
        assert re.fullmatch(r">= 5\.\d+", unquote(aws["version"])), aws  # any 5.x that has every resource
        main = hcl2.load(io.StringIO(files[f"{folder}/main.tf"]))
        provider = main["provider"][0]['"aws"']
        assert unquote(provider["region"]) == r.region
        assert [unquote(a) for a in provider["allowed_account_ids"]] == [account]
        resources = blocks(main, "resource")
        by_address = {(t, n): body for t, n, body in resources}
        assert len(by_address) == len(resources), "duplicate resource addresses"

        def policy_file(body: dict[str, Any], folder: str = folder) -> str:
            match = FILE_EXPR.match(body["policy"])
            assert match, body["policy"]
            path = posixpath.normpath(posixpath.join(folder, match.group(1)))
            assert path in docs, path  # a bundle document, read from the bundle folder
            assert json.loads(files[path]) == docs[path].body
            read.add(path)
            return path

        policies = {n: policy_file(b) for t, n, b in resources if t == "aws_iam_policy"}
        assert sorted(policies.values()) == sorted(wanted["identity"])
        attached: dict[str, set[tuple[str, str]]] = {}
        for type_, _name, body in resources:
            kind = {"aws_iam_role_policy_attachment": "role", "aws_iam_user_policy_attachment": "user"}.get(type_)
            if kind:
                ref = REF_EXPR.match(body["policy_arn"])
                assert ref and ref.group(1) == "aws_iam_policy" and ref.group(3) == "arn", body
                attached.setdefault(policies[ref.group(2)], set()).add((kind, unquote(body[kind])))
        assert attached == wanted["identity"]
        for type_, name, body in resources:
            if type_ == "aws_iam_policy":  # the same name the README's create-policy command gives it
                assert unquote(body["name"]) == policy_name(r, docs[policies[name]])
        key_policies = [b for t, _n, b in resources if t == "aws_kms_key_policy"]
        if wanted["key"] and merged:
            (body,) = key_policies
            assert policy_file(body) == "key-policy.json"
            assert body["lifecycle"][0]["prevent_destroy"] is True
            if r.key.arn is None:
                data = {n: b for t, n, b in blocks(main, "data") if t == "aws_kms_alias"}
                ref = DATA_REF_EXPR.match(body["key_id"])
                assert ref and unquote(data[ref.group(1)]["name"]) == r.key.alias
            else:
                assert r.key.arn.endswith("key/" + unquote(body["key_id"]))
        else:
            assert key_policies == []
            assert "aws_kms_alias" not in {t for t, _n, _b in blocks(main, "data")}
        streams = {}
        for type_, _name, body in resources:
            if type_ == "aws_kinesis_resource_policy":
                path = policy_file(body)
                doc = docs[path]
                arn = unquote(body["resource_arn"])
                if doc.kind == "stream":
                    assert arn == doc.stream.arn
                else:  # an ARN known only once registered: a variable the user gives
                    assert re.fullmatch(r"\$\{var\.[A-Za-z0-9_]+\}", arn), arn
                streams[path] = arn
        assert set(streams) == wanted["resource"]
        assert set(type_ for type_, _n, _b in resources) <= {
            "aws_iam_policy", "aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment",
            "aws_kms_key_policy", "aws_kinesis_resource_policy"}
    return read


def _walk_keys(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [*value, *(k for v in value.values() for k in _walk_keys(v))]
    if isinstance(value, list):
        return [k for v in value for k in _walk_keys(v)]
    return []


def check_cloudformation(bundle: Bundle, files: dict[str, str]) -> None:
    """Assert each template creates exactly its account's share of the bundle, documents literal."""
    docs = {d.filename: d for d in bundle.documents}
    placement = expected_placement(bundle, merged=False)
    several = len(placement) > 1
    templates = {p: t for p, t in files.items() if p.startswith("cloudformation")}
    expected = {(f"cloudformation-{a}.yaml" if several else "cloudformation.yaml")
                for a, w in placement.items() if w["identity"] or w["resource"]}
    assert set(templates) == expected
    for path, text in templates.items():
        account = path.removeprefix("cloudformation-").removesuffix(".yaml") if several else next(iter(placement))
        wanted = placement[account]
        template = yaml.safe_load(text)
        assert template["AWSTemplateFormatVersion"] == "2010-09-09"
        assert account in template["Description"]
        assert len(template["Description"].encode()) <= 1024
        if any(d.kind == "key" for d in bundle.documents):
            assert "key policy" in template["Description"] and "put-key-policy" in template["Description"]
        identity: dict[str, set[tuple[str, str]]] = {}
        resource: set[str] = set()
        for logical, res in template["Resources"].items():
            assert re.fullmatch(r"[A-Za-z0-9]+", logical)
            props = res["Properties"]
            if res["Type"] == "AWS::IAM::ManagedPolicy":
                body = props["PolicyDocument"]
                # the same name the README's create-policy command gives it
                (doc,) = [d for d in docs.values() if d.kind == "identity"
                          and policy_name(bundle.resolved, d) == props["ManagedPolicyName"]]
                assert body == doc.body, logical
                got = {("role", n) for n in props.get("Roles", [])} | {("user", n) for n in props.get("Users", [])}
                identity[doc.filename] = got
                assert all(props[k] for k in ("Roles", "Users") if k in props), "an empty list of principals"
            else:
                assert res["Type"] == "AWS::Kinesis::ResourcePolicy", res["Type"]
                body = props["ResourcePolicy"]
                match = [d for d in docs.values() if d.kind not in ("identity", "key") and d.body == body
                         and (d.kind != "stream" or d.stream.arn == props["ResourceArn"])]
                assert len(match) == 1, f"{logical}: not one bundle document"
                doc = match[0]
                if doc.kind == "stream":
                    assert props["ResourceArn"] == doc.stream.arn
                else:
                    ref = props["ResourceArn"]
                    assert set(ref) == {"Ref"} and ref["Ref"] in template["Parameters"]
                resource.add(doc.filename)
            for k in _walk_keys(body):  # literal: no intrinsic function inside a policy document
                assert k != "Ref" and not k.startswith("Fn::"), k
        assert identity == wanted["identity"]
        assert resource == wanted["resource"]
