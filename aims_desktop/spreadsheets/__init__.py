"""Spreadsheets in and out (XLSX with openpyxl, CSV with the csv module): no Qt, no database.

Registers export to both and import from both; the rows and columns come from the register's
declaration (domain/registers/tabular.py), so nothing here knows about any one register.
"""

from aims_desktop.spreadsheets.read import Sheet, SpreadsheetError, read_sheet
from aims_desktop.spreadsheets.write import csv_bytes, write_csv, write_xlsx

__all__ = ["Sheet", "SpreadsheetError", "csv_bytes", "read_sheet", "write_csv", "write_xlsx"]
