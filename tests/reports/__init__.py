"""Tests of the PDF reports: read back the way an auditor's tools would read them."""
