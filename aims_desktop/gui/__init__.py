"""The PySide6 desktop application: thin widgets that call services."""
