"""User and file text shown by Qt exactly as written, never as markup.

A project file may come from a stranger, so a note, an owner, an evidence name or an error
message quoting a file name is data. Qt guesses that a string "might be rich text" in tooltips
and in message boxes by default, and would then show a picture from `<img src=...>`, make
`<a href=...>` a link or `<b>` bold. Labels get Qt.TextFormat.PlainText (fields.plain_label);
tooltips go through `plain_tooltip`; message boxes through `show_message`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

TOOLTIP_CHARACTERS = 1500
"""Longest text a tooltip shows: a one-megabyte note would otherwise take seconds to lay out."""


def plain_tooltip(text: str, limit: int = TOOLTIP_CHARACTERS) -> str:
    """`text` as a tooltip that shows it literally (line breaks kept, long text shortened).

    A tooltip is always rich text or plain text by Qt's guess; escaping it and marking it as
    rich text is the only way to be sure the guess never turns user text into markup."""
    if not text:
        return ""
    if len(text) > limit:
        text = text[:limit].rstrip() + " …"
    escaped = html.escape(text, quote=False)
    return f'<p style="white-space:pre-wrap">{escaped}</p>'


def show_message(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
) -> None:
    """A message box whose title and text are plain text (QMessageBox.warning() would let Qt
    guess, and enable links)."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()
