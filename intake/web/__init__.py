"""Both apps in a browser: ``intake serve`` and ``backoffice serve`` (textual-serve), and who may
open a session and as whom (``access``)."""
