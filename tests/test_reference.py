from __future__ import annotations

import pytest

from intake.core.establishment_data import out_of_scope_places, reference_establishments
from intake.core.establishments import default_directory, normalise
from intake.core.vocabulary import EstablishmentType


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("wandsworth", "HMP Wandsworth"),
        ("scrubs", "HMP Wormwood Scrubs"),
        ("BWI", "HMP Berwyn"),
        ("bwi", "HMP Berwyn"),
        ("brook hse", "Brook House IRC"),
        ("yarls wood", "Yarl's Wood IRC"),
        ("Strangeways", "HMP Manchester"),
        ("hmp wandswoth", "HMP Wandsworth"),
        ("Dungavel", "Dungavel IRC"),
        ("Dungavel House", "Dungavel IRC"),
        ("Dungavel House, Scotland", "Dungavel IRC"),
        ("Larne House", "Larne House STHF"),
        ("Larne House Northern Ireland", "Larne House STHF"),
        ("Manchester Airport holding room", "Manchester Airport holding rooms"),
        ("the holding room at Heathrow", "Heathrow Airport holding rooms"),
        ("Gatwick holding room", "Gatwick Airport holding rooms"),
        ("Stansted", "Stansted Airport holding rooms"),
        ("Dover port", "Dover Port holding rooms"),
        ("HMP Wandsworth London", "HMP Wandsworth"),
        ("Wight", "HMP Isle of Wight"),
    ],
)
def test_finds_the_establishment(query: str, expected: str) -> None:
    result = default_directory().lookup(query)
    assert result.not_covered is None
    assert result.best is not None
    assert result.best.name == expected


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("police station", "police custody"),
        ("Leeds police station", "police custody"),
        ("the hospital", "mental-health detention"),
        ("Broadmoor", "mental-health detention"),
        ("court cells", "court custody"),
        ("HMP Barlinnie", "prison in Scotland"),
        ("Maghaberry", "prison in Northern Ireland"),
        ("approved premises", "approved premises"),
        ("Isle of Man", "prison on the Isle of Man"),
        ("HMP Isle of Man", "prison on the Isle of Man"),
        ("Jurby", "prison on the Isle of Man"),
        ("HMP Shotts, Scotland", "prison in Scotland"),
        ("custody suite", "police custody"),
    ],
)
def test_places_outside_the_protocol_are_not_covered(query: str, kind: str) -> None:
    result = default_directory().lookup(query)
    assert result.best is None
    assert result.matches == ()
    assert result.not_covered is not None
    assert result.not_covered.kind == kind
    assert "not covered" in result.not_covered.message


def test_shared_alias_offers_both() -> None:
    result = default_directory().lookup("Heathrow IRC")
    names = {m.record.name for m in result.matches}
    assert names == {"Colnbrook IRC", "Harmondsworth IRC"}
    assert result.best is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Brook", {"Brook House IRC", "Colnbrook IRC"}),
        ("Isle", {"HMP Isle of Wight", "HMP Risley"}),
        ("Heathrow", {"Colnbrook IRC", "Harmondsworth IRC", "Heathrow Airport holding rooms"}),
        ("Manchester Airport", {"Manchester Residential STHF", "Manchester Airport holding rooms"}),
        ("Dover", {"Dover Port holding rooms", "Kent Intake Unit", "Western Jet Foil STHF"}),
    ],
)
def test_a_name_that_fits_several_is_ambiguous_and_lists_them(
    query: str, expected: set[str]
) -> None:
    result = default_directory().lookup(query)
    assert result.ambiguous
    assert result.best is None
    assert {m.record.name for m in result.tied} == expected
    assert result.problem is not None
    assert "could be several places" in result.problem
    assert all(name in result.problem for name in expected)


@pytest.mark.parametrize(
    ("query", "nearest"),
    [
        ("Isle of Dogs", "HMP Isle of Wight"),
        ("Glasgow Airport holding room", "Gatwick Airport holding rooms"),
        ("Lutton", "Luton Airport holding rooms"),
    ],
)
def test_a_different_distinctive_word_is_not_found_with_the_nearest(
    query: str, nearest: str
) -> None:
    result = default_directory().lookup(query)
    assert result.best is None
    assert result.matches == ()
    assert nearest in [m.record.name for m in result.suggestions]
    assert result.problem is not None
    assert result.problem.startswith(f"no establishment found for {query!r}")
    assert nearest in result.problem


def test_holding_rooms_and_the_scottish_irc_are_immigration_detention() -> None:
    records = {r.name: r for r in reference_establishments()}
    rooms = [r for r in records.values() if r.type is EstablishmentType.HOLDING_ROOM]
    assert len(rooms) >= 7
    assert all(r.type.holds_detainees for r in rooms)
    assert records["Dungavel IRC"].country == "Scotland"
    assert records["Dungavel IRC"].type is EstablishmentType.IRC


def test_nonsense_finds_nothing() -> None:
    result = default_directory().lookup("qwxz plorb")
    assert result.matches == ()
    assert result.not_covered is None


def test_no_covered_name_or_alias_looks_out_of_scope() -> None:
    directory = default_directory()
    for record in reference_establishments():
        for label in (record.name, *record.aliases):
            assert directory.lookup(label).not_covered is None, label


def test_data_files_are_complete() -> None:
    records = reference_establishments()
    assert len(records) == 149
    assert sum(1 for r in records if r.code) == 127
    assert all(p.patterns for p in out_of_scope_places())
    assert normalise("Yarl's  Wood!") == "yarls wood"
