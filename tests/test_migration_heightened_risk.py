"""Migration 0011 (issue 15, point 6): risk assessments from before read no reasons and no move,
cases from before were not asked whether the interview was out of staff hearing (NULL); the
ORM reads them; the downgrade takes the columns away."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import inspect, text
from sqlmodel import Session, select

from intake.core.db.engine import create_db_engine, open_database
from intake.core.db.models import RiskAssessment, SanctionCase
from intake.core.settings import Settings
from intake.core.vocabulary import RiskLevel
from tests.support.migrations import migrate


def test_assessments_from_before_read_no_reasons_and_cases_were_not_asked(
    settings: Settings,
) -> None:
    old = create_db_engine(settings.effective_database_url)
    now = datetime.now(UTC)
    migrate(old, "0010")
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
                " raised_by, bodies, narrative, qualifies, categories, severity, route, routes,"
                " identified_to, risk_level, risk_rank, possible_immediate_risk, overridden,"
                " awaiting_supervisor, is_demo, legal_hold, created_at, updated_at, version,"
                " created_by_id) SELECT 'u-1', 'SAN-2025-00001', 'received', 'IMB', 'person',"
                " '[]', 'x', 'yes', '[]', 'standard', 'sanction_protocol', '[]', '[]', 'high',"
                " 2, false, false, false, false, false, :now, :now, 1, id FROM app_user"
            ),
            {"now": now},
        )
        connection.execute(
            text(
                "INSERT INTO risk_assessment (case_id, level, immediate_danger, self_harm,"
                " injuries, vulnerabilities, assessed_at) SELECT id, 'high', false, false,"
                " false, '[\"disability\"]', :now FROM sanction_case"
            ),
            {"now": now},
        )
    old.dispose()

    engine = open_database(settings)
    with Session(engine) as session:
        case = session.exec(select(SanctionCase)).one()
        risk = session.exec(select(RiskAssessment)).one()
        assert case.out_of_hearing is None
        assert risk.reasons == [] and risk.move_kind is None and risk.move_date is None
        assert risk.level == RiskLevel.HIGH.value

    migrate(engine, "0010", down=True)
    assert "out_of_hearing" not in {c["name"] for c in inspect(engine).get_columns("sanction_case")}
    columns = {c["name"] for c in inspect(engine).get_columns("risk_assessment")}
    assert not {"move_kind", "move_date", "reasons"} & columns
    engine.dispose()
