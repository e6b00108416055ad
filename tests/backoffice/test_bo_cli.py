"""The `backoffice` command driven through its installed entry point, as a user would."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

from backoffice.demo import seed_demo
from intake.core.db.models import AuditEvent, SanctionCase, User
from intake.core.settings import Settings
from tests.support.cli import cli_env, run_cli
from tests.support.factories import ActFn, Staff, SubmitFn


@pytest.fixture
def env(settings: Settings) -> dict[str, str]:
    return cli_env(settings)


def bo(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("backoffice", *args, env=env)


def bo_json(env: dict[str, str], *args: str) -> Any:
    """What the command printed with ``--json`` (its shape is the command's)."""
    result = bo(env, *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _one_line_error(result: subprocess.CompletedProcess[str], code: int, text: str) -> None:
    assert result.returncode == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and text in lines[0]
    assert "Traceback" not in result.stderr


def test_case_taken_to_closure_from_the_cli(
    env: dict[str, str], staff: Staff, submit: SubmitFn
) -> None:
    ref = submit()
    steps = bo_json(env, "--as", "Hana Triage", "steps", ref)
    assert {k: steps[0][k] for k in ("name", "step")} == {"name": "confirm_qualifies", "step": 2}
    path = [
        ("Hana Triage", "confirm_qualifies"),
        ("Hana Triage", "log_on_tracker"),
        ("Ian Board", "consult_prisoner", "--outcome", "consents"),
        (
            "Ian Board",
            "imb_briefing",
            "--note",
            "Brief sent",
            "--outcome",
            "suggest_no_investigation",
        ),
        ("Pat Ombud", "decide_not_to_investigate", "--note", "Resolved locally"),
        ("Ian Board", "explain_outcome", "--note", "Told him on the wing", "--confirm"),
    ]
    for user, action, *extra in path:
        result = bo(env, "--as", user, "act", ref, action, *extra)
        assert result.returncode == 0, result.stderr
        assert "done" in result.stdout
    case = bo_json(env, "--as", "Hana Triage", "show", ref)
    assert case["summary"]["status"] == "closed"
    assert case["outcome"] == "not_investigated"
    assert any(e["action"] == "explain_outcome" for e in case["audit"])


def test_errors_are_one_line_with_their_exit_codes(
    env: dict[str, str], staff: Staff, submit: SubmitFn
) -> None:
    ref = submit()
    _one_line_error(bo(env, "show", ref), 3, "--as")
    unknown = bo(env, "--as", "Nobody", "show", ref)
    _one_line_error(unknown, 3, "'Nobody' is not a user of the login")
    assert "Hana Triage" not in unknown.stderr  # no list of names for a wrong one
    _one_line_error(bo(env, "--as", "Ivy Away", "show", ref), 1, "can see")
    _one_line_error(bo(env, "--as", "Ines Pector", "act", ref, "confirm_qualifies"), 3, "intake")
    _one_line_error(
        bo(env, "--as", "Hana Triage", "act", ref, "confirm_qualifies", "--version", "0"), 4, ref
    )
    board_supervisor = ("--as", "Hugh Boardchair", "override", ref)
    _one_line_error(
        bo(env, *board_supervisor, "--set", "risk=extreme", "--reason", "x"),
        1,
        "risk 'extreme' is not one of immediate, high, standard",
    )
    _one_line_error(
        bo(env, "--as", "Hana Triage", "override", ref, "--set", "risk=high", "--reason", "x"),
        3,
        "supervisor",
    )


def test_override_queue_and_export_from_the_cli(
    env: dict[str, str], staff: Staff, submit: SubmitFn, act: ActFn, tmp_path: Path
) -> None:
    ref = submit()
    view = bo_json(
        env, "--as", "Hugh Boardchair", "override", ref, "--set", "risk=immediate",
        "--set", "categories=isolation,threats", "--reason", "Officers named are on his wing",
    )  # fmt: skip
    assert view["summary"]["overridden"] is True
    assert view["classifications"][-1]["source"] == "override"
    page = bo_json(env, "--as", "Ian Board", "queue", "--overridden")
    assert [r["reference"] for r in page["rows"]] == [ref]
    assert page["rows"][0]["risk_level"] == "immediate"
    text = bo(env, "--as", "Ian Board", "queue", "--search", "segregation")
    assert ref in text.stdout and "OVERRIDDEN" in text.stdout
    act(staff.imb, ref, "confirm_qualifies")
    act(staff.hmip, ref, "log_on_tracker")  # the tracker holds the cases logged at step 3
    out = tmp_path / "tracker.xlsx"
    summary = bo_json(env, "--as", "Sam Super", "tracker", "export", "--format", "xlsx",
                      "--out", str(out), "--pseudonymise", "--no-encrypt")  # fmt: skip
    assert summary["rows"] == 1 and summary["pseudonymised"] is True
    sheet = load_workbook(out).active
    assert sheet is not None
    assert sheet["A1"].value == "OFFICIAL-SENSITIVE"
    header = [c.value for c in sheet[2]]
    assert str(sheet.cell(3, header.index("Person") + 1).value).startswith("PERSON-")


NOT_ONE_ESTABLISHMENT = [
    ("Isle of Man", "A prison on the Isle of Man is not covered by the sanctions protocol"),
    ("Brook", "'Brook' could be several places: Brook House IRC; Colnbrook IRC."),
    ("Isle of Dogs", "no establishment found for 'Isle of Dogs'. Nearest: HMP Isle of Wight"),
]


@pytest.mark.parametrize(("typed", "says"), NOT_ONE_ESTABLISHMENT)
def test_the_queue_filter_never_guesses_an_establishment(
    env: dict[str, str], staff: Staff, typed: str, says: str
) -> None:
    result = bo(env, "--as", "Hana Triage", "queue", "--establishment", typed)
    _one_line_error(result, 1, says)


@pytest.mark.parametrize(("typed", "says"), NOT_ONE_ESTABLISHMENT)
def test_adding_a_board_member_never_guesses_their_establishment(
    env: dict[str, str], typed: str, says: str
) -> None:
    result = bo(env, "users", "add", "Ada Admin", "--role", "admin", "--organisation", "IMB",
                "--establishment", typed)  # fmt: skip
    _one_line_error(result, 1, says)
    added = bo(env, "users", "add", "Ada Admin", "--role", "admin", "--organisation", "IMB",
               "--establishment", "Dungavel House")  # fmt: skip
    assert added.returncode == 0, added.stderr  # nothing was added before: still the first


def test_demo_seeds_its_own_database_once_and_is_marked(
    env: dict[str, str], settings: Settings, engine: Engine
) -> None:
    first = bo_json(env, "demo")
    assert first["cases_created"] == 30 and first["users_created"] >= 15
    assert first["database"] == str(settings.demo_database)
    assert first["try"] == "backoffice --demo --as 'DEMO HMIP Triage' queue"
    assert _counts(engine) == (0, 0)  # the real database: no demo users, no demo cases
    refused = bo(env, "--as", "DEMO HMIP Triage", "demo")  # with users: an administrator only
    _one_line_error(refused, 3, "admin")
    again = bo_json(env, "--as", "DEMO HMIP Admin", "demo")
    assert again["cases_created"] == 0 and again["users_created"] == 0
    demo = ("--demo", "--as")
    users = bo_json(env, *demo, "DEMO HMIP Admin", "users", "list")
    assert all("DEMO" in u["name"] for u in users)
    page = bo_json(env, *demo, "DEMO HMIP Triage", "queue", "--all", "--page-size", "200")
    rows = page["rows"]
    assert len(rows) == 30 and all(r["is_demo"] for r in rows)
    assert {r["status"] for r in rows} >= {"received", "closed", "signposted", "investigating"}
    assert rows[0]["risk_level"] == "immediate"
    scoped = bo_json(env, *demo, "DEMO IMB Triage", "queue", "--all", "--page-size", "200")
    assert {r["establishment"] for r in scoped["rows"]} == {"HMP Wandsworth"}
    ref = rows[0]["reference"]
    # names show to the organisation that received the case (need to know)
    org = rows[0]["receiving_organisation"]
    case = bo_json(env, *demo, f"DEMO {org} Lead", "show", ref)
    assert case["person"]["name"].startswith("DEMO ")
    # without --demo, the real database: the demo's users are not its users
    _one_line_error(bo(env, "--as", "DEMO HMIP Triage", "queue"), 3, "not a user")
    assert _counts(engine) == (0, 0)


def _counts(engine: Engine) -> tuple[int, int]:
    """Demo users and demo cases in the database the tests' settings name."""
    with Session(engine) as session:
        users = session.exec(select(func.count()).select_from(User).where(col(User.is_demo)))
        cases = select(func.count()).select_from(SanctionCase).where(col(SanctionCase.is_demo))
        return users.one(), session.exec(cases).one()


def test_demo_needs_its_database_before_it_is_opened(env: dict[str, str]) -> None:
    result = bo(env, "--demo", "--as", "DEMO HMIP Triage", "queue")
    _one_line_error(result, 2, "no demo database yet")
    assert "run `backoffice demo` first" in result.stderr
    _one_line_error(bo(env, "--demo", "demo", "--main-database"), 1, "contradict")


def test_demo_cases_never_go_beside_real_ones(
    env: dict[str, str], engine: Engine, submit: SubmitFn
) -> None:
    submit()
    with Session(engine) as session:
        before = session.exec(select(func.count()).select_from(AuditEvent)).one()
    refused = bo(env, "--as", "Dee Deputy", "demo", "--main-database")
    _one_line_error(refused, 2, "this database holds 1 real case: demo data is never added")
    assert "nothing was written" in refused.stderr
    assert _counts(engine) == (0, 0)
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(AuditEvent)).one() == before


def test_the_tracker_never_holds_demo_cases(
    env: dict[str, str], engine: Engine, settings: Settings, staff: Staff, submit: SubmitFn,
    act: ActFn, tmp_path: Path,
) -> None:  # fmt: skip
    with Session(engine) as session:  # a training server: demo cases first, then a real one
        seed_demo(session, settings=settings)
        session.commit()
    real = submit()
    act(staff.imb, real, "confirm_qualifies")
    act(staff.hmip, real, "log_on_tracker")
    out = tmp_path / "tracker.csv"
    result = bo(env, "--as", "Dee Deputy", "tracker", "export", "--format", "csv", "--out",
                str(out), "--no-encrypt")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "wrote 1 cases" in result.stdout
    assert "left out 30 demo cases: demo data never enters the tracker" in result.stdout
    text = out.read_text(encoding="utf-8")
    assert real in text and "DEMO" not in text
