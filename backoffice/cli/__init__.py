"""The back office's command line (click): one module per group of commands."""
