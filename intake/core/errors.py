"""Exceptions the apps turn into one clear line for the user."""

from __future__ import annotations


class SanctionsError(Exception):
    """Base of the errors the CLI reports as one line without a traceback."""

    exit_code = 1


class ConfigError(SanctionsError):
    """A setting, the config file, the data directory or the database cannot be used."""

    exit_code = 2


class NotFoundError(SanctionsError):
    """A case, draft, user or establishment does not exist (or is not visible to this user)."""


class PermissionDenied(SanctionsError):
    """The user's role or organisation may not do this."""

    exit_code = 3


class ConflictError(SanctionsError):
    """Someone else changed the case since it was read (optimistic lock)."""

    exit_code = 4


class ValidationProblem(SanctionsError):
    """Input that cannot be accepted; nothing was changed."""
