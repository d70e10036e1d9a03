"""Word documents (DOCX) in and out, with python-docx: drafted core documents for managers who
live in Word. The only package that imports python-docx."""

from aims_desktop.wordfiles.docx_file import DocxInfo, docx_bytes, docx_text

__all__ = ["DocxInfo", "docx_bytes", "docx_text"]
