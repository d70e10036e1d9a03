"""The evidence export: a ZIP of every current document version's file, whose index and sums
read back and match the stored files, and whose member names stay inside the chosen folder
whatever names the project stores."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import zipfile
from pathlib import Path, PurePosixPath

import pytest

from aims_desktop.cli import main
from aims_desktop.domain.file_names import archive_names
from aims_desktop.services import documents, registers
from aims_desktop.services.evidence_export import (
    INDEX_HEADER,
    EvidenceExportCancelled,
    EvidenceExportFailed,
    export_evidence,
    export_file_evidence,
)
from aims_desktop.services.project import close_project, new_project, open_project, save_project

HOSTILE = (
    "../../x",
    "/etc/passwd",
    "C:\\x",
    "C:\\Windows\\System32\\evil.dll",
    "..\\..\\boot.ini",
    "name\nwith a line break.txt",
    "carriage\rreturn.txt",
    "<b>markup</b> & <script>.pdf",
    "\u202egnp.exe",
    "..",
    "CON",
    "tab\there.txt",
)


def _index(archive: zipfile.ZipFile) -> list[dict[str, str]]:
    text = archive.read("index.csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == INDEX_HEADER
    return [dict(zip(INDEX_HEADER, row, strict=True)) for row in rows[1:]]


def _sums(archive: zipfile.ZipFile) -> dict[str, str]:
    lines = archive.read("SHA256SUMS").decode("utf-8").splitlines()
    return {line[66:]: line[:64] for line in lines}


def _assert_safe(name: str) -> None:
    path = PurePosixPath(name)
    assert not path.is_absolute() and not name.startswith(("/", "\\"))
    assert ".." not in path.parts and "\\" not in name and ":" not in name
    assert all(ord(c) >= 32 and c not in "\x7f\u202e" for c in name)
    assert len(path.parts) in (1, 2)


def test_the_demo_zip_holds_every_current_file_with_its_index_and_sums(
    demo_file: Path, tmp_path: Path
) -> None:
    result = export_file_evidence(demo_file, tmp_path / "evidence.zip")
    with zipfile.ZipFile(result.path) as archive:
        assert archive.testzip() is None
        index = _index(archive)
        sums = _sums(archive)
        stored = [r for r in index if r["File in the ZIP"]]
        assert len(stored) == 6 and len(index) == 26  # every document, with a file or not
        assert set(sums) == {r["File in the ZIP"] for r in stored}
        assert sorted(archive.namelist()) == sorted([*sums, "index.csv", "SHA256SUMS"])
        for row in stored:
            data = archive.read(row["File in the ZIP"])
            assert (
                hashlib.sha256(data).hexdigest() == row["SHA-256"] == sums[row["File in the ZIP"]]
            )
            assert len(data) == int(row["Size (bytes)"])
        # the version in force: the chatbot notice's approved 1.2, not the withdrawn 1.1
        notice = next(r for r in stored if "chatbot-notice" in r["File in the ZIP"])
        assert notice["Version"] == "1.2"
        assert all(not r["SHA-256"] and r["Note"] for r in index if not r["File in the ZIP"])

    # the same bytes as the project holds
    session = open_project(demo_file)
    try:
        for version in registers.records(session, "document_version"):
            sha = getattr(version, "sha256", "")
            if sha in sums.values():
                assert hashlib.sha256(documents.file_bytes(session, version.id)).hexdigest() == sha
    finally:
        close_project(session)


@pytest.fixture
def hostile_project(tmp_path: Path) -> Path:
    session = new_project("Hostile Names Ltd", user="tester")
    try:
        for n, name in enumerate(HOSTILE):
            copy = documents.store_bytes(session, f"file {n}: {name!r}".encode(), name)
            documents.add_document_with_file(session, copy, title=f"Document {n}")
        # three documents numbered alike, with names alike but for case: kept apart
        for n, name in enumerate(("policy.pdf", "Policy.PDF", "policy.pdf")):
            copy = documents.store_bytes(session, f"policy {n}".encode(), name)
            change = documents.add_document_with_file(session, copy, title=f"Policy {n}")
            registers.edit(session, "document", change.changes[0].entity_id, ref="../DOC-1")
        return save_project(session, tmp_path / "hostile.aims")
    finally:
        close_project(session)


def test_stored_names_never_leave_the_chosen_folder(hostile_project: Path, tmp_path: Path) -> None:
    result = export_file_evidence(hostile_project, tmp_path / "evidence.zip")
    chosen = tmp_path / "extracted"
    chosen.mkdir()
    with zipfile.ZipFile(result.path) as archive:
        names = archive.namelist()
        for name in names:
            _assert_safe(name)
        assert len({n.casefold() for n in names}) == len(names) == len(HOSTILE) + 3 + 2
        archive.extractall(chosen)
        index = _index(archive)
        sums = _sums(archive)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    outside = [p for p in written if chosen not in p.parents and p.parent != tmp_path]
    assert outside == []
    for row in index:
        path = chosen / row["File in the ZIP"]
        assert path.resolve().is_relative_to(chosen.resolve())
        data = path.read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["SHA-256"] == sums[row["File in the ZIP"]]
    # the three policies numbered alike sit apart, each with its own bytes
    policies = sorted(r["File in the ZIP"] for r in index if r["Title"].startswith("Policy"))
    assert policies == ["DOC-1/Policy (2).PDF", "DOC-1/policy (3).pdf", "DOC-1/policy.pdf"]
    assert len({r["SHA-256"] for r in index if r["Title"].startswith("Policy")}) == 3


def test_archive_names_are_safe_and_unique() -> None:
    wanted = [("DOC-1", name) for name in (*HOSTILE, "")]
    wanted += [("..", "x"), ("/abs", "y"), ("C:", "z")]
    names = archive_names(wanted)
    for name in names:
        _assert_safe(name)
    assert len(set(names)) == len(names)
    assert names[0] == "DOC-1/x" and names[1] == "DOC-1/passwd"
    assert names[-3:] == ["document/x", "abs/y", "document/z"]


def test_a_failed_or_cancelled_export_leaves_the_target_as_it_was(
    demo_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "evidence.zip"
    target.write_bytes(b"the previous export")
    session = open_project(demo_file)
    try:
        with pytest.raises(EvidenceExportCancelled):
            export_evidence(session, target, cancelled=lambda: True)
        with pytest.raises(EvidenceExportFailed) as failed:
            export_evidence(session, tmp_path / "missing" / "evidence.zip")
        assert failed.value.exit_code == 19
        seen: list[float] = []
        export_evidence(session, tmp_path / "new.zip", progress=lambda f, _m: seen.append(f))
        assert seen[-1] == 1.0 and seen == sorted(seen)
    finally:
        close_project(session)
    assert target.read_bytes() == b"the previous export"
    assert sorted(os.listdir(tmp_path)) == sorted(["evidence.zip", "new.zip", demo_file.name])


def test_cli_export_evidence(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "evidence.zip"
    assert main(["export-evidence", str(demo_file), "-o", str(out)]) == 0
    assert "Wrote 6 file(s)" in capsys.readouterr().out
    assert main(["export-evidence", str(demo_file), "-o", str(out)]) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["export-evidence", str(demo_file), "-o", str(out), "--force"]) == 0
    code = main(["export-evidence", str(demo_file), "-o", str(tmp_path / "no" / "e.zip")])
    assert code == 19
    assert "could not be written" in capsys.readouterr().err
    assert main(["export-evidence", str(tmp_path / "none.aims"), "-o", str(out), "--force"]) == 3
