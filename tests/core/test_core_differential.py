"""Our evaluator against an independent one: @cloud-copilot/iam-simulate, over every bundle and check fixture.

The same requests (every principal and both strangers × every operation of the access table and
of `check`, plus KMS calls made wrong on purpose: another Region's Kinesis, another service,
no encryption context, another key, another alias) go through both. Every disagreement must be
listed in EXPLAINED with the AWS documentation that decides it; there are none today.

iam-simulate is AGPL-3.0-or-later, installed by .ci/run into tests/differential/node_modules
for the tests only; it is never shipped with the tool.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from check_fixtures import FIXTURES
from evaluator_corners import CORNERS
from matrix import CASES, setting_of

from wizard.core.access import DESCRIBE_KEY, SUPPORT, TABLE, Setting, Who, requests_for, strangers
from wizard.core.evaluate import ALLOWED, DENIED, UNKNOWN, Request, Source, evaluate, full_context

pytestmark = pytest.mark.external  # an outside tool's verdict; left out of mutation runs (pyproject)
HERE = Path(__file__).resolve().parent.parent / "differential"
SIMULATOR = HERE / "simulate.mjs"

# (case id or fixture name, principal ARN suffix, action, resource suffix) -> the AWS page that decides it.
EXPLAINED: dict[tuple[str, str, str, str], str] = {}


def _simulator_ready() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed"
    if not (HERE / "node_modules" / "@cloud-copilot" / "iam-simulate").is_dir():
        return "tests/differential has no node_modules (run: npm ci --prefix tests/differential)"
    return None


def _policy_json(source: Source | None):
    return None if source is None else source.body


def _request_json(rid: int, request: Request, identity: tuple[Source, ...], policy: Source | None) -> dict:
    context = {k: list(v) if isinstance(v, tuple) else v for k, v in full_context(request).items()}
    return {"id": rid, "principal": request.principal, "action": request.action, "resource": request.resource,
            "resourceAccount": request.resource_account, "context": context,
            "identity": [{"name": s.name, "policy": s.body} for s in identity],
            "resourcePolicy": _policy_json(policy)}


def _wrong_kms_calls(setting: Setting, who: Who) -> list[tuple[Request, Source | None]]:
    """KMS calls that are almost right: each must be judged alike by both evaluators."""
    stream = setting.streams[0]
    out = []
    for action in ("kms:GenerateDataKey", "kms:Decrypt"):
        op = next(o for o in TABLE if o.action == action and o.call == "via-kinesis")
        (base, policy), = requests_for(setting, who, op, stream)
        other_region = "us-east-2" if setting.region != "us-east-2" else "us-west-1"
        variants = [
            {**base.context, "kms:ViaService": f"kinesis.{other_region}.amazonaws.com"},
            {**base.context, "kms:ViaService": f"firehose.{setting.region}.amazonaws.com"},
            {k: v for k, v in base.context.items() if not k.startswith("kms:EncryptionContext")},
            {**base.context, "kms:ResourceAliases": ("alias/something-else",)},
        ]
        out += [(replace(base, context=c), policy) for c in variants]
        other_key = base.resource.rsplit("/", 1)[0] + "/00000000-0000-4000-8000-000000000000"
        out.append((replace(base, resource=other_key), policy))
    return out


def _requests(setting: Setting) -> list[tuple[Who, Request, Source | None]]:
    whos = list(setting.principals) + list(strangers(setting.partition, setting.account,
                                                     [p.arn for p in setting.principals]))
    out = []
    for who in whos:
        for op in (*TABLE, *SUPPORT.values(), DESCRIBE_KEY):
            for stream in setting.streams if op.per_stream else (None,):
                out += [(who, r, p) for r, p in requests_for(setting, who, op, stream)]
        out += [(who, r, p) for r, p in _wrong_kms_calls(setting, who)]
    return out


def _ours(setting: Setting, who: Who, request: Request, policy: Source | None) -> str:
    return evaluate(request, who.identity, policy).decision


def _settings() -> list[tuple[str, Setting]]:
    out = [(case.id, setting_of(case)) for case in CASES]
    out += [(f"check:{f.name}", f.setting()) for f in FIXTURES]
    return out


def test_no_disagreement_with_iam_simulate(record_property):
    reason = _simulator_ready()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the differential test: {reason}")
        pytest.skip(reason)
    batch, ours, where = [], [], []
    for name, setting in _settings():
        for who, request, policy in _requests(setting):
            if request.probes:  # a key known only by alias: both judge one concrete key ARN
                request = replace(request, resource=request.probes[0], probes=())
            batch.append(_request_json(len(batch), request, who.identity, policy))
            ours.append(_ours(setting, who, request, policy))
            where.append((name, request))
    for name, request, identity, policy, _expected in CORNERS:
        batch.append(_request_json(len(batch), request, identity, policy))
        ours.append(evaluate(request, identity, policy).decision)
        where.append((f"corner:{name}", request))
    done = subprocess.run(["node", str(SIMULATOR)], input=json.dumps(batch), capture_output=True, text=True,
                          check=False, timeout=600)
    assert done.returncode == 0, done.stderr
    theirs = {r["id"]: r for r in json.loads(done.stdout)}
    disagreements, explained, compared, unknown = [], [], 0, 0
    for rid, decision in enumerate(ours):
        name, request = where[rid]
        result = theirs[rid]
        if result["result"] == "error":
            disagreements.append((name, request, decision, f"simulator refused: {result['errors']}"))
            continue
        if decision == UNKNOWN:
            unknown += 1
            continue
        compared += 1
        their = ALLOWED if result["result"] == "Allowed" else DENIED
        if their != decision:
            key = (name, request.principal.rsplit(":", 1)[-1], request.action, request.resource.rsplit(":", 1)[-1])
            (explained if key in EXPLAINED else disagreements).append((name, request, decision, result["result"]))
    summary = f"{compared} requests compared, {unknown} unknown to us, {len(disagreements)} disagreements, " \
              f"{len(explained)} explained"
    record_property("differential", summary)
    print(summary)
    assert compared > 2000, summary
    assert not disagreements, "\n".join(
        f"{name}: {r.principal} {r.action} {r.resource} {dict(r.context)}: ours {d}, iam-simulate {t}"
        for name, r, d, t in disagreements[:200])


def test_the_simulator_sees_what_we_see():
    """A guard on the harness: a request both must deny and one both must allow, so a broken bridge fails."""
    reason = _simulator_ready()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the differential test: {reason}")
        pytest.skip(reason)
    setting = setting_of(CASES[0])
    consumer = next(p for p in setting.principals if "consumer" in p.roles)
    op = next(o for o in TABLE if o.label == "Decrypt via Kinesis")
    (request, policy), = requests_for(setting, consumer, op, setting.streams[0])
    wrong = replace(request, context={**request.context,
                                      "kms:EncryptionContext:aws:kinesis:arn": setting.other_stream().arn})
    batch = [_request_json(0, request, consumer.identity, policy), _request_json(1, wrong, consumer.identity, policy)]
    done = subprocess.run(["node", str(SIMULATOR)], input=json.dumps(batch), capture_output=True, text=True,
                          check=True, timeout=120)
    results = [r["result"] for r in json.loads(done.stdout)]
    assert results == ["Allowed", "ImplicitlyDenied"]
    assert [evaluate(r, consumer.identity, policy).decision for r in (request, wrong)] == [ALLOWED, DENIED]
