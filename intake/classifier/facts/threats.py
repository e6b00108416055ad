"""Threats: a threat's shape ("you'll be ...", "if you ... again") and what makes it one.

- it names a harm or a detriment near it, is left open ("you'll see"), or is said of contact with
  a body ("go to the Board again and ..."); and someone says it (a word of saying or an open
  quotation before it), not the narrator's own future;
- a threatened act is labelled threats only for its clause, unless the act then follows;
- a joke told as one, and a staff writer's fear for themselves, are no threats to the prisoner.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from intake.classifier.document import Document
from intake.classifier.facts.model import Facts
from intake.classifier.facts.scope import clause_end, clause_start, sentences_of
from intake.classifier.hits import Hit
from intake.classifier.lexicon import vocabulary
from intake.core.vocabulary import SanctionCategory

#: Words that open a new statement after "and" (a threat's list of acts stops there), among them
#: words of time ("and later saw him reading it out"). Not
#: "you": "one more word and you go down the block" is the threat's own consequence.
_NEW_SUBJECT = frozenset(
    {"i", "i'm", "im", "i've", "ive", "he", "he's", "hes", "she", "she's", "shes", "they"}
    | {"they're", "theyre", "they've", "we", "we're", "it", "it's", "its", "then", "now"}
    | {"the", "my", "his", "her", "their", "officers", "staff", "screws", "this", "that"}
    | {"later", "afterwards", "since", "yesterday", "also"}
)


#: What a threat's shape stands for in ``categories.yaml`` (a threat only with a harm near it).
FRAME = "the shape of a threat"
HARM = "harm"
#: How far past a threat's shape its harm may be named ("if you go to the Board again, it'll be
#: the block for you": the rest of the sentence, at most this many words).
_HARM_REACH = 15
#: A detriment named near a threat's shape is its harm, except these (an insult is not a harm
#: the person is threatened with, and a threat does not name itself).
_NOT_HARMS = frozenset({SanctionCategory.THREATS, SanctionCategory.VERBAL_ABUSE})
#: Hits that name no detriment of their own.
_NOT_DETRIMENTS = _NOT_HARMS | {HARM}


def threats_naming_harm(
    doc: Document, hits: list[Hit], bodies: list[Hit], people: Sequence[Hit] = ()
) -> list[Hit]:
    """The vocabulary's category hits, where a threat's shape ("if you ... again", "you'll be
    ...", "one more word") counts as a threat when a harm or a detriment is named near it
    ("you'll be on basic", "one more word and you'll regret it"), when it is left open ("you'll
    see") or when it is said of contact with a body ("go to the Board again and you'll know
    about it"): not "you'll be fine". Each one kept says which it is in the evidence."""
    staff = {i for p in people if p.label == "staff" for i in range(p.first, p.last + 1)}
    if all(h.label in _NOT_DETRIMENTS for h in hits):
        # Only a threat's shape names a detriment at all: it stands, so that a doubtful threat
        # never on its own turns an account into a "no" (a person reads it).
        return [
            _as(h, _ONLY) if h.stands_for == FRAME else h
            for h in hits
            if h.label != HARM and not (h.stands_for == FRAME and _in_own_words(doc, h, staff))
        ]
    harms = [h.first for h in hits if h.label == HARM or h.label not in _NOT_HARMS]
    contact = [h.first for h in bodies if not h.label.startswith("other:")]
    out = []
    for hit in hits:
        if hit.label == HARM:
            continue
        if hit.stands_for == FRAME:
            why = _why_a_threat(doc, hit, harms, contact, staff)
            if why is None:
                continue
            hit = _as(hit, why)
        out.append(hit)
    return out


_NAMED, _OPEN, _CONTACT = "a threat of harm", "a veiled threat", "a threat about the contact"
_ONLY = "a possible threat, the only detriment named (a person reads it)"
#: A threat found by its shape ("if you ... again", "you'll be ..."), not by words of its own.
_SHAPES = frozenset({_NAMED, _OPEN, _CONTACT, _ONLY})


def _why_a_threat(
    doc: Document, frame: Hit, harms: list[int], contact: list[int], staff: set[int]
) -> str | None:
    if _veiled(doc, frame) or (_unsaid(doc, frame) and _said(doc, frame, staff)):
        return _OPEN
    if _of_contact(doc, frame, contact) and _said(doc, frame, staff):
        return _CONTACT
    first = clause_start(doc, frame.first)
    last = min(doc.sentence_range(frame.last)[1], frame.last + _HARM_REACH)
    if not any(first <= i <= last for i in harms):
        return None
    return _NAMED if _said(doc, frame, staff) else None


#: Words that make a threat's shape someone's words ("told him 'you'll get a slap tonight'").
_SAYING = frozenset(
    {"said", "says", "say", "told", "tells", "tell", "goes", "went", "warned", "warns"}
    | {"threatened", "threatens", "shouted", "shouts", "saying", "telling", "whispered", "added"}
    | {"reckons", "promised", "promises", "heard", "overheard", "mutters", "muttered", "yelled"}
)
_SAYING_REACH = 20


def _said(doc: Document, frame: Hit, staff: set[int]) -> bool:
    """A threat's shape said by someone: a word of saying just before it in its sentence, or a
    quotation open before it ("'you'll get a slap tonight'"), not the narrator's own future
    ("you'll have to bear with me", "he'll get less gym there")."""
    saying = _saying_before(doc, frame)
    if saying is not None:
        return not _own_words(doc, frame, saying, staff)
    start = doc.sentence_range(frame.first)[0]
    # from just before the sentence's first word, where a quotation opening it stands
    said = doc.text[max(0, doc.starts[start] - 2) : doc.starts[frame.first] + 1]
    marks = _QUOTE_MARK.findall(said)
    return bool(marks) and marks[-1].strip() in OPENING_QUOTES  # a quotation still open


#: A threat's shape about "he" or "she" ...
_THIRD = {"he'll": "he", "he'd": "he", "he": "he", "she'll": "she", "she'd": "she", "she": "she"}
#: ... said by the person the account is about ("Pr says he'll 'do it properly'") is their own
#: words, not a threat: these name that person in a note or a letter.
_SELF = frozenset({"pr", "prisoner", "detainee", "det", "yp", "resident", "patient", "son"})
#: A threat's shape that leaves its harm unsaid on purpose ("be a shame if ...", "be terrible if
#: that got caught up in an intel report").
_UNSAID = frozenset({"shame", "pity", "terrible", "awful"})


def _saying_before(doc: Document, frame: Hit) -> int | None:
    """The nearest word of saying before a threat's shape in its sentence, if any."""
    sent = doc.sentences[frame.first]
    before = range(max(0, frame.first - _SAYING_REACH), frame.first)
    saying = [j for j in before if doc.words[j] in _SAYING and doc.sentences[j] == sent]
    return saying[-1] if saying else None


def _in_own_words(doc: Document, frame: Hit, staff: set[int]) -> bool:
    """Whether a threat's shape is in words the person says of themselves (see ``_own_words``)."""
    saying = _saying_before(doc, frame)
    return saying is not None and _own_words(doc, frame, saying, staff)


def _own_words(doc: Document, frame: Hit, saying: int, staff: set[int]) -> bool:
    """Whether the person the account is about says this of themselves: "he'll" or "she'll"
    after a word of saying whose speaker is that person ("Pr says he'll ...", "she says she'll
    ...") or, in a note, no one ("Says he'll ..." opening a sentence); not when staff are named
    just before the word of saying ("Off. T. told him he'd ...")."""
    first = frame.first + (doc.words[frame.first] == "if" and frame.first + 1 < len(doc))
    pronoun = _THIRD.get(doc.words[first])
    if pronoun is None:
        return False
    start = doc.sentence_range(saying)[0]
    speaker = range(max(start, saying - 3), saying)
    if any(i in staff for i in speaker):
        return False
    return saying == start or bool((_SELF | {pronoun}) & {doc.words[i] for i in speaker})


#: A quotation mark that opens (after a space, at the start) or closes (before a space or
#: punctuation): not the apostrophe inside "don't".
_QUOTE_MARK = re.compile(
    r"(?:^|(?<=[\s(\[:,]))['\"\u2018\u201c](?=\w)|(?<=[\w.!?,])['\"\u2019\u201d](?=[\s.,;:!?)]|$)"
)
#: The marks that open a quotation.
OPENING_QUOTES = ("'", '"', "\u2018", "\u201c")


def _as(hit: Hit, stands_for: str) -> Hit:
    return replace(hit, stands_for=stands_for)


#: A threat's shape that ends the clause open is a veiled threat ("talk to them again and
#: you'll see", "you'll learn", "stop writing or else"): the harm is left unsaid on purpose.
_VEILED_ENDS = frozenset({"see", "know", "learn", "wish", "find", "regret", "else"})
#: Words that may follow it before the clause ends ("you'll find out", "you'll know about it").
_VEILED_TAIL = frozenset({"out", "about", "it", "then", "soon", "mate", "son", "yet"})


#: How many words before a threat's shape a body may be named for the threat to be about
#: contact with it ("go to the Board again and you'll ...").
_CONTACT_REACH = 8
#: Words of a threat about doing it again ("talk to them again and ...").
_AGAIN = frozenset({"again", "anymore"})


def _of_contact(doc: Document, frame: Hit, contact: list[int]) -> bool:
    """A body named just before the threat's shape in its sentence, or anywhere in the sentence
    before when the shape is an order to do it "again" ("... told the inspectors. 'Talk again
    and ...'"; not "if you write again they will have to answer you")."""
    sent = doc.sentences[frame.first]
    again = doc.words[frame.first] != "if" and _again(doc, frame)
    return any(
        (frame.first - _CONTACT_REACH <= i <= frame.last and doc.sentences[i] == sent)
        or (again and doc.sentences[i] == sent - 1)
        for i in contact
    )


def _unsaid(doc: Document, frame: Hit) -> bool:
    return any(w in _UNSAID for w in doc.words[frame.first : frame.last + 1])


def _veiled(doc: Document, frame: Hit) -> bool:
    if doc.words[frame.last] not in _VEILED_ENDS:
        return False
    end = clause_end(doc, frame.last, 3)
    tail = doc.words[frame.last + 1 : end + 1]
    return len(tail) <= 2 and all(w in _VEILED_TAIL for w in tail)


def threats_naming_contact(doc: Document, facts: Facts) -> list[Hit]:
    """A threat in the same sentence as a contact ("go to the Board again and ...") is a link,
    and so is one about doing it "again" in the sentence after ("Told the inspectors about the
    food. Officer: 'talk to them again and ...'")."""
    contact_sentences = sentences_of(doc, facts.bodies.values())
    contact_sentences |= {doc.sentences[h.first] for h in facts.vague}
    threats = [*facts.categories.get(SanctionCategory.THREATS, []), *facts.carried_out]
    return [
        replace(hit, stands_for="a threat tied to the contact")
        for hit in threats
        if doc.sentences[hit.first] in contact_sentences
        or (doc.sentences[hit.first] - 1 in contact_sentences and _again(doc, hit))
    ]


def _again(doc: Document, hit: Hit) -> bool:
    return any(w in _AGAIN for w in doc.words[hit.first : hit.last + 1])


def threat_masks(doc: Document, threats: list[Hit]) -> tuple[set[int], set[int]]:
    """(whole clauses holding a threat, words from each threat to its clause end)."""
    clauses: set[int] = set()
    after: set[int] = set()
    for hit in threats:
        end = _threat_end(doc, hit.last)
        clauses.update(range(clause_start(doc, hit.first), end + 1))
        after.update(range(hit.first, end + 1))
    return clauses, after


def _threat_end(doc: Document, index: int) -> int:
    """Last word a threat reaches: its clause, and any "and ..." / "or ..." that goes on
    listing what was threatened ("I'll be down the block and shipped out") rather than
    starting a new sentence of its own ("and they moved me")."""
    end = clause_end(doc, index, 40)
    while (
        end + 2 < len(doc)
        and doc.words[end + 1] in ("and", "or")
        and doc.sentences[end + 1] == doc.sentences[index]
        and doc.words[end + 2] not in _NEW_SUBJECT
    ):
        end = clause_end(doc, end + 1, 40)
    return end


#: Words that make a threat's sentence a joke ("one officer joked 'careful or you'll end up in
#: the inspectors' report' when I beat him at pool"). Not "only joking" or "just kidding",
#: which dress a threat up ("them stairs are slippy, only joking", and a wink).
JOKING = frozenset({"joked", "jokingly", "banter", "jesting"})


#: How a staff member's note speaks of what may happen to its writer ("she'll be moved", "if I
#: report it I'll ..."): in a whistleblower's account these are their own fears.
_OWN_FUTURE = frozenset({"she'll", "she'd", "i'll", "i'd", "if", "she"})


def own_fear(doc: Document, facts: Facts, threat: Hit) -> bool:
    """In a staff member's account, a threat phrase about the writer (she, I) is their fear."""
    if not facts.whistle_speaker:
        return False
    first = doc.words[threat.first]
    if first == "if" and threat.first + 1 < len(doc):
        first = doc.words[threat.first + 1]
    return first in _OWN_FUTURE - {"if"} or first == "i"


def harm_acts(doc: Document, harm: Hit) -> frozenset[SanctionCategory]:
    """The detriments a threat's harm word names, if it names one."""
    return vocabulary().threatened_acts.get(
        " ".join(doc.words[harm.first : harm.last + 1]), frozenset()
    )


def _harm_of(doc: Document, threat: Hit, reach: range, harm: Hit) -> bool:
    """Whether a harm word belongs to this threat: inside its clause, or named after it in its
    sentence as far as a threat's harm may be ("one more letter and it's the block for me")."""
    if harm.first in reach:
        return True
    after = threat.last < harm.first <= threat.last + _HARM_REACH
    return after and doc.sentences[harm.first] == doc.sentences[threat.first]


def drop_carried_out(
    doc: Document,
    facts: Facts,
    threatened: list[Hit],
    harms: Sequence[Hit] = (),
    defied: Sequence[Hit] = (),
) -> None:
    """A threat whose act was then done is labelled by the act ("talk to the Board again and
    you'll be on the van" ... "two days later he was moved"): the threat no longer counts. The
    act may be named ("you'll lose your job") or said as a harm that names it ("it's the block
    for you", "the next van"). A threat told after the act ("dropped to standard; one more word
    and he'd be on basic") is a further threat and stays, and so does one that named a harm or
    an act not then done ("off the servery job and on the next bus out" ... "the job went on
    Monday. No bus yet") or a harm that names no act ("you'll regret it")."""
    threats = facts.categories.get(SanctionCategory.THREATS)
    if not threats:
        return
    kept = []
    for threat in threats:
        acts, reach_end = _acts_threatened(doc, threat, threatened, harms)
        done = {
            c for c in SanctionCategory for h in facts.categories.get(c, ()) if h.first > reach_end
        }
        if (acts and all(a & done for a in acts)) or (
            threat.stands_for in _SHAPES
            and not any(acts)
            and _done_after_defiance(facts, reach_end, defied)
        ):
            facts.carried_out.append(threat)
        else:
            kept.append(threat)
    facts.keep(SanctionCategory.THREATS, kept)


def _done_after_defiance(facts: Facts, end: int, defied: Sequence[Hit]) -> bool:
    """A threat's shape that names no act we know ("keep going to the Board and you'll be up on
    the threes") is carried out when the person then did what they were warned off ("I went
    anyway", "saw the Board again on Friday") and a detriment followed ("Monday I'm moved")."""
    later = [h.last for h in defied if h.first > end]
    if not later:
        return False
    after = min(later)
    return any(
        h.first > after for c, hits in facts.categories.items() if c not in _NOT_HARMS for h in hits
    )


def _acts_threatened(
    doc: Document, threat: Hit, threatened: list[Hit], harms: Sequence[Hit]
) -> tuple[list[frozenset[SanctionCategory]], int]:
    """Each act a threat names (any of a harm word's acts will do) and the last word it reaches."""
    reach = range(clause_start(doc, threat.first), _threat_end(doc, threat.last) + 1)
    named = [h for h in threatened if h.first in reach]
    beside = [
        h
        for h in harms
        if _harm_of(doc, threat, reach, h) and not any(n.first <= h.first <= n.last for n in named)
    ]
    acts = [frozenset({SanctionCategory(h.label)}) for h in named]
    acts += [harm_acts(doc, h) for h in beside]
    acts += _acts_in(doc, threat, reach[-1]) if not named and not beside else []
    return acts, max([reach[-1], *(h.last for h in beside)])


def _acts_in(doc: Document, threat: Hit, end: int) -> list[frozenset[SanctionCategory]]:
    """Acts a threat's own words name, to the end of its clause ("snitches get stitches",
    "one more app and you're on basic", "going to cost you your enhanced")."""
    words = doc.words[threat.first : max(threat.last, end) + 1]
    grams = {" ".join(words[i : i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)}
    acts = vocabulary().threatened_acts
    return [acts[g] for g in grams if g in acts]
