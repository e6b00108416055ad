"""One desk of the concurrency test: takes workflow actions on a shared queue as fast as it can.

Run as a separate process, from the project's folder:
``python -m tests.support.concurrency_worker URL SEED ACTIONS OUT.json``. Every
successful action and submission is written to OUT.json (reference, action, resulting version).
Conflicts (someone else changed the case first) are retried on another case, as a person would.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from backoffice.workflow import available_actions, take_action
from intake.core.db.engine import create_db_engine
from intake.core.db.models import SanctionCase, User
from intake.core.errors import ConflictError, ValidationProblem
from intake.core.settings import load_settings
from intake.core.submission import submit_case
from intake.core.users import Actor
from intake.core.vocabulary import CaseStatus
from tests.support.factories import make_submission

OPEN = [s.value for s in CaseStatus if s.is_open]

#: One line of OUT.json: a case's reference, the action taken, the case's version after it.
Done = dict[str, str | int | None]


def actors(session: Session) -> list[Actor]:
    users = session.exec(select(User).where(col(User.name).startswith("Desk "))).all()
    return [Actor.from_user(user) for user in users]


def open_references(session: Session) -> list[str]:
    query = select(SanctionCase.reference).where(col(SanctionCase.status).in_(OPEN))
    return list(session.exec(query).all())


def try_one(engine: Engine, rng: random.Random, staff: list[Actor], reference: str) -> Done | None:
    """Take one allowed action on the case; None when nothing is possible or someone was first."""
    actor = rng.choice(staff)
    with Session(engine) as session:
        version = session.exec(
            select(SanctionCase.version).where(SanctionCase.reference == reference)
        ).one()
        choices = [
            a
            for a in available_actions(session, actor=actor, reference=reference)
            if a.allowed and not a.needs
        ]
    if not choices:
        return None
    action = rng.choice(choices)
    outcomes = [o.name for o in action.outcomes if o.allowed]
    if action.outcomes and not outcomes:
        return None
    # As the TUI does: act on the version the desk was shown; a change since is a conflict.
    with Session(engine) as session:
        result = take_action(
            session, actor=actor, reference=reference, action=action.name,
            note="concurrency test", outcome=rng.choice(outcomes) if outcomes else None,
            expected_version=version, confirm_close=action.closes_case,
        )  # fmt: skip
        session.commit()
    return {"reference": reference, "action": action.name, "version": result.version}


def submit(engine: Engine, establishment_id: int, staff: list[Actor]) -> Done:
    with Session(engine) as session:
        case = submit_case(
            session, submission=make_submission(establishment_id), actor=staff[0],
            settings=load_settings(),
        )  # fmt: skip
        session.commit()
        return {"reference": case.reference, "action": "submit", "version": case.version}


def main(url: str, seed: int, wanted: int, out: Path) -> None:
    engine = create_db_engine(url)
    rng = random.Random(seed)
    done: list[Done] = []
    conflicts = 0
    with Session(engine) as session:
        staff = actors(session)
        # the IMB desk's Board: every desk must be able to see the cases submitted here
        establishment_id = next(a.establishment_id for a in staff if a.establishment_id)
    while len(done) < wanted:
        try:
            if len(done) % 25 == 0:
                done.append(submit(engine, establishment_id, staff))
                continue
            with Session(engine) as session:
                references = open_references(session)
            taken = try_one(engine, rng, staff, rng.choice(references))
        except (ConflictError, ValidationProblem):
            # someone changed the case first: refused as a conflict, or (when their change landed
            # between our read and our checks) as no longer possible; nothing of ours was saved
            conflicts += 1
            continue
        except OperationalError as exc:  # SQLite: another writer held the lock too long
            if "locked" not in str(exc):
                raise
            conflicts += 1
            continue
        if taken is not None:
            done.append(taken)
    engine.dispose()
    out.write_text(json.dumps({"done": done, "conflicts": conflicts}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]))
