"""The pattern alerts over the cases a reader may see, with what was done about each."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlmodel import Session, col, select

from backoffice.access import scope_words
from backoffice.alerts.groups import (
    _Case,
    _cases,
    _establishment_groups,
    _holds_only_demo,
    _scope,
    _staff_groups,
    _wing_groups,
)
from backoffice.alerts.views import AlertActionView, AlertList, PatternAlert
from backoffice.alerts.who import may_see_alerts
from intake.core.db.models import Establishment, PatternAlertAction, User
from intake.core.errors import ValidationProblem
from intake.core.settings import Alerts
from intake.core.users import Actor


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _alert(
    kind: str, place_id: int, name: str, cases: Sequence[_Case], places: dict[int, str]
) -> PatternAlert:
    place = places.get(place_id, "an establishment")
    ordered = sorted(cases, key=lambda c: (c.received, c.reference))
    if kind == "establishment":
        key, label = f"place-{place_id}", place
    elif kind == "wing":
        key, label = f"wing-{place_id}-{_slug(name)}", f"{name} at {place}"
    else:
        shown = " ".join(w.capitalize() for w in name.split())
        key, label = f"staff-{place_id}-{_slug(name)}", f"Staff described as {shown} at {place}"
    return PatternAlert(
        key=key,
        kind=kind,
        label=label,
        establishment=place,
        count=len(ordered),
        references=[c.reference for c in ordered],
        first_received=ordered[0].received.date(),
        last_received=ordered[-1].received.date(),
    )


_KIND_ORDER = {"establishment": 0, "wing": 1, "staff": 2}


def find_alerts(
    session: Session,
    *,
    actor: Actor,
    settings: Alerts,
    window_days: int | None = None,
    min_cases: int | None = None,
    demo_database: bool = False,
) -> AlertList:
    """The pattern alerts over the cases this actor may see (most cases first)."""
    may_see_alerts(actor)
    window = window_days if window_days is not None else settings.window_days
    least = min_cases if min_cases is not None else settings.min_cases
    if window < 1:
        raise ValidationProblem("the window must be 1 day or more")
    if least < 2:
        raise ValidationProblem("an alert needs 2 allegations or more")
    demo = demo_database or _holds_only_demo(session)
    where = _scope(actor, window, demo)
    places = {int(i): n for i, n in session.execute(select(Establishment.id, Establishment.name))}
    cases = _cases(session, actor, where)
    found: list[PatternAlert] = []
    counts = _establishment_groups(session, where, least)
    for place_id in counts:
        members = [c for c in cases.values() if c.establishment_id == place_id]
        found.append(_alert("establishment", place_id, "", members, places))
    for groups in (_wing_groups(session, where, cases), _staff_groups(session, where, cases)):
        for group in groups.values():
            if len(group.cases) >= least:
                found.append(
                    _alert(group.kind, group.establishment_id, group.name,
                           list(group.cases.values()), places)
                )  # fmt: skip
    found.sort(key=lambda a: (-a.count, _KIND_ORDER[a.kind], a.label))
    actions = _actions(session, actor, [a.key for a in found])
    return AlertList(
        window_days=window,
        min_cases=least,
        scope=scope_words(session, actor),
        includes_demo=demo,
        alerts=[a.model_copy(update={"actions": actions.get(a.key, [])}) for a in found],
    )


def _actions(session: Session, actor: Actor, keys: list[str]) -> dict[str, list[AlertActionView]]:
    if not keys:
        return {}
    query = (
        select(PatternAlertAction, User.name)
        .outerjoin(User, col(User.id) == PatternAlertAction.recorded_by_id)
        .where(col(PatternAlertAction.alert_key).in_(keys))
        .order_by(col(PatternAlertAction.recorded_at))
    )
    found: dict[str, list[AlertActionView]] = {}
    own = actor.organisation.value
    for row, name in session.execute(query):
        found.setdefault(row.alert_key, []).append(
            AlertActionView(
                recorded_at=row.recorded_at,
                recorded_by=name,
                organisation=row.organisation,
                note=row.note if row.organisation == own else None,
                references=list(row.references or []),
            )
        )
    return found
