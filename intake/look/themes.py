"""The two themes and the styles the apps' texts are drawn in, by meaning, in each.

Colour never carries a meaning alone here: every style below goes with a word or a symbol
("IMMEDIATE", "OVERDUE", "ask now", brackets around evidence). The high-contrast theme is white
on black, and every pair of text and background it uses reaches 7:1 (WCAG 2.2 AAA for text;
:func:`contrast_ratio`); the tests measure them. The default theme's own texts reach 4.5:1
(AA) on its background and dialogs.
"""

from __future__ import annotations

from textual.theme import BUILTIN_THEMES, Theme

#: What people choose (the ``theme`` setting, F9, the palette) and the Textual theme it is.
DEFAULT = "default"
HIGH_CONTRAST = "high-contrast"
TEXTUAL_NAMES = {DEFAULT: "nord", HIGH_CONTRAST: "sanctions-high-contrast"}
CHOICES = tuple(TEXTUAL_NAMES)

#: Before a problem and a note shown in the same place: which it is, without its colour.
PROBLEM_MARK = "⚠"
NOTE_MARK = "ℹ"

BLACK = "#000000"
WHITE = "#ffffff"
#: The high-contrast palette: each a text colour on black, 7:1 or more (see the tests).
HC_RED = "#ff8c8c"
HC_YELLOW = "#ffd75f"
HC_GREEN = "#87ff87"
HC_CYAN = "#5fd7ff"
HC_MAGENTA = "#ffafff"
HC_GREY = "#c6c6c6"
HC_SURFACE = "#121212"
HC_PANEL = "#262626"
HC_SELECTION = "#004466"

HIGH_CONTRAST_THEME = Theme(
    name=TEXTUAL_NAMES[HIGH_CONTRAST],
    primary=HC_CYAN,
    secondary=HC_MAGENTA,
    accent=HC_YELLOW,
    warning=HC_YELLOW,
    error=HC_RED,
    success=HC_GREEN,
    foreground=WHITE,
    background=BLACK,
    surface=HC_SURFACE,
    panel=HC_PANEL,
    boost=HC_SURFACE,
    dark=True,
    text_alpha=1.0,
    variables={
        "text": WHITE,
        "text-muted": HC_GREY,
        "text-disabled": HC_GREY,
        "text-primary": HC_CYAN,
        "text-accent": HC_YELLOW,
        "text-warning": HC_YELLOW,
        "text-error": HC_RED,
        "text-success": HC_GREEN,
        "foreground-muted": HC_GREY,
        "block-cursor-foreground": BLACK,
        "block-cursor-background": HC_YELLOW,
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": BLACK,
        "block-cursor-blurred-background": HC_GREY,
        "block-hover-background": HC_PANEL,
        "footer-foreground": WHITE,
        "footer-background": HC_PANEL,
        "footer-key-foreground": HC_YELLOW,
        "footer-description-foreground": WHITE,
        "input-cursor-foreground": BLACK,
        "input-cursor-background": WHITE,
        "input-selection-background": HC_SELECTION,
        "input-selection-foreground": WHITE,
        "button-foreground": WHITE,
        "button-color-foreground": BLACK,
        "button-focus-text-style": "bold reverse",
        "border": HC_YELLOW,
        "border-blurred": HC_GREY,
        "scrollbar": HC_GREY,
        "scrollbar-hover": WHITE,
        "scrollbar-active": HC_YELLOW,
        "scrollbar-background": HC_PANEL,
        "link-color": HC_CYAN,
    },
)

#: The default theme's texts (Nord's own colours, lightened where needed): each 4.5:1 or more
#: on Nord's background and on its dialogs (WCAG 2.2 AA for text; see the tests). Written as
#: colours, never as a terminal's named ones ("red"), whose shade each terminal chooses.
_NORD = BUILTIN_THEMES[TEXTUAL_NAMES[DEFAULT]]
D_BACKGROUND = (_NORD.background or BLACK).lower()
D_SURFACE = (_NORD.surface or BLACK).lower()
D_RED = "#f0a0a0"
D_YELLOW = "#ebcb8b"
D_GREEN = "#a3be8c"
D_CYAN = "#88c0d0"
D_MAGENTA = "#c9a7c3"
D_GREY = "#aeb6c4"

#: Styles by meaning (Rich style names, resolved by the app's console): the default theme's
#: reach 4.5:1 on Nord's background and dialogs; the high-contrast ones reach 7:1 on black.
STYLES: dict[str, dict[str, str]] = {
    DEFAULT: {
        "sanctions.badge.immediate": f"bold {WHITE} on #a33a3a",
        "sanctions.badge.high": f"bold {BLACK} on #e0a458",
        "sanctions.badge.standard": f"{BLACK} on #9cc5a1",
        "sanctions.level.immediate": f"bold {D_RED}",
        "sanctions.level.high": f"bold {D_YELLOW}",
        "sanctions.level.standard": "none",
        "sanctions.immediate": f"bold {D_RED}",
        "sanctions.possible": f"bold {D_YELLOW}",
        "sanctions.ask-now": f"bold {BLACK} on {D_YELLOW}",
        "sanctions.late": f"bold {D_RED}",
        "sanctions.attention": f"bold {D_YELLOW}",
        "sanctions.open": D_GREEN,
        "sanctions.identity": f"bold {D_CYAN}",
        "sanctions.overridden": f"bold {D_MAGENTA}",
        "sanctions.muted": D_GREY,
        "sanctions.refused-key": f"{D_BACKGROUND} on {D_GREY}",
        "sanctions.evidence": f"bold {BLACK} on #e3c567",
        "sanctions.negation": f"italic {BLACK} on #b8c4d6",
    },
    HIGH_CONTRAST: {
        "sanctions.badge.immediate": f"bold {BLACK} on {HC_RED}",
        "sanctions.badge.high": f"bold {BLACK} on {HC_YELLOW}",
        "sanctions.badge.standard": f"{BLACK} on {HC_GREEN}",
        "sanctions.level.immediate": f"bold {HC_RED}",
        "sanctions.level.high": f"bold {HC_YELLOW}",
        "sanctions.level.standard": "none",
        "sanctions.immediate": f"bold {HC_RED}",
        "sanctions.possible": f"bold {HC_YELLOW}",
        "sanctions.ask-now": f"bold {BLACK} on {HC_YELLOW}",
        "sanctions.late": f"bold {HC_RED}",
        "sanctions.attention": f"bold {HC_YELLOW}",
        "sanctions.open": HC_GREEN,
        "sanctions.identity": f"bold {HC_CYAN}",
        "sanctions.overridden": f"bold {HC_MAGENTA}",
        "sanctions.muted": HC_GREY,
        "sanctions.refused-key": f"{BLACK} on {HC_GREY}",
        "sanctions.evidence": f"bold underline {BLACK} on {HC_YELLOW}",
        "sanctions.negation": f"italic underline {BLACK} on {HC_CYAN}",
    },
}


def textual_name(choice: str) -> str:
    """The Textual theme for a choice (``default`` for anything unknown)."""
    return TEXTUAL_NAMES.get(choice, TEXTUAL_NAMES[DEFAULT])


def choice_of(textual_theme: str) -> str:
    """The choice a Textual theme stands for (any theme but ours counts as the default)."""
    return HIGH_CONTRAST if textual_theme == TEXTUAL_NAMES[HIGH_CONTRAST] else DEFAULT


def relative_luminance(colour: str) -> float:
    """WCAG 2.2's relative luminance of ``#rrggbb``."""
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.2's contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)))[::-1]
    return (lighter + 0.05) / (darker + 0.05)
