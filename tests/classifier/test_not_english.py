"""A narrative not in English is said plainly and never silently classified "no" (issue 17,
point 2): the share of common English function words among its lower-case words, with the
words of another language (or another script) as positive evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake.classifier import classify
from intake.classifier.language import MIN_WORDS, check_language
from intake.core.vocabulary import Qualifies, Route

DATA = Path(__file__).resolve().parents[2] / "data"
#: The English narratives the classifier is developed on (never the held-out half).
TRAINING = sorted(p.relative_to(DATA).as_posix() for p in DATA.glob("train/*.jsonl"))
ENGLISH_FILES = ["eval/dev.jsonl", "eval/dev2-tune.jsonl", *TRAINING]
ENGLISH = [
    json.loads(line)["text"]
    for name in ENGLISH_FILES
    for line in (DATA / name).read_text(encoding="utf-8").splitlines()
    if line.strip()
]

NOT_ENGLISH = {
    "Welsh": "Ar ôl i mi siarad efo'r arolygwyr am y cawodydd, fe wnaeth y swyddog fy symud i "
    "adain arall a dweud mai dyna beth sy'n digwydd i bobl sy'n cwyno i'r Bwrdd.",
    "Polish": "Po tym jak napisałem do IMB, oficer powiedział mi, że nie będę miał pracy i "
    "przeniósł mnie na inny oddział. Boję się, że to się stanie znowu.",
    "Romanian": "După ce am vorbit cu inspectorii, ofițerul mi-a spus că nu mai am voie la "
    "telefon și m-a mutat în altă celulă pentru că am făcut plângere.",
    "Spanish": "Después de hablar con los inspectores, el oficial me dijo que no tendría más "
    "visitas y me mandó a otra celda por quejarme.",
}
ARABIC = "بعد أن تحدثت مع المفتشين، قال الضابط إنني لن أحصل على زيارات بعد الآن ونقلني إلى جناح آخر"


def test_no_english_narrative_of_the_development_data_is_flagged() -> None:
    assert len(ENGLISH) > 1000
    flagged = [text for text in ENGLISH if not check_language(text).english]
    assert flagged == []


@pytest.mark.parametrize("language", list(NOT_ENGLISH))
def test_an_account_in_another_language_is_named_and_never_no(language: str) -> None:
    text = NOT_ENGLISH[language]
    check = check_language(text)
    assert not check.english
    assert f"looks to be in {language}" in (check.note() or "")
    result = classify(text)
    assert result.qualifies is not Qualifies.NO
    assert result.rationale.startswith("NOT IN ENGLISH")
    assert result.route is not Route.COMPLAINT


def test_another_script_is_not_english_either() -> None:
    assert "looks not English" in (check_language(ARABIC).note() or "")


def test_an_english_account_keeps_its_classification() -> None:
    text = "I told the IMB about the food. Officer Jones moved me to the seg and said it was why."
    assert check_language(text).note() is None
    assert not classify(text).rationale.startswith("NOT IN ENGLISH")


#: Names as people write them: capitalised words in any script (a caseless script too).
NAMES = (
    st.text(st.characters(categories=["L"]), min_size=1, max_size=12)
    .map(str.capitalize)
    .filter(lambda name: not name.islower())
)
#: The English accounts long enough to judge (all but a couple of one-line notes).
JUDGED = [text for text in ENGLISH if check_language(text).words >= MIN_WORDS]


@given(
    text=st.sampled_from(JUDGED),
    names=st.lists(NAMES, min_size=1, max_size=40),
    where=st.randoms(use_true_random=False),
)
def test_an_english_account_with_any_names_stays_english(
    text: str, names: list[str], where: object
) -> None:
    words = text.split()
    for name in names:
        words.insert(where.randrange(len(words) + 1), name)  # type: ignore[attr-defined]
    assert check_language(" ".join(words)).english


def test_a_short_english_note_with_a_few_names_stays_english() -> None:
    assert check_language("Moved cell. Олег Иванов saw it.").english
