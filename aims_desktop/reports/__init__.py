"""PDF reports, built with reportlab Platypus from a ProjectSnapshot (never from the database)."""
