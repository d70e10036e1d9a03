"""SQL text compared as SQLite reads it: the schema check of a file from a stranger.

`normalise_sql` turns a CREATE statement into a canonical form: tokens separated by one space,
identifier quoting removed where it changes nothing, keywords and identifiers lower-cased (SQLite
treats both without regard to case), string literals kept exactly. So a table that a migration
rebuilt (`ALTER TABLE x_new RENAME TO x` stores `CREATE TABLE "x" (...`) compares equal to the
original, while every real difference (a CHECK, a DEFAULT, a GENERATED column, STRICT, WITHOUT
ROWID, a partial or expression index, ON DELETE CASCADE, a comment) still shows.
"""

from __future__ import annotations

import re

_BARE = re.compile(r"[a-z_][a-z0-9_$]*\Z")
_WORD = re.compile(r"[A-Za-z_\x80-\U0010ffff][A-Za-z0-9_$\x80-\U0010ffff]*")
_NUMBER = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|0[xX][0-9a-fA-F]+")
_CLOSING = {'"': '"', "[": "]", "`": "`"}


def _quoted(text: str, start: int, close: str) -> tuple[str, int]:
    """The content of a quoted token starting at `start` (doubled quotes unescaped), and the
    index after it. An unterminated token runs to the end."""
    content: list[str] = []
    i = start + 1
    while i < len(text):
        char = text[i]
        if char == close:
            if close != "]" and i + 1 < len(text) and text[i + 1] == close:
                content.append(close)
                i += 2
                continue
            return "".join(content), i + 1
        content.append(char)
        i += 1
    return "".join(content) + "\x00unterminated", len(text)


def _identifier(name: str) -> str:
    lowered = name.lower()
    if _BARE.match(lowered):
        return lowered
    return '"' + lowered.replace('"', '""') + '"'


def sql_tokens(sql: str) -> list[str]:
    """The tokens of `sql` in canonical spelling (see the module docstring)."""
    tokens: list[str] = []
    i = 0
    while i < len(sql):
        char = sql[i]
        if char.isspace():
            i += 1
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            end = len(sql) if end < 0 else end
            tokens.append(sql[i:end])  # kept: we never write comments, so one never matches
            i = end
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            end = len(sql) if end < 0 else end + 2
            tokens.append(sql[i:end])
            i = end
        elif char == "'":
            content, i = _quoted(sql, i, "'")
            tokens.append("'" + content.replace("'", "''") + "'")
        elif char in "xX" and sql.startswith("'", i + 1):
            content, i = _quoted(sql, i + 1, "'")
            tokens.append("x'" + content.lower() + "'")
        elif char in _CLOSING:
            content, i = _quoted(sql, i, _CLOSING[char])
            tokens.append(_identifier(content))
        elif match := _NUMBER.match(sql, i):
            tokens.append(match.group().lower())
            i = match.end()
        elif match := _WORD.match(sql, i):
            tokens.append(_identifier(match.group()))
            i = match.end()
        else:
            tokens.append(char)
            i += 1
    return tokens


def normalise_sql(sql: str | None) -> str | None:
    """The canonical form of a schema object's SQL (None stays None: SQLite's own indexes)."""
    if sql is None:
        return None
    return " ".join(sql_tokens(sql))
