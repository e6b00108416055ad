"""Properties: the classifier never raises on text, and `intake classify` answers every line."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.classifier import MAX_TEXT_CHARS, Classification, ClassifierInputError, classify
from intake.classifier.tempering import first_place

WORDS = st.sampled_from(
    ["IMB", "inspectors", "PPO", "basic", "seg", "visits", "¹⁶", "٣", "①", "aged", "\ud800", "\n"]
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=80).map(" ".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_classify_never_raises_on_any_text(text: str) -> None:
    try:
        result = classify(text)
    except ClassifierInputError:
        return  # empty or too long: the one documented refusal
    assert isinstance(result, Classification)
    for ev in result.evidence:
        assert text[ev.start : ev.end] == ev.matched


def test_classify_at_the_size_limit() -> None:
    classify("after I saw the IMB ¹⁶ ".ljust(MAX_TEXT_CHARS, "x"))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=20,
)
RAW_LINES = st.one_of(
    st.builds(lambda t, i: json.dumps({"text": t, "id": i}), TEXTS, JSON_VALUES),
    st.builds(lambda t: json.dumps({"text": t}, ensure_ascii=False), TEXTS),
    st.integers(1, 3000).map(lambda n: "[" * n + "]" * n),
    st.integers(1, 6000).map(lambda n: '{"text": "x", "id": ' + "7" * n + "}"),
    st.text(max_size=50).filter(lambda s: "\n" not in s and "\r" not in s),
)


def test_unicode_line_breaks_in_an_id_or_text_stay_on_one_line() -> None:
    """Found by the property below: an id of U+0085 came back raw, and a reader splitting lines
    the way Python does saw two answers for one line."""
    import os
    import subprocess

    from tests.support.cli import BIN

    lines = [
        json.dumps({"text": "0", "id": "\u0085"}),
        json.dumps({"text": "moved\u2028after the IMB", "id": "a\u2029b"}),
    ]
    done = subprocess.run(
        [str(BIN / "intake"), "classify"],
        input=("\n".join(lines) + "\n").encode(),
        capture_output=True,
        timeout=120,
        env=os.environ,
    )
    out = done.stdout.decode("utf-8").splitlines()
    assert [json.loads(line)["id"] for line in out] == ["\u0085", "a\u2029b"]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(RAW_LINES, min_size=1, max_size=12))
def test_the_cli_answers_one_line_per_input_line(lines: list[str]) -> None:
    data = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
    import os
    import subprocess

    from tests.support.cli import BIN

    done = subprocess.run(
        [str(BIN / "intake"), "classify"],
        input=data,
        capture_output=True,
        timeout=120,
        env=os.environ,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert b"Traceback" not in done.stderr
    out = done.stdout.decode("utf-8").splitlines()
    assert len(out) == len(lines)
    for number, line in enumerate(out, start=1):
        answer = json.loads(line)
        assert "qualifies" in answer or answer["line"] == number


DATE_WORDS = st.sampled_from(
    ["3", "31", "0", "45", "/", "May", "march", "Sept", "th", "of", "in", "2026", "26",
     "¹⁶", "٣", "①", "IMB", "wrote", "moved", "basic", "released", "died", ".", "'"]
)  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(DATE_WORDS, max_size=40).map(lambda ws: " ".join(ws).replace(" / ", "/")))
def test_dates_and_quotes_in_any_order_never_break_the_classifier(text: str) -> None:
    """Days, months, slashes, unicode digits and quote marks in any order: dates are read or
    not, and the evidence still points into the text."""
    from intake.classifier.document import tokenize
    from intake.classifier.facts.chronology import _dates

    try:
        result = classify(text)
    except ClassifierInputError:
        return
    for ev in result.evidence:
        assert text[ev.start : ev.end] == ev.matched
    doc = tokenize(text, text)
    for first, last, (_, month, day) in _dates(doc):
        assert 0 <= first <= last < len(doc.words)
        assert 1 <= month <= 12 and 0 <= day <= 31


#: Words, and the same letters inside longer words ("unsaid", "officers"), which are no match.
PIECES = st.sampled_from(
    ["said", "SAID", "unsaid", "saidx", "officer", "Officer's", "officers", "x", "1", "x1", "\t"]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=30).map(" ".join),
    st.sampled_from(["said", "officer said", "officer's", "x 1"]),
)
def test_the_words_weighed_are_found_where_a_plain_search_finds_them(
    text: str, phrase: str
) -> None:
    """Evidence for what the model weighed points where a whole-text regular-expression
    search does, for ASCII text (tried only where the first word is) and any other alike."""
    words = r"[\s]+".join(re.escape(w) for w in phrase.split())
    want = re.search(rf"(?<![a-z0-9]){words}(?![a-z0-9])", text, re.IGNORECASE)
    got = first_place(text, text.lower() if text.isascii() else None, phrase)
    assert (got and got.span()) == (want and want.span())
