"""Stable pseudonyms, and the pseudonymised reading of a case (need to know).

Used for the periodic share of the tracker with the IMB and PPO leads (para 24) and for every
reader who is not identified to a case (:mod:`backoffice.access`): they get a pseudonym for the
person, and the case's free text with the person's identifiers replaced (:class:`CaseRedactor`).

A pseudonym is an HMAC-SHA256 of the value under a secret made once per database and kept in
it (table ``app_secret``), so the same person gets the same pseudonym in every export from that
database, and nobody without the database can reverse or recompute one. A person's pseudonym
is keyed on their prison number (else Home Office reference, else their name), so two cases
about one person share it even when the name is spelled differently.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import Engine, insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from intake.core.clock import utcnow
from intake.core.db.models import AppSecret, SanctionCase, table_of
from intake.llm.redaction import NAME, NUMBER, PERSON, Identifiers, Redactor

SECRET_NAME = "pseudonym_key"
DIGITS = 10


def _read_secret(session: Session) -> AppSecret | None:
    return session.exec(select(AppSecret).where(AppSecret.name == SECRET_NAME)).first()


def _writing(session: Session) -> bool:
    """True when the session holds SQLite's write lock (it has written and not yet committed).

    Another connection writing then would wait for this one: the secret is made inside it.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return False
    raw = connection.connection.dbapi_connection
    return bool(getattr(raw, "in_transaction", False))


def _make_in(session: Session) -> AppSecret:
    try:
        with session.begin_nested():
            session.add(AppSecret(name=SECRET_NAME, value=secrets.token_hex(32)))
    except IntegrityError:
        pass
    return session.exec(select(AppSecret).where(AppSecret.name == SECRET_NAME)).one()


def _make_apart(session: Session) -> str:
    """Make and commit the secret on a connection of its own.

    A reader's session is usually never committed (``backoffice show``); a secret made inside
    it would be lost and the next read would make another, so pseudonyms would not be stable.
    """
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    table = table_of(AppSecret)
    with engine.connect() as connection:
        try:
            connection.execute(
                insert(table).values(
                    name=SECRET_NAME, value=secrets.token_hex(32), created_at=utcnow()
                )
            )
            connection.commit()
        except IntegrityError:
            connection.rollback()
        return str(
            connection.execute(
                select(table.c.value).where(table.c.name == SECRET_NAME)
            ).scalar_one()
        )


def pseudonym_secret(session: Session) -> bytes:
    """The database's pseudonym key, made and committed on first use (safe if two race)."""
    row = _read_secret(session)
    if row is not None:
        return bytes.fromhex(row.value)
    if _writing(session):
        return bytes.fromhex(_make_in(session).value)
    return bytes.fromhex(_make_apart(session))


def _normal(value: str) -> str:
    return " ".join(value.upper().replace("\u00a0", " ").split())


class Pseudonymiser:
    """Replaces names and numbers with stable pseudonyms such as PERSON-3F9A0C1B2D."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _code(self, kind: str, value: str) -> str:
        message = f"{kind}:{_normal(value)}".encode()
        digest = hmac.new(self._secret, message, hashlib.sha256).hexdigest()
        return digest[:DIGITS].upper()

    def person(
        self, name: str | None, prison_number: str | None, home_office_ref: str | None
    ) -> str | None:
        key = prison_number or home_office_ref or name
        if not key:
            return None
        kind = "number" if prison_number else "ho" if home_office_ref else "name"
        return f"PERSON-{self._code(kind, key)}"

    def prison_number(self, value: str | None) -> str | None:
        return f"PN-{self._code('number', value)}" if value else None

    def home_office_ref(self, value: str | None) -> str | None:
        return f"HO-{self._code('ho', value)}" if value else None


LOCATION = "[LOCATION]"
MIN_LOCATION = 3
_ISO_DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?=$|[^\w-]|T\d)")
_KEPT = re.compile("\ue000(\\d+)\ue001")
_WORD = re.compile(r"[\w'-]+", re.UNICODE)
_PARTS = re.compile(r"[^\W_]+", re.UNICODE)
MIN_PART = 2
#: Numbers and titled names, whoever they belong to (compiled once, shared).
_GENERIC = Redactor(allowed=False)


def _location_pattern(location: str | None) -> re.Pattern[str] | None:
    words = (location or "").split()
    if len(" ".join(words)) < MIN_LOCATION:
        return None
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)", re.I)


def _name_parts(name: str | None) -> re.Pattern[str] | None:
    """Each part of the name in any case, with or without an s ("jordan", "Jordans").

    The language-model Redactor leaves a lower-case part alone ("will", "mark"), so as not to
    hide ordinary words from the model; a reader who may not know who the person is gets
    those hidden too, at the cost of the odd ordinary word.
    """
    parts = sorted({p for p in _PARTS.findall(name or "") if len(p) >= 3}, key=len, reverse=True)
    if not parts:
        return None
    return re.compile(rf"\b(?:{'|'.join(re.escape(p) for p in parts)})s?\b", re.IGNORECASE)


class CaseRedactor:
    """A case's free text as a reader who is not identified gets it.

    The person's name, prison number and Home Office reference become placeholders, and so
    does anything shaped like a number or a titled name (``intake.llm.redaction.Redactor``,
    always on here whatever the language-model settings say); so does each part of the name
    in any case, and their location as recorded becomes ``[LOCATION]``.
    """

    def __init__(
        self,
        *,
        name: str | None = None,
        prison_number: str | None = None,
        home_office_ref: str | None = None,
        location: str | None = None,
    ) -> None:
        self._ids = Identifiers(
            name=name, prison_number=prison_number, home_office_ref=home_office_ref
        )
        self._location_text = " ".join((location or "").split())
        self._compiled: tuple[Redactor, re.Pattern[str] | None, re.Pattern[str] | None] | None = (
            None
        )

    def _patterns(self) -> tuple[Redactor, re.Pattern[str] | None, re.Pattern[str] | None]:
        """Compiled on first use: a queue page makes many redactors and uses few fully."""
        if self._compiled is None:
            redactor = Redactor(self._ids, allowed=False)
            location = _location_pattern(self._location_text)
            self._compiled = (redactor, location, _name_parts(self._ids.name))
        return self._compiled

    @classmethod
    def for_case(cls, case: SanctionCase) -> CaseRedactor:
        return cls(
            name=case.person_name,
            prison_number=case.prison_number,
            home_office_ref=case.home_office_ref,
            location=case.location,
        )

    def text(self, value: str) -> str:
        """The text with identifiers replaced; ISO dates are kept (not taken for numbers)."""
        if not value:
            return value
        dates: list[str] = []

        def keep(match: re.Match[str]) -> str:
            dates.append(match.group(0))
            return f"\ue000{len(dates) - 1}\ue001"

        redactor, location, parts = self._patterns()
        value = _ISO_DATE.sub(keep, value)
        if location is not None:
            value = location.sub(LOCATION, value)
        value = redactor.redact(value)
        if parts is not None:
            value = parts.sub(PERSON, value)
        return _KEPT.sub(lambda m: dates[int(m.group(1))], value) if dates else value

    def words(self, text: str, *, near: float | None = None) -> set[str]:
        """The words of ``text`` (lower case) a reader who is not identified may search by.

        For ranking many search candidates without compiling each one's patterns: numbers and
        titled names go as in :meth:`text`, the location as recorded goes, and so does every
        word with a part (letters and digits between apostrophes, hyphens ...) of the person's
        name, prison number or Home Office reference, in any case: "Jordan's" and "jordan" go
        with "Jordan". More than :meth:`text` hides, never less. With ``near`` (a rapidfuzz
        ratio: the search's cutoff), words that close to a part go too ("Jordans", "Jordon"),
        so no fuzzy search for the name can find them.
        """
        flat = _GENERIC.redact(" ".join((text or "").split()))
        flat = flat.replace(NUMBER, " ").replace(NAME, " ").lower()
        if len(self._location_text) >= MIN_LOCATION:
            flat = flat.replace(self._location_text.lower(), " ")
        ids = self._ids
        hidden = {
            part
            for value in (ids.name, ids.prison_number, ids.home_office_ref)
            for part in _PARTS.findall((value or "").lower())
            if len(part) >= MIN_PART
        }
        words = set(_WORD.findall(flat))
        if not hidden:
            return words
        kept = {word for word in words if hidden.isdisjoint(_PARTS.findall(word))}
        if near is None:
            return kept
        return {
            w
            for w in kept
            if process.extractOne(w, hidden, scorer=fuzz.ratio, score_cutoff=near) is None
        }

    def optional(self, value: str | None) -> str | None:
        return self.text(value) if value else value

    def data(self, value: Any) -> Any:
        """Every string inside nested dicts and lists (keys are left alone)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self.data(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.data(v) for v in value]
        return value

    def evidence(self, items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """Evidence spans with their quoted text redacted (labels and offsets kept)."""
        quoted = ("text", "matched")
        return [
            {k: self.text(v) if k in quoted and isinstance(v, str) else v for k, v in i.items()}
            for i in items
        ]


class Unredacted(CaseRedactor):
    """What a reader identified to the case gets: everything as recorded."""

    def words(self, text: str, *, near: float | None = None) -> set[str]:
        return set(_WORD.findall((text or "").lower()))

    def text(self, value: str) -> str:
        return value

    def data(self, value: Any) -> Any:
        return value

    def evidence(self, items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        return [dict(item) for item in items]
