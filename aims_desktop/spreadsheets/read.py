"""Read the first sheet of a spreadsheet (XLSX or CSV) a user chose to import.

The file is a stranger's: it is only read, as data. CSV encodings are tried in the order people's
files actually use (UTF-8 with or without a byte-order mark, UTF-16 from Excel's "Unicode text",
then Windows-1252), and the delimiter is guessed from the first lines.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

MAX_BYTES = 50 * 1_000_000
MAX_ROWS = 200_000

Cell = str | int | float | date | datetime | bool | None


class SpreadsheetError(Exception):
    """The file cannot be read as a spreadsheet; the message says why, in the user's words."""


@dataclass(frozen=True)
class Sheet:
    name: str
    headers: list[str]
    rows: list[list[Cell]]
    header_row: int = 1
    """The heading's row number as the spreadsheet shows it (blank rows above are skipped)."""


def read_sheet(path: Path) -> Sheet:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SpreadsheetError(
            f"“{path.name}” could not be read ({exc.strerror or exc})."
        ) from None
    if not path.is_file():
        raise SpreadsheetError(f"“{path.name}” is not a file.")
    if size == 0:
        raise SpreadsheetError(f"“{path.name}” is empty.")
    if size > MAX_BYTES:
        raise SpreadsheetError(
            f"“{path.name}” is {size / 1_000_000:.1f} MB; a spreadsheet to import can be at most "
            f"{MAX_BYTES // 1_000_000} MB."
        )
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"PK"):
        return _read_xlsx(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise SpreadsheetError(
            f"“{path.name}” is an old Excel file (.xls). Save it as .xlsx or .csv in Excel "
            "or LibreOffice, then import that."
        )
    return _read_csv(path)


def _trim(rows: list[list[Cell]]) -> tuple[list[str], list[list[Cell]], int]:
    header_row = 1
    while rows and all(c is None or str(c).strip() == "" for c in rows[0]):
        rows.pop(0)  # blank lines above the heading
        header_row += 1
    if not rows:
        raise SpreadsheetError("The sheet has no heading row and no data.")
    headers = [str(c).strip() if c is not None else "" for c in rows[0]]
    while headers and not headers[-1]:
        headers.pop()
    body = [list(r) for r in rows[1:]]
    if len(body) > MAX_ROWS:
        raise SpreadsheetError(
            f"The sheet has {len(body):,} rows; at most {MAX_ROWS:,} can be imported."
        )
    return headers, body, header_row


def _read_xlsx(path: Path) -> Sheet:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise SpreadsheetError(
            f"“{path.name}” could not be read as an Excel workbook ({type(exc).__name__}). Save "
            "it again from Excel or LibreOffice as .xlsx or .csv."
        ) from None
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise SpreadsheetError(
            f"“{path.name}” could not be read as an Excel workbook ({type(exc).__name__})."
        ) from None
    try:
        sheet = book.worksheets[0]
        rows: list[list[Cell]] = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_cell(v) for v in row])
            if len(rows) > MAX_ROWS + 1:
                break
        name = sheet.title
    finally:
        book.close()
    headers, body, header_row = _trim(rows)
    return Sheet(name, headers, body, header_row)


def _cell(value: Any) -> Cell:
    if value is None or isinstance(value, str | int | float | date | datetime | bool):
        return value
    return str(value)


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _read_csv(path: Path) -> Sheet:
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SpreadsheetError(
            f"“{path.name}” is not a spreadsheet (it looks like a binary file). Choose a .csv "
            "or .xlsx file."
        )
    text = _decode(data)
    sample = text.lstrip("\r\n")[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        rows: list[list[Cell]] = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:
        raise SpreadsheetError(f"“{path.name}” could not be read as CSV ({exc}).") from None
    headers, body, header_row = _trim(rows)
    return Sheet(path.stem, headers, body, header_row)
