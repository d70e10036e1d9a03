"""A draft as a DOCX file that opens cleanly in Word and LibreOffice: Word's own built-in styles
(Title, Heading 1, Heading 2, List Bullet), so headings are real headings (navigation pane,
table of contents) and the document takes the reader's house style if they apply one; the
organisation's name in the header; page numbers in the footer; the document's properties set.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from aims_desktop.domain.drafting import BlockKind, Draft

NAVY = RGBColor(0x1F, 0x3A, 0x5F)


@dataclass(frozen=True)
class DocxInfo:
    author: str = ""
    created: datetime | None = None
    """Fixed for reproducible files (tests); now when None."""


def _page_number(paragraph: Paragraph) -> None:
    """A PAGE field: Word and LibreOffice fill in the page number."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(instruction)
    run._r.append(end)


def _clean(text: str) -> str:
    """Text as Word accepts it: XML cannot hold most control characters."""
    return "".join(ch for ch in text if ch in "\t\n" or ord(ch) >= 32)


def docx_bytes(draft: Draft, info: DocxInfo | None = None) -> bytes:
    """The draft as a DOCX file, in memory."""
    info = info or DocxInfo()
    document = Document()
    styles = document.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(11)
    for name in ("Title", "Heading 1", "Heading 2"):
        styles[name].font.color.rgb = NAVY
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = _clean(draft.organisation)
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(_clean(f"{draft.title} · page "))
    _page_number(footer)

    document.add_paragraph(_clean(draft.title), style="Title")
    organisation = document.add_paragraph(style="Subtitle")
    organisation.add_run(_clean(draft.organisation)).bold = True
    if draft.subtitle:
        note = document.add_paragraph(style="Subtitle")
        run = note.add_run(_clean(draft.subtitle))
        run.italic = True
        run.font.size = Pt(9)
    for block in draft.blocks:
        if block.kind is BlockKind.HEADING:
            document.add_heading(_clean(block.text), level=1)
        elif block.kind is BlockKind.SUBHEADING:
            document.add_heading(_clean(block.text), level=2)
        elif block.kind is BlockKind.BULLETS:
            for item in block.items:
                document.add_paragraph(_clean(item), style="List Bullet")
        else:
            document.add_paragraph(_clean(block.text))

    properties = document.core_properties
    properties.title = _clean(draft.title)[:255]
    properties.subject = _clean(f"{draft.organisation}: {draft.title}")[:255]
    properties.author = _clean(info.author)[:255]
    properties.last_modified_by = _clean(info.author)[:255]
    properties.comments = "Drafted with AIMS Desktop"
    moment = info.created or datetime.now(UTC)
    properties.created = moment
    properties.modified = moment
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_text(data: bytes) -> str:
    """A DOCX file as the plain text the drafting editor uses ("# " headings, "- " bullets):
    to keep editing a draft saved earlier. Paragraphs of other styles become paragraphs."""
    document = Document(io.BytesIO(data))
    lines: list[str] = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        style = paragraph.style.name if paragraph.style is not None else ""
        if not text or style == "Subtitle":  # the organisation and the draft's note
            continue
        if style in ("Title", "Heading 1"):
            lines.append(f"\n# {text}\n")
        elif style == "Heading 2":
            lines.append(f"\n## {text}\n")
        elif style.startswith("List"):
            lines.append(f"- {text}")
        else:
            lines.append(f"\n{text}\n")
    return "\n".join(lines).strip() + "\n"
