"""Is a narrative in English? (issue 17, point 2)

The classifier's vocabulary is English: a narrative in Welsh or another language would find no
words to rest on and read as "no". So each narrative is checked first, without any download or
model: the share of its lower-case words that are common English function words ("the", "was",
"they", "said" ...). English prose has about four in ten; Welsh and other languages almost none.
Words that are also common Welsh words ("a", "i", "am", "at", "do", "is", "o") are left out, and
capitalised words are not counted at all, so names, places and titles ("Officer Price", "HMP
Parc", "Dafydd") never make an English account look foreign. Few English words alone is not
enough (terse notes have few): the words of another language, or another script, must be there
too. Too few words to judge: English.

A narrative that is not English is never classified "no": it is "unclear", its rationale says
so plainly, and a person reads it (in the live panel and the classification's rationale).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from intake.classifier.result import Classification
from intake.core.vocabulary import Qualifies, Route


#: Common English words that are not also common Welsh words.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ENGLISH = _words(
    """the to and of was my he she for on that it said they with but have had not be this
    you we his her them from after because did when about were been will would an as so what
    there then him are just out up if got by into our your their told has can could should
    going get who which where any some more how why than too very over"""
)
#: Common words of the languages most often met besides English, to say which it looks like
#: (or "another language"): an account is called not English only on such positive evidence,
#: so terse English notes ("IEP enh -> std 11/3, 2 days after interview w/ PPO") stay English.
OTHERS: dict[str, frozenset[str]] = {
    name: _words(words)
    for name, words in {
        "Welsh": """yn y yr mae wedi ac ar fy ei eu roedd oedd bod ddim nhw fe mi gyda hefyd ond
            pan chi wrth dros drwy achos ni fod iddo iddi hi fi dweud ddweud wnaeth ges gefais
            carchar swyddog swyddogion arolygwyr bwrdd""",
        "Polish": """w na z się nie że jest jak mnie mi ale co tak po za od był była jestem mój
            moja mnie oni ona więc bo""",
        "Romanian": """și în la cu nu că pe este mai din care pentru sunt eu el ea am fost""",
        "Spanish": """el la los las que y en una es por con para se lo le su pero muy yo fue""",
        "Portuguese": """os que e em uma é por com não para se meu ele ela mas muito eu foi""",
        "French": """le la les des et une est je il elle que qui pas ne pour avec sur dans mon""",
        "Albanian": """dhe në të një për që nuk është ka më unë ai ajo""",
        "Lithuanian": """ir kad su į yra ne jis ji man mano buvo bet aš""",
        "German": """der die das und ist nicht ich er sie mit auf zu ein eine mir mich""",
    }.items()
}
#: Each listed word with the languages it is a common word of ("English" included), so a
#: narrative's words are looked up once, not once per language.
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _name, _listed in {"English": ENGLISH, **OTHERS}.items():
    for _word in _listed:
        _LANGUAGES_OF[_word] = (*_LANGUAGES_OF.get(_word, ()), _name)

#: Fewer lower-case words than this: too short to judge (treated as English).
MIN_WORDS = 8
#: Below this share of English function words among the lower-case words: not English, when
#: another language's words make up at least ``MIN_OTHER_SHARE`` of them, or most of the words
#: are in another script (Arabic, Cyrillic, ...).
MIN_ENGLISH_SHARE = 0.12
MIN_OTHER_SHARE = 0.15
MIN_OTHER_SCRIPT = 0.5
# (A text with fewer than MIN_WORDS lower-case Latin words is not English when most of its
# words, and at least MIN_WORDS of them, are in another script.)

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(frozen=True)
class LanguageCheck:
    """How English a narrative looks, and in words when it does not."""

    #: Lower-case words counted (names and other capitalised words are not).
    words: int
    english_share: float
    #: The other language whose common words are most frequent, and their share.
    other: str | None = None
    other_share: float = 0.0
    #: The share of all words written in a script other than Latin, and their number.
    other_script: float = 0.0
    script_words: int = 0

    @property
    def english(self) -> bool:
        if self.words < MIN_WORDS:  # too little in lower-case Latin letters to say English
            return self.other_script < MIN_OTHER_SCRIPT or self.script_words < MIN_WORDS
        if self.english_share >= MIN_ENGLISH_SHARE:
            return True
        return self.other_share < MIN_OTHER_SHARE

    def headline(self) -> str | None:
        """The same in a few words, for a narrow panel (None when it is English)."""
        if self.english:
            return None
        which = f"looks {self.other}" if self.other_share >= MIN_OTHER_SHARE else "another language"
        return f"NOT IN ENGLISH ({which}): a person must read it."

    def note(self) -> str | None:
        """The plain words staff read when it is not English (None when it is)."""
        if self.english:
            return None
        which = f"to be in {self.other}" if self.other_share >= MIN_OTHER_SHARE else "not English"
        return (
            f"NOT IN ENGLISH: the account looks {which} ({self.english_share:.0%} common English "
            "words). The rules read English only: a person must read it and decide."
        )


#: A letter outside Latin (Basic Latin to Latin Extended-B, and Latin Extended Additional).
_NOT_LATIN = re.compile(r"[^\u0000-\u024f\u1e00-\u1eff]")


def check_language(text: str, words: Sequence[str] | None = None) -> LanguageCheck:
    """The share of the narrative's lower-case words that are common English function words,
    and of those of the other languages listed. ``words``: the text's words as the classifier
    cut them (letters or digits, apostrophes straightened), when it has them already."""
    found = _WORD.findall(text) if words is None else [w for w in words if not w[0].isdecimal()]
    if text.isascii():  # every word Latin, and no curly apostrophe to straighten
        latin = found
    else:
        latin = [w.replace("’", "'") for w in found if not _NOT_LATIN.search(w)]
    script_words = len(found) - len(latin)
    other_script = script_words / len(found) if found else 0.0
    lower = [w for w in latin if w.islower()]
    if not lower:
        return LanguageCheck(0, 0.0, other_script=other_script, script_words=script_words)
    counts: Counter[str] = Counter()
    for word, times in Counter(lower).items():  # each distinct word once
        for language in _LANGUAGES_OF.get(word, ()):
            counts[language] += times
    english = counts["English"] / len(lower)
    other = max(OTHERS, key=lambda name: counts[name])
    share = counts[other] / len(lower)
    return LanguageCheck(len(lower), english, other, share, other_script, script_words)


def flag_if_not_english(
    result: Classification, text: str, words: Sequence[str] | None = None
) -> Classification:
    """``result`` as it stands for an English narrative; for one that is not, never "no" (it
    is "unclear", and the complaints route the sanctions protocol's, for a person to decide at
    step 2) and its rationale says plainly why, first."""
    note = check_language(text, words).note()
    if note is None:
        return result
    if result.qualifies != Qualifies.NO:
        return result.model_copy(update={"rationale": f"{note} {result.rationale}"})
    route = Route.SANCTION_PROTOCOL if result.route == Route.COMPLAINT else result.route
    rationale = f"{note} What the rules made of it: {result.rationale}"
    return result.model_copy(
        update={"qualifies": Qualifies.UNCLEAR, "route": route, "rationale": rationale}
    )
