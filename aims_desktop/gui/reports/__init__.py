"""The Reports page: choose a report, build it in the background, open or show the PDF."""
