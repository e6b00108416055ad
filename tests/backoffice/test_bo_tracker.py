"""The HMIP sanctions tracker export: columns, OFFICIAL-SENSITIVE marking, pseudonyms."""

from __future__ import annotations

import csv
import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from backoffice import xlsx
from backoffice.tracker import COLUMNS, MARKING, export_tracker
from backoffice.tracker.cells import _safe
from intake.core.db.models import AuditEvent, SanctionCase
from intake.core.errors import PermissionDenied, ValidationProblem
from intake.core.submission import ConsentAnswers, PersonDetails
from intake.core.users import Actor
from intake.core.vocabulary import Qualifies, Route
from tests.support.factories import ActFn, Staff, SubmitFn


def _export(engine: Engine, actor: Actor, out: Path, **kw: Any) -> int:
    with Session(engine) as session:
        summary = export_tracker(session, actor=actor, out=out, **kw)
        session.commit()
    return summary.rows


@pytest.fixture
def tracked(act: ActFn, staff: Staff, submit: SubmitFn) -> list[str]:
    logged = submit()
    act(staff.hmip, logged, "confirm_qualifies")
    act(staff.hmip, logged, "log_on_tracker")
    same_person = submit(
        person=PersonDetails(name="JORDAN  example", prison_number="A1234BC"),
        consent=ConsentAnswers(pursue=False),
    )
    act(staff.hmip, same_person, "confirm_qualifies")
    act(staff.hmip, same_person, "log_on_tracker")
    signposted = submit(route=Route.COMPLAINT, qualifies=Qualifies.NO)
    act(
        staff.imb, signposted, "does_not_qualify", outcome="complaint", note="Told on the wing",
        told=date.today(), confirm_close=True,
    )  # fmt: skip
    return [logged, same_person, signposted]


def test_xlsx_has_the_marking_properties_and_fixed_columns(
    engine: Engine, staff: Staff, tracked: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "tracker.xlsx"
    # the Board's supervisor: the IMB received these cases, so its staff see the names
    # only cases logged at step 3: the signposted one never was
    assert _export(engine, staff.imb_home_supervisor, out, fmt="xlsx") == 2
    book = load_workbook(out)
    props = book.properties
    assert "OFFICIAL-SENSITIVE" in (props.title or "")
    assert props.category == "OFFICIAL-SENSITIVE"
    assert "OFFICIAL-SENSITIVE" in (props.keywords or "")
    assert "OFFICIAL-SENSITIVE" in (props.subject or "")
    sheet = book.active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "OFFICIAL-SENSITIVE"
    header = list(rows[1])
    assert header == COLUMNS
    for wanted in ("Reference", "Received", "Establishment", "Receiving organisation"):
        assert wanted in header
    steps = [h for h in header if isinstance(h, str) and h.startswith("Step ")]
    assert len(steps) == 11 and steps[0].startswith("Step 1:")
    data = {r[0]: dict(zip(header, r, strict=True)) for r in rows[2:]}
    logged = data[tracked[0]]
    assert logged["Establishment"] == "HMP Wandsworth"
    assert logged["Person"] == "Jordan Example" and logged["Prison number"] == "A1234BC"
    assert logged["Status"] == "logged" and logged["Qualifies"] == "yes"
    assert logged["Step 3: Inform HMIP, who log it on the HMIP sanctions tracker"]
    assert logged["Consent"] == "consents, named"
    assert data[tracked[1]]["Consent"] == "declined: logged only"
    assert tracked[2] not in data
    assert os_mode(out) == 0o600


def os_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_csv_is_marked_and_pseudonyms_are_stable_across_exports(
    engine: Engine, staff: Staff, tracked: list[str], tmp_path: Path
) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    _export(engine, staff.hmip_supervisor, first, fmt="csv", pseudonymise=True)
    _export(engine, staff.hmip_supervisor, second, fmt="csv", pseudonymise=True)
    text = first.read_text(encoding="utf-8")
    assert text.startswith("OFFICIAL-SENSITIVE,")
    assert "Jordan" not in text and "A1234BC" not in text and "pseudonymised" in text
    rows_a = list(csv.reader(first.open(encoding="utf-8")))[2:]
    rows_b = list(csv.reader(second.open(encoding="utf-8")))[2:]
    person = COLUMNS.index("Person")
    number = COLUMNS.index("Prison number")
    assert [r[person] for r in rows_a] == [r[person] for r in rows_b]
    assert rows_a[0][person].startswith("PERSON-") and rows_a[0][number].startswith("PN-")
    assert rows_a[0][person] == rows_a[1][person]  # one person, two cases, one pseudonym
    with Session(engine) as session:
        exports = session.exec(select(AuditEvent).where(AuditEvent.action == "tracker_exported"))
        assert [(e.after or {}).get("pseudonymised") for e in exports] == [True, True]


def test_date_range_and_who_may_export(
    engine: Engine, staff: Staff, tracked: list[str], tmp_path: Path
) -> None:
    from datetime import timedelta

    tomorrow = date.today() + timedelta(days=2)
    assert _export(engine, staff.hmip, tmp_path / "x.csv", fmt="csv", date_from=tomorrow) == 0
    with pytest.raises(PermissionDenied, match="may not export"):
        _export(engine, staff.ppo, tmp_path / "y.csv", fmt="csv")
    assert not (tmp_path / "y.csv").exists()


def test_each_duty_monitoring_and_recommendations_with_their_dates(
    engine: Engine, staff: Staff, act: ActFn, submit: SubmitFn, tmp_path: Path
) -> None:
    today = date.today().isoformat()
    ref = submit()
    act(staff.imb, ref, "confirm_qualifies")
    act(staff.hmip, ref, "log_on_tracker")
    act(staff.imb, ref, "inform_partners", note="Emailed both")
    act(staff.imb, ref, "review_monitoring", note="Seen on the wing")
    out = tmp_path / "t.csv"
    assert _export(engine, staff.hmip_supervisor, out, fmt="csv") == 1
    header, row = list(csv.reader(out.open(encoding="utf-8")))[1:3]
    line = dict(zip(header, row, strict=True))
    assert (line["Logged"], line["Bodies contacted"]) == (today, "IMB")
    partners = "Inform the two other organisations"
    assert (line[f"{partners}: opened"], line[f"{partners}: done"]) == (today, today)
    lead = "Inform the internal sanctions lead"
    assert (line[f"{lead}: opened"], line[f"{lead}: done"]) == (today, "open")
    assert [line[c] for c in ("IMB monitoring: started", "IMB monitoring: last review",
                              "IMB monitoring")] == [today, today, "ongoing"]  # fmt: skip
    assert [line[c] for c in ("Recommendations", "Recommendations open")] == ["0", "0"]


def _excel_text(value: str) -> str:
    """A cell's text as Excel reads it: ``_xHHHH_`` is a character, ``_x005F_`` an underscore
    (openpyxl leaves these escapes as they are)."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), value)


def test_xlsx_round_trip_matches_the_csv_with_marking_and_properties(
    engine: Engine, staff: Staff, tracked: list[str], tmp_path: Path
) -> None:
    """The xlsx opens in openpyxl with the header, marking, properties, print marking, frozen
    panes and the very rows of the CSV; every cell is text, none a formula."""
    actor = staff.imb_home_supervisor
    assert _export(engine, actor, tmp_path / "t.csv", fmt="csv") == 2
    assert _export(engine, actor, tmp_path / "t.xlsx", fmt="xlsx") == 2
    book = load_workbook(tmp_path / "t.xlsx")
    props = book.properties
    assert props.title == "HMIP sanctions tracker (OFFICIAL-SENSITIVE)"
    assert props.subject == (
        "OFFICIAL-SENSITIVE: alleged sanctions for contact with HMIP, IMB or PPO"
    )
    assert props.keywords == "OFFICIAL-SENSITIVE; sanctions; tracker"
    assert props.category == MARKING and props.creator == actor.name
    sheet = book.active
    assert sheet is not None and sheet.title == "Tracker"
    header, footer = sheet.oddHeader, sheet.oddFooter
    assert header is not None and header.center.text == MARKING
    assert footer is not None and footer.center.text == MARKING
    assert sheet.freeze_panes == "B3"
    cells = list(sheet.iter_rows())
    assert all(cell.data_type == "s" for row in cells for cell in row if cell.value is not None)
    read = [["" if c.value is None else str(c.value) for c in row] for row in cells]
    with (tmp_path / "t.csv").open(encoding="utf-8", newline="") as handle:
        written = list(csv.reader(handle))
    assert read[0][0] == written[0][0] == MARKING
    assert read[0][1].startswith("HMIP sanctions tracker, exported ")
    assert read[1] == written[1] == COLUMNS
    assert read[2:] == written[2:]
    assert {row[0] for row in read[2:]} == set(tracked[:2])


#: Any text a person's name or a place may hold (a database keeps no NUL nor half a surrogate).
ANY_TEXT = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
    min_size=1,
    max_size=120,
)


@given(texts=st.lists(ANY_TEXT, min_size=1, max_size=5))
@hypothesis_settings(max_examples=200, deadline=None)
def test_the_xlsx_writer_keeps_any_text_as_a_text_cell(texts: list[str]) -> None:
    props = xlsx.Properties(title="t", subject="s", keywords="k", category="c", creator="me")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "t.xlsx"
        rows = [texts, ["=1+1", *texts]]
        assert xlsx.write_sheet(out, rows, sheet="S", properties=props, header_footer="M") == 2
        sheet = load_workbook(out).active
        assert sheet is not None
        for row, cells in zip(rows, sheet.iter_rows(), strict=False):
            assert all(c.data_type == "s" for c in cells if c.value is not None)
            assert [_excel_text(str(c.value)) for c in cells[: len(row)]] == row


@pytest.fixture
def one_logged(engine: Engine, act: ActFn, staff: Staff, submit: SubmitFn) -> str:
    ref = submit()
    act(staff.hmip, ref, "confirm_qualifies")
    act(staff.hmip, ref, "log_on_tracker")
    return ref


@given(name=ANY_TEXT, place=ANY_TEXT)
@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_name_or_place_is_exported_as_the_text_never_a_formula(
    engine: Engine, staff: Staff, one_logged: str, tmp_path: Path, name: str, place: str
) -> None:
    with Session(engine) as session:
        session.execute(
            update(SanctionCase)
            .where(col(SanctionCase.reference) == one_logged)
            .values(person_name=name, place_text=place, establishment_id=None)
            .values(receiving_organisation="HMIP")
            .execution_options(skip_audit=True)
        )
        session.commit()
    out = tmp_path / "t.xlsx"
    # HMIP received it: its lead sees the case (no establishment) and who the person is
    assert _export(engine, staff.hmip_lead, out, fmt="xlsx") == 1
    sheet = load_workbook(out).active
    assert sheet is not None
    header = [c.value for c in sheet[2]]
    line = {h: c for h, c in zip(header, sheet[3], strict=False)}
    for column, text in (("Person", name), ("Establishment", place)):
        cell = line[column]
        assert cell.data_type == "s"
        assert _excel_text(str(cell.value)) == _safe(text) in (text, "'" + text)


def test_more_rows_than_a_sheet_holds_is_refused_and_nothing_is_written(
    engine: Engine, staff: Staff, tracked: list[str], tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setattr(xlsx, "MAX_ROWS", 3)  # the marking, the header and one case
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ValidationProblem, match="too large for one xlsx sheet"):
        _export(engine, staff.imb_home_supervisor, folder / "t.xlsx", fmt="xlsx")
    assert list(folder.iterdir()) == []  # neither the file nor its temporary copy
    assert _export(engine, staff.imb_home_supervisor, folder / "t.csv", fmt="csv") == 2
