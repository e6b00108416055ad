"""The HMIP lead's reminder while the last six-monthly period that has ended has no share."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from backoffice.share.period import SharePeriod, last_ended_period
from backoffice.share.who import is_sharer
from intake.core.db.models import LogShare
from intake.core.users import Actor


def reminder_words(period: SharePeriod) -> str:
    return (
        f"The log for {period.name} is due to be shared with the IMB and PPO leads: "
        f"backoffice share --period {period.name}"
    )


def share_reminder(session: Session, actor: Actor, *, on: date | None = None) -> str | None:
    """For an HMIP lead: the reminder when the last period that has ended was not shared."""
    if not is_sharer(actor):
        return None
    period = last_ended_period(on)
    shared = session.exec(
        select(func.count()).select_from(LogShare).where(col(LogShare.period) == period.name)
    ).one()
    return None if shared else reminder_words(period)
