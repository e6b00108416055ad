"""How both apps look, and what their front ends share to stay usable without a mouse or colour.

The intake and the back office are separate front ends (the back office never imports the
intake's ``tui``); this package is the one piece of Textual both may use: the high-contrast
theme and the per-user choice of theme (:mod:`.themes`, :mod:`.choice`), the app base class
that registers it, switches it (F9, the command palette) and remembers it (:mod:`.app`), and the
command palette's entry for every key (:mod:`.commands`). It imports only Textual, Rich and
``intake.core``.
"""
