"""Accessibility of the back office at 80x24: the high-contrast theme (its contrast measured,
switched by F9 and the palette, remembered for each person), risk and flags in words in both
themes, every key in the command palette and no button that needs a mouse."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from rich.style import Style
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import BUILTIN_THEMES

from backoffice.tui.app import BackofficeApp
from backoffice.tui.case_screen import CaseScreen
from backoffice.tui.confirm_modal import ConfirmCloseModal
from backoffice.tui.insights_screen import PeriodModal
from backoffice.tui.link_modal import LinkModal
from backoffice.tui.queue_screen import row_cells
from backoffice.view_models import EarlierCaseView
from intake.core.settings import Settings
from intake.look.themes import (
    BLACK,
    D_BACKGROUND,
    D_SURFACE,
    DEFAULT,
    HIGH_CONTRAST,
    HIGH_CONTRAST_THEME,
    STYLES,
    TEXTUAL_NAMES,
    contrast_ratio,
)
from tests.support.a11y import buttons_needing_a_mouse, keys_missing_from_palette, palette_actions
from tests.support.backoffice_tui import (
    HMIP_SUPERVISOR,
    HMIP_TRIAGE,
    AppFactory,
    queue_shows,
    wait_until,
)
from tests.support.tui import plain

SIZE = (80, 24)
#: WCAG 2.2 AAA for text: the high-contrast theme's every text and background pair.
AAA = 7.0


def _pairs() -> list[tuple[str, str, str]]:
    """(what, text, background) for the high-contrast theme's texts: its own colours and every
    style the apps' texts are drawn in."""
    t = HIGH_CONTRAST_THEME
    v = t.variables
    assert t.foreground and t.background and t.surface and t.panel
    pairs = [
        ("text", t.foreground, t.background),
        ("text on a dialog", t.foreground, t.surface),
        ("text on the header and footer", t.foreground, t.panel),
        ("muted text", v["text-muted"], t.background),
        ("muted text on a dialog", v["text-muted"], t.surface),
        ("muted text on the footer", v["text-muted"], t.panel),
        ("a footer key", v["footer-key-foreground"], v["footer-background"]),
        ("the cursor row", v["block-cursor-foreground"], v["block-cursor-background"]),
        (
            "the cursor row, elsewhere",
            v["block-cursor-blurred-foreground"],
            v["block-cursor-blurred-background"],
        ),
        ("selected text", v["input-selection-foreground"], v["input-selection-background"]),
        ("a button", v["button-color-foreground"], t.primary),
    ]
    for name in ("primary", "accent", "warning", "error", "success", "secondary"):
        colour = getattr(t, name)
        pairs += [(name, colour, t.background), (f"{name} on a dialog", colour, t.surface)]
    return pairs + _style_pairs(HIGH_CONTRAST, {"": BLACK})


def _style_pairs(choice: str, grounds: dict[str, str]) -> list[tuple[str, str, str]]:
    """(what, text, background) for every style the apps' texts are drawn in, in ``choice``:
    on its own background, or on each of ``grounds`` (what is added to the name: background)."""
    pairs = []
    for name, spec in STYLES[choice].items():
        style = Style.parse(spec)
        if style.color is None:
            continue
        text = style.color.get_truecolor().hex
        if style.bgcolor is not None:
            pairs.append((name, text, style.bgcolor.get_truecolor().hex))
            continue
        pairs += [(f"{name}{where}", text, back) for where, back in grounds.items()]
    return pairs


#: WCAG 2.2 AA for text: the default theme's own texts on its background and its dialogs.
AA = 4.5


def _default_pairs() -> list[tuple[str, str, str]]:
    return _style_pairs(DEFAULT, {"": D_BACKGROUND, " on a dialog": D_SURFACE})


@pytest.mark.parametrize(("what", "text", "background"), _default_pairs())
def test_every_text_the_apps_style_in_the_default_theme_reaches_4_5_to_1(
    what: str, text: str, background: str
) -> None:
    ratio = contrast_ratio(text, background)
    assert ratio >= AA, f"{what}: {text} on {background} is {ratio:.2f}:1"


def test_the_default_theme_names_colours_not_a_terminals_named_shades() -> None:
    """ "red" is whatever shade the terminal gives it: its contrast cannot be known."""
    for name, spec in STYLES[DEFAULT].items():
        style = Style.parse(spec)
        for colour in (style.color, style.bgcolor):
            assert colour is None or colour.triplet is not None, f"{name}: {spec}"


def test_the_default_theme_is_nord_whose_colours_the_styles_were_measured_on() -> None:
    nord = BUILTIN_THEMES["nord"]
    assert TEXTUAL_NAMES[DEFAULT] == "nord"
    assert (nord.background or "").lower() == D_BACKGROUND
    assert (nord.surface or "").lower() == D_SURFACE


@pytest.mark.parametrize(("what", "text", "background"), _pairs())
def test_every_text_of_the_high_contrast_theme_reaches_7_to_1(
    what: str, text: str, background: str
) -> None:
    ratio = contrast_ratio(text, background)
    assert ratio >= AAA, f"{what}: {text} on {background} is {ratio:.2f}:1"


def test_contrast_is_measured_as_wcag_says() -> None:
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#000000", "#000000") == pytest.approx(1.0)


def _choices(settings: Settings) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((settings.data_dir / "appearance.json").read_text())
    return data


async def test_f9_and_the_palette_switch_the_theme_and_each_person_keeps_theirs(
    make_app: AppFactory, settings: Settings
) -> None:
    app = make_app(HMIP_TRIAGE)
    async with app.run_test(size=SIZE) as pilot:
        await queue_shows(pilot, lambda s: bool(s.page and s.page.rows))
        assert app.theme_choice == DEFAULT and app.theme == "nord"
        await pilot.press("f9")
        await pilot.pause()
        assert app.theme_choice == HIGH_CONTRAST
        assert app.theme == HIGH_CONTRAST_THEME.name
        assert _choices(settings)["users"] == {HMIP_TRIAGE: HIGH_CONTRAST}
        # The texts are redrawn in the theme's styles: the queue's risk words too.
        assert app.console.get_style("sanctions.late") == Style.parse(
            STYLES[HIGH_CONTRAST]["sanctions.late"]
        )
    again = make_app(HMIP_TRIAGE)
    async with again.run_test(size=SIZE) as pilot:
        await queue_shows(pilot, lambda s: bool(s.page and s.page.rows))
        assert again.theme_choice == HIGH_CONTRAST
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(again.screen, CommandPalette))
        await pilot.press(*"default colours")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_until(pilot, lambda: again.theme_choice == DEFAULT)
        assert _choices(settings)["users"] == {HMIP_TRIAGE: DEFAULT}
    other = make_app(HMIP_SUPERVISOR)
    async with other.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        assert _choices(settings)["users"] == {HMIP_TRIAGE: DEFAULT, HMIP_SUPERVISOR: HIGH_CONTRAST}


def test_the_theme_setting_is_the_default_of_those_who_chose_none(
    make_app: AppFactory, settings: Settings
) -> None:
    settings.theme = "high-contrast"
    app = make_app(HMIP_TRIAGE)
    assert app.theme_choice == HIGH_CONTRAST


@pytest.mark.parametrize("theme", [DEFAULT, HIGH_CONTRAST])
async def test_risk_flags_and_lateness_are_words_in_either_theme(
    make_app: AppFactory, theme: str
) -> None:
    app = make_app(HMIP_TRIAGE)
    async with app.run_test(size=SIZE) as pilot:
        app.set_theme_choice(theme)
        queue = await queue_shows(pilot, lambda s: bool(s.page and s.page.rows))
        assert queue.page is not None
        rows = queue.page.rows
        for row in rows:
            cells = [plain(c) for c in row_cells(row)]
            assert cells[1].startswith(row.risk_level), cells  # the level in words
            if row.ask_now:
                assert "ask now" in cells[1]
            if row.overdue:
                assert cells[5].startswith("!"), cells  # a mark, under the heading "Late"
            assert ("OVR" in cells) == row.overridden
        assert {"immediate", "high", "standard"} <= {r.risk_level for r in rows}
        assert any(r.ask_now for r in rows) and any(r.overdue for r in rows)
        late = next(r for r in rows if r.overdue and r.risk_level == "immediate")
        await pilot.press(*(["down"] * rows.index(late)), "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.view)
        head = plain(app.screen.query_one("#head").content)  # type: ignore[attr-defined]
        assert "risk immediate" in head and "OVERDUE(" in head
        assert "PSEUDONYMISED" in head or late.identified
        summary = plain(app.screen.query_one("#summary-text").content)  # type: ignore[attr-defined]
        assert "Risk\nimmediate" in summary


async def _visit(pilot: Any, key: str, kind: type[Screen[Any]]) -> Screen[Any] | None:
    app = pilot.app
    await pilot.press(key)
    await pilot.pause(0.2)
    return app.screen if isinstance(app.screen, kind) else None


def _check(app: BackofficeApp, found: dict[str, int]) -> None:
    screen = app.screen
    assert keys_missing_from_palette(app) == [], type(screen).__name__
    assert buttons_needing_a_mouse(app) == [], type(screen).__name__
    found[type(screen).__name__] = palette_actions(app)


async def test_every_key_is_in_the_palette_and_no_button_needs_a_mouse(
    make_app: AppFactory,
) -> None:
    from backoffice.tui.action_modal import ActionModal
    from backoffice.tui.alerts_screen import AlertsScreen, RecordAlertModal
    from backoffice.tui.filters import FilterModal
    from backoffice.tui.insights_screen import InsightsScreen
    from backoffice.tui.letter_modal import LetterModal
    from backoffice.tui.override_modal import OverrideModal
    from backoffice.tui.transfer_modal import TransferModal

    found: dict[str, int] = {}
    app = make_app(HMIP_SUPERVISOR)
    async with app.run_test(size=SIZE) as pilot:
        queue = await queue_shows(pilot, lambda s: bool(s.page and s.page.rows))
        _check(app, found)
        screens: list[tuple[str, type[Screen[Any]]]] = [
            ("f", FilterModal),
            ("i", InsightsScreen),
            ("a", AlertsScreen),
        ]
        for key, kind in screens:
            assert await _visit(pilot, key, kind), kind
            _check(app, found)
            if kind is InsightsScreen:
                assert await _visit(pilot, "p", PeriodModal)
                _check(app, found)
                await pilot.press("escape")
            if isinstance(app.screen, AlertsScreen):  # "n" is for leads: the dialog itself
                await wait_until(pilot, lambda: app.screen.alerts is not None)  # type: ignore[attr-defined]
                alerts = app.screen.alerts
                assert alerts is not None and alerts.alerts
                await app.push_screen(RecordAlertModal(app.service, alerts.alerts[0]))
                await pilot.pause()
                _check(app, found)
                await pilot.press("escape")
            await pilot.press("escape")
            await wait_until(pilot, lambda: app.screen is queue)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.view)
        case = app.screen
        assert isinstance(case, CaseScreen) and case.view is not None
        _check(app, found)
        modals: list[tuple[str, type[Screen[Any]]]] = [
            ("o", OverrideModal),
            ("m", TransferModal),
            ("l", LetterModal),
            (str(1 + [a.allowed for a in case.actions].index(True)), ActionModal),
        ]
        for key, kind in modals:
            if await _visit(pilot, key, kind):
                _check(app, found)
                await pilot.press("escape")
                await wait_until(pilot, lambda: app.screen is case)
        earlier = EarlierCaseView(
            reference="SAN-2026-99999", received=datetime(2026, 1, 5), status="received",
            reasons=["same prison number"],
        )  # fmt: skip
        for modal in (
            LinkModal(app.service, case.view, earlier),
            ConfirmCloseModal(case.reference, "Close it: unfounded"),
        ):
            await app.push_screen(modal)
            await pilot.pause()
            _check(app, found)
            await pilot.press("escape")
            await wait_until(pilot, lambda: app.screen is case)
        # A button takes the focus and Enter presses it: "Go back" closes the question.
        answers: list[bool | None] = []
        await app.push_screen(ConfirmCloseModal(case.reference, "Close it"), answers.append)
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "back"
        await pilot.press("tab")
        assert app.focused.id == "close-case"
        await pilot.press("shift+tab", "enter")
        await wait_until(pilot, lambda: answers == [False])
    expected = {"QueueScreen", "FilterModal", "InsightsScreen", "PeriodModal", "AlertsScreen",
                "RecordAlertModal", "CaseScreen", "OverrideModal", "TransferModal", "ActionModal",
                "LinkModal", "ConfirmCloseModal"}  # fmt: skip
    assert expected <= set(found), found
    print("palette actions per screen:", found)
