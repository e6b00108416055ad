"""Who is interviewing: pick yourself from the user list (a shared database)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from intake.core.users import Actor


class PickUserScreen(Screen[Actor]):
    """The users from the back office's list; the one chosen is remembered on this laptop."""

    def __init__(self, users: list[Actor]) -> None:
        super().__init__()
        self.users = users

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="identify", classes="form"):
            yield Static(
                Text("Who is interviewing?", style="bold"), classes="form-title", markup=False
            )
            yield Static(
                Text("Choose your name (↑↓ then Enter). This laptop will remember you."),
                markup=False,
            )
            options = [
                Option(Text(f"{u.name}  ({u.organisation.value}, {u.role.value})"), id=str(i))
                for i, u in enumerate(self.users)
            ]
            yield OptionList(*options, id="users")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Start"
        self.query_one("#users", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.users[event.option_index])
