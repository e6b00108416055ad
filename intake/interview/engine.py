"""The interview engine: what is known, what to ask next, live classification. No UI here.

A checklist, not a flowchart: the script declares the questions and when each applies; the
engine asks whichever applicable question is still unknown, so changing an earlier answer
during review simply brings back (or retires) the questions that depend on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from intake.classifier import Classification, Setting, classify
from intake.core.errors import ValidationProblem
from intake.core.establishments import EstablishmentDirectory, default_directory
from intake.core.vocabulary import EstablishmentType, Qualifies, Route
from intake.interview.answers import Parsed, parse_answer
from intake.interview.found import find_answer
from intake.interview.script import (
    Choice,
    Flag,
    Found,
    Kind,
    Question,
    Script,
    Stop,
    Texts,
    load_script,
    load_texts,
)

ACCOUNT_SEPARATOR = "\n\nWhy they link it: "
#: Someone raising it for the person: their word about consent is theirs, not the person's.
ON_BEHALF = ("family", "other_prisoner", "lawyer", "staff_for_prisoner")
#: The route each concern chosen at "What is it about?" establishes ("other": the account's).
CONCERN_ROUTES = {
    "sanction": Route.SANCTION_PROTOCOL,
    "death": Route.DEATH_IN_CUSTODY,
    "imb_member": Route.IMB_MEMBER_COMPLAINT,
}
#: Concerns that end the interview with a signpost, when nothing else is chosen with them.
SIGNPOSTED_CONCERNS = frozenset({"death", "imb_member"})
#: Answers to the immediate-risk action questions that mean nothing has been done yet.
NOT_YET = frozenset(
    {"not yet", "no", "none", "nothing", "nothing yet", "nobody", "no one", "not done", "later"}
)
#: The choices of a stop's "what now?" question.
GO_ON, KEEP = "go_on", "keep"
#: Ways in with nobody in front of the interviewer: the reassurance goes back in writing and
#: consent is sought from the person later (step 4).
WRITTEN_WAYS_IN = frozenset(
    {"letter", "email", "imb_application", "referral_hmip", "referral_imb", "referral_ppo",
     "survey"}
)  # fmt: skip


@dataclass(frozen=True)
class Ending:
    """The interview stops early with a signpost (para 4, the MoUs, places out of scope)."""

    routes: tuple[Route, ...]
    signpost: str

    @property
    def route(self) -> Route:
        """The main route (the first)."""
        return self.routes[0]


class _NotNoted(dict[str, str]):
    """Answers by key for a stop's summary; one not given yet reads "not noted yet"."""

    def __missing__(self, key: str) -> str:
        return "not noted yet"


def _upgraded(answers: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Answers saved by an older script: "What is it mainly about?" had one answer."""
    concern = answers.get("concern_type")
    if concern is not None and isinstance(concern.get("value"), str):
        answers = {**answers, "concern_type": {**concern, "value": [concern["value"]]}}
    return answers


def is_not_yet(text: object) -> bool:
    """Staff's words say nothing has been done yet ('not yet', 'no one', ...)."""
    return isinstance(text, str) and text.lower().strip(" .!") in NOT_YET


class Interview:
    """One interview's answers and the questions still to ask."""

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

    # -- what is known ---------------------------------------------------------------------

    def value(self, key: str) -> Any:
        parsed = self.answers.get(key)
        return parsed.value if parsed else None

    def derived(self, question: Question) -> Any:
        """A value the narrative already gives, so the question need not be asked."""
        if question.derive == "body" and self.classification and self.classification.body:
            return [b.value for b in self.classification.body]
        return None

    def is_known(self, question: Question) -> bool:
        """Answered already. What the account or an earlier answer gives is not known until
        the interviewer confirms it (``found``)."""
        return question.key in self.answers

    def found(self, question: Question) -> Found | None:
        """An answer the account, an earlier answer or the interviewer's own Board already
        gives: shown with the question, and Enter (an empty answer) confirms it."""
        return find_answer(self, question)

    @property
    def written(self) -> bool:
        """It came in writing: nobody is in front of the interviewer."""
        return self.value("received_via") in WRITTEN_WAYS_IN

    @property
    def establishment_type(self) -> EstablishmentType | None:
        value = self.value("establishment")
        if isinstance(value, dict) and "type" in value:
            return EstablishmentType(value["type"])
        return None

    @property
    def under_18(self) -> bool:
        kind = self.establishment_type
        return self.value("age_band") == "under_18" or kind in (
            EstablishmentType.YOI,
            EstablishmentType.STC,
        )

    def concerns(self) -> list[str]:
        """What it is about, as chosen (several may be)."""
        return list(self.value("concern_type") or [])

    def concern_routes(self) -> list[Route]:
        """The routes the concerns chosen establish, besides what the account shows."""
        return [CONCERN_ROUTES[c] for c in self.concerns() if c in CONCERN_ROUTES]

    @property
    def on_behalf(self) -> bool:
        """Someone else is raising it: what they say about consent is not the person's own."""
        return self.value("raised_by") in ON_BEHALF

    @property
    def staff_fears_reprisal(self) -> bool:
        return self.value("raised_by") == "staff_for_prisoner" and (
            self.value("staff_fears_reprisal") is True
        )

    def extra_routes(self) -> list[Route]:
        """Routes the answers add beside the sanctions protocol (each needs its signpost)."""
        if self.ending() is not None:
            return []
        routes: list[Route] = [r for r in self.concern_routes() if r != Route.SANCTION_PROTOCOL]
        if self.staff_fears_reprisal:
            routes.append(Route.WHISTLEBLOWING)
        return routes

    def flags(self) -> set[Flag]:
        flags: set[Flag] = set()
        kind = self.establishment_type
        if kind is not None and kind.holds_detainees:
            flags.add(Flag.DETENTION)
        result = self.classification
        if "sanction" in self.concerns() or (
            result is not None and result.route == Route.SANCTION_PROTOCOL
        ):
            flags.add(Flag.SANCTION_CONCERN)
        if result is None or result.qualifies != Qualifies.YES or "link" in result.missing:
            flags.add(Flag.LINK_WEAK)
        if self.on_behalf or self.consent_refused:
            flags.add(Flag.NO_CONSENT)
        if self.immediate_risk:
            flags.add(Flag.IMMEDIATE_RISK)
        if self.written:
            flags.add(Flag.WRITTEN)
        return flags

    @property
    def consent_refused(self) -> bool:
        """Consent to pursue it, or to name them to the establishment, was refused."""
        return self.value("consent_pursue") is False or (
            self.value("consent_share_identity") is False
        )

    @property
    def immediate_risk(self) -> bool:
        from_account = bool(self.classification and self.classification.immediate_risk)
        said = self.value("immediate_danger") is True or self.value("self_harm") is True
        return from_account or said

    @property
    def possible_risk(self) -> bool:
        """The account has an indirect cue of risk: staff ask the person now (issue 13)."""
        return bool(self.classification and self.classification.possible_immediate_risk)

    def risk_acted_on(self) -> bool | None:
        """With an immediate risk: None until staff say what they did and when, False when
        they have not acted yet (the warning stays), True once they have."""
        action, when = self.value("action_taken"), self.value("action_at")
        if action is None or when is None:
            return None
        return not (is_not_yet(action) or is_not_yet(when))

    def ending(self) -> Ending | None:
        place = self.value("establishment")
        if isinstance(place, dict) and "not_covered" in place:
            return Ending((Route.OUT_OF_SCOPE,), self.signpost(Route.OUT_OF_SCOPE))
        if self.value("raised_by") == "staff_self":
            return Ending((Route.WHISTLEBLOWING,), self.signpost(Route.WHISTLEBLOWING))
        concerns = self.concerns()
        if concerns and set(concerns) <= SIGNPOSTED_CONCERNS:
            routes = tuple(CONCERN_ROUTES[c] for c in concerns)
            return Ending(routes, "\n".join(self.signpost(r) for r in routes))
        return None

    # -- a stop: the interview must not go on as it is (an interpreter is needed) ---------------

    def stopped(self) -> Stop | None:
        """The stop in force, if any: until it is lifted, no account and no consent are taken."""
        return self._stop_in_force(self.flags())

    def _stop_in_force(self, flags: set[Flag]) -> Stop | None:
        for stop in self.script.stops:
            if all(self._holds(condition, flags) for condition in stop.when):
                return stop
        return None

    def _kept_while_stopped(self, stop: Stop) -> set[str]:
        """The questions that still apply: those up to the answer that stopped it (already
        given), and what may be noted now."""
        keys = [q.key for q in self.script.questions]
        return set(keys[: keys.index(stop.resume) + 1]) | set(stop.asks)

    def stop_summary(self, stop: Stop) -> str:
        """What the draft records about the stop, with the answers it names."""
        displays = {key: parsed.display for key, parsed in self.answers.items()}
        return stop.summary.format_map(_NotNoted(displays))

    def stop_question(self, stop: Stop) -> Question:
        """ "What now?": go on (an interpreter is there now) or stop and keep the draft."""
        return Question(
            key=stop.choice_key,
            section=self.script.question(stop.resume).section,
            kind=Kind.CHOICE,
            prompt=stop.prompt,
            choices=[Choice(value=GO_ON, label=stop.go_on), Choice(value=KEEP, label=stop.keep)],
            required=True,
        )

    def signpost(self, route: Route) -> str:
        """Where to go for ``route``, in the words staff say ("" when there are none)."""
        place = self.value("establishment")
        text = self.texts.signposts.get(route.value, "")
        if route == Route.OUT_OF_SCOPE:
            if not (isinstance(place, dict) and "not_covered" in place):
                return ""
            return text.format(kind=place["not_covered"], covered_by=place["covered_by"])
        return text

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

    def _holds(self, condition: Any, flags: set[Flag]) -> bool:
        if condition.flag is not None:
            return condition.flag in flags
        if condition.not_flag is not None:
            return condition.not_flag not in flags
        value = self.value(condition.answer)
        if condition.answer not in self.answers:
            return False
        if condition.is_ is not None:
            return value == condition.is_
        if condition.in_ is not None:
            return value in condition.in_
        if condition.not_in is not None:
            return value not in condition.not_in
        return True

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
