"""Write a table to XLSX or CSV, atomically: never a half-written file in the user's folder."""

from __future__ import annotations

import csv
import io
import os
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

Cell = Any

_MAX_WIDTH = 60
_MIN_WIDTH = 8


class WriteFailed(Exception):
    """The file could not be written; `reason` is the operating system's, in plain words."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"“{path.name}” could not be written ({reason}).")
        self.path = path
        self.reason = reason


def _atomic(path: Path, write: Callable[[Path], None]) -> Path:
    folder = path.parent
    if not folder.is_dir():
        raise WriteFailed(path, "the folder does not exist")
    temporary = folder / f".{path.name[:80]}.{uuid.uuid4().hex[:8]}.part"
    try:
        write(temporary)
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise WriteFailed(path, (exc.strerror or str(exc)).lower()) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe_text(value: str) -> str:
    """CSV text that Excel shows as text: a cell starting with =, +, - or @ would be read as a
    formula (CSV injection), so it gets a leading apostrophe, which import removes again."""
    if value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> Path:
    """UTF-8 with a byte-order mark, so Excel shows Polish, Greek and Cyrillic correctly."""

    def write(target: Path) -> None:
        with open(target, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([_csv_cell(h) for h in headers])
            for row in rows:
                writer.writerow([_csv_cell(c) for c in row])

    return _atomic(path, write)


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """A CSV file in memory (an index packed into a ZIP), written as `write_csv` writes one."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([_csv_cell(h) for h in headers])
    for row in rows:
        writer.writerow([_csv_cell(c) for c in row])
    return buffer.getvalue().encode("utf-8-sig")


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        return str(value)
    return _safe_text(str(value))


def write_xlsx(
    path: Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    sheet_title: str = "Register",
) -> Path:
    """A workbook with a bold, frozen header row, filters on every column and widths that
    fit the content (up to a sensible maximum). Written in openpyxl's streaming mode."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    def write(target: Path) -> None:
        book = Workbook(write_only=True)
        sheet = book.create_sheet(_sheet_name(sheet_title))
        widths = [max(_MIN_WIDTH, min(_MAX_WIDTH, len(h) + 2)) for h in headers]
        bold = Font(bold=True)
        fill = PatternFill("solid", start_color="FFDCE3EE")
        body_rows: list[list[Any]] = []
        for row in rows:
            cells = [_xlsx_cell(c) for c in row]
            for index, value in enumerate(cells[: len(widths)]):
                length = len(str(value)) if value is not None else 0
                if isinstance(value, date):
                    length = 11
                widths[index] = max(widths[index], min(_MAX_WIDTH, length + 2))
            body_rows.append(cells)
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        last = get_column_letter(max(1, len(headers)))
        sheet.auto_filter.ref = f"A1:{last}{max(1, len(body_rows) + 1)}"
        header_cells = []
        for title in headers:
            cell = WriteOnlyCell(sheet, value=_xlsx_text(title))
            cell.data_type = "s"
            cell.font = bold
            cell.fill = fill
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            header_cells.append(cell)
        sheet.append(header_cells)
        date_cells: dict[int, str] = {}
        for cells in body_rows:
            out = []
            for index, value in enumerate(cells):
                if isinstance(value, date) and not isinstance(value, datetime):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = date_cells.setdefault(index, "yyyy-mm-dd")
                    out.append(cell)
                elif isinstance(value, str) and value.startswith("="):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"  # text, never a formula
                    out.append(cell)
                else:
                    out.append(value)
            sheet.append(out)
        buffer = io.BytesIO()
        book.save(buffer)
        target.write_bytes(buffer.getvalue())

    return _atomic(path, write)


_ILLEGAL = {c for c in range(32) if c not in (9, 10, 13)}


def _xlsx_text(value: str) -> str:
    """XML cannot hold most control characters: they would make the workbook unreadable."""
    if any(ord(ch) in _ILLEGAL for ch in value):
        value = "".join(" " if ord(ch) in _ILLEGAL else ch for ch in value)
    return value[:32767]


def _xlsx_cell(value: Cell) -> Cell:
    if isinstance(value, str):
        return _xlsx_text(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return value


def _sheet_name(title: str) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return cleaned[:31] or "Register"
