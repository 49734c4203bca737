"""What a bundle write tells the user, each message in full: a manifest --force cannot trust (broken, or listing
names this tool never writes, the first five named); every file of theirs in the new bundle's way, kept and named,
also after one of their folders was; a file that cannot be carried over, refused by name; what Ctrl-C reports this
run wrote; a named pipe at a bundle file's name, reported at once rather than waited on; and the whole manifest of a
verified bundle, whose answers apply builds from."""

from __future__ import annotations

import errno
import hashlib
import json
import os

import pytest
from conftest import seed_answers
from test_core_bundle_folder import bundle_a, bundle_b, leftovers, snapshot

from wizard.core.bundle import write_bundle
from wizard.core.bundle_folder import forget_written, interrupted_message, verify_bundle, write_folder
from wizard.core.errors import BundleError, InputError
from wizard.core.model import answers_from_dict
from wizard.core.render import render_bundle

TOOL = "kinesis-kms-wizard"


def test_a_broken_manifest_is_named_and_trusted_for_nothing(tmp_path):
    out = tmp_path / "b"
    out.mkdir()
    (out / "manifest.json").write_text("{broken")
    (out / "README.md").write_text("mine\n")
    notes: list[str] = []
    write_folder(bundle_b(), out, force=True, note=notes.append)
    assert sorted(notes) == [
        f"kept your README.md (not written by {TOOL}) as README.md.orig",
        f"kept your manifest.json (not written by {TOOL}) as manifest.json.orig",
        f"manifest.json in {out} is not a manifest of {TOOL}; nothing it lists is removed",
    ]
    assert (out / "manifest.json.orig").read_text() == "{broken"


def test_manifest_entries_this_tool_never_writes_are_named_five_at_most(tmp_path):
    out = tmp_path / "b"
    out.mkdir()
    digest = hashlib.sha256(b"").hexdigest()
    bad = [f"../{n}.json" for n in range(1, 7)]
    (out / "manifest.json").write_text(json.dumps({"tool": TOOL, "files": dict.fromkeys(bad, digest)}))
    notes: list[str] = []
    write_folder(bundle_b(), out, force=True, note=notes.append)
    assert notes == ["manifest.json lists '../1.json', '../2.json', '../3.json', '../4.json', '../5.json', which "
                     f"{TOOL} never writes; ignored"]


def test_every_file_in_the_new_bundles_way_is_kept_also_after_a_folder_was(tmp_path):
    """ACCESS.md (a folder of the user's) and README.md (a file of theirs) are both where the new bundle writes: the
    folder is kept whole, and the file after it too, each said once as kept in the user's way."""
    out = tmp_path / "b"
    (out / "ACCESS.md").mkdir(parents=True)
    (out / "ACCESS.md" / "draft.txt").write_text("draft\n")
    (out / "README.md").write_text("mine\n")
    notes: list[str] = []
    write_folder(bundle_b(), out, force=True, note=notes.append)
    assert (out / "ACCESS.md.orig" / "draft.txt").read_text() == "draft\n"
    assert (out / "README.md.orig").read_text() == "mine\n"
    assert sorted(notes) == [f"kept your ACCESS.md (not written by {TOOL}) as ACCESS.md.orig",
                             f"kept your README.md (not written by {TOOL}) as README.md.orig"]


def test_a_file_that_cannot_be_linked_into_the_new_bundle_is_refused_by_name(tmp_path, monkeypatch):
    """A file of the user's with as many hard links as its file system allows cannot be carried over: nothing is
    written, and the message names it, why, and what to do."""
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    (out / "notes.txt").write_text("mine\n")
    before = snapshot(out)
    real_link = os.link

    def link(src, dest, **kwargs):
        if os.path.basename(src) == "notes.txt":
            raise OSError(errno.EMLINK, os.strerror(errno.EMLINK))
        return real_link(src, dest, **kwargs)

    monkeypatch.setattr(os, "link", link)
    with pytest.raises(BundleError) as refused:
        write_folder(bundle_b(), out, force=True)
    monkeypatch.undo()
    assert str(refused.value) == (
        f"cannot keep notes.txt in the new bundle ({os.strerror(errno.EMLINK)}): the user's files are carried over as "
        f"the same files (hard links). Move it out of {out}, or write the bundle to another folder; nothing was "
        "written")
    assert snapshot(out) == before and leftovers(out) == []


def test_ctrl_c_names_every_folder_this_run_wrote_or_says_nothing_was(tmp_path):
    forget_written()
    try:
        assert interrupted_message() == "interrupted; nothing was written"
        write_folder(bundle_a(), tmp_path / "a")
        write_folder(bundle_b(), tmp_path / "b")
        assert interrupted_message() == (f"interrupted after the bundle was written to {tmp_path / 'a'}, "
                                         f"{tmp_path / 'b'}")
    finally:
        forget_written()
    assert interrupted_message() == "interrupted; nothing was written"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.timeout(10)  # on failure: checking would wait forever for a writer to open the pipe
def test_a_named_pipe_at_a_bundle_files_name_is_reported_at_once(tmp_path):
    out = tmp_path / "b"
    write_folder(bundle_a(), out)
    (out / "README.md").unlink()
    os.mkfifo(out / "README.md")
    with pytest.raises(InputError) as caught:
        verify_bundle(out)
    assert str(caught.value) == (f"{out} is not the bundle its manifest.json describes:\n"
                                 "  README.md: missing, or not a regular file")


def test_a_verified_bundle_gives_back_the_answers_it_was_made_from(tmp_path):
    """apply rebuilds the documents from the manifest of a verified bundle: its answers are the ones given."""
    answers = seed_answers()
    write_bundle(render_bundle(answers), tmp_path / "b")
    assert answers_from_dict(verify_bundle(tmp_path / "b").data) == answers
