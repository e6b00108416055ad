from __future__ import annotations

import pytest

from intake.core.establishments import (
    default_directory,
    normalise,
    out_of_scope_places,
    reference_establishments,
)


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
        ("Larne House", "Larne House STHF"),
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
    assert len(records) == 142
    assert sum(1 for r in records if r.code) == 127
    assert all(p.patterns for p in out_of_scope_places())
    assert normalise("Yarl's  Wood!") == "yarls wood"
