"""The one exception of the language-model assistant, with a line fit for a notice."""

from __future__ import annotations

from intake.core.errors import SanctionsError

_MAX_REASON = 160


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= _MAX_REASON else line[: _MAX_REASON - 1] + "…"


class LlmError(SanctionsError):
    """Anything that went wrong with the model: down, slow, refused, 500, malformed or off-schema.

    ``str(error)`` is the reason on one line; :attr:`notice` is the line to show staff.
    """

    def __init__(self, reason: str) -> None:
        self.reason = _one_line(reason)
        super().__init__(self.reason)

    @property
    def notice(self) -> str:
        return f"Language model: {self.reason}. The rules' result stands."
