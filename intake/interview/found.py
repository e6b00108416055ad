"""Never ask twice (issue 15 point 2): what the account, an earlier answer or the interviewer's
own Board already gives is offered with the question, saying where it was found, and the
interviewer only confirms it (Enter) or changes it.

Each finder reads what the interview knows and proposes the words an interviewer would type;
they are checked as any typed answer is (``parse_answer``), so a finder can never put in an
answer the question would refuse. A finder that sees nothing proposes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from intake.classifier import Classification, Evidence
from intake.core.errors import ValidationProblem
from intake.core.validation import PRISON_NUMBER_IN_TEXT
from intake.interview.answers import parse_answer
from intake.interview.letters import default_letter_path
from intake.interview.script import Found, Question

if TYPE_CHECKING:
    from intake.interview.engine import Interview

#: Words that name a date, as people write them ("two weeks ago", "on 3 March", "12/10").
_NUMBER = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|few)"
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)"
)
DATE_PHRASE = re.compile(
    rf"\b(?:yesterday|today"
    rf"|{_NUMBER} (?:days?|weeks?|months?) ago"
    rf"|last (?:{_DAY}|week|month)"
    rf"|(?:on )?{_DAY}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH}(?: \d{{4}})?"
    rf"|{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?"
    rf"|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?)\b",
    re.IGNORECASE,
)
#: A title and, if written, the name after it ("Officer Price", "Mr Dale").
_NAME_AFTER = re.compile(r"\s+((?:[A-Z][a-z][\w'-]*)(?:\s+[A-Z][a-z][\w'-]*)?)")
_SENTENCE_END = re.compile(r"[.!?\n]")
MAX_FOUND_CHARS = 300
FROM_ACCOUNT = "From the account"


def find_answer(interview: Interview, question: Question) -> Found | None:
    finder = _FINDERS.get(question.key)
    if finder is None:
        return None
    return finder(interview, question)


def _checked(interview: Interview, question: Question, text: str, source: str) -> Found | None:
    """``text`` as an answer to ``question``, if the question would accept it."""
    try:
        parsed = parse_answer(question, text, directory=interview.directory, today=interview.today)
    except ValidationProblem:
        return None
    if parsed.value is None:
        return None
    return Found(value=parsed.value, display=parsed.display, source=source)


def _quote(text: str) -> str:
    words = " ".join(text.split())
    if len(words) > 120:
        words = words[:117].rstrip() + "..."
    return f"“{words}”"


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence (or line) around ``text[start:end]``."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    begin = before[-1] if before else 0
    after = _SENTENCE_END.search(text, end)
    finish = after.end() if after else len(text)
    return text[begin:finish].strip()


def _evidence(interview: Interview, prefix: str) -> list[Evidence]:
    result: Classification | None = interview.classification
    if result is None:
        return []
    return [e for e in result.evidence if e.label.startswith(prefix)]


def _body_sentences(interview: Interview) -> list[str]:
    text = interview.account_text()
    found = [sentence_at(text, e.start, e.end) for e in _evidence(interview, "body:")]
    return list(dict.fromkeys(s for s in found if s))


# -- the finders -------------------------------------------------------------------------------


def _received_via(interview: Interview, question: Question) -> Found | None:
    if not interview.imported_from:
        return None
    return _checked(
        interview, question, "letter", f"The account was imported from {interview.imported_from}"
    )


def _establishment(interview: Interview, question: Question) -> Found | None:
    if not interview.home_establishment:
        return None
    return _checked(interview, question, interview.home_establishment, "Your Board's establishment")


def _prison_number(interview: Interview, question: Question) -> Found | None:
    match = PRISON_NUMBER_IN_TEXT.search(interview.account_text())
    if match is None:
        return None
    source = f"{FROM_ACCOUNT}: {_quote(sentence_at(interview.account_text(), *match.span()))}"
    return _checked(interview, question, match.group(0), source)


def _body(interview: Interview, question: Question) -> Found | None:
    result = interview.classification
    if result is None or not result.body:
        return None
    spans = _evidence(interview, "body:")
    named = ", ".join(dict.fromkeys(e.matched for e in spans if e.label != "body:vague"))
    source = f"{FROM_ACCOUNT}: {_quote(named)}" if named else FROM_ACCOUNT
    return _checked(interview, question, ", ".join(b.value for b in result.body), source)


def _channel(interview: Interview, question: Question) -> Found | None:
    """How they contacted the body: the words of a choice (``words`` in interview.yaml) in a
    sentence of the account that names the body."""
    for sentence in _body_sentences(interview):
        for choice in question.choices:
            for word in choice.words:
                if re.search(rf"\b{re.escape(word)}\b", sentence, re.IGNORECASE):
                    source = f"{FROM_ACCOUNT}: {_quote(sentence)}"
                    return _checked(interview, question, choice.value, source)
    return None


def _contact_date(interview: Interview, question: Question) -> Found | None:
    """A date written in a sentence of the account that names the body."""
    for sentence in _body_sentences(interview):
        match = DATE_PHRASE.search(sentence)
        if match is not None:
            source = f"{FROM_ACCOUNT}: {_quote(sentence)}"
            return _checked(interview, question, match.group(0), source)
    return None


def _when_where(interview: Interview, question: Question) -> Found | None:
    """The sentence that tells what was done to them (the first detriment the rules saw)."""
    text = interview.account_text()
    for evidence in _evidence(interview, "category:"):
        sentence = sentence_at(text, evidence.start, evidence.end)[:MAX_FOUND_CHARS]
        if sentence:
            return _checked(interview, question, sentence, FROM_ACCOUNT)
    return None


def _staff_involved(interview: Interview, question: Question) -> Found | None:
    """The staff the account names ("Officer Price"), as written."""
    text = interview.account_text()
    names: list[str] = []
    for evidence in _evidence(interview, "staff"):
        name = _NAME_AFTER.match(text, evidence.end)
        names.append(f"{evidence.matched}{name.group(0) if name else ''}".strip())
    named = list(dict.fromkeys(n for n in names if " " in n))
    if not named:
        return None
    return _checked(interview, question, ", ".join(named), FROM_ACCOUNT)


def _vulnerabilities(interview: Interview, question: Question) -> Found | None:
    """Under 18, from the age band or a place that holds only children."""
    if not interview.under_18 or "under_18" not in {c.value for c in question.choices}:
        return None
    source = (
        "From their age: under 18"
        if interview.value("age_band") == "under_18"
        else "From the establishment: it holds children"
    )
    return _checked(interview, question, "under_18", source)


def _reply_letter(interview: Interview, question: Question) -> Found | None:
    if interview.letters_folder is None:
        return None
    name = str(interview.value("person_name") or "person")
    path = default_letter_path(interview.letters_folder, name, interview.today)
    return _checked(interview, question, str(path), "A new file in the data folder")


_FINDERS: dict[str, Callable[[Interview, Question], Found | None]] = {
    "received_via": _received_via,
    "establishment": _establishment,
    "prison_number": _prison_number,
    "body": _body,
    "channel": _channel,
    "contact_date": _contact_date,
    "when_where": _when_where,
    "staff_involved": _staff_involved,
    "vulnerabilities": _vulnerabilities,
    "reply_letter": _reply_letter,
}
