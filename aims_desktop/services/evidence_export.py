"""The evidence export: every current document version's file in one ZIP, for the auditor.

The ZIP holds `index.csv` (number, title, version, status, the file's name inside the ZIP, its
size and SHA-256) and `SHA256SUMS` (the format `sha256sum -c` reads), then one folder per
document with the file of its version in force. The names come from the project file, which may
come from anyone, so each is reduced to a safe base name (domain.file_names.archive_names):
extracting the ZIP never writes outside the folder the user chose.

Files are streamed from the project into the ZIP (never whole in memory) and hashed on the way,
so the sums describe exactly the bytes written. The ZIP is written next to its target under a
temporary name, flushed to disk and swapped in: a cancelled or failed export leaves the target
as it was.
"""

from __future__ import annotations

import hashlib
import os
import uuid
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from aims_desktop.domain.audit_pack import natural
from aims_desktop.domain.file_names import archive_names
from aims_desktop.domain.registers import REGISTERS
from aims_desktop.domain.registers.documents import Document, DocumentVersion
from aims_desktop.domain.registers.keys import DOCUMENT, DOCUMENT_VERSION
from aims_desktop.services.documents import current_version
from aims_desktop.services.session import ProjectSession
from aims_desktop.spreadsheets import csv_bytes
from aims_desktop.store.errors import ProjectFileError
from aims_desktop.store.projectfile import ReadOnlySnapshot
from aims_desktop.store.repository import ProjectDatabase

INDEX_NAME = "index.csv"
SUMS_NAME = "SHA256SUMS"
INDEX_HEADER = (
    "Document number",
    "Title",
    "Version",
    "Status",
    "File in the ZIP",
    "Size (bytes)",
    "SHA-256",
    "Note",
)
CHUNK = 1 << 20

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]


class EvidenceExportFailed(ProjectFileError):
    """The ZIP could not be written; the target is untouched."""

    exit_code = 19
    title = "The evidence could not be exported"

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(
            path,
            f"“{Path(path).name}” could not be written ({reason}). Nothing was changed; choose "
            "another folder or name and export again.",
        )


class EvidenceExportCancelled(Exception):
    """The user stopped the export; nothing was written."""


@dataclass(frozen=True)
class EvidenceFile:
    """One line of the index: a document's version in force, and its file when it has one."""

    number: str
    title: str
    version: str
    status: str
    member: str
    """The file's name inside the ZIP ("" when the project holds no file for it)."""
    size: int
    sha256: str
    note: str = ""


@dataclass(frozen=True)
class EvidenceExport:
    path: Path
    files: tuple[EvidenceFile, ...]

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files if f.member)


def _label(value: Any) -> str:
    return str(getattr(value, "label", "") or "")


def plan(db: ProjectDatabase) -> list[EvidenceFile]:
    """What the ZIP will hold: each document that is not withdrawn, with its version in force
    (the approved one, else the newest) and the name its file gets inside the ZIP."""
    documents = [d for d in db.registers.records(REGISTERS[DOCUMENT]) if isinstance(d, Document)]
    versions: dict[str, list[DocumentVersion]] = {}
    for found in db.registers.records(REGISTERS[DOCUMENT_VERSION]):
        if isinstance(found, DocumentVersion):
            versions.setdefault(found.parent_id, []).append(found)
    chosen: list[tuple[Document, DocumentVersion | None]] = []
    for document in sorted(documents, key=lambda d: (natural(d.ref), natural(d.title))):
        if getattr(document.status, "value", "") == "withdrawn":
            continue
        chosen.append((document, current_version(versions.get(document.id, []))))
    with_files = [(d, v) for d, v in chosen if v is not None and v.sha256]
    names = iter(archive_names((d.ref or d.title, v.file_name) for d, v in with_files if v))
    planned = []
    for document, version in chosen:
        if version is not None and version.sha256:
            planned.append(
                EvidenceFile(
                    number=document.ref,
                    title=document.title,
                    version=version.version,
                    status=_label(version.status),
                    member=next(names),
                    size=version.size or 0,
                    sha256=version.sha256,
                )
            )
            continue
        if document.location.strip():
            note = f"Kept elsewhere: {document.location.strip()}"
        elif version is None:
            note = "No version recorded"
        else:
            note = "No file in the project"
        planned.append(
            EvidenceFile(
                number=document.ref,
                title=document.title,
                version=version.version if version is not None else document.version,
                status=_label(version.status if version is not None else document.status),
                member="",
                size=0,
                sha256="",
                note=note,
            )
        )
    return planned


class _Hashing:
    """Writes through to the ZIP member, hashing and counting on the way."""

    def __init__(self, target: IO[bytes], step: Callable[[int], None]) -> None:
        self.target = target
        self.hash = hashlib.sha256()
        self.size = 0
        self.step = step

    def write(self, data: bytes) -> int:
        self.target.write(data)
        self.hash.update(data)
        self.size += len(data)
        self.step(len(data))
        return len(data)


def size_text(size: int) -> str:
    """ "4.6 KB", "12.0 MB", "1.3 GB": a size as a progress message reads it."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if size >= scale:
            return f"{size / scale:,.1f} {unit}"
    return f"{size} bytes"


def _index(files: Sequence[EvidenceFile]) -> bytes:
    rows = [
        (
            f.number,
            f.title,
            f.version,
            f.status,
            f.member,
            f.size if f.member else None,
            f.sha256,
            f.note,
        )
        for f in files
    ]
    return csv_bytes(INDEX_HEADER, rows)


def _sums(files: Sequence[EvidenceFile]) -> bytes:
    return "".join(f"{f.sha256}  {f.member}\n" for f in files if f.member).encode("utf-8")


def write_zip(
    db: ProjectDatabase,
    output: Path | str,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    now: datetime | None = None,
) -> EvidenceExport:
    """Write the evidence ZIP to `output` atomically. EvidenceExportFailed when it cannot be
    written, EvidenceExportCancelled when `cancelled()` turns true; `output` is then as it
    was."""
    target = Path(output)
    folder = target.parent
    if not folder.is_dir():
        raise EvidenceExportFailed(target, "the folder does not exist")
    files = plan(db)
    total = sum(f.size for f in files if f.member) or 1
    done = 0
    stamp = (now or datetime.now(UTC)).timetuple()[:6]
    is_cancelled = cancelled or (lambda: False)
    last = [-1.0]

    def step(count: int) -> None:
        nonlocal done
        done += count
        if is_cancelled():
            raise EvidenceExportCancelled()
        fraction = done / total
        if progress is not None and fraction - last[0] >= 0.01:
            last[0] = fraction
            progress(min(fraction, 0.99), f"Packed {size_text(done)} of {size_text(total)}")

    temporary = folder / f".{target.name}.{uuid.uuid4().hex[:8]}.part"
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for file in files:
                if not file.member:
                    continue
                info = zipfile.ZipInfo(file.member, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                with archive.open(info, "w", force_zip64=file.size > (1 << 30)) as member:
                    writer = _Hashing(member, step)
                    try:
                        db.export_file(file.sha256, writer)  # type: ignore[arg-type]
                    except KeyError:
                        raise EvidenceExportFailed(
                            target,
                            f"the project holds no file for {file.number or file.title} version "
                            f"{file.version}; the project may be damaged",
                        ) from None
                if writer.hash.hexdigest() != file.sha256 or writer.size != file.size:
                    raise EvidenceExportFailed(
                        target,
                        f"the stored file of {file.number or file.title} does not match its "
                        "SHA-256; the project may be damaged",
                    )
            for name, data in ((INDEX_NAME, _index(files)), (SUMS_NAME, _sums(files))):
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, data)
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise EvidenceExportFailed(target, (exc.strerror or str(exc)).lower()) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    if progress is not None:
        progress(1.0, "Done")
    return EvidenceExport(target, tuple(files))


def export_evidence(
    session: ProjectSession,
    output: Path | str,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> EvidenceExport:
    """The open project's evidence ZIP (File > Export Evidence)."""
    return write_zip(session.db, output, progress=progress, cancelled=cancelled, now=session.now())


def export_file_evidence(file: Path | str, output: Path | str) -> EvidenceExport:
    """The evidence ZIP of a project file, read without opening it for editing
    (`aims-desktop export-evidence`)."""
    with ReadOnlySnapshot(Path(file)) as db:
        return write_zip(db, output)
