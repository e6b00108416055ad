"""Need to know in what leaves the case view: the search, the queue's snippet, the tracker."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from sqlalchemy import Engine
from sqlmodel import Session

from backoffice.pseudonyms import CaseRedactor
from backoffice.queue import SEARCH_CUTOFF, list_queue, plan_search, score_case
from backoffice.tracker import COLUMNS, export_tracker
from intake.core.db.models import SanctionCase
from intake.core.users import Actor
from tests.backoffice.ntk_support import NAME, NUMBER, _listed
from tests.support.factories import logged_on_tracker


def _found(engine: Engine, actor: Actor, text: str) -> list[str]:
    with Session(engine) as session:
        page = list_queue(session, actor=actor, search=text, page_size=200)
    return [row.reference for row in page.rows]


@pytest.mark.parametrize("text", [NAME, "jordan", "Jordn Exmple", NUMBER, "cell 12"])
def test_search_never_finds_a_pseudonymised_case_by_the_person(
    engine: Engine, people: dict[str, Actor], cases: dict[str, str], text: str
) -> None:
    hmip_found = _found(engine, people["hmip"], text)
    assert cases["home"] not in hmip_found and cases["ppo"] not in hmip_found
    assert cases["hmip"] in hmip_found  # HMIP received that one: its staff may find it so
    assert cases["home"] in _found(engine, people["imb"], text)
    assert cases["by_intake2"] not in _found(engine, people["intake"], text)
    # words that do not identify the person still find the case
    assert cases["home"] in _found(engine, people["hmip"], "segregation unit")


def _tracker(engine: Engine, actor: Actor, out: Path) -> dict[str, dict[str, str]]:
    with Session(engine) as session:
        export_tracker(session, actor=actor, out=out, fmt="csv")
        session.commit()
    with out.open(encoding="utf-8") as handle:
        marking, header, *rows = list(csv.reader(handle))
    assert header == COLUMNS and marking[0] == "OFFICIAL-SENSITIVE"
    assert "need to know" in marking[1]
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows}


def test_tracker_export_pseudonymises_rows_the_exporter_is_not_identified_to(
    engine: Engine, people: dict[str, Actor], cases: dict[str, str], tmp_path: Path
) -> None:
    logged_on_tracker(engine, cases.values())
    rows = _tracker(engine, people["hmip_supervisor"], tmp_path / "hmip.csv")
    assert rows[cases["hmip"]]["Person"] == NAME
    assert rows[cases["hmip"]]["Prison number"] == NUMBER
    for which in ("home", "away", "ppo", "handed"):
        row = rows[cases[which]]
        assert row["Person"].startswith("PERSON-") and row["Prison number"].startswith("PN-")
    assert len({rows[cases[w]]["Person"] for w in ("home", "away", "ppo")}) == 1

    board = _tracker(engine, people["imb_home_supervisor"], tmp_path / "imb.csv")
    assert cases["away"] not in board  # another Board's case is not in it at all
    assert board[cases["home"]]["Person"] == NAME
    assert board[cases["hmip"]]["Person"].startswith("PERSON-")

    admin = _tracker(engine, people["hmip_admin"], tmp_path / "admin.csv")
    assert not [r for r in admin.values() if NAME in r["Person"] or NUMBER in r["Prison number"]]


def test_the_snippet_of_a_pseudonymised_case_is_redacted(
    engine: Engine, people: dict[str, Actor], cases: dict[str, str]
) -> None:
    with Session(engine) as session:
        page = _listed(session, people["ppo"])
    rows = {r.reference: r for r in page.rows}
    assert rows[cases["home"]].snippet.startswith("[PERSON] ([PRISON NUMBER]) was moved")
    assert not rows[cases["home"]].identified
    assert rows[cases["ppo"]].snippet.startswith(NAME) and rows[cases["ppo"]].identified
    assert {r.reference for r in page.rows} >= {cases["home"], cases["handed"]}


#: Words of an account (none of them like a generated name: see the assume() below).
FILLER = ["officer", "moved", "me", "to", "the", "segregation", "unit", "after", "visits"]
_name_part = st.from_regex(r"[A-Z][a-z]{3,9}", fullmatch=True)
_SPELLINGS: list[Callable[[str], str]] = [
    str, str.upper, str.lower, "{}'s".format, "{}’s".format, "{}s".format, "{}-ward".format
]  # fmt: skip


@hypothesis_settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=_name_part,
    last=_name_part,
    spellings=st.lists(st.sampled_from(_SPELLINGS), min_size=1, max_size=4),
    filler=st.lists(st.sampled_from(FILLER), min_size=3, max_size=25),
    searched=st.sampled_from(["{first}", "{last}", "{first} {last}", "{first}'s"]),
)
def test_a_name_in_the_narrative_never_finds_a_case_read_pseudonymised(
    first: str,
    last: str,
    spellings: list[Callable[[str], str]],
    filler: list[str],
    searched: str,
) -> None:
    """Whatever way the name is written in the account, searching by it finds nothing."""
    # (a name that looks like an ordinary word of the account would be found by that word)
    assume(all(fuzz.ratio(part.lower(), w) < 60 for part in (first, last) for w in FILLER))
    written = [spell(part) for spell in spellings for part in (first, last)]
    narrative = " ".join(filler[:2] + written + filler[2:] + [f"{first} {last}", "A1234BC"])
    case = SanctionCase(
        reference="SAN-2026-00001", receiving_organisation="IMB", narrative=narrative,
        person_name=f"{first} {last}", prison_number="A1234BC",
    )  # fmt: skip
    plan = plan_search(searched.format(first=first, last=last))
    assume(not plan.places)  # the name is not also an establishment's
    hidden = score_case(plan, case, None, CaseRedactor.for_case(case))
    assert hidden < SEARCH_CUTOFF
    assert score_case(plan, case, None) >= SEARCH_CUTOFF  # the receiving body finds it
    by_number = score_case(plan_search("A1234BC"), case, None, CaseRedactor.for_case(case))
    assert by_number < SEARCH_CUTOFF
