"""Python forms generated from ui/*.ui by pyside6-uic. Never edit these by hand: change the .ui
file in Qt Designer and run `uv run pyside6-uic ui/NAME.ui -o aims_desktop/gui/forms/ui_NAME.py`.
tests/gui/test_forms_up_to_date.py fails when a form is stale."""
