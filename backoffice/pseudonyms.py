"""Stable pseudonyms for the periodic share of the tracker with IMB and PPO leads (para 24).

A pseudonym is an HMAC-SHA256 of the value under a secret made once per database and kept in
it (table ``app_secret``), so the same person gets the same pseudonym in every export from that
database, and nobody without the database can reverse or recompute one. A person's pseudonym
is keyed on their prison number (else Home Office reference, else their name), so two cases
about one person share it even when the name is spelled differently.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from intake.db.models import AppSecret

SECRET_NAME = "pseudonym_key"
DIGITS = 10


def pseudonym_secret(session: Session) -> bytes:
    """The database's pseudonym key, made on first use (safe if two processes race)."""
    row = session.exec(select(AppSecret).where(AppSecret.name == SECRET_NAME)).first()
    if row is None:
        try:
            with session.begin_nested():
                session.add(AppSecret(name=SECRET_NAME, value=secrets.token_hex(32)))
        except IntegrityError:
            pass
        row = session.exec(select(AppSecret).where(AppSecret.name == SECRET_NAME)).one()
    return bytes.fromhex(row.value)


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
