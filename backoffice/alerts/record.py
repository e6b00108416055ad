"""A lead records what was done about an alert they see now; audited."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session

from backoffice.alerts.find import find_alerts
from backoffice.alerts.views import AlertActionView, PatternAlert
from backoffice.alerts.who import may_record
from intake.core.audit_chain import record_access
from intake.core.db.models import PatternAlertAction
from intake.core.errors import NotFoundError
from intake.core.settings import Alerts
from intake.core.users import Actor
from intake.core.validation import required_text

MAX_NOTE = 4_000


def record_alert_action(
    session: Session,
    *,
    actor: Actor,
    key: str,
    note: str,
    settings: Alerts,
    demo_database: bool = False,
) -> PatternAlert:
    """A lead records what was done about an alert they see now; audited. The caller commits."""
    may_record(actor)
    text = required_text(note or "", what="a note saying what was done", limit=MAX_NOTE)
    alerts = find_alerts(session, actor=actor, settings=settings, demo_database=demo_database)
    wanted = key.strip().lower()
    alert = next((a for a in alerts.alerts if a.key == wanted), None)
    if alert is None:
        raise NotFoundError(
            f"no pattern alert {key.strip()!r} that {actor.name} can see now "
            "(see `backoffice alerts` for the keys)"
        )
    row = PatternAlertAction(
        alert_key=alert.key,
        label=alert.label,
        organisation=actor.organisation.value,
        references=alert.references,
        note=text,
        recorded_by_id=actor.id,
        recorded_at=datetime.now(UTC),
    )
    session.add(row)
    session.flush()
    record_access(
        session, actor=actor, action="alert.action_recorded", entity="pattern_alert_action",
        entity_id=row.id, details={"key": alert.key, "references": alert.references},
        separate=False,
    )  # fmt: skip
    mine = AlertActionView(
        recorded_at=row.recorded_at,
        recorded_by=actor.name,
        organisation=row.organisation,
        note=text,
        references=alert.references,
    )
    return alert.model_copy(update={"actions": [*alert.actions, mine]})
