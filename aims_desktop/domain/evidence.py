"""Evidence attached to a requirement: a file stored inside the project, described for auditors.

A project may come from a stranger, so an attached file is untrusted. Only a short list of
document types is ever handed to the system's default application ("Open"): PDF, pictures,
office documents and plain text, and only when the bytes look like that type. Everything else
(programs, scripts, web pages, disk images, shortcuts, macro-enabled documents, and every type
nobody thought of) can only be saved as a copy, with a warning.
"""

from __future__ import annotations

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
    model_config = ConfigDict(frozen=True)

    id: str
    item_id: str | None
    title: str = Field(max_length=MAX_TEXT_LENGTH)
    file_name: str
    media_type: str
    sha256: str
    size: int
    note: str = Field(default="", max_length=MAX_TEXT_LENGTH)
    created_at: str = ""
    changed_by: str = ""
