"""The back-office TUI (Textual): a thin skin over the services."""
