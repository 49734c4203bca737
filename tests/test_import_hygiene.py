"""The core and `generate` import none of the interactive faces' libraries, nor boto3 without --from-aws."""

from __future__ import annotations

import json
import subprocess
import sys

FORBIDDEN = ("textual", "rich", "questionary", "prompt_toolkit", "pyperclip", "boto3", "botocore")

SCRIPT = r"""
import importlib, json, pkgutil, sys, tempfile
import wizard.core
names = ["wizard.core"]
for info in pkgutil.walk_packages(wizard.core.__path__, "wizard.core."):
    importlib.import_module(info.name)
    names.append(info.name)
import wizard.cli
out = tempfile.mkdtemp()
code = wizard.cli.main(["generate", "--region", "us-west-2", "--account", "123456789012",
                        "--key", "1234abcd-12ab-34cd-56ef-1234567890ab", "--stream", "MyStream",
                        "--producer", "p", "--consumer", "c", "--admin", "a", "--out", out + "/b"])
loaded = sorted({m.split(".")[0] for m in sys.modules})
print(json.dumps({"code": code, "modules": names, "loaded": loaded}))
"""


def test_core_and_generate_import_no_ui_library():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == 0
    assert {"wizard.core.validate", "wizard.core.policies.key_policy", "wizard.core.bundle"} <= set(result["modules"])
    assert [m for m in FORBIDDEN if m in result["loaded"]] == []


HIDE_BOTO3 = "import sys; sys.modules['boto3'] = None; sys.modules['botocore'] = None; import wizard.cli; "


def test_without_boto3_the_aws_features_say_how_to_enable_them(tmp_path):
    """With boto3 missing, --from-aws and apply name the extra to install; nothing else changes."""
    code = HIDE_BOTO3 + ("raise SystemExit(wizard.cli.main(['generate', '--from-aws', '--stream', 's', "
                         "'--producer', 'p', '--print', 'key']))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip() == ("kinesis-kms-wizard: the AWS features need boto3, which is not installed; "
                                   "install them with: pip install 'kinesis-kms-wizard[aws]'")
    code = HIDE_BOTO3 + ("raise SystemExit(wizard.cli.main(['generate', '--region', 'us-west-2', '--account', "
                         "'123456789012', '--key', 'alias/k', '--stream', 's', '--producer', 'p', '--out', 'b']))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    code = HIDE_BOTO3 + "raise SystemExit(wizard.cli.main(['apply', 'b', '--dry-run']))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip().endswith("install them with: pip install 'kinesis-kms-wizard[aws]'")
