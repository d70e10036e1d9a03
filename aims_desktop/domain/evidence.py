"""Evidence of a requirement: the documents that serve it, and the rules for opening their files.

A project may come from a stranger, so an attached file is untrusted. Only a short list of
document types is ever handed to the system's default application ("Open"): PDF, pictures,
office documents and plain text, and only when the bytes look like that type. Everything else
(programs, scripts, web pages, disk images, shortcuts, macro-enabled documents, and every type
nobody thought of) can only be saved as a copy, with a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from aims_desktop.domain.file_names import final_suffix
from aims_desktop.domain.text_limits import MAX_TEXT_LENGTH

DEFAULT_EVIDENCE_LIMIT = 100 * 1_000_000
"""Largest evidence file accepted (bytes): big enough for a scanned policy or a screen recording
extract, small enough that the project file can still be emailed or shared."""

_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)

OPENS_DIRECTLY: dict[str, tuple[bytes, ...] | None] = {
    # extension: the ways such a file starts (None: plain text, checked separately)
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".bmp": (b"BM",),
    ".tif": (b"II*\x00", b"MM\x00*"),
    ".tiff": (b"II*\x00", b"MM\x00*"),
    ".webp": (b"RIFF",),
    ".docx": _ZIP,
    ".xlsx": _ZIP,
    ".pptx": _ZIP,
    ".odt": _ZIP,
    ".ods": _ZIP,
    ".odp": _ZIP,
    ".txt": None,
    ".csv": None,
}
"""The allow-list of types AIMS Desktop opens with the system's default application."""

HEAD_BYTES = 4096
"""How much of a file `opens_directly` looks at."""


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not just a character cut at the end of the sample
            return False
    return True


def opens_directly(file_name: str, head: bytes) -> bool:
    """True if a file of this name, starting with `head`, may be opened with the system's
    default application: its type is on the allow-list and its first bytes match that type
    (a "report.pdf" that is really a web page or a program is not opened)."""
    suffix = final_suffix(file_name)
    if suffix not in OPENS_DIRECTLY:
        return False
    signatures = OPENS_DIRECTLY[suffix]
    if signatures is None:
        return _looks_like_text(head)
    if suffix == ".pdf":  # PDF readers accept the signature anywhere in the first kilobyte
        return b"%PDF-" in head[:1024]
    if suffix == ".webp":
        return head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    return head.startswith(signatures)


class EvidenceRecord(BaseModel):
    """A document serving a requirement, as reports print the evidence on file: the document,
    and the file of its version in force (or where it is kept, for a document kept
    elsewhere)."""

    model_config = ConfigDict(frozen=True)

    id: str
    item_id: str | None
    title: str = Field(max_length=MAX_TEXT_LENGTH)
    file_name: str
    media_type: str = ""
    sha256: str = ""
    size: int = 0
    note: str = Field(default="", max_length=MAX_TEXT_LENGTH)
    version: str = ""
    status: str = ""
    location: str = ""
    created_at: str = ""
    changed_by: str = ""


def evidence_records(
    documents: Sequence[Any], versions: Sequence[Any], label: Callable[[Any], str]
) -> tuple[EvidenceRecord, ...]:
    """One entry per (document, requirement it serves), with the document's version in force
    (the approved one, else the newest)."""
    by_parent: dict[str, list[Any]] = {}
    for version in versions:
        by_parent.setdefault(version.parent_id, []).append(version)
    found = []
    for doc in documents:
        own = by_parent.get(doc.id, [])
        approved = [v for v in own if getattr(v.status, "value", None) == "approved"]
        current = (approved or own or [None])[-1]
        for item_id in doc.requirements:
            found.append(
                EvidenceRecord(
                    id=doc.id,
                    item_id=item_id,
                    title=label(doc),
                    file_name=current.file_name if current is not None else "",
                    media_type=current.media_type if current is not None else "",
                    sha256=current.sha256 if current is not None else "",
                    size=(current.size or 0) if current is not None else 0,
                    note=doc.description,
                    version=doc.version,
                    status=doc.status.label if doc.status is not None else "",
                    location=doc.location,
                    created_at=doc.created_at,
                    changed_by=doc.changed_by,
                )
            )
    return tuple(found)
