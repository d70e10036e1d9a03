"""A drafted document as structure: a title and blocks (headings, paragraphs, bullet lists).

The user edits a draft as plain text in the application, with a light convention any manager
can follow: "# " starts a heading, "## " a sub-heading, "- " a bullet, a blank line ends a
paragraph. `to_text` and `from_text` convert both ways; the DOCX and PDF writers read the
structure, so a heading in the text is a real heading in Word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    HEADING = "heading"
    SUBHEADING = "subheading"
    PARAGRAPH = "paragraph"
    BULLETS = "bullets"


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Draft:
    title: str
    organisation: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    subtitle: str = ""
    """A line under the title: "Draft prepared on 29 November 2026 from the project's answers"."""

    @property
    def placeholders(self) -> list[str]:
        """Text in square brackets still to be replaced by the user."""
        from aims_desktop.domain.organisation import placeholders

        return placeholders(to_text(self))


def heading(text: str) -> Block:
    return Block(BlockKind.HEADING, text)


def subheading(text: str) -> Block:
    return Block(BlockKind.SUBHEADING, text)


def paragraph(text: str) -> Block:
    return Block(BlockKind.PARAGRAPH, " ".join(text.split()))


def bullets(items: list[str] | tuple[str, ...]) -> Block:
    return Block(BlockKind.BULLETS, items=tuple(" ".join(i.split()) for i in items if i.strip()))


def to_text(draft: Draft) -> str:
    """The draft as the plain text the user edits (the title is the first heading)."""
    parts = [f"# {draft.title}"]
    for block in draft.blocks:
        if block.kind is BlockKind.HEADING:
            parts.append(f"# {block.text}")
        elif block.kind is BlockKind.SUBHEADING:
            parts.append(f"## {block.text}")
        elif block.kind is BlockKind.BULLETS:
            parts.append("\n".join(f"- {item}" for item in block.items))
        else:
            parts.append(block.text)
    return "\n\n".join(parts) + "\n"


def from_text(text: str, *, organisation: str, fallback_title: str) -> Draft:
    """A draft from the edited text: the first "# " line is the title."""
    blocks: list[Block] = []
    title = ""
    paragraph_lines: list[str] = []
    bullet_items: list[str] = []

    def flush() -> None:
        if paragraph_lines:
            blocks.append(paragraph(" ".join(paragraph_lines)))
            paragraph_lines.clear()
        if bullet_items:
            blocks.append(bullets(list(bullet_items)))
            bullet_items.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("## "):
            flush()
            blocks.append(subheading(line[3:].strip()))
        elif line.startswith("# "):
            flush()
            if not title and not blocks:
                title = line[2:].strip()
            else:
                blocks.append(heading(line[2:].strip()))
        elif line[:2] in ("- ", "* ", "• "):
            if paragraph_lines:
                flush()
            bullet_items.append(line[2:].strip())
        else:
            if bullet_items:
                flush()
            paragraph_lines.append(line)
    flush()
    return Draft(title=title or fallback_title, organisation=organisation, blocks=tuple(blocks))
