from __future__ import annotations

import json
import multiprocessing
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

import intake.core.db.models  # noqa: F401
from intake.core.db.engine import create_db_engine, open_database
from intake.core.db.migrate import current_revision, head_revision
from intake.core.settings import Settings
from tests.support.migrations import migrate


def test_upgrade_from_empty_creates_every_table(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
    assert current_revision(engine) == head_revision()


def test_models_and_migrations_agree(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_older_database_is_brought_up_to_date(tmp_path: Path, settings: Settings) -> None:
    url = settings.effective_database_url
    old = create_db_engine(url)
    migrate(old, "0001")
    old.dispose()
    engine = open_database(settings)
    assert current_revision(engine) == head_revision()
    engine.dispose()


@pytest.mark.sqlite_only
def test_sqlite_runs_in_wal_mode_with_foreign_keys(engine: Engine) -> None:
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_reference_establishments_loaded_once(settings: Settings) -> None:
    from sqlmodel import Session, func, select

    from intake.core.db.models import Establishment
    from intake.core.establishment_data import reference_establishments

    for _ in range(2):
        engine = open_database(settings)
        with Session(engine) as session:
            count = session.exec(select(func.count()).select_from(Establishment)).one()
        engine.dispose()
    assert count == len(reference_establishments())  # every place once, however often opened


def test_cases_from_before_several_routes_keep_their_route(settings: Settings) -> None:
    """Migration 0004: an existing case's one route becomes its list of routes; consent rows
    become the person's own intake snapshot."""
    from datetime import UTC, datetime

    from sqlalchemy import text

    url = settings.effective_database_url
    old = create_db_engine(url)
    now = datetime.now(UTC)
    migrate(old, "0003")
    with old.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO app_user (name, role, organisation, active, is_demo, created_at)"
                " VALUES ('Old Hand', 'intake', 'IMB', true, false, :now)"
            ),
            {"now": now},
        )
        connection.execute(
            text(
                "INSERT INTO sanction_case (uuid, reference, status, receiving_organisation,"
                " raised_by, bodies, narrative, qualifies, categories, severity, route,"
                " risk_level, risk_rank, overridden, awaiting_supervisor, is_demo, created_at,"
                " updated_at, version, created_by_id) SELECT 'u-1', 'SAN-2025-00001',"
                " 'signposted', 'IMB', 'person', '[]', 'x', 'no', '[]', 'standard', 'complaint',"
                " 'standard', 2, false, false, false, :now, :now, 1, id FROM app_user"
            ),
            {"now": now},
        )
        connection.execute(
            text(
                "INSERT INTO consent_record (case_id, pursue, share_identity, imb_enquiries,"
                " refer_without_consent, recorded_at) SELECT id, true, false, true, false, :now"
                " FROM sanction_case"
            ),
            {"now": now},
        )
    old.dispose()
    engine = open_database(settings)
    with engine.connect() as connection:
        routes = connection.execute(text("SELECT routes, identified_to FROM sanction_case")).one()
        consent = connection.execute(text("SELECT kind, given_by FROM consent_record")).one()
    engine.dispose()
    as_list = [json.loads(v) if isinstance(v, str) else v for v in routes]
    assert as_list == [["complaint"], []]
    assert tuple(consent) == ("intake", "person")


def test_unfinished_text_from_before_pieces_is_kept(settings: Settings) -> None:
    """Migration 0008: a draft's unfinished text moves into its pieces, whole; a draft that
    had a key but no text no longer says it has unfinished text."""
    from datetime import UTC, datetime

    from sqlalchemy import text

    from intake.interview.drafts import DraftStore

    old = create_db_engine(settings.effective_database_url)
    now = datetime.now(UTC)
    migrate(old, "0007")
    with old.begin() as connection:
        for uuid, pending in (("d-1", "They took my letter ¹⁶ é\nto the IMB"), ("d-2", "")):
            connection.execute(
                text(
                    "INSERT INTO interview_draft (uuid, state, pending_text, pending_key, status,"
                    " created_at, updated_at) VALUES (:uuid, '{}', :pending, 'narrative', 'open',"
                    " :now, :now)"
                ),
                {"uuid": uuid, "pending": pending, "now": now},
            )
    old.dispose()
    engine = open_database(settings)
    store = DraftStore(engine)
    drafts = {d.uuid: d for d in store.open_drafts()}
    assert drafts["d-1"].has_pending_text and not drafts["d-2"].has_pending_text
    assert store.load(drafts["d-1"].id).pending_text == "They took my letter ¹⁶ é\nto the IMB"
    store.append_pending(drafts["d-1"].id, key="narrative", text="\nand stopped my visits")
    appended = store.load(drafts["d-1"].id).pending_text
    assert appended is not None
    assert appended.endswith("IMB\nand stopped my visits")
    engine.dispose()


def test_cases_from_before_possible_risk_read_false_and_keep_their_order(
    settings: Settings,
) -> None:
    """Migration 0009: old cases and classifications say no possible immediate risk (nothing
    recorded it), and their ranks move to the queue's finer scale in the same order; the
    downgrade puts the old ranks back."""
    from datetime import UTC, datetime

    from sqlalchemy import text

    from intake.core.risk import risk_rank
    from intake.core.vocabulary import RiskLevel

    url = settings.effective_database_url
    old = create_db_engine(url)
    now = datetime.now(UTC)
    migrate(old, "0008")
    with old.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO app_user (name, role, organisation, active, is_demo, created_at)"
                " VALUES ('Old Hand', 'intake', 'IMB', true, false, :now)"
            ),
            {"now": now},
        )
        for number, (level, rank) in enumerate((("standard", 2), ("immediate", 0), ("high", 1))):
            connection.execute(
                text(
                    "INSERT INTO sanction_case (uuid, reference, status, receiving_organisation,"
                    " raised_by, bodies, narrative, qualifies, categories, severity, route,"
                    " risk_level, risk_rank, overridden, awaiting_supervisor, is_demo,"
                    " created_at, updated_at, version, created_by_id) SELECT :uuid, :ref,"
                    " 'received', 'IMB', 'person', '[]', 'x', 'yes', '[]', 'standard',"
                    " 'sanction_protocol', :level, :rank, false, false, false, :now, :now, 1, id"
                    " FROM app_user"
                ),
                {
                    "uuid": f"u-{number}",
                    "ref": f"SAN-2025-0000{number + 1}",
                    "level": level,
                    "rank": rank,
                    "now": now,
                },
            )
        connection.execute(
            text(
                "INSERT INTO classification (case_id, source, qualifies, categories, bodies,"
                " immediate_risk, severity, route, evidence, created_at) SELECT id, 'rules',"
                " 'yes', '[]', '[]', false, 'standard', 'sanction_protocol', '[]', :now"
                " FROM sanction_case"
            ),
            {"now": now},
        )
    old.dispose()
    engine = open_database(settings)
    with engine.connect() as connection:
        cases = connection.execute(
            text(
                "SELECT risk_level, risk_rank, possible_immediate_risk FROM sanction_case"
                " ORDER BY risk_rank"
            )
        ).all()
        flags = connection.execute(text("SELECT possible_immediate_risk FROM classification"))
        assert [bool(f) for (f,) in flags] == [False, False, False]
    assert [(level, rank, bool(flag)) for level, rank, flag in cases] == [
        ("immediate", risk_rank(RiskLevel.IMMEDIATE), False),
        ("high", risk_rank(RiskLevel.HIGH), False),
        ("standard", risk_rank(RiskLevel.STANDARD), False),
    ]
    migrate(engine, "0008", down=True)
    columns = {c["name"] for c in inspect(engine).get_columns("sanction_case")}
    assert "possible_immediate_risk" not in columns
    with engine.connect() as connection:
        ranks = connection.execute(text("SELECT risk_level, risk_rank FROM sanction_case"))
        assert sorted(tuple(r) for r in ranks) == [("high", 1), ("immediate", 0), ("standard", 2)]
    engine.dispose()


def test_recommendations_that_bite_go_down_and_up_again(settings: Settings) -> None:
    """Migration 0014: the recommendation's outcome, response, evidence
    and escalation, and the pattern alerts' actions, added, removed and added again."""
    engine = open_database(settings)
    migrate(engine, "0013", down=True)
    columns = {c["name"] for c in inspect(engine).get_columns("recommendation")}
    assert "outcome" not in columns and "escalated_at" not in columns
    assert "pattern_alert_action" not in inspect(engine).get_table_names()
    migrate(engine, "head")
    columns = {c["name"] for c in inspect(engine).get_columns("recommendation")}
    assert {"outcome", "status", "response", "evidence", "escalated_at"} <= columns
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_the_log_share_goes_down_and_up_again(settings: Settings) -> None:
    """Migration 0015: the record of the regular share of the log, removed and added again."""
    engine = open_database(settings)
    migrate(engine, "0014", down=True)
    assert "log_share" not in inspect(engine).get_table_names()
    migrate(engine, "head")
    columns = {c["name"] for c in inspect(engine).get_columns("log_share")}
    assert {"period", "shared_by_id", "shared_at", "files"} <= columns
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_the_language_and_interpreter_go_down_and_up_again(settings: Settings) -> None:
    """Migration 0016: the case's language and interpreter, removed and added again; a case
    from before reads them as not recorded."""
    engine = open_database(settings)
    migrate(engine, "0015", down=True)
    names = {c["name"] for c in inspect(engine).get_columns("sanction_case")}
    assert not names & {"language", "interpreter", "interpreter_language"}
    migrate(engine, "head")
    columns = {c["name"]: c for c in inspect(engine).get_columns("sanction_case")}
    for name in ("language", "interpreter", "interpreter_language"):
        assert columns[name]["nullable"], name
    assert current_revision(engine) == head_revision()
    engine.dispose()


def _open_together(settings: Settings, barrier: Any) -> None:
    barrier.wait()
    open_database(settings).dispose()


@pytest.mark.parametrize("attempt", range(3))
def test_two_processes_opening_a_new_database_at_once_both_succeed(
    settings: Settings, attempt: int
) -> None:
    """Two terminals started together on a new database take turns to create it."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    starts = [context.Process(target=_open_together, args=(settings, barrier)) for _ in "ab"]
    for process in starts:
        process.start()
    for process in starts:
        process.join(120)
    assert [p.exitcode for p in starts] == [0, 0]
    engine = open_database(settings)
    assert current_revision(engine) == head_revision()
    engine.dispose()
