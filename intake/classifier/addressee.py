"""A letter written to one of the bodies: "Dear IMB, ... since I emailed you about his cream".

The salutation alone is not contact (the letter is the contact being made now); "you" in it is
the body the letter is written to, so "since I wrote to you" is contact with that body.
"""

from __future__ import annotations

from dataclasses import replace

from intake.classifier.hits import Hit
from intake.core.vocabulary import Body


def addressed_contacts(hits: list[Hit], held_back: set[int]) -> list[tuple[Body, Hit]]:
    """Each "you" contact as a contact with the addressee, when the letter names one.

    ``held_back`` are words where a contact does not count (denied, or only wanted).
    """
    addressee = next((h for h in hits if h.label.startswith("addressee:")), None)
    if addressee is None:
        return []
    body = Body(addressee.label.split(":", 1)[1])
    return [
        (body, replace(hit, label=f"body:{body.value}", stands_for=addressee.stands_for))
        for hit in hits
        if hit.label == "you_contact" and hit.first not in held_back
    ]
