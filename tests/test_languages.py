"""Languages as data (issue 17, point 2): every shipped language has every person-facing key of
the English source, no key English lacks, and the same {placeholders}; merging a language over
English changes only those words."""

from __future__ import annotations

import pytest

from intake.interview.script import load_script, load_texts
from prompts import load_yaml, load_yaml_in
from prompts.languages import (
    LANGUAGES,
    MAY_LEAVE_OUT,
    PERSON_FACING,
    SOURCE,
    UnknownLanguage,
    check_language,
    flattened,
    person_facing,
    placeholders,
)

TRANSLATED = [code for code in LANGUAGES if code != SOURCE]
FILES = sorted(PERSON_FACING)


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("name", FILES)
def test_every_person_facing_key_is_translated_and_nothing_else(language: str, name: str) -> None:
    english = person_facing(name, load_yaml(name))
    translated = flattened(load_yaml(f"{language}/{name}"))
    assert english, f"{name}: no person-facing words found in the English source"
    assert sorted(set(english) - set(translated)) == [], f"{language}/{name}: missing keys"
    assert sorted(set(translated) - set(english)) == [], f"{language}/{name}: keys English lacks"
    for path, words in translated.items():
        assert words.strip(), f"{language}/{name}: {path} is empty"


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("name", FILES)
def test_placeholders_match_the_english(language: str, name: str) -> None:
    english = person_facing(name, load_yaml(name))
    translated = flattened(load_yaml(f"{language}/{name}"))
    for path, words in translated.items():
        source = placeholders(english[path])
        may_leave_out = MAY_LEAVE_OUT.get(f"{name}:{path}", frozenset())
        assert placeholders(words) <= source, f"{language}/{name}: {path} has unknown ones"
        assert source - placeholders(words) <= may_leave_out, f"{language}/{name}: {path}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_translation_is_marked_as_a_draft_for_review(language: str) -> None:
    from prompts import load_text

    for name in FILES:
        first = load_text(f"{language}/{name}").splitlines()[0]
        assert "TO BE REVIEWED BY A WELSH SPEAKER" in first, name


def test_a_language_changes_only_the_words_said_to_the_person() -> None:
    english, welsh = load_script(), load_script("cy")
    for mine, theirs in zip(english.questions, welsh.questions, strict=True):
        assert mine.model_dump(exclude={"ask"}) == theirs.model_dump(exclude={"ask"})
    assert welsh.question("person_name").ask == "Beth yw eich enw?"
    texts = load_texts("cy")
    assert texts.reassurance.startswith("Cyn inni ddechrau")
    assert texts.immediate_action == load_texts().immediate_action  # staff's, in English


def test_a_file_with_nothing_person_facing_is_english_in_every_language() -> None:
    assert load_yaml_in("risk.yaml", "cy") == load_yaml("risk.yaml")


@pytest.mark.parametrize(("typed", "code"), [("cy", "cy"), ("CY", "cy"), (" en ", "en")])
def test_a_language_is_named_by_its_code(typed: str, code: str) -> None:
    assert check_language(typed) == code


def test_an_unknown_language_is_refused_naming_those_shipped() -> None:
    shipped = r"choose one of en \(English\), cy \(Welsh \(Cymraeg\)\)"
    with pytest.raises(UnknownLanguage, match=rf"no language 'xx': {shipped}"):
        check_language("xx")
