"""The .aims project file: SQLite schema, validation, working copies, saving and queries."""
