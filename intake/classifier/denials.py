"""What a denial takes away, and when a "but" sets it aside.

"Nobody's had a go at me for seeing the Board" says there was no sanction. "No one's touched me"
denies only harm: the names and threats around it still stand. A denial followed in its sentence
by "but" ("it was for the hooch, fair enough, but the officer bent my wrist back") is the
concession before the complaint, not a denial of it.
"""

from __future__ import annotations

from intake.classifier.document import Document
from intake.classifier.hits import Hit

_CONTRAST = frozenset({"but", "however", "except", "apart"})


def standing_denials(doc: Document, denials: list[Hit]) -> list[Hit]:
    """The denials not followed, in their own sentence, by a contrast."""
    return [h for h in denials if not _contrast_after(doc, h)]


def _contrast_after(doc: Document, hit: Hit) -> bool:
    sentence = doc.sentences[hit.first]
    j = hit.last + 1
    while j < len(doc) and doc.sentences[j] == sentence:
        if doc.words[j] in _CONTRAST:
            return True
        j += 1
    return False
