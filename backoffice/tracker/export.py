"""The tracker written to a file: CSV or xlsx, marked, written beside the target then moved into
place (or encrypted with a passphrase), and audited.
"""

from __future__ import annotations

import csv
import itertools
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel
from sqlalchemy import Engine
from sqlmodel import Session

from backoffice import xlsx
from backoffice.tracker.columns import COLUMNS, MARKING, TITLE
from backoffice.tracker.query import demo_cases_left_out
from backoffice.tracker.rows import may_export, tracker_rows
from intake.core.db.backup import check_output
from intake.core.db.models import AuditEvent
from intake.core.errors import ValidationProblem
from intake.core.files import encrypt_bytes, write_private_bytes
from intake.core.users import Actor
from intake.core.vocabulary import Role

Format = Literal["csv", "xlsx"]


class ExportSummary(BaseModel):
    path: str
    format: str
    rows: int
    pseudonymised: bool
    marking: str = MARKING
    #: Demo cases the user could see in the period, never written to the tracker.
    demo_left_out: int = 0


def _marking_row(actor: Actor, pseudonymised: bool) -> list[str]:
    what = f"{TITLE}, exported {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by {actor.name}"
    if pseudonymised:
        return [MARKING, what + "; pseudonymised"]
    scope = (
        "need to know: no one is named (admin export)"
        if actor.role == Role.ADMIN
        else f"need to know: people are named only in cases {actor.organisation.value} "
        "received or was handed"
    )
    return [MARKING, f"{what}; {scope}"]


@contextmanager
def _atomic(path: Path, passphrase: str | None = None) -> Iterator[Path]:
    """Write beside the target, readable by the owner only, then move into place.

    With a ``passphrase`` the plain file is written in a private temporary folder (0700) and
    only its encrypted form reaches ``path`` (removable media)."""
    if path.is_dir():
        raise ValidationProblem(f"{path} is a folder; give a file name")
    if not path.parent.is_dir():
        raise ValidationProblem(f"folder {path.parent} does not exist")
    if passphrase is not None:
        with tempfile.TemporaryDirectory(prefix="sanctions-export-") as folder:
            plain = Path(folder) / path.name
            yield plain
            write_private_bytes(path, encrypt_bytes(plain.read_bytes(), passphrase))
        return
    handle, temp = tempfile.mkstemp(prefix=".tracker-", dir=path.parent)
    os.close(handle)
    os.chmod(temp, 0o600)
    try:
        yield Path(temp)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def _write_csv(path: Path, head: list[str], rows: Iterator[list[str]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(head)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _write_xlsx(path: Path, head: list[str], rows: Iterator[list[str]], actor: Actor) -> int:
    """Every cell a text cell (:mod:`backoffice.xlsx`): nothing is ever read as a formula."""
    properties = xlsx.Properties(
        title=f"{TITLE} ({MARKING})",
        subject=f"{MARKING}: alleged sanctions for contact with HMIP, IMB or PPO",
        keywords=f"{MARKING}; sanctions; tracker",
        category=MARKING,
        creator=actor.name,
    )
    try:
        written = xlsx.write_sheet(
            path, itertools.chain([head, COLUMNS], rows), sheet="Tracker",
            properties=properties, header_footer=MARKING, freeze=(2, 1),
        )  # fmt: skip
    except xlsx.TooLarge as error:
        raise ValidationProblem(
            f"the tracker is too large for one xlsx sheet ({error}): export it as CSV, or a "
            "shorter period with --from and --to"
        ) from error
    return written - 2


def export_tracker(
    session: Session,
    *,
    actor: Actor,
    out: Path,
    fmt: Format = "xlsx",
    date_from: date | None = None,
    date_to: date | None = None,
    pseudonymise: bool = False,
    overwrite: bool = True,
    protected: Sequence[Path] = (),
    passphrase: str | None = None,
) -> ExportSummary:
    """Write the tracker to ``out``; the caller commits (the export's audit event).

    ``out`` is never the database (nor its -wal or -shm, nor the ``protected`` files), and an
    existing file is replaced only with ``overwrite`` (the CLI's ``--force``).
    """
    if fmt not in ("csv", "xlsx"):
        raise ValidationProblem(f"format {fmt!r} is not csv or xlsx")
    may_export(actor)
    check_output(out, force=overwrite, protected=[*protected, *_database_of(session)])
    rows = tracker_rows(
        session, actor=actor, date_from=date_from, date_to=date_to, pseudonymise=pseudonymise
    )
    head = _marking_row(actor, pseudonymise)
    with _atomic(out, passphrase) as temp:
        count = (
            _write_csv(temp, head, rows) if fmt == "csv" else _write_xlsx(temp, head, rows, actor)
        )
    _audit(session, actor, out, fmt, count, pseudonymise, date_from, date_to)
    return ExportSummary(
        path=str(out), format=fmt, rows=count, pseudonymised=pseudonymise,
        demo_left_out=demo_cases_left_out(session, actor, date_from, date_to),
    )  # fmt: skip


def _database_of(session: Session) -> list[Path]:
    bind = session.get_bind()
    url = (bind if isinstance(bind, Engine) else bind.engine).url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return []
    return [Path(url.database).expanduser()]


def _audit(session: Session, actor: Actor, out: Path, fmt: str, count: int, *flags: Any) -> None:
    pseudonymised, date_from, date_to = flags
    session.add(
        AuditEvent(
            case_id=None,
            actor_id=actor.id,
            actor_name=actor.name,
            action="tracker_exported",
            entity="tracker",
            after={
                "path": str(out),
                "format": fmt,
                "rows": count,
                "pseudonymised": pseudonymised,
                "from": date_from.isoformat() if date_from else None,
                "to": date_to.isoformat() if date_to else None,
            },
        )
    )
