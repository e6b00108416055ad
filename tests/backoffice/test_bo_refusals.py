"""Every refusal to act, in one table, through the `backoffice` command as staff meet it.

Role, organisation, establishment and consent: each row prepares a case through the services,
then runs the CLI as one member of staff; the refusal is one clear line on stderr with its exit
status (3: not allowed; 1: not found or not possible now; 2: the database cannot be used for
it), and nothing about the case changes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

from intake.core.db.models import AuditEvent
from intake.core.settings import Settings
from intake.core.submission import ConsentAnswers
from intake.core.vocabulary import ConsentGiver, Qualifies, RaisedBy, RiskLevel, Route, Severity
from tests.support.cli import cli_env, run_cli
from tests.support.factories import ActFn, Staff, SubmitFn

DECLINES = ConsentAnswers(pursue=False)
FAMILY = ConsentAnswers(
    given_by=ConsentGiver.FAMILY, pursue=True, share_identity=True, imb_enquiries=True
)
#: Prepares the case (or the later and the earlier case) a refusal is about.
Prepare = Callable[[ActFn, Staff, SubmitFn], str | tuple[str, str]]
PrepareOne = Callable[[ActFn, Staff, SubmitFn], str]


def _submitted(**changes: object) -> PrepareOne:
    return lambda act, staff, submit: submit(**changes)


def _confirmed(**changes: object) -> PrepareOne:
    def prepare(act: ActFn, staff: Staff, submit: SubmitFn) -> str:
        ref = submit(**changes)
        act(staff.imb, ref, "confirm_qualifies")
        return ref

    return prepare


def _exception_proposed(act: ActFn, staff: Staff, submit: SubmitFn) -> str:
    ref = _confirmed(consent=DECLINES, risk_level=RiskLevel.IMMEDIATE)(act, staff, submit)
    act(staff.imb_home_supervisor, ref, "record_referral_without_consent", note="Knife threat")
    return ref


def _closed(act: ActFn, staff: Staff, submit: SubmitFn) -> str:
    ref = submit(qualifies=Qualifies.NO, route=Route.COMPLAINT)
    act(
        staff.imb, ref, "does_not_qualify", outcome="complaint", note="Canteen",
        told=date.today(), confirm_close=True,
    )  # fmt: skip
    return ref


def _two_cases(act: ActFn, staff: Staff, submit: SubmitFn) -> tuple[str, str]:
    earlier = submit()
    return submit(), earlier


@dataclass(frozen=True)
class Refusal:
    why: str
    prepare: Prepare
    user: str
    args: tuple[str, ...]
    code: int
    says: str


REFUSALS = [
    # role
    Refusal("intake staff take no workflow step", _submitted(), "Ines Pector",
            ("act", "{ref}", "confirm_qualifies"), 3, "intake"),
    Refusal("triage may not confirm a referral without consent", _exception_proposed,
            "Ian Board", ("act", "{ref}", "confirm_referral_without_consent", "--note", "ok"),
            3, "supervisor or lead"),
    Refusal("triage may not reopen", _closed, "Ian Board",
            ("act", "{ref}", "reopen", "--note", "wrong button"), 3, "supervisor or lead"),
    Refusal("triage may not override", _submitted(), "Hana Triage",
            ("override", "{ref}", "--set", "risk=high", "--reason", "x"), 3, "supervisor"),
    Refusal("intake staff do not link cases", _two_cases, "Ines Pector",
            ("link", "{ref}", "{earlier}"), 3, "intake"),
    # organisation
    Refusal("a supervisor of another organisation may not confirm the exception",
            _exception_proposed, "Sam Super",
            ("act", "{ref}", "confirm_referral_without_consent", "--note", "ok"), 3, "IMB staff"),
    Refusal("a supervisor of another organisation may not reopen", _closed, "Sam Super",
            ("act", "{ref}", "reopen", "--note", "wrong button"), 3, "IMB staff"),
    Refusal("a supervisor of another organisation may not decline an escalation",
            _confirmed(severity=Severity.EXCEPTIONAL), "Sam Super",
            ("act", "{ref}", "decline_escalation", "--note", "not needed"), 3, "IMB staff"),
    Refusal("only HMIP logs on the tracker", _confirmed(), "Ian Board",
            ("act", "{ref}", "log_on_tracker"), 3, "HMIP"),
    # establishment
    Refusal("an IMB Board does not see another Board's case", _submitted(), "Ivy Away",
            ("act", "{ref}", "confirm_qualifies"), 1, "can see"),
    Refusal("an IMB supervisor of another Board does not see it either", _closed,
            "Isla Super", ("act", "{ref}", "reopen", "--note", "x"), 1, "can see"),
    Refusal("another Board may not link a case it cannot see", _two_cases, "Ivy Away",
            ("link", "{ref}", "{earlier}"), 1, "can see"),
    # consent
    Refusal("declined consent: no referral", _confirmed(consent=DECLINES), "Ian Board",
            ("act", "{ref}", "refer_senior_manager", "--outcome", "anonymised"), 3,
            "not consented to it being pursued"),
    Refusal("family's consent is not the person's", _confirmed(
                consent=FAMILY, raised_by=RaisedBy.ON_BEHALF, raised_by_detail="family"),
            "Ian Board", ("act", "{ref}", "refer_senior_manager", "--outcome", "named"), 3,
            "not yet by the person"),
    Refusal("the exception needs an immediate risk", _confirmed(consent=DECLINES),
            "Ian Board", ("act", "{ref}", "record_referral_without_consent", "--note", "x"), 3,
            "immediate serious risk"),
    Refusal("the exception needs a second person", _exception_proposed, "Hugh Boardchair",
            ("act", "{ref}", "confirm_referral_without_consent", "--note", "ok"), 3,
            "second person"),
    Refusal("the exception waits for the second person", _exception_proposed, "Ian Board",
            ("act", "{ref}", "refer_senior_manager", "--outcome", "named"), 3,
            "waits for a second person"),
    # monitoring follows the person, and ends only by a Board member with a reason
    Refusal("only a Board member ends IMB monitoring", _confirmed(), "Hana Triage",
            ("act", "{ref}", "end_monitoring", "--note", "done"), 3, "IMB"),
    Refusal("ending IMB monitoring needs a reason", _confirmed(), "Ian Board",
            ("act", "{ref}", "end_monitoring"), 1, "note"),
    Refusal("intake staff record no transfer", _confirmed(), "Ines Pector",
            ("transfer", "{ref}", "--to", "HMP Belmarsh", "--note", "x"), 3, "intake"),
    Refusal("another Board may not move a case it cannot see", _confirmed(), "Ivy Away",
            ("transfer", "{ref}", "--to", "HMP Belmarsh", "--note", "x"), 1, "can see"),
    Refusal("an update to the partners says what happened", _confirmed(), "Ian Board",
            ("act", "{ref}", "update_partners"), 1, "note"),
    # linking is a person's decision, with a reason when set aside
    Refusal("setting an earlier case aside needs a reason", _two_cases, "Ian Board",
            ("link", "{ref}", "{earlier}", "--not-same"), 1, "reason"),
    Refusal("a link is decided on the later case", _two_cases, "Ian Board",
            ("link", "{earlier}", "{ref}"), 1, "decide on the later case"),
    # demo data never enters the tracker
    Refusal("demo cases never go into a database holding real ones", _submitted(),
            "Dee Deputy", ("demo", "--main-database"), 2, "holds 1 real case"),
    # insights: counts for those who may export the tracker, and IMB triage for their Board
    Refusal("PPO triage may not see insights", _submitted(), "Pat Ombud", ("insights",), 3,
            "may not see insights"),
    Refusal("intake staff may not see insights", _submitted(), "Ines Pector", ("insights",), 3,
            "may not see insights"),
    # letters to the person hold their name: only staff identified to the case write or read one
    Refusal("another organisation may not write a letter to the person", _closed, "Hana Triage",
            ("letter", "{ref}", "does_not_qualify"), 3, "holds the person's name"),
    Refusal("another organisation may not read a letter to the person", _closed, "Hana Triage",
            ("letters", "{ref}", "--show", "1"), 3, "holds the person's name"),
    Refusal("intake staff write no letter", _closed, "Ines Pector",
            ("letter", "{ref}", "does_not_qualify"), 3, "triage, supervisor or lead"),
    Refusal("another Board may not write a letter about a case it cannot see", _closed,
            "Ivy Away", ("letter", "{ref}", "does_not_qualify"), 1, "can see"),
    Refusal("a letter follows its step", _submitted(), "Ian Board",
            ("letter", "{ref}", "proved"), 1, "follows the Ombudsman's conclusion"),
    Refusal("the reassurance is not sent once the person answered on consent", _submitted(),
            "Ian Board", ("letter", "{ref}", "reassurance"), 1, "they have (consents, named)"),
    # pattern alerts: supervisors and leads see them (need to know), leads record what was done
    Refusal("triage may not see pattern alerts", _submitted(), "Hana Triage", ("alerts",), 3,
            "may not see pattern alerts"),
    Refusal("intake staff may not see pattern alerts", _submitted(), "Ines Pector",
            ("alerts",), 3, "may not see pattern alerts"),
    Refusal("a supervisor may not record what was done about an alert", _submitted(),
            "Sam Super", ("alerts", "record", "place-1", "--note", "x"), 3, "lead users"),
    Refusal("what was done about an alert needs a note", _submitted(), "Dee Deputy",
            ("alerts", "record", "place-1", "--note", " "), 1, "note saying what was done"),
    Refusal("an alert the lead cannot see is not found", _submitted(), "Dee Deputy",
            ("alerts", "record", "place-1", "--note", "x"), 1, "no pattern alert"),
    # recommendations: supervisors and leads list them, leads escalate the overdue ones
    Refusal("triage may not list the recommendations", _submitted(), "Ian Board",
            ("recommendations",), 3, "may not list the recommendations"),
    Refusal("a supervisor may not escalate overdue recommendations", _submitted(), "Sam Super",
            ("recommendations", "review"), 3, "may not escalate overdue recommendations"),
    # the regular share of the log (para 24): HMI Prisons shares it, by its lead
    Refusal("an HMIP supervisor may not share the log", _submitted(), "Sam Super",
            ("share", "--period", "2026H1", "--out", "never-written"), 3,
            "may not share the log with the IMB and PPO leads"),
    Refusal("the IMB lead does not share HMIP's log", _submitted(), "Nia National",
            ("share", "--period", "2026H1", "--out", "never-written"), 3, "HMIP staff"),
    Refusal("intake staff may not share the log", _submitted(), "Ines Pector",
            ("share", "--period", "2026H1", "--out", "never-written"), 3, "lead users"),
    Refusal("a period is a half year", _submitted(), "Dee Deputy",
            ("share", "--period", "2026Q1", "--out", "never-written"), 1,
            "write the year then H1 (1 January to 30 June) or H2"),
    Refusal("a period is shared once it has ended", _submitted(), "Dee Deputy",
            ("share", "--period", f"{date.today().year}H{1 if date.today().month < 7 else 2}",
             "--out", "never-written"), 1, "has not ended"),
    # the browser server (backoffice serve): nothing listens that would not know who people are
    Refusal("a browser server for other computers needs the organisation's proxy", _submitted(),
            "Ian Board", ("serve", "--host", "0.0.0.0"), 2,
            "must sit behind the organisation's HTTPS proxy"),
    Refusal("behind a proxy nobody chooses who they are with --as", _submitted(), "Ian Board",
            ("serve", "--trust-proxy-header", "X-Remote-User", "--public-url",
             "https://sanctions.example.org"), 2, "--as is not used behind a proxy"),
    # closing is deliberate
    Refusal("closing needs --confirm", _submitted(qualifies=Qualifies.NO, route=Route.COMPLAINT),
            "Ian Board", ("act", "{ref}", "does_not_qualify", "--outcome", "complaint",
                          "--note", "x", "--told", date.today().isoformat()), 1,
            "closes the case; nothing was changed"),
]  # fmt: skip


def _audit_count(engine: Engine) -> int:
    """Events about cases (choosing who you are on a shared login is audited too)."""
    with Session(engine) as session:
        query = (
            select(func.count()).select_from(AuditEvent).where(col(AuditEvent.case_id).isnot(None))
        )
        return session.exec(query).one()


@pytest.mark.parametrize("row", REFUSALS, ids=[r.why for r in REFUSALS])
def test_refusal(
    row: Refusal,
    act: ActFn,
    staff: Staff,
    submit: SubmitFn,
    settings: Settings,
    engine: Engine,
) -> None:
    prepared = row.prepare(act, staff, submit)
    ref, earlier = (prepared, prepared) if isinstance(prepared, str) else prepared
    env = cli_env(settings)
    before = _audit_count(engine)
    args = [a.replace("{ref}", ref).replace("{earlier}", earlier) for a in row.args]
    result = run_cli("backoffice", "--as", row.user, *args, env=env)
    assert result.returncode == row.code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert row.says in lines[0]
    assert _audit_count(engine) == before  # nothing changed


def test_the_refused_action_is_listed_with_its_reason(
    act: ActFn, staff: Staff, submit: SubmitFn, settings: Settings
) -> None:
    ref = submit(consent=DECLINES)
    act(staff.imb, ref, "confirm_qualifies")
    env = cli_env(settings)
    act(staff.hmip, ref, "log_on_tracker")
    act(staff.imb, ref, "consult_prisoner", outcome="declines")
    result = run_cli("backoffice", "--as", "Ian Board", "steps", ref, "--json", env=env)
    assert result.returncode == 0, result.stderr
    steps = {a["name"]: a for a in json.loads(result.stdout)}
    assert steps["close_not_pursued"]["closes_case"] and steps["close_not_pursued"]["allowed"]
    assert steps["record_consent"]["allowed"]
    for stopped in ("imb_enquiries", "imb_briefing", "refer_senior_manager"):
        assert not steps[stopped]["allowed"], stopped
        assert "not consented" in steps[stopped]["why_not"], stopped
