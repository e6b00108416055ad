"""The base both apps are built on: the high-contrast theme, its key and palette entries, each
person's choice remembered, and words beside colour where Textual would use colour alone.

- ``F9`` (and "Theme: high contrast" / "Theme: default colours" in the command palette) switch
  the theme at once, on every screen; the choice is kept for the person using the app
  (:mod:`.choice`) and used the next time they start either app.
- Every one of the apps' keys is in the command palette (:mod:`.commands`).
- A notification's severity is said in its title ("Problem", "Warning"), not only by the
  colour of its border.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.theme import Theme as RichTheme
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Static

from intake.core.settings import Settings
from intake.look.choice import chosen_theme, remember_theme
from intake.look.commands import RunAction, binding_commands
from intake.look.themes import (
    DEFAULT,
    HIGH_CONTRAST,
    HIGH_CONTRAST_THEME,
    STYLES,
    choice_of,
    textual_name,
)

#: Both apps' stylesheet for what the high-contrast theme changes beyond its colours.
LOOK_CSS = Path(__file__).with_name("look.tcss")
#: A notification's severity in words, before its title.
SEVERITY_WORDS: dict[str, str] = {"error": "Problem", "warning": "Warning"}


class AccessibleApp(App[None]):
    """An app with the high-contrast theme, every key in the palette, and severity in words."""

    BINDINGS = [  # noqa: RUF012
        Binding(
            "f9",
            "toggle_contrast",
            "High contrast",
            tooltip="Switch between the high-contrast theme and the default colours",
            show=False,  # no room at 80 columns: ctrl+p, "contrast" finds it
            priority=True,
        ),
    ]

    def __init__(self, *, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.register_theme(HIGH_CONTRAST_THEME)
        #: Whose choice the theme is (None until the person using the app is known).
        self.theme_user: str | None = None
        #: A choice made by hand before the person was known: theirs once they are.
        self._chosen_here: str | None = None
        self._remembering = False
        self._styles: RichTheme | None = None
        self._show_choice(chosen_theme(settings, None))

    # -- the theme ------------------------------------------------------------------------

    @property
    def theme_choice(self) -> str:
        """``default`` or ``high-contrast``: what the app shows now."""
        return choice_of(self.theme)

    def _show_choice(self, choice: str) -> None:
        """Show ``choice`` without remembering it (a remembered or configured one)."""
        self._remembering = False
        try:
            self.theme = textual_name(choice)
        finally:
            self._remembering = True
        self._use_styles(self.theme_choice)

    def use_theme_of(self, user: str) -> None:
        """The person using the app is known: show their theme (a choice made by hand before
        they were known becomes theirs)."""
        self.theme_user = user
        if self._chosen_here is not None:
            self._remember(self._chosen_here)
            return
        self._show_choice(chosen_theme(self.settings, user))

    def set_theme_choice(self, choice: str) -> None:
        """Switch to ``choice`` (``default`` or ``high-contrast``) and remember it."""
        self.theme = textual_name(choice)

    def action_toggle_contrast(self) -> None:
        """F9: high contrast on, or off."""
        self.set_theme_choice(DEFAULT if self.theme_choice == HIGH_CONTRAST else HIGH_CONTRAST)

    def watch_theme(self, theme_name: str) -> None:
        """Whatever switched it (F9, the palette, Textual's theme list): restyle the texts
        drawn in the theme's styles, say so, and remember it for this person."""
        choice = choice_of(theme_name)
        self._use_styles(choice)
        if not self._remembering:
            return
        if self.theme_user is None:
            self._chosen_here = choice
        self._remember(choice)
        words = "high contrast" if choice == HIGH_CONTRAST else "default colours"
        self.notify(f"Theme: {words}. F9 switches it.", timeout=4)

    def _remember(self, choice: str) -> None:
        try:
            remember_theme(self.settings, self.theme_user, choice)
        except OSError as exc:
            self.notify(f"The theme could not be remembered: {exc}", severity="warning")

    def _use_styles(self, choice: str) -> None:
        """The texts' styles by meaning (``sanctions.*``) for this theme, and every text on
        the screens redrawn in them."""
        if self._styles is not None:
            self.console.pop_theme()
        self._styles = RichTheme(STYLES[choice], inherit=True)
        self.console.push_theme(self._styles)
        for screen in self.screen_stack:
            for static in screen.query(Static):
                static.update(static.content)

    # -- the command palette --------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's commands (its list of themes replaced by ours, its Quit by the app's own
        key), then every key's."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Theme", "Quit"):
                yield command
        if self.theme_choice == HIGH_CONTRAST:
            title, help_text = "Theme: default colours", "the usual colours · key F9"
        else:
            title, help_text = "Theme: high contrast", "white on black, text at 7:1 · key F9"
        yield SystemCommand(title, help_text, RunAction(self, "toggle_contrast"))
        seen = {title}
        toggle = RunAction(self, "toggle_contrast")  # F9: the command above
        for command in binding_commands(screen):
            if command.title not in seen and command.callback != toggle:  # Quit: q and ctrl+q
                seen.add(command.title)
                yield command

    # -- severity in words ----------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A notification whose title says its severity ("Problem", "Warning") in words."""
        word = SEVERITY_WORDS.get(severity)
        if word and not title.startswith(word):
            title = f"{word}: {title}" if title else word
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)
