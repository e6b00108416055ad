"""The pack's two files: their names, the checks before any work, and each written 0600
(encrypted with a passphrase).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from backoffice.share.period import SharePeriod
from intake.core.db.backup import check_output
from intake.core.errors import ValidationProblem
from intake.core.files import encrypt_bytes, write_private_bytes


def pack_files(folder: Path, period: SharePeriod) -> tuple[Path, Path]:
    """The workbook and the report the pack writes in ``folder``."""
    stem = f"sanctions-log-{period.name}"
    return folder / f"{stem}.xlsx", folder / f"{stem}.pdf"


def check_pack(
    folder: Path, period: SharePeriod, *, force: bool, protected: Sequence[Path]
) -> None:
    """Refuse before any work: a file where the folder should be, a folder whose parent is
    missing, an existing pack file without ``force``, or the database."""
    if folder.exists() and not folder.is_dir():
        raise ValidationProblem(f"{folder} is a file; --out names a folder for the pack")
    if not folder.exists() and not folder.parent.is_dir():
        raise ValidationProblem(f"folder {folder.parent} does not exist")
    for path in pack_files(folder, period):
        check_output(path, force=force, protected=protected)


def _write_bytes(path: Path, data: bytes, passphrase: str | None) -> None:
    """0600, encrypted with a passphrase, moved into place."""
    write_private_bytes(path, encrypt_bytes(data, passphrase) if passphrase else data)
