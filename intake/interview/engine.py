"""The interview engine: what is known, what to ask next, live classification. No UI here.

A checklist, not a flowchart: the script declares the questions and when each applies; the
engine asks whichever applicable question is still unknown, so changing an earlier answer
during review simply brings back (or retires) the questions that depend on it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from intake.classifier import Classification, Setting, classify
from intake.core.errors import ValidationProblem
from intake.core.establishments import EstablishmentDirectory, default_directory
from intake.interview.answers import Parsed, parse_answer
from intake.interview.found import find_answer
from intake.interview.script import (
    Found,
    Kind,
    Question,
    Script,
    Texts,
    load_script,
    load_texts,
)
from intake.interview.stops import Stops

ACCOUNT_SEPARATOR = "\n\nWhy they link it: "


def _upgraded(answers: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Answers saved by an older script: "What is it mainly about?" had one answer."""
    concern = answers.get("concern_type")
    if concern is not None and isinstance(concern.get("value"), str):
        answers = {**answers, "concern_type": {**concern, "value": [concern["value"]]}}
    return answers


class Interview(Stops):
    """One interview's answers and the questions still to ask.

    What the answers establish is :class:`intake.interview.known.Known`'s; the stops are
    :class:`intake.interview.stops.Stops`'.
    """

    def __init__(
        self,
        *,
        today: date,
        answers: dict[str, dict[str, Any]] | None = None,
        script: Script | None = None,
        texts: Texts | None = None,
        directory: EstablishmentDirectory | None = None,
        home_establishment: str | None = None,
        letters_folder: Path | None = None,
    ) -> None:
        self.today = today
        #: An IMB member's own Board's establishment: it is offered as the establishment.
        self.home_establishment = home_establishment
        #: Where a reply letter goes unless the interviewer names another file.
        self.letters_folder = letters_folder
        #: The file a letter's text was imported from, if it was.
        self.imported_from: str | None = None
        self.script = script or load_script()
        self.texts = texts or load_texts()
        self.directory = directory or default_directory()
        self.answers: dict[str, Parsed] = {
            key: Parsed(item["value"], item["display"])
            for key, item in _upgraded(answers or {}).items()
        }
        self.classification: Classification | None = None
        if self.account_text():
            self.classification = self._classify(self.account_text())

    # -- what the account already gives -----------------------------------------------------

    def found(self, question: Question) -> Found | None:
        """An answer the account, an earlier answer or the interviewer's own Board already
        gives: shown with the question, and Enter (an empty answer) confirms it."""
        return find_answer(self, question)

    # -- words that depend on who is raising it ---------------------------------------------

    @property
    def raiser(self) -> str:
        """Who is raising it for the person, as the words name them."""
        raised = self.value("raised_by")
        return self.texts.raisers.get(raised, "the person raising it") if raised else ""

    def say_text(self, name: str) -> str:
        """A text staff say (prompts/texts.yaml), worded for whoever is in front of them."""
        variant = self.texts.on_behalf.get(name) if self.on_behalf else None
        if self.written:
            variant = self.texts.written.get(name) or variant
        text = variant or getattr(self.texts, name)
        return text.replace("{raiser}", self.raiser)

    def worded(self, question: Question) -> Question:
        """The question as staff see it: its on-behalf wording when someone else raises it,
        its wording for a written allegation when it came in writing."""
        if self.on_behalf and question.on_behalf:
            prompt = question.on_behalf.replace("{raiser}", self.raiser)
            return question.model_copy(update={"prompt": prompt})
        if self.written and question.in_writing:
            return question.model_copy(update={"prompt": question.in_writing})
        return question

    def with_found(self, question: Question) -> Question:
        """The question to ask now, with the answer already found (if any) to confirm."""
        found = self.found(question)
        worded = self.worded(question)
        return worded.model_copy(update={"found": found}) if found is not None else worded

    def question(self, key: str) -> Question:
        return self.worded(self.script.question(key))

    # -- what to ask ------------------------------------------------------------------------

    def applies(self, question: Question) -> bool:
        if self.ending() is not None:
            return False
        flags = self.flags()
        stop = self._stop_in_force(flags)
        if stop is not None and question.key not in self._kept_while_stopped(stop):
            return False
        return all(self._holds(condition, flags) for condition in question.ask_if)

    def current(self) -> Question | None:
        """The next question to ask, or None when everything needed is known."""
        for question in self.script.questions:
            if not self.is_known(question) and self.applies(question):
                return self.with_found(question)
        return None

    def remaining(self) -> list[Question]:
        questions = self.script.questions
        return [self.worded(q) for q in questions if not self.is_known(q) and self.applies(q)]

    def asked(self) -> list[Question]:
        """Questions answered and still relevant, in script order (for the review)."""
        questions = self.script.questions
        return [self.worded(q) for q in questions if q.key in self.answers and self.applies(q)]

    # -- answering --------------------------------------------------------------------------

    def answer(self, text: str, *, key: str | None = None) -> Parsed:
        """Accept an answer to the current question (or to ``key`` when editing)."""
        question = self.script.question(key) if key else self.current()
        if question is None:
            raise ValidationProblem("every question has been answered; review and submit")
        found = self.found(question) if not text.strip() else None
        if found is not None:  # Enter confirms what was found
            parsed = Parsed(found.value, found.display)
        else:
            parsed = parse_answer(question, text, directory=self.directory, today=self.today)
        return self.accept(question, parsed)

    def accept(self, question: Question, parsed: Parsed) -> Parsed:
        """Record an answer already checked (a reply letter the session wrote, say)."""
        stop = self.stopped()
        self.answers[question.key] = parsed
        if stop is not None and self.stopped() is None:
            for again in stop.ask_again:  # given before, without understanding
                self.answers.pop(again, None)
        if question.kind == Kind.NARRATIVE or question.key == "link_reason":
            self.classification = self._classify(self.account_text())
        if question.key in ("establishment", "age_band") and self.account_text():
            self.classification = self._classify(self.account_text())
        return parsed

    def account_text(self) -> str:
        narrative = self.value("narrative") or ""
        link = self.value("link_reason")
        return f"{narrative}{ACCOUNT_SEPARATOR}{link}" if narrative and link else narrative

    def preview(self, narrative_in_progress: str) -> Classification | None:
        """Classify a narrative as it is typed, without accepting it as the answer."""
        if not narrative_in_progress.strip():
            return None
        try:
            return self._classify(narrative_in_progress)
        except ValueError:
            return None

    def _classify(self, text: str) -> Classification:
        place = self.value("establishment")
        setting = Setting(
            establishment_type=self.establishment_type,
            out_of_scope_place=isinstance(place, dict) and "not_covered" in place,
            under_18=self.under_18,
        )
        return classify(text, setting=setting)

    def state(self) -> dict[str, dict[str, Any]]:
        """The answers in a JSON-able form, for the draft."""
        return {k: {"value": p.value, "display": p.display} for k, p in self.answers.items()}
