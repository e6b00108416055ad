"""The interview script (prompts/interview.yaml) and texts (prompts/texts.yaml), validated."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from prompts import load_validated
from prompts.languages import LANGUAGES


class Kind(StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    NARRATIVE = "narrative"
    CHOICE = "choice"
    MULTI = "multi"
    YES_NO = "yes_no"
    DATE = "date"
    ESTABLISHMENT = "establishment"
    PRISON_NUMBER = "prison_number"
    HOME_OFFICE_REF = "home_office_ref"


class Flag(StrEnum):
    """Facts the engine computes for `ask_if` conditions."""

    DETENTION = "detention"
    SANCTION_CONCERN = "sanction_concern"
    LINK_WEAK = "link_weak"
    NO_CONSENT = "no_consent"
    IMMEDIATE_RISK = "immediate_risk"
    #: It came in writing (a letter, an email, an IMB application, a referral, a survey):
    #: nobody is in front of the interviewer to hear the reassurance or give consent.
    WRITTEN = "written"
    #: Offer the interview in another language (issue 17): the place is in Wales, where
    #: Welsh must be offered, or a language was chosen at the start (``intake --language``).
    OFFER_LANGUAGE = "offer_language"


class Condition(BaseModel):
    """One `ask_if` condition: about an earlier answer, or about a flag."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    answer: str | None = None
    is_: Any = Field(None, alias="is")
    in_: list[Any] | None = Field(None, alias="in")
    not_in: list[Any] | None = None
    flag: Flag | None = None
    not_flag: Flag | None = None

    @model_validator(mode="after")
    def _one_subject(self) -> Condition:
        subjects = [self.answer, self.flag, self.not_flag]
        if sum(s is not None for s in subjects) != 1:
            raise ValueError("a condition names exactly one of answer, flag or not_flag")
        return self


class Choice(BaseModel):
    model_config = ConfigDict(extra="forbid")

    value: str
    label: str
    #: Words that, in a sentence of the account naming the body, suggest this choice.
    words: list[str] = Field(default_factory=list)


class Found(BaseModel):
    """An answer already given by the account, an earlier answer or the interviewer's own
    Board: shown with the question, and confirmed with Enter (an empty answer)."""

    model_config = ConfigDict(frozen=True)

    value: Any
    display: str
    #: Where it was found, in words: "From the account: “... the IMB ...”".
    source: str


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str
    section: str
    kind: Kind
    prompt: str
    #: The prompt when someone else raises it on the person's behalf; ``{raiser}`` names them.
    on_behalf: str | None = None
    #: The prompt when it came in writing (nobody is in front of the interviewer).
    in_writing: str | None = None
    help: str | None = None
    say: str | None = None
    #: The words staff say to the person to ask it ("What is your name?"): person-facing, so
    #: translated (``prompts/<code>/interview.yaml``) and shown in the interview's language.
    ask: str | None = None
    choices: list[Choice] = Field(default_factory=list)
    ask_if: list[Condition] = Field(default_factory=list)
    derive: str | None = None
    required: bool = False
    allow_skip: bool = False
    allow_unknown: bool = False
    default_today: bool = False
    #: A date question about a day still to come (today or later); by default one that passed.
    future: bool = False
    must_be_yes: str | None = None
    #: Set by the engine on the question it asks: the answer already found, to confirm.
    found: Found | None = None

    @model_validator(mode="after")
    def _choices_match_kind(self) -> Question:
        needs = self.kind in (Kind.CHOICE, Kind.MULTI)
        if needs != bool(self.choices):
            raise ValueError(f"{self.key}: choices are needed for choice and multi, only there")
        if self.future and self.kind != Kind.DATE:
            raise ValueError(f"{self.key}: only a date question may be about the future")
        return self


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    title: str


class Stop(BaseModel):
    """The interview must not go on as it is (an interpreter is needed but not there): what to
    say, what may still be noted, and the answer that lifts it."""

    model_config = ConfigDict(extra="forbid")

    id: str
    when: list[Condition]
    #: A text of prompts/texts.yaml, shown at once.
    say: str
    #: The only questions still asked while it lasts.
    asks: list[str]
    #: The answer to give again to go on, once the reason has gone.
    resume: str
    #: Answers asked again once it is lifted (given before, without understanding).
    ask_again: list[str] = Field(default_factory=list)
    #: What the draft records ({KEY}: that answer as given).
    summary: str
    prompt: str
    go_on: str
    keep: str

    @property
    def choice_key(self) -> str:
        """The key of the question "what now?" (never a question of the script)."""
        return f"stop:{self.id}"


class Script(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sections: list[Section]
    questions: list[Question]
    stops: list[Stop] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Script:
        keys = [q.key for q in self.questions]
        if len(keys) != len(set(keys)):
            raise ValueError("question keys must be unique")
        section_ids = {s.id for s in self.sections}
        for question in self.questions:
            if question.section not in section_ids:
                raise ValueError(f"{question.key}: unknown section {question.section!r}")
            for condition in question.ask_if:
                if condition.answer and condition.answer not in keys:
                    raise ValueError(f"{question.key}: condition on unknown {condition.answer!r}")
        language = next((q for q in self.questions if q.key == "language"), None)
        if language is not None and {c.value for c in language.choices} - set(LANGUAGES):
            raise ValueError("language: every choice must be a language shipped in prompts/")
        for stop in self.stops:
            conditions = [c.answer for c in stop.when if c.answer]
            named = [stop.resume, *stop.asks, *stop.ask_again, *conditions]
            if unknown := [k for k in named if k not in keys]:
                raise ValueError(f"stop {stop.id}: unknown question(s) {unknown}")
        return self

    def question(self, key: str) -> Question:
        for question in self.questions:
            if question.key == key:
                return question
        raise KeyError(key)

    def section_title(self, section_id: str) -> str:
        return next(s.title for s in self.sections if s.id == section_id)


class Texts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reassurance: str
    narrative_intro: str
    consent: str
    without_consent: str
    raise_later: str
    not_named: str
    immediate_action: str
    #: Said once when the account has an indirect cue of risk: ask the person now.
    possible_risk: str
    #: The one-line banner while the risk lasts: before the action is recorded, once it is,
    #: and when it has not been acted on yet (``{action}`` and ``{when}`` are staff's words).
    immediate_banner: str
    risk_acted: str
    risk_not_acted: str
    assessment: str
    #: The case panel's note when the interview is not held out of the hearing of staff.
    overheard: str
    #: Said when an interpreter is needed but not available: the interview stops.
    interpreter_stop: str
    #: Said when it came in writing: the reassurance goes back in writing, consent is sought.
    in_writing: str
    signposts: dict[str, str]
    #: Words said to someone raising it for the person, replacing the text of the same name.
    on_behalf: dict[str, str] = Field(default_factory=dict)
    #: Words for an allegation that came in writing, replacing the text of the same name.
    written: dict[str, str] = Field(default_factory=dict)
    #: How each kind of raiser is named in those words (``{raiser}``), by `raised_by` value.
    raisers: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _variants_replace_texts(self) -> Texts:
        unknown = (set(self.on_behalf) | set(self.written)) - set(type(self).model_fields)
        if unknown:
            raise ValueError(f"variants name texts that do not exist: {sorted(unknown)}")
        return self


@cache
def load_script(language: str = "en") -> Script:
    """The script; in another language, its person-facing words (``ask``) are that language's."""
    return load_validated(Script, "interview.yaml", language)


@cache
def load_texts(language: str = "en") -> Texts:
    """The texts; in another language, the words said to the person are that language's."""
    return load_validated(Texts, "texts.yaml", language)
