"""The small phrase language the vocabulary files are written in, compiled to token sequences.

A pattern is a sequence of elements separated by spaces, matched against the narrative's words
(lower-cased, typos corrected) within one sentence:

``word``            the word itself (a possessive ``officer's`` also matches ``officer``)
``a/b/c``           any one of these words
``word?``           an optional word (``a/b?`` an optional choice)
``pre*``            any word starting with ``pre`` (at least three letters)
``=Word``           the word with exactly this capitalisation in the original text (``=SO``)
``<num>``           any number; ``<teen>`` a number from 10 to 17; ``<any>`` any one word
``...``             up to three words of anything; ``..N`` up to N words (N <= 15)
``(a b|c|d e)``     a choice of whole phrases; ``(...)?`` an optional phrase

Words are what the tokenizer makes of a text: letters (with inner apostrophes: ``he'll``) or
digits, so ``self-harm`` is written ``self harm`` and ``23hrs`` ``23 hrs``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: How the narrative is cut into words; patterns are checked against the same rule.
WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\d+")

_MAX_EXPANSIONS = 4096
_GAP_RE = re.compile(r"^(?:\.\.\.|\.\.([1-9]|1[0-5]))$")


class PatternError(ValueError):
    """A pattern in a vocabulary file cannot be compiled; the message says why."""


@dataclass(frozen=True, slots=True)
class Item:
    """One element of a compiled pattern.

    ``kind`` is "word" or "exact" (``words``), "prefix" (``prefixes``), "class" (``name``),
    "gap" (up to ``gap`` words) or "group" (one of ``alts``, each a run of items).
    """

    kind: str
    words: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    name: str = ""
    gap: int = 0
    alts: tuple[tuple[Item, ...], ...] = ()
    optional: bool = False
    #: Lower-case words this item can start with; ``None`` when it could start with anything
    #: (a prefix, a class, or an optional item). The matcher skips positions quickly with it.
    heads: frozenset[str] | None = None

    def first_keys(self) -> frozenset[str]:
        """Lower-case words under which a phrase starting with this item is indexed."""
        if self.kind == "word":
            return self.words
        if self.kind == "exact":
            return frozenset(w.lower() for w in self.words)
        return frozenset()


def _headed(item: Item) -> Item:
    """The item with its ``heads`` filled in."""
    heads = None if item.optional else _heads(item)
    return Item(
        item.kind, item.words, item.prefixes, item.name, item.gap, item.alts, item.optional, heads
    )


def _heads(item: Item) -> frozenset[str] | None:
    if item.kind in ("word", "exact"):
        return item.first_keys()
    if item.kind != "group":
        return None
    found: set[str] = set()
    for alt in item.alts:
        first = sequence_heads(alt)
        if first is None:
            return None
        found |= first
    return frozenset(found)


def sequence_heads(items: tuple[Item, ...]) -> frozenset[str] | None:
    """Words a run of items can start with (``None``: anything)."""
    return items[0].heads if items else None


def compile_pattern(source: str) -> list[tuple[Item, ...]]:
    """Compile one pattern into phrases whose first item is a plain word, prefix or class.

    Only the leading choices and optionals are expanded (so each phrase can be indexed by its
    first word); the rest stay as groups the matcher tries in turn.
    """
    items = _sequence(source)
    phrases: list[tuple[Item, ...]] = []
    for phrase in _leading(items):
        if not phrase:
            continue
        if phrase[0].kind == "gap" or phrase[-1].kind == "gap":
            raise PatternError(f"a gap cannot start or end a phrase: {source!r}")
        if phrase[0].kind == "class" and phrase[0].name == "any":
            raise PatternError(f"<any> cannot start a phrase: {source!r}")
        if phrase not in phrases:
            phrases.append(phrase)
        if len(phrases) > _MAX_EXPANSIONS:
            raise PatternError(f"opens in more than {_MAX_EXPANSIONS} ways: {source!r}")
    if not phrases:
        raise PatternError(f"pattern can match nothing: {source!r}")
    return phrases


def pattern_words(phrases: list[tuple[Item, ...]]) -> set[str]:
    """Every literal (lower-case) word the phrases name, inside groups too."""
    found: set[str] = set()
    stack = [item for phrase in phrases for item in phrase]
    while stack:
        item = stack.pop()
        found |= {w.lower() for w in item.words}
        stack.extend(i for alt in item.alts for i in alt)
    return found


def _leading(items: tuple[Item, ...], depth: int = 2) -> list[tuple[Item, ...]]:
    """Expand groups and optional items until the first ``depth`` items are plain.

    Phrases whose first two items are plain words are indexed by that pair of words, so they
    are tried only where both occur; expansion stops at a gap.
    """
    if not items or depth == 0:
        return [items]
    first, rest = items[0], items[1:]
    if first.kind == "group":
        out = [p for alt in first.alts for p in _leading(alt + rest, depth)]
        return out + (_leading(rest, depth) if first.optional else [])
    if first.kind == "gap":
        return [items]
    return [(first, *tail) for tail in _leading(rest, depth - 1)]


def _sequence(source: str) -> tuple[Item, ...]:
    elements = _split_top(source.strip())
    if not elements:
        raise PatternError("empty pattern")
    return tuple(_element(e) for e in elements)


def _split_top(source: str) -> list[str]:
    """Split on spaces outside parentheses."""
    parts: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(source):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                raise PatternError(f"unbalanced ')' in {source!r}")
        elif ch.isspace() and depth == 0:
            if i > start:
                parts.append(source[start:i])
            start = i + 1
    if depth != 0:
        raise PatternError(f"unbalanced '(' in {source!r}")
    if start < len(source):
        parts.append(source[start:])
    return parts


def _element(element: str) -> Item:
    if element.startswith("("):
        if not element.endswith((")", ")?")):
            raise PatternError(f"text after ')' in {element!r}")
        optional = element.endswith(")?")
        inner = element[1 : -2 if optional else -1]
        alts = tuple(_sequence(branch) for branch in _split_bars(inner))
        if all(len(a) == 1 and a[0].kind == "word" and not a[0].optional for a in alts):
            words = _headed(Item("word", frozenset(w for a in alts for w in a[0].words)))
            return _optional(words) if optional else words
        return _headed(Item("group", alts=alts, optional=optional))
    gap = _GAP_RE.match(element)
    if gap:
        return Item("gap", gap=int(gap.group(1) or 3))
    optional = element.endswith("?") and len(element) > 1
    item = _headed(_word_item(element[:-1] if optional else element))
    return _optional(item) if optional else item


def _optional(item: Item) -> Item:
    """An optional item, as a group of one choice that may be skipped."""
    return Item("group", alts=((item,),), optional=True)


def _split_bars(inner: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(inner):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            parts.append(inner[start:i])
            start = i + 1
    parts.append(inner[start:])
    if any(not p.strip() for p in parts):
        raise PatternError(f"empty choice in ({inner})")
    return parts


def _word_item(element: str) -> Item:
    if element in ("<num>", "<teen>", "<any>"):
        return Item("class", name=element[1:-1])
    if element.startswith("="):
        words = tuple(w.removeprefix("=") for w in element[1:].split("/"))
        _check_words(words, element, case_sensitive=True)
        return Item("exact", frozenset(words))
    if element.endswith("*"):
        prefixes = tuple(p.rstrip("*") for p in element.split("/"))
        if any(len(p) < 3 or not p.isalpha() or p != p.lower() for p in prefixes):
            raise PatternError(f"a prefix needs three or more lower-case letters: {element!r}")
        return Item("prefix", prefixes=prefixes)
    words = tuple(element.split("/"))
    _check_words(words, element, case_sensitive=False)
    return Item("word", frozenset(words))


def _check_words(words: tuple[str, ...], element: str, *, case_sensitive: bool) -> None:
    for word in words:
        if not word or WORD_RE.fullmatch(word) is None:
            raise PatternError(
                f"{word!r} in {element!r} is not one word: words are letters or digits"
                " (write 'self harm' for self-harm, '23 hrs' for 23hrs)"
            )
        if not case_sensitive and word != word.lower():
            raise PatternError(f"{word!r} must be lower case (use '=' for exact case)")
