"""What is said to the person, in the interview's language (issue 17, point 2).

Staff's screens stay in English. In an interview in another language (question ``language``),
the words said to the person (the reassurance, consent, what happens next, the signposts) and
the questions asked of them are shown in that language, each with its English: staff who do not
read the language still know what is being said, can answer the person's questions about it,
and can check an interpreter's words against it. No UI here.
"""

from __future__ import annotations

from dataclasses import dataclass

from intake.core.vocabulary import Route
from intake.interview.engine import Interview
from intake.interview.script import Question, load_script, load_texts
from prompts.languages import LANGUAGES, SOURCE

#: The texts of prompts/texts.yaml said aloud to the person (or to whoever raises it for
#: them); the others are staff's instructions and stay in English.
SAID_TO_THE_PERSON = frozenset({"reassurance", "consent", "raise_later", "not_named"})


@dataclass(frozen=True)
class Said:
    """Words for the person in their language, and the same words in English for staff."""

    words: str
    english: str
    #: The language's name as staff read it: "Welsh (Cymraeg)".
    language: str

    @property
    def short_name(self) -> str:
        """ "Welsh" of "Welsh (Cymraeg)"."""
        return self.language.split(" (")[0]


def _in_language(interview: Interview) -> str | None:
    language = interview.language
    return language if language != SOURCE and language in LANGUAGES else None


def said_text(interview: Interview, name: str) -> Said | None:
    """A text of prompts/texts.yaml in the interview's language, when it is said to the person
    and the interview is not in English (None otherwise: show the English as it is)."""
    language = _in_language(interview)
    if language is None or name not in SAID_TO_THE_PERSON:
        return None
    texts = load_texts(language)
    variant = texts.on_behalf.get(name) if interview.on_behalf else None
    words = (variant or getattr(texts, name)).replace("{raiser}", interview.raiser)
    return Said(words, interview.say_text(name), LANGUAGES[language])


def asked(interview: Interview, question: Question) -> Said | None:
    """The words to ask ``question`` of the person in the interview's language (with their
    English), when it is not in English and the question is put to the person."""
    language = _in_language(interview)
    if language is None or not question.ask or interview.written:
        return None
    words = load_script(language).question(question.key).ask or question.ask
    return Said(words, question.ask, LANGUAGES[language])


def said_signpost(interview: Interview, route: Route) -> Said | None:
    """Where to go for ``route``, worded for the person in the interview's language."""
    language = _in_language(interview)
    english = interview.signpost(route)
    if language is None or not english:
        return None
    words = interview.signpost(route, texts=load_texts(language))
    return Said(words, english, LANGUAGES[language])
