"""What a user reads when a bundle cannot be read, verified or written: each message in full, naming the file,
the entries at fault and the rule, with long lists cut at a stated number."""

from __future__ import annotations

import hashlib
import io
import json
import sys

import pytest
from conftest import seed_answers

from wizard.core.bundle import load_answers, write_bundle
from wizard.core.bundle_folder import read_manifest, verify_bundle
from wizard.core.errors import BundleError, BundleExistsError, InputError
from wizard.core.inputs import MAX_INPUT_BYTES
from wizard.core.model import Answers, Principal, add_principal_role
from wizard.core.render import render_bundle

SHA = hashlib.sha256(b"").hexdigest()


def _manifest(folder, files) -> None:
    folder.mkdir(exist_ok=True)
    (folder / "manifest.json").write_text(json.dumps({"tool": "kinesis-kms-wizard", "files": files}))


def test_an_answers_file_with_a_bad_value_is_refused_naming_the_file_or_stdin(tmp_path, monkeypatch):
    path = tmp_path / "answers.json"
    path.write_text('{"streams": ["a", 3]}')
    with pytest.raises(InputError) as caught:
        load_answers(str(path))
    assert str(caught.value) == f"{path}: streams[1]: expected a string, got a number"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"streams": ["a", 3]}')))
    with pytest.raises(InputError) as caught:
        load_answers("-")
    assert str(caught.value) == "stdin: streams[1]: expected a string, got a number"


def test_a_huge_answers_file_or_manifest_is_refused_saying_what_it_should_have_been(tmp_path):
    path = tmp_path / "answers.json"
    path.write_bytes(b" " * (MAX_INPUT_BYTES + 1))
    with pytest.raises(InputError) as caught:
        load_answers(str(path))
    assert str(caught.value) == (f"{path} is larger than 1 MiB, far more than an answers file needs; nothing was "
                                 "read from it")
    (tmp_path / "manifest.json").write_bytes(b" " * (MAX_INPUT_BYTES + 1))
    with pytest.raises(InputError) as caught:
        read_manifest(tmp_path)
    assert str(caught.value) == (f"{tmp_path / 'manifest.json'} is larger than 1 MiB, far more than a manifest "
                                 "needs; nothing was read from it")


def test_a_manifest_entry_that_cannot_be_a_bundle_file_is_named(tmp_path):
    _manifest(tmp_path, {"../x.json": SHA, "ok.json": SHA})
    with pytest.raises(InputError) as caught:
        read_manifest(tmp_path)
    assert str(caught.value) == (f"{tmp_path / 'manifest.json'} lists 1 entry that cannot be a bundle's file "
                                 "(a file name with a sha256): '../x.json'")


def test_many_bad_manifest_entries_are_counted_and_the_first_five_named(tmp_path):
    _manifest(tmp_path, {f"../{n}.json": SHA for n in range(7)})
    with pytest.raises(InputError) as caught:
        read_manifest(tmp_path)
    assert str(caught.value) == (
        f"{tmp_path / 'manifest.json'} lists 7 entries that cannot be a bundle's file (a file name with a sha256): "
        "'../0.json', '../1.json', '../2.json', '../3.json', '../4.json'")


@pytest.mark.parametrize(("missing", "more"), [(20, ""), (21, "\n  ... and 1 more"), (25, "\n  ... and 5 more")])
def test_a_bundle_missing_many_files_lists_twenty_and_counts_the_rest(tmp_path, missing, more):
    names = [f"p{n:02d}.json" for n in range(missing)]
    _manifest(tmp_path, dict.fromkeys(names, SHA))
    with pytest.raises(InputError) as caught:
        verify_bundle(tmp_path)
    listed = "\n  ".join(f"{name}: missing, or not a regular file" for name in names[:20])
    assert str(caught.value) == f"{tmp_path} is not the bundle its manifest.json describes:\n  {listed}{more}"


def test_answers_with_problems_are_never_written_and_every_problem_is_listed(tmp_path):
    bundle = render_bundle(Answers("mars-1", "12", "", ("MyStream",), (Principal("p", ("producer",)),)))
    with pytest.raises(BundleError) as caught:
        write_bundle(bundle, tmp_path / "out")
    assert str(caught.value) == "the answers have problems:\n" + "\n".join(f"  {p}" for p in bundle.problems)
    assert len(bundle.problems) == 3
    assert not (tmp_path / "out").exists()


def test_by_default_a_bundle_is_not_written_over_a_folder_and_says_it_is_not_merged(tmp_path):
    bundle = render_bundle(seed_answers())
    out = tmp_path / "out"
    write_bundle(bundle, out)
    assert json.loads((out / "manifest.json").read_text())["key_policy_merged"] is False
    (out / "notes.txt").write_text("mine")
    with pytest.raises(BundleExistsError):
        write_bundle(bundle, out)
    assert (out / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize(("flags", "principals"), [
    # one role named by several flags is one principal with each role
    ([("a", "producer", None), ("b", "producer", None), ("b", "consumer", None)],
     (Principal("a", ("producer",)), Principal("b", ("producer", "consumer")))),
    ([("b", "consumer", None), ("b", "consumer", None)], (Principal("b", ("consumer",)),)),
    # a service reader keeps its service when also named as a producer, or by another plain flag
    ([("r", "consumer", "lambda"), ("r", "producer", None)], (Principal("r", ("consumer", "producer"), "lambda"),)),
    ([("r", "consumer", None), ("r", "consumer", "flink")], (Principal("r", ("consumer",), "flink"),)),
    # two services for one role stay two entries, so the validator can say so
    ([("r", "consumer", "lambda"), ("r", "consumer", "flink"), ("r", "admin", None)],
     (Principal("r", ("consumer", "admin"), "lambda"), Principal("r", ("consumer",), "flink"))),
])
def test_flags_naming_one_role_several_times_give_one_principal_each(flags, principals):
    out: tuple[Principal, ...] = ()
    for ref, role, service in flags:
        out = add_principal_role(out, ref, role, service)
    assert out == principals


def test_an_answers_file_may_leave_out_principals_and_fan_out_and_give_one_stream_as_a_string(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text('{"region": "us-west-2", "streams": "orders"}')
    answers = load_answers(str(path))
    assert (answers.streams, answers.principals, answers.fan_out) == (("orders",), (), True)


@pytest.mark.parametrize(("text", "message"), [
    ("[1]", "expected a JSON object with the answers, got a list"),
    ('"x"', "expected a JSON object with the answers, got a string"),
    ('{"principals": {"a": 1}}', "principals: expected a list, got an object"),
    ('{"fan_out": "yes"}', "fan_out: expected true or false, got a string"),
    ('{"fan_out": 1.5}', "fan_out: expected true or false, got a number"),
    # a number of 100 digits is still read (and refused for its type); 101 are refused unread
    ('{"fan_out": ' + "9" * 100 + "}", "fan_out: expected true or false, got a number"),
    ('{"fan_out": ' + "9" * 101 + "}", "a number of 101 digits; numbers here have at most 100"),
])
def test_an_answers_file_of_the_wrong_shape_is_refused_by_name(tmp_path, text, message):
    path = tmp_path / "answers.json"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        load_answers(str(path))
    assert str(caught.value) == f"{path}: {message}"


@pytest.mark.parametrize(("length", "shown"), [(80, "'{}'"), (81, "'{}…'")])
def test_a_long_bad_entry_is_named_whole_up_to_80_characters_then_cut(tmp_path, length, shown):
    name = "../" + "x" * (length - 3)
    _manifest(tmp_path, {name: SHA})
    with pytest.raises(InputError) as caught:
        read_manifest(tmp_path)
    assert str(caught.value).endswith(": " + shown.format(name[:80]))
