"""`backoffice demo`: demo users (one per role and organisation) and about 30 demo cases.

Cases go in as intake submits them (:func:`intake.core.submission.submit_case`) and are moved on
through the real workflow service by the right demo users, so they carry the same records and
audit trail as real ones. Each is marked ``is_demo`` with DEMO in its person's name. A few are
backdated (an audited change, reason "demo data") so the queue shows ages and overdue tasks.
Running it again changes nothing.

Demo data never enters the tracker: the command fills the demo's own database file by default
(``Settings.demo``), a database holding real cases is refused before anything is written
(:func:`refuse_beside_real_cases`), and the tracker export leaves demo cases out.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TypedDict

from pydantic import BaseModel
from sqlmodel import Session, col, func, select

from backoffice.case_view import build_case_view
from backoffice.demo_data import (
    CASE_COUNT,
    DEMO_ESTABLISHMENT,
    ESTABLISHMENTS,
    FIRST_NAMES,
    LAST_NAMES,
    ORGANISATIONS,
    RISKS,
    SECOND_ESTABLISHMENT,
    STAGES,
    STORIES,
    demo_user_name,
)
from backoffice.workflow.engine import take_action
from intake.core.audit import change_case, record_case_event
from intake.core.clock import local_today
from intake.core.db.models import (
    Answer,
    InterviewDraft,
    Recommendation,
    SanctionCase,
    User,
    WorkflowTask,
)
from intake.core.errors import ConfigError
from intake.core.establishments import resolve_establishment_id
from intake.core.settings import Settings
from intake.core.submission import (
    CaseSubmission,
    ClassificationView,
    ConsentAnswers,
    PersonDetails,
    submit_case,
)
from intake.core.users import Actor, UserCreate, create_user
from intake.core.vocabulary import Organisation, Role


class DemoSummary(BaseModel):
    users_created: int
    cases_created: int
    users: list[str]
    message: str


def _ensure_users(
    session: Session, os_login: str | None
) -> tuple[dict[tuple[str, str], Actor], int]:
    home = resolve_establishment_id(session, DEMO_ESTABLISHMENT)
    cast: dict[tuple[str, str], Actor] = {}
    created = 0
    for org in Organisation:
        for role in Role:
            name = demo_user_name(org, role)
            user = session.exec(select(User).where(User.name == name)).first()
            if user is None:
                # The IMB national lead sees every Board's cases; everyone else at the IMB
                # belongs to one Board.
                scoped = org == Organisation.IMB and role not in (Role.ADMIN, Role.LEAD)
                data = UserCreate(
                    name=name,
                    role=role,
                    organisation=org,
                    establishment_id=home if scoped else None,
                    is_demo=True,
                    os_login=os_login,
                )
                user = create_user(session, data=data)
                created += 1
            cast[(org.value, role.value)] = Actor.from_user(user)
    away = resolve_establishment_id(session, SECOND_ESTABLISHMENT)
    name = f"DEMO IMB Triage {SECOND_ESTABLISHMENT.removeprefix('HMP ')}"
    if session.exec(select(User).where(User.name == name)).first() is None:
        data = UserCreate(
            name=name,
            role=Role.TRIAGE,
            organisation=Organisation.IMB,
            establishment_id=away,
            is_demo=True,
            os_login=os_login,
        )
        create_user(session, data=data)
        created += 1
    return cast, created


def _submission(session: Session, index: int) -> CaseSubmission:
    story = STORIES[index % len(STORIES)]
    place = ESTABLISHMENTS[index % len(ESTABLISHMENTS)]
    detainee = place.endswith("IRC")
    name = f"DEMO {FIRST_NAMES[index % len(FIRST_NAMES)]} {LAST_NAMES[index % len(LAST_NAMES)]}"
    view = ClassificationView(
        qualifies=story.qualifies,
        categories=list(story.categories),
        severity=story.severity,
        route=story.route,
        possible_immediate_risk=story.possible_immediate_risk,
        rationale="demo data",
    )
    refer_without = index % 10 == 7
    return CaseSubmission(
        receiving_organisation=ORGANISATIONS[index % len(ORGANISATIONS)],
        establishment_id=resolve_establishment_id(session, place),
        person=PersonDetails(
            name=name,
            prison_number=None if detainee else f"A{index:04d}DM",
            home_office_ref=f"D{index:07d}" if detainee else None,
        ),
        narrative=f"DEMO: {story.narrative}",
        rules=view,
        consent=ConsentAnswers(
            pursue=True,
            share_identity=index % 3 != 1 and not refer_without,
            imb_enquiries=True,
            refer_without_consent=refer_without,
            justification="DEMO: immediate risk of harm on the wing" if refer_without else None,
        ),
        risk_level=RISKS[index % len(RISKS)],
        is_demo=True,
    )


class _Input(TypedDict, total=False):
    """What a demo step gives the action besides who takes it (``take_action``'s keywords)."""

    note: str
    outcome: str
    told: date
    recommendations: list[str]


# The actions taking a case to each demo stage: (organisation of the actor, action, input).
_Step = tuple[str, str, _Input]
_PATH: tuple[_Step, ...] = (
    ("HMIP", "confirm_qualifies", {}),
    ("HMIP", "log_on_tracker", {}),
    ("receiving", "consult_prisoner", {"outcome": "consents"}),
    ("IMB", "imb_briefing", {"note": "DEMO briefing", "outcome": "suggest_investigation"}),
)
_BRANCHES: dict[str, tuple[_Step, ...]] = {
    "not_investigated": (
        ("PPO", "decide_not_to_investigate", {"note": "DEMO: dealt with locally"}),
        ("receiving", "explain_outcome", {"note": "DEMO: explained in person"}),
    ),
    "investigating": (("PPO", "decide_to_investigate", {}),),
    "unfounded": (
        ("PPO", "decide_to_investigate", {}),
        ("PPO", "share_conclusion", {"outcome": "unfounded", "note": "DEMO: no evidence"}),
        ("PPO", "tell_unfounded", {"note": "DEMO: letter sent"}),
    ),
}
_PROVED: tuple[_Step, ...] = (
    ("PPO", "decide_to_investigate", {}),
    ("PPO", "share_conclusion", {"outcome": "proved", "note": "DEMO: CCTV supports it"}),
    (
        "PPO",
        "submit_formal_report",
        {
            "recommendations": [
                "DEMO: retrain wing staff | owner: DEMO Governor | outcome: every wing officer "
                "trained on the protocol, shown by the training record",
                "DEMO: review segregation decisions | owner: DEMO Head of Safety | outcome: "
                "each segregation in the last 6 months reviewed and reported to the Board",
            ]
        },
    ),
)
_DEPTH = {"received": 0, "confirmed": 1, "logged": 2, "consulted": 3, "briefed": 4, "referred": 1}


def _steps_for(stage: str, route: str) -> tuple[_Step, ...]:
    if stage == "signposted":
        told: _Input = {
            "outcome": route,
            "note": "DEMO: told where to go instead",
            "told": local_today(),
        }
        return (("receiving", "does_not_qualify", told),)
    if stage in _DEPTH:
        steps = _PATH[: _DEPTH[stage]]
        if stage == "referred":
            steps += (("receiving", "refer_senior_manager", {"outcome": "anonymised"}),)
        return steps
    if stage in ("recommendations", "proved"):
        return _PATH + _PROVED
    return _PATH + _BRANCHES[stage]


def _advance(
    session: Session, settings: Settings, cast: dict[tuple[str, str], Actor], ref: str, stage: str
) -> None:
    case = session.exec(select(SanctionCase).where(SanctionCase.reference == ref)).one()
    for org, action, extra in _steps_for(stage, case.route):
        who = case.receiving_organisation if org == "receiving" else org
        actor = cast[(who, Role.TRIAGE.value)]
        if actor.establishment_id not in (None, case.establishment_id):
            actor = cast[(who, Role.LEAD.value)]
        take_action(
            session, actor=actor, reference=ref, action=action, settings=settings,
            confirm_close=True, **extra,
        )  # fmt: skip
    if stage == "proved":
        hmip = cast[("HMIP", Role.TRIAGE.value)]
        for rec in build_case_view(session, case, hmip).recommendations:
            take_action(
                session, actor=hmip, reference=ref, action="complete_recommendation",
                recommendation_id=rec.id, note="DEMO: seen done on inspection",
                confirm_close=True,
            )  # fmt: skip


def _backdate(session: Session, case: SanctionCase, days: int, actor: Actor) -> None:
    """Make a demo case look older: its creation and open tasks' due dates move back."""
    change_case(
        session,
        case,
        actor=actor,
        action="demo_backdated",
        changes={"created_at": case.created_at - timedelta(days=days)},
        reason="demo data",
    )
    query = select(WorkflowTask).where(
        WorkflowTask.case_id == case.id, col(WorkflowTask.done_at).is_(None)
    )
    for task in session.exec(query).all():
        if task.due is not None:
            before = {"due": task.due}
            task.due = task.due - timedelta(days=days)
            record_case_event(
                session, case, actor=actor, action="demo_backdated", entity="workflow_task",
                entity_id=task.id, before=before, after={"due": task.due}, reason="demo data",
            )  # fmt: skip


#: The pattern the demo shows at its first establishment (HMP Wandsworth, every 6th case):
#: the wing and the member of staff each case's interview named (pattern alerts, ``a``).
_PATTERN = (
    ("B wing (DEMO)", "Officer Price (DEMO)"),
    ("B wing (DEMO)", "Mr Price, night shift (DEMO)"),
    ("B-wing, landing 3 (DEMO)", "officer price (DEMO)"),
    ("E wing (DEMO)", "Mr Dale (DEMO)"),
    ("E wing (DEMO)", "skip"),
)


def _with_pattern(
    session: Session, submission: CaseSubmission, intake: Actor, index: int
) -> CaseSubmission:
    """The demo's first establishment's cases with a location and the interview's "which
    staff" answer, so the demo has a wing and a member of staff in several allegations."""
    if index % len(ESTABLISHMENTS) or index // len(ESTABLISHMENTS) >= len(_PATTERN):
        return submission
    wing, described = _PATTERN[index // len(ESTABLISHMENTS)]
    draft = InterviewDraft(user_id=intake.id)
    session.add(draft)
    session.flush()
    session.add(
        Answer(draft_id=draft.id or 0, seq=1, key="staff_involved",
               question="Which staff were involved? (names, roles or descriptions; or 'skip')",
               answer=described)
    )  # fmt: skip
    person = submission.person.model_copy(update={"location": wing})
    return submission.model_copy(update={"draft_id": draft.id, "person": person})


def _overdue_recommendations(session: Session, case: SanctionCase, actor: Actor) -> None:
    """The demo's formal report fell due three weeks ago (past the grace: a lead's review
    escalates it)."""
    rows = session.exec(select(Recommendation).where(Recommendation.case_id == case.id)).all()
    for rec in rows:
        before = {"due": rec.due}
        rec.due = local_today() - timedelta(days=21)
        record_case_event(
            session, case, actor=actor, action="demo_backdated", entity="recommendation",
            entity_id=rec.id, before=before, after={"due": rec.due}, reason="demo data",
        )  # fmt: skip


def _existing_demo_cases(session: Session) -> int:
    query = select(func.count()).select_from(SanctionCase).where(col(SanctionCase.is_demo))
    return int(session.exec(query).one())


def real_cases(session: Session) -> int:
    """How many cases of the database are not demo cases."""
    query = select(func.count()).select_from(SanctionCase).where(~col(SanctionCase.is_demo))
    return int(session.exec(query).one())


def refuse_beside_real_cases(session: Session) -> None:
    """Demo cases are never written into a database holding real ones (ConfigError, exit 2)."""
    count = real_cases(session)
    if count:
        raise ConfigError(
            f"this database holds {count} real case{'s' if count != 1 else ''}: demo data is "
            "never added beside real cases, nothing was written (`backoffice demo` without "
            "--main-database fills the demo's own database)"
        )


def seed_demo(session: Session, *, settings: Settings, os_login: str | None = None) -> DemoSummary:
    """Add the demo users and cases unless they are there already; the caller commits.

    The demo users all sign in by ``os_login`` (this computer's login, for trying the apps):
    they choose who they are with --as. A database holding real cases is refused first."""
    refuse_beside_real_cases(session)
    cast, users_created = _ensure_users(session, os_login)
    names = sorted(a.name for a in cast.values())
    if _existing_demo_cases(session) > 0:
        return DemoSummary(
            users_created=users_created, cases_created=0, users=names,
            message="demo cases already present: nothing added",
        )  # fmt: skip
    for index in range(CASE_COUNT):
        submission = _submission(session, index)
        intake = cast[(submission.receiving_organisation.value, Role.INTAKE.value)]
        submission = _with_pattern(session, submission, intake, index)
        case = submit_case(session, submission=submission, actor=intake, settings=settings)
        stage = STAGES[index % len(STAGES)]
        if case.route != "sanction_protocol":  # a person decides at step 2; some still wait
            stage = "signposted" if index % 2 else "received"
        _advance(session, settings, cast, case.reference, stage)
        if stage == "recommendations":
            _overdue_recommendations(session, case, cast[("HMIP", Role.ADMIN.value)])
        days = (CASE_COUNT - index) % 17
        if days:
            _backdate(session, case, days, cast[("HMIP", Role.ADMIN.value)])
        session.flush()
    return DemoSummary(
        users_created=users_created, cases_created=CASE_COUNT, users=names,
        message=f"added {users_created} demo users and {CASE_COUNT} demo cases",
    )  # fmt: skip
