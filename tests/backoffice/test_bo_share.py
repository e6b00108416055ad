"""The regular share of the log with the IMB and PPO leads (para 24; issue 16 point 3): the
pack built from real cases and opened as its readers would (the workbook with openpyxl, the
report with pypdf), recorded as shared, and the HMIP lead's queue reminding them until it is."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import Engine, update
from sqlmodel import Session, select

from backoffice.share import (
    ShareSummary,
    last_ended_period,
    parse_period,
    share_log,
    share_reminder,
)
from backoffice.tracker import COLUMNS
from intake.core.db.models import AuditEvent, LogShare, SanctionCase, table_of
from intake.core.errors import PermissionDenied, ValidationProblem
from intake.core.files import PASSPHRASE_ENV, decrypt_bytes, mode_of
from intake.core.settings import Settings
from intake.core.submission import PersonDetails
from intake.core.users import Actor
from tests.support.cli import cli_env, run_cli
from tests.support.factories import ActFn, Staff, SubmitFn

PERIOD = last_ended_period()
MARKING = "OFFICIAL-SENSITIVE"
#: Everything that would name the people of the cases: never in the pack.
NAMES = ("Zofia", "Kowalczyk", "A9876ZZ", "Olek", "Nowak", "B1111CC", "Jordan", "A1234BC")
APOLOGY = "Apologise to Zofia Kowalczyk in writing | outcome: a copy of the letter to A9876ZZ"


def _received(engine: Engine, reference: str, day: date) -> None:
    """Backdate a case's receipt (test data, outside the app's audited changes)."""
    cases = table_of(SanctionCase)
    moment = datetime.combine(day, time(12), tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(
            update(cases).where(cases.c.reference == reference).values(created_at=moment)
        )


def _proved(act: ActFn, staff: Staff, ref: str) -> None:
    act(staff.hmip, ref, "confirm_qualifies")
    act(staff.hmip, ref, "log_on_tracker")
    act(staff.imb, ref, "consult_prisoner", outcome="consents")
    act(staff.imb, ref, "imb_enquiries", note="Spoke to her; she is safe.")
    act(staff.imb, ref, "imb_briefing", note="Briefing sent", outcome="suggest_investigation")
    act(staff.ppo, ref, "decide_to_investigate")
    act(staff.ppo, ref, "share_conclusion", outcome="proved", note="CCTV confirms it")


@pytest.fixture
def cases(act: ActFn, staff: Staff, submit: SubmitFn, engine: Engine) -> dict[str, str]:
    """In the period: a proved case with an open recommendation naming the person, and one
    received but never logged; after it: a logged case (not in the pack's log)."""
    proved = submit(person=PersonDetails(name="Zofia Kowalczyk", prison_number="A9876ZZ"))
    _proved(act, staff, proved)
    act(staff.ppo, proved, "submit_formal_report", recommendations=[APOLOGY])
    unlogged = submit(person=PersonDetails(name="Olek Nowak", prison_number="B1111CC"))
    later = submit()
    act(staff.hmip, later, "confirm_qualifies")
    act(staff.hmip, later, "log_on_tracker")
    _received(engine, proved, PERIOD.start + timedelta(days=20))
    _received(engine, unlogged, PERIOD.end)
    return {"proved": proved, "unlogged": unlogged, "later": later}


def _share(
    engine: Engine, settings: Settings, actor: Actor, folder: Path, **kw: object
) -> ShareSummary:
    with Session(engine) as session:
        summary = share_log(
            session, actor=actor, period=PERIOD, folder=folder,
            deadlines=settings.deadlines, **kw,  # type: ignore[arg-type]
        )  # fmt: skip
        session.commit()
    return summary


def _cells(path: Path | bytes) -> dict[str, list[tuple[object, ...]]]:
    source = io.BytesIO(path) if isinstance(path, bytes) else path
    book = load_workbook(source, read_only=True)
    return {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}


def _no_names(text: str) -> None:
    for part in NAMES:
        assert part not in text, part


def test_the_pack_holds_the_periods_log_pseudonymised_its_insights_and_open_recommendations(
    engine: Engine, settings: Settings, staff: Staff, cases: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "pack"
    summary = _share(engine, settings, staff.hmip_lead, folder)
    assert (summary.logged, summary.received, summary.open_recommendations) == (1, 2, 1)
    book, report = (Path(f) for f in summary.files)
    assert book.name == f"sanctions-log-{PERIOD.name}.xlsx" and report.suffix == ".pdf"
    assert mode_of(book) == 0o600 and mode_of(report) == 0o600

    sheets = _cells(book)
    assert list(sheets) == ["Log", "Insights", "Open recommendations"]
    for rows in sheets.values():
        assert rows[0][0] == MARKING  # the marking row on every sheet
        assert "pseudonymised" in str(rows[0][1])
    log = sheets["Log"]
    assert list(log[1]) == COLUMNS
    data = [dict(zip(COLUMNS, row, strict=True)) for row in log[2:]]
    assert [r["Reference"] for r in data] == [cases["proved"]]  # the period's logged cases only
    assert str(data[0]["Person"]).startswith("Person ") or data[0]["Person"] != "Zofia Kowalczyk"
    assert data[0]["Received"] == (PERIOD.start + timedelta(days=20)).isoformat()
    insights = [row[0] if row else None for row in sheets["Insights"]]
    assert "2 cases received" in str(insights[1])
    assert "By establishment" in insights and "HMP Wandsworth" in insights
    recs = sheets["Open recommendations"]
    assert recs[2][0] == cases["proved"] and "Apologise to" in str(recs[2][3])
    everything = " ".join(str(c) for rows in sheets.values() for row in rows for c in row)
    _no_names(everything)
    book_props = load_workbook(book, read_only=True).properties
    assert book_props.category == MARKING

    pages = PdfReader(report).pages
    assert len(pages) >= 2
    texts = [page.extract_text() for page in pages]
    for text in texts:
        assert text.count(MARKING) >= 2  # top and foot of every page
    whole = " ".join(" ".join(texts).split())
    assert "2 cases received" in whole and "1 logged on the tracker" in whole
    assert "By establishment" in whole and "HMP Wandsworth" in whole
    assert "Time per step" in whole and cases["proved"] in whole and "Apologise to" in whole
    _no_names(whole)


def test_the_share_is_recorded_and_the_reminder_goes(
    engine: Engine, settings: Settings, staff: Staff, cases: dict[str, str], tmp_path: Path
) -> None:
    with Session(engine) as session:
        due = share_reminder(session, staff.hmip_lead)
        assert share_reminder(session, staff.hmip_supervisor) is None  # the lead's only
        assert share_reminder(session, staff.imb_lead) is None
    assert due == (
        f"The log for {PERIOD.name} is due to be shared with the IMB and PPO leads: "
        f"backoffice share --period {PERIOD.name}"
    )
    summary = _share(engine, settings, staff.hmip_lead, tmp_path / "pack")
    with Session(engine) as session:
        share = session.exec(select(LogShare)).one()
        assert (share.period, share.shared_by_id) == (PERIOD.name, staff.hmip_lead.id)
        assert share.files == summary.files
        event = session.exec(select(AuditEvent).where(AuditEvent.action == "log_shared")).one()
        assert event.actor_name == staff.hmip_lead.name and event.entity_id == share.id
        assert event.after and event.after["period"] == PERIOD.name
        assert share_reminder(session, staff.hmip_lead) is None
        # the next period, once it has ended, is due in turn
        after = PERIOD.end + timedelta(days=200)
        assert f"log for {last_ended_period(after).name} is due" in (
            share_reminder(session, staff.hmip_lead, on=after) or ""
        )


def test_a_pack_is_never_written_over_without_force_and_only_for_an_ended_period(
    engine: Engine, settings: Settings, staff: Staff, cases: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "pack"
    _share(engine, settings, staff.hmip_lead, folder)
    with pytest.raises(ValidationProblem, match="already exists"):
        _share(engine, settings, staff.hmip_lead, folder)
    _share(engine, settings, staff.hmip_lead, folder, overwrite=True)
    with Session(engine) as session:
        assert len(session.exec(select(LogShare)).all()) == 2
        with pytest.raises(ValidationProblem, match="has not ended"):
            share_log(
                session, actor=staff.hmip_lead, period=parse_period(_this_period()),
                folder=tmp_path / "early", deadlines=settings.deadlines,
            )  # fmt: skip
        with pytest.raises(PermissionDenied, match="may not share the log"):
            share_log(
                session, actor=staff.hmip_supervisor, period=PERIOD, folder=tmp_path / "x",
                deadlines=settings.deadlines,
            )  # fmt: skip
    assert not (tmp_path / "early").exists() and not (tmp_path / "x").exists()


def _this_period() -> str:
    on = date.today()
    return f"{on.year}H{1 if on.month < 7 else 2}"


@pytest.mark.parametrize("text", ["2026H3", "2026", "H1 2026", "2026-H1", "26H1", "", "1999H1"])
def test_a_bad_period_is_refused_with_the_format(text: str) -> None:
    with pytest.raises(ValidationProblem, match=r"write the year then H1 .* e\.g\. 2026H1"):
        parse_period(text)


def test_periods() -> None:
    first, second = parse_period("2026h1"), parse_period(" 2026H2 ")
    assert (first.start, first.end) == (date(2026, 1, 1), date(2026, 6, 30))
    assert (second.start, second.end) == (date(2026, 7, 1), date(2026, 12, 31))
    assert last_ended_period(date(2026, 7, 1)).name == "2026H1"
    assert last_ended_period(date(2026, 6, 30)).name == "2025H2"
    assert last_ended_period(date(2027, 1, 1)).name == "2026H2"


def test_the_command_writes_the_encrypted_pack_and_the_queue_reminds_the_lead_until_then(
    settings: Settings, cases: dict[str, str], tmp_path: Path
) -> None:
    env = cli_env(settings, **{PASSPHRASE_ENV: "correct horse battery"})
    queue = run_cli("backoffice", "--as", "Dee Deputy", "queue", env=env)
    assert queue.returncode == 0, queue.stderr
    reminder = f"The log for {PERIOD.name} is due to be shared with the IMB and PPO leads"
    assert queue.stdout.splitlines()[0].startswith(reminder)
    other = run_cli("backoffice", "--as", "Sam Super", "queue", env=env)
    assert reminder not in other.stdout

    out = tmp_path / "to-the-leads"  # outside the data folder: encrypted
    done = run_cli(
        "backoffice", "--as", "Dee Deputy", "share", "--period", PERIOD.name, "--out", str(out),
        env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "1 logged cases of 2 received, 1 open recommendations" in done.stdout
    assert "encrypted" in done.stdout and "recorded as shared" in done.stdout
    book = out / f"sanctions-log-{PERIOD.name}.xlsx"
    plain = decrypt_bytes(book.read_bytes(), "correct horse battery")
    sheets = _cells(plain)
    assert [r[0] for r in sheets["Log"][2:]] == [cases["proved"]]
    pdf = decrypt_bytes(
        (out / f"sanctions-log-{PERIOD.name}.pdf").read_bytes(), "correct horse battery"
    )
    assert all(MARKING in p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)

    again = run_cli(
        "backoffice", "--as", "Dee Deputy", "share", "--period", PERIOD.name, "--out", str(out),
        env=env,
    )  # fmt: skip
    assert again.returncode == 1 and "already exists" in again.stderr
    queue = run_cli("backoffice", "--as", "Dee Deputy", "queue", env=env)
    assert reminder not in queue.stdout


def test_inside_the_data_folder_the_pack_is_plain_and_json_says_what_was_written(
    settings: Settings, cases: dict[str, str]
) -> None:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    out = settings.data_dir / "share"
    done = run_cli(
        "backoffice", "--as", "Dee Deputy", "share", "--period", PERIOD.name.lower(),
        "--out", str(out), "--json", env=cli_env(settings),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)
    assert (said["period"], said["encrypted"], said["marking"]) == (PERIOD.name, False, MARKING)
    sheets = _cells(Path(said["files"][0]))
    assert sheets["Log"][0][0] == MARKING
    assert mode_of(out) == 0o700
