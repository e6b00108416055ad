"""Pattern alerts as the front ends read them: never a person's name, number, location or
account.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from backoffice.view_models import View


class AlertActionView(View):
    recorded_at: datetime
    recorded_by: str | None
    organisation: str
    #: The note, for the recorder's own organisation; None for anyone else.
    note: str | None
    references: list[str]


class PatternAlert(View):
    #: Stable while the pattern lasts: `backoffice alerts record KEY`.
    key: str
    #: establishment, wing or staff.
    kind: str
    #: In words, never a person's identity: "HMP Wandsworth", "B wing at HMP Wandsworth",
    #: "Staff described as Price at HMP Wandsworth".
    label: str
    establishment: str | None
    count: int
    references: list[str]
    first_received: date
    last_received: date
    actions: list[AlertActionView] = Field(default_factory=list)


class AlertList(View):
    window_days: int
    min_cases: int
    #: Whose cases count, in words.
    scope: str
    includes_demo: bool
    alerts: list[PatternAlert]
