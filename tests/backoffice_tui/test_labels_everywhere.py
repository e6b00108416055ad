"""No internal code reaches a person (issue 15, point 3): the case screen's texts, `backoffice
show` and the queue (CLI and app) say every stored value in words.

The codes are taken from the vocabulary's enums, the interview's choices and the workflow's
outcomes themselves (those that are not plain words), so a new code shown raw fails here.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Engine
from sqlmodel import Session

from backoffice.cli.output import case_lines, queue_lines
from backoffice.service import BackofficeService, QueueQuery
from backoffice.tui import case_text
from backoffice.tui.queue_screen import row_cells
from intake.core.establishments import resolve_establishment_id
from intake.core.risk import RiskAnswers
from intake.core.settings import Settings
from intake.core.submission import (
    CaseSubmission,
    ClassificationView,
    ConsentAnswers,
    PersonDetails,
    submit_case,
)
from intake.core.users import Actor, find_user
from intake.core.vocabulary import (
    Body,
    ConsentGiver,
    Organisation,
    Qualifies,
    RaisedBy,
    RiskLevel,
    Route,
    SanctionCategory,
    Severity,
)
from tests.support.labels import internal_codes, raw_codes_in

TRIAGE = "DEMO HMIP Triage"


def _submit_every_kind_of_value(engine: Engine, settings: Settings) -> str:
    """A case with the values the demo lacks: on someone's behalf, an age band, a channel,
    vulnerabilities, consent given by family, several routes and views that disagree."""
    with Session(engine) as session:
        intake_user = find_user(session, name="DEMO IMB Intake")
        rules = ClassificationView(
            qualifies=Qualifies.YES,
            categories=[c.value for c in SanctionCategory],
            body=[Body.IMB],
            severity=Severity.EXCEPTIONAL,
            route=Route.SANCTION_PROTOCOL,
            routes=[Route.SAFER_CUSTODY, Route.DEATH_IN_CUSTODY],
            possible_immediate_risk=True,
            evidence=[{"label": "category:loss_of_employment", "matched": "sacked"}],
        )
        staff = rules.model_copy(
            update={
                "qualifies": Qualifies.UNCLEAR,
                "categories": ["loss_of_employment"],
                "route": Route.IMB_MEMBER_COMPLAINT,
            }
        )
        case = submit_case(
            session,
            submission=CaseSubmission(
                receiving_organisation=Organisation.IMB,
                establishment_id=resolve_establishment_id(session, "HMP Wandsworth"),
                raised_by=RaisedBy.ON_BEHALF,
                raised_by_detail="their sister",
                routes=[Route.SAFER_CUSTODY],
                person=PersonDetails(
                    name="DEMO Lee Ray", prison_number="A9999ZZ", age_band="21_plus"
                ),
                bodies=[Body.IMB],
                communication_channel="imb_application",
                narrative="DEMO: after my IMB application they sacked me from the kitchen.",
                rules=rules,
                staff_view=staff,
                consent=ConsentAnswers(given_by=ConsentGiver.FAMILY, pursue=True),
                risk=RiskAnswers(vulnerabilities=["mental_health", "recent_arrival_or_transfer"]),
                risk_level=RiskLevel.HIGH,
                is_demo=True,
            ),
            actor=Actor.from_user(intake_user),
            settings=settings,
        )
        session.commit()
        return case.reference


def _case_texts(service: BackofficeService, reference: str) -> Iterator[str]:
    view = service.case(reference)
    yield "\n".join(case_lines(view))
    for part in (
        case_text.header_text,
        case_text.summary_text,
        case_text.classifications_text,
        case_text.tasks_text,
        case_text.audit_text,
    ):
        yield str(part(view))


def test_no_internal_code_in_the_case_the_show_command_or_the_queue(
    demo_engine: Engine, settings: Settings
) -> None:
    assert {"21_plus", "imb_application", "consents_anonymous", "loss_of_employment"} <= (
        internal_codes()
    )
    extra = _submit_every_kind_of_value(demo_engine, settings)
    service = BackofficeService.for_user(demo_engine, settings, TRIAGE)
    service.act(extra, "confirm_qualifies", version=None)
    service.act(extra, "log_on_tracker", version=None)
    imb = BackofficeService.for_user(demo_engine, settings, "DEMO IMB Triage")
    imb.act(extra, "consult_prisoner", version=None, outcome="consents_anonymous")
    page = service.queue(QueueQuery(include_closed=True), page_size=100)
    found: dict[str, set[str]] = {}
    queue_text = "\n".join([*queue_lines(page), *(str(c) for r in page.rows for c in row_cells(r))])
    if raw := raw_codes_in(queue_text):
        found["queue"] = raw
    for row in page.rows:
        for text in _case_texts(service, row.reference):
            if raw := raw_codes_in(text):
                found.setdefault(row.reference, set()).update(raw)
    assert not found, f"raw codes shown: {found}"
    shown = "\n".join(_case_texts(service, extra))
    for words in ("21 or over", "An IMB application", "loss of employment", "their sister"):
        assert words in shown
    assert "Consents to enquiries, but not to their identity being shared" in shown
