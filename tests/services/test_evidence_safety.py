"""Document files from a stranger's project: names never escape their folder, only safe types
open, stored bytes are checked against their fingerprint, and only ordinary files are attached
(as a document's version, from the evidence box or the document register)."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from aims_desktop.domain.errors import RuleViolation
from aims_desktop.domain.evidence import opens_directly
from aims_desktop.domain.file_names import final_suffix, safe_base_name, safe_file_name
from aims_desktop.services import documents, evidence, registers
from aims_desktop.services.project import close_project, new_project, open_project, save_project
from aims_desktop.store.errors import Damaged, EvidenceNotAFile, EvidenceTooLarge

# -- names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "safe"),
    [
        ("../../x.txt", "x.txt"),
        ("/etc/cron.d/evil", "evil"),
        ("C:\\Windows\\System32\\evil.dll", "evil.dll"),
        ("C:evil.pdf", "evil.pdf"),
        ("..\\..\\startup\\run.bat", "run.bat"),
        ("policy.pdf\x00.exe", "policy.pdf.exe"),
        ("line\nbreak.txt", "linebreak.txt"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("invoice.exe.", "invoice.exe"),
        ("invoice.exe ", "invoice.exe"),
        ("invoice.exe. . ", "invoice.exe"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("COM1.pdf", "_COM1.pdf"),
        ("LPT9", "_LPT9"),
        ("report:stream.pdf", "report stream.pdf"),
        ("a<b>c|d?.pdf", "a b c d .pdf"),
        ("..", "evidence"),
        ("", "evidence"),
        ("///", "evidence"),
        ("Politique de données 2026.pdf", "Politique de données 2026.pdf"),
    ],
)
def test_a_stored_name_becomes_a_safe_base_name(stored: str, safe: str) -> None:
    assert safe_base_name(stored) == safe


def test_a_safe_name_is_short_enough_and_keeps_its_extension() -> None:
    name = safe_base_name("x" * 500 + ".pdf")
    assert len(name) <= 120 and name.endswith(".pdf")
    assert safe_file_name("A/B Testing: Ltd.") == "A B Testing Ltd"


# -- which types open ---------------------------------------------------------------------


PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
DOCX = b"PK\x03\x04" + b"\x00" * 20


@pytest.mark.parametrize(
    ("name", "head", "opens"),
    [
        ("policy.pdf", PDF, True),
        ("POLICY.PDF", PDF, True),
        ("chart.png", PNG, True),
        ("minutes.docx", DOCX, True),
        ("register.csv", b"id,risk\n1,bias\n", True),
        ("notes.txt", "Zápis z porady".encode(), True),
        ("policy.pdf", b"<html><script>", False),  # not what its name says
        ("notes.txt", b"MZ\x90\x00\x03\x00\x00\x00", False),
        ("invoice.exe", b"MZ", False),
        ("invoice.exe.", b"MZ", False),
        ("invoice.exe ", b"MZ", False),
        ("macro.docm", DOCX, False),
        ("page.html", b"<html>", False),
        ("logo.svg", b"<svg>", False),
        ("help.chm", b"ITSF", False),
        ("disk.iso", b"\x00", False),
        ("disk.img", b"\x00", False),
        ("disk.vhd", b"\x00", False),
        ("disk.vhdx", b"\x00", False),
        ("addin.xll", b"MZ", False),
        ("addin.xlam", DOCX, False),
        ("template.dotm", DOCX, False),
        ("app.appref-ms", b"x", False),
        ("x.settingcontent-ms", b"<", False),
        ("x.library-ms", b"<", False),
        ("setup.inf", b"[", False),
        ("x.wsh", b"[", False),
        ("x.jnlp", b"<", False),
        ("x.msix", DOCX, False),
        ("x.appx", DOCX, False),
        ("x.cab", b"MSCF", False),
        ("x.terminal", b"<", False),
        ("x.webloc", b"<", False),
        ("x.workflow", b"<", False),
        ("no extension", b"text", False),
        (".pdf", PDF, False),
    ],
)
def test_only_allow_listed_types_that_look_like_their_type_open(
    name: str, head: bytes, opens: bool
) -> None:
    assert opens_directly(safe_base_name(name), head) is opens
    assert final_suffix("invoice.exe. ") == ".exe"


def _stranger_file(demo_file: Path, file_name: str, data: bytes | None = None) -> Path:
    """The demo project with its first stored file renamed (and its bytes replaced, with a
    correct fingerprint) as a stranger's file could have it."""
    import hashlib

    conn = sqlite3.connect(demo_file)
    try:
        (version_id, sha) = conn.execute(
            "SELECT id, sha256 FROM document_version WHERE sha256 != '' ORDER BY created_at LIMIT 1"
        ).fetchone()
        conn.execute(
            "UPDATE document_version SET file_name = ? WHERE id = ?", (file_name, version_id)
        )
        if data is not None:
            new_sha = hashlib.sha256(data).hexdigest()
            conn.execute(
                "INSERT INTO evidence_blob SELECT ?, ?, ?, created_at, updated_at, changed_by "
                "FROM evidence_blob WHERE sha256 = ?",
                (new_sha, len(data), data, sha),
            )
            conn.execute(
                "UPDATE document_version SET sha256 = ?, size = ? WHERE id = ?",
                (new_sha, len(data), version_id),
            )
        conn.commit()
    finally:
        conn.close()
    return demo_file


def _versions(session: object) -> list[object]:
    return registers.records(session, "document_version")  # type: ignore[arg-type]


def _version_id(change: object) -> str:
    """The version a document was created with, by the change set that created both."""
    return next(c.entity_id for c in change.changes if c.entity == "document_version")  # type: ignore[attr-defined]


def test_opening_evidence_never_writes_outside_the_private_folder(
    demo_file: Path, tmp_path: Path
) -> None:
    escape = tmp_path / "escaped.txt"
    _stranger_file(demo_file, f"../../../../../../../../{escape}", b"attacker's text\n")
    session = open_project(demo_file)
    (record,) = [v for v in _versions(session) if v.file_name.endswith("escaped.txt")]  # type: ignore[attr-defined]
    opened = documents.copy_for_opening(session, record.id)  # type: ignore[attr-defined]
    folder = session.project.session.opened_folder
    assert opened.name == "escaped.txt" and folder in opened.parents
    assert opened.read_bytes() == b"attacker's text\n"
    assert not escape.exists()
    assert not os.access(opened, os.W_OK) or os.geteuid() == 0
    assert not stat.S_IMODE(opened.stat().st_mode) & stat.S_IWUSR
    close_project(session)
    assert not opened.exists() and not folder.exists()  # emptied when the project closes


def test_a_disguised_program_is_never_opened(demo_file: Path) -> None:
    _stranger_file(demo_file, "invoice.exe.", b"MZ\x90\x00 a program")
    session = open_project(demo_file)
    (record,) = [v for v in _versions(session) if v.file_name == "invoice.exe."]  # type: ignore[attr-defined]
    check = documents.can_open(session, record.id)  # type: ignore[attr-defined]
    assert check == documents.OpenCheck(name="invoice.exe", allowed=False)
    with pytest.raises(RuleViolation):
        documents.copy_for_opening(session, record.id)  # type: ignore[attr-defined]
    assert not session.project.session.opened_folder.exists()
    close_project(session)


# -- fingerprints --------------------------------------------------------------------------


def test_a_swapped_blob_is_refused_on_open_naming_the_file(demo_file: Path, tmp_path: Path) -> None:
    from tests.support.badfiles import make_bad_file

    bad = make_bad_file("swapped_evidence", demo_file, tmp_path)
    conn = sqlite3.connect(bad)
    (name,) = conn.execute(
        "SELECT file_name FROM document_version WHERE sha256 = "
        "(SELECT sha256 FROM evidence_blob ORDER BY rowid LIMIT 1)"
    ).fetchone()
    conn.close()
    with pytest.raises(Damaged) as caught:
        open_project(bad)
    assert name in str(caught.value) and "fingerprint" in str(caught.value)


def test_a_stored_blob_is_checked_before_it_is_reused(tmp_path: Path) -> None:
    """A working copy whose stored bytes no longer match their fingerprint (as a crafted file
    would have them): attaching the genuine document must not silently link the other bytes."""
    genuine = tmp_path / "policy.txt"
    genuine.write_bytes(b"Our genuine AI policy.")
    session = new_project("Acme Ltd")
    evidence.attach_evidence(session, "5.2", genuine)
    raw = session.db.raw_connection()
    raw.execute("UPDATE evidence_blob SET data = zeroblob(length(data))")
    with pytest.raises(Damaged) as caught:
        evidence.attach_evidence(session, "7.5.3", genuine)
    assert "policy.txt" in str(caught.value)
    assert len(_versions(session)) == 1
    assert registers.count(session, "document") == 1
    close_project(session)


# -- only ordinary files --------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes")
def test_a_pipe_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "evidence.pdf"
    os.mkfifo(pipe)
    session = new_project("Acme Ltd")
    result: list[BaseException] = []
    worker = threading.Thread(
        target=lambda: result.append(
            _raises(lambda: evidence.attach_evidence(session, "7.2", pipe))
        )
    )
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "attaching a pipe hung"
    assert isinstance(result[0], EvidenceNotAFile)
    assert "not an ordinary file" in str(result[0])
    close_project(session)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="POSIX devices")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_at_once(device: str) -> None:
    session = new_project("Acme Ltd")
    with pytest.raises(EvidenceNotAFile):
        evidence.attach_evidence(session, "7.2", device)
    close_project(session)


def test_a_folder_gets_a_message_about_attaching(tmp_path: Path) -> None:
    session = new_project("Acme Ltd")
    with pytest.raises(EvidenceNotAFile) as caught:
        evidence.attach_evidence(session, "7.2", tmp_path)
    message = str(caught.value)
    assert "is a folder" in message and "Attach the files inside it" in message
    assert "project file" not in message
    close_project(session)


def _raises(action: object) -> BaseException:
    try:
        action()  # type: ignore[operator]
    except BaseException as error:
        return error
    raise AssertionError("no error")


@pytest.mark.parametrize(
    ("size", "limit", "shown_size", "shown_limit"),
    [
        (100_200_000, 100_000_000, "is 100.2 MB", "at most 100 MB"),
        (100_000_001, 100_000_000, "is 100.000001 MB", "at most 100 MB"),
        (100_040_000, 100_000_000, "is 100.04 MB", "at most 100 MB"),
        (2_500_000, 1_000_000, "is 2.5 MB", "at most 1 MB"),
    ],
)
def test_the_limit_message_states_the_files_own_size(
    tmp_path: Path, size: int, limit: int, shown_size: str, shown_limit: str
) -> None:
    big = tmp_path / "recording.mp4"
    with big.open("wb") as handle:
        handle.truncate(size)
    session = new_project("Acme Ltd")
    with pytest.raises(EvidenceTooLarge) as caught:
        evidence.attach_evidence(session, "7.2", big, limit=limit)
    assert shown_size in str(caught.value) and shown_limit in str(caught.value)
    close_project(session)


def test_evidence_opened_from_a_recovered_session_is_cleared(tmp_path: Path) -> None:
    source = tmp_path / "policy.pdf"
    source.write_bytes(PDF + b"...")
    session = new_project("Acme Ltd")
    attached = evidence.attach_evidence(session, "5.2", source)
    target = save_project(session, tmp_path / "acme.aims")
    opened = documents.copy_for_opening(session, _version_id(attached))
    assert opened.exists()
    close_project(session)
    assert not opened.exists()
    assert target.exists()


def test_a_version_with_no_file_says_so(tmp_path: Path) -> None:
    session = new_project("Acme Ltd")
    doc = registers.add(session, "document", {"title": "Kept on paper"}).changes[0].entity_id
    version = (
        registers.add(session, "document_version", {"version": "1"}, parent_id=doc)
        .changes[0]
        .entity_id
    )
    with pytest.raises(RuleViolation, match="has no file in this project"):
        documents.copy_for_opening(session, version)
    with pytest.raises(RuleViolation, match="cannot be changed by hand"):
        registers.edit(session, "document_version", version, sha256="0" * 64)
    close_project(session)
