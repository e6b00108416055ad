"""The pack made and the share recorded: the period's insights, open recommendations and
pseudonymised log, written as a workbook and a report, with an audit event.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from sqlmodel import Session

from backoffice.insights import build_insights
from backoffice.share.files import _write_bytes, check_pack, pack_files
from backoffice.share.period import SharePeriod, check_ended
from backoffice.share.recommendations import open_recommendations
from backoffice.share.report import _report
from backoffice.share.who import may_share
from backoffice.share.workbook import _Workbook, _write_book
from backoffice.tracker import MARKING, TITLE, tracker_rows
from backoffice.view_models import View
from intake.core.clock import today
from intake.core.db.models import AuditEvent, LogShare
from intake.core.files import private_dir
from intake.core.settings import Deadlines
from intake.core.users import Actor


class ShareSummary(View):
    period: str
    date_from: date
    date_to: date
    folder: str
    files: list[str]
    #: Cases received in the period and logged on the tracker (the workbook's log).
    logged: int
    #: Cases received in the period (the insights' total, logged or not).
    received: int
    open_recommendations: int
    encrypted: bool
    shared_by: str
    shared_at: datetime
    marking: str = MARKING


def share_log(
    session: Session,
    *,
    actor: Actor,
    period: SharePeriod,
    folder: Path,
    deadlines: Deadlines,
    passphrase: str | None = None,
    overwrite: bool = False,
    protected: Sequence[Path] = (),
    demo_database: bool = False,
    on: date | None = None,
) -> ShareSummary:
    """Write the period's pack into ``folder`` (made 0700 if missing) and record the share;
    the caller commits."""
    may_share(actor)
    check_ended(period, on or today())
    check_pack(folder, period, force=overwrite, protected=protected)
    private_dir(folder)
    insights = build_insights(
        session, actor=actor, date_from=period.start, date_to=period.end,
        demo_database=demo_database,
    )  # fmt: skip
    recommendations = open_recommendations(
        session, actor=actor, deadlines=deadlines, demo_database=demo_database
    )
    rows = tracker_rows(
        session, actor=actor, date_from=period.start, date_to=period.end, pseudonymise=True
    )
    book, report = pack_files(folder, period)
    made = datetime.now(UTC)
    head = _head(actor, period, made)
    logged = _write_book(book, _Workbook(head, rows, insights, recommendations, actor), passphrase)
    pdf = _report(head, period, insights, recommendations, logged, actor)
    _write_bytes(report, pdf, passphrase)
    files = [str(book), str(report)]
    share = LogShare(period=period.name, shared_by_id=actor.id, shared_at=made, files=files)
    session.add(share)
    session.flush()
    session.add(
        AuditEvent(
            case_id=None, actor_id=actor.id, actor_name=actor.name, action="log_shared",
            entity="log_share", entity_id=share.id,
            after={"period": period.name, "files": files, "logged": logged,
                   "received": insights.total, "open_recommendations": len(recommendations),
                   "encrypted": passphrase is not None, "pseudonymised": True},
        )
    )  # fmt: skip
    return ShareSummary(
        period=period.name, date_from=period.start, date_to=period.end, folder=str(folder),
        files=files, logged=logged, received=insights.total,
        open_recommendations=len(recommendations), encrypted=passphrase is not None,
        shared_by=actor.name, shared_at=made,
    )  # fmt: skip


def _head(actor: Actor, period: SharePeriod, made: datetime) -> list[str]:
    return [
        MARKING,
        f"{TITLE}: the share with the IMB and PPO leads for {period.words()}, made "
        f"{made:%Y-%m-%d %H:%M} UTC by {actor.name}; pseudonymised",
    ]
