"""Letters to the person, without any model (issue 16 point 4): plain-language templates in
``prompts/letters/`` (reading age about 9), filled from the case, edited by staff, saved on the
case (``case_letter``), audited, and written out as text or PDF (:mod:`backoffice.letter_pdf`).

Which letters a case may have now:

- ``reassurance``: the protocol's reassurance in writing, while the case is open and the
  person has not yet given their own answer on consent (the letter promises that nothing that
  needs consent goes ahead until they do, which is then true);
- ``does_not_qualify``: once step 2 recorded that it does not qualify (status signposted),
  with the words of each route the person was signposted to;
- ``no_investigation`` (step 7), ``unfounded`` (step 10) and ``proved`` (step 11): once the
  case reached that step (its step task was opened by the decision), with the day it was
  decided and, for ``proved``, the formal report's recommendations.

Every letter is addressed to the person; none tells the establishment anything. Need to know:
a letter holds the person's name, so only staff identified to the case
(:func:`backoffice.access.is_identified`) fill, save or read one; anyone who sees the case sees
that letters were saved (kind, who, when), never their words. The optional model's drafts
(:mod:`backoffice.drafting`) stay beside these, for staff who have one.
"""

from __future__ import annotations

from backoffice.letters.allowed import allowed_kinds, why_not
from backoffice.letters.files import (
    LETTER_FORMATS,
    default_letter_file,
    letter_file_bytes,
    write_letter_file,
)
from backoffice.letters.filling import fill, fill_letter, letter_choices
from backoffice.letters.kinds import LetterKind, LetterText, letter_text, parse_kind
from backoffice.letters.saved import (
    LETTER_CONTROLS,
    MAX_LETTER_CHARS,
    case_letters,
    letter_words,
    list_letters,
    mark_letter_sent,
    read_letter,
    save_letter,
)

__all__ = [
    "LETTER_CONTROLS",
    "LETTER_FORMATS",
    "MAX_LETTER_CHARS",
    "LetterKind",
    "LetterText",
    "allowed_kinds",
    "case_letters",
    "default_letter_file",
    "fill",
    "fill_letter",
    "letter_choices",
    "letter_file_bytes",
    "letter_text",
    "letter_words",
    "list_letters",
    "mark_letter_sent",
    "parse_kind",
    "read_letter",
    "save_letter",
    "why_not",
    "write_letter_file",
]
