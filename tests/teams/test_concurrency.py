"""Four desks take 200 workflow actions each on one queue: nothing lost, doubled or unaudited."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from intake.core.db.models import AuditEvent, SanctionCase
from intake.core.establishments import resolve_establishment_id
from intake.core.settings import Settings
from intake.core.submission import submit_case
from intake.core.users import Actor
from intake.core.vocabulary import Organisation, Role
from tests.support.cli import ROOT
from tests.support.factories import make_submission, make_user

WORKER = "tests.support.concurrency_worker"
DESKS = 4
ACTIONS = 200
SEEDED = 40


def _staff(engine: Engine) -> tuple[Actor, int]:
    with Session(engine) as session:
        home = resolve_establishment_id(session, "HMP Wandsworth")
        people = [
            ("Desk Intake", Role.INTAKE, Organisation.HMIP, None),
            ("Desk HMIP", Role.SUPERVISOR, Organisation.HMIP, None),
            ("Desk IMB", Role.SUPERVISOR, Organisation.IMB, home),
            ("Desk PPO", Role.SUPERVISOR, Organisation.PPO, None),
        ]
        users = [make_user(session, n, r, o, h) for n, r, o, h in people]
        session.commit()
        return users[0], home


def _seed(engine: Engine, settings: Settings, intake: Actor, home: int) -> None:
    with Session(engine) as session:
        for _ in range(SEEDED):
            submit_case(session, submission=make_submission(home), actor=intake, settings=settings)
        session.commit()


def test_four_desks_lose_nothing(engine: Engine, settings: Settings, tmp_path: Path) -> None:
    intake, home = _staff(engine)
    _seed(engine, settings, intake, home)
    url = settings.effective_database_url
    outs = [tmp_path / f"desk{n}.json" for n in range(DESKS)]
    desks = [
        subprocess.Popen(
            [sys.executable, "-m", WORKER, url, str(n), str(ACTIONS), str(out)], cwd=ROOT
        )
        for n, out in enumerate(outs)
    ]
    assert [desk.wait(timeout=600) for desk in desks] == [0] * DESKS
    reports = [json.loads(out.read_text()) for out in outs]
    done = [entry for report in reports for entry in report["done"]]
    conflicts = sum(report["conflicts"] for report in reports)
    print(f"\n{len(done)} changes by {DESKS} desks, {conflicts} conflicts retried")
    assert len(done) == DESKS * ACTIONS

    # No lost update: no two successful changes left a case at the same version.
    versions = Counter((e["reference"], e["version"]) for e in done)
    assert max(versions.values()) == 1

    with Session(engine) as session:
        references = session.exec(select(SanctionCase.reference)).all()
        # No duplicate reference, and every submission is there.
        assert len(references) == len(set(references))
        submitted = [e for e in done if e["action"] == "submit"]
        assert len(references) == SEEDED + len(submitted)
        # An audit event for every change, by case and action.
        audit = session.exec(
            select(SanctionCase.reference, AuditEvent.action, func.count())
            .join(SanctionCase, col(SanctionCase.id) == AuditEvent.case_id)
            .where(AuditEvent.entity == "case")
            .group_by(SanctionCase.reference, AuditEvent.action)
        ).all()
    audited = {(ref, action): count for ref, action, count in audit}
    taken = Counter((e["reference"], e["action"]) for e in done if e["action"] != "submit")
    for key, count in taken.items():
        assert audited.get(key, 0) == count, key
    # The hash chains did not fork: every chain verifies, and the quick check agrees.
    from intake.core.audit_chain import quick_check, verify_all

    with engine.connect() as connection:
        assert verify_all(connection) == []
        assert quick_check(connection) is None
