"""Private files and folders, encryption for removable media, and what the laptop's disk is.

- Everything the apps write that may hold a person's details (the data folder, the SQLite
  database with its -wal/-shm, the outbox, the profile, backups, before-restore copies, exports)
  is readable by its owner only: folders 0700, files 0600, whatever the umask.
- Exports and backups carried on removable media are encrypted (the MoUs: encrypted removable
  media) with a passphrase: Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``) under a
  key derived by scrypt. ``backoffice decrypt FILE --out FILE`` reads one back.
- The offline store relies on the laptop's disk encryption; :func:`storage_concerns` checks what
  Linux lets us see (a removable disk, no ``crypt`` device under the file system) and the apps
  warn once, never block.
"""

from __future__ import annotations

import base64
import contextlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from intake.core.errors import ValidationProblem

if TYPE_CHECKING:
    from cryptography.fernet import Fernet

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
PASSPHRASE_ENV = "SANCTIONS_EXPORT_PASSPHRASE"
MAGIC = b"SANCTIONS-ENCRYPTED-1\n"
_SALT = 16
# scrypt cost: n=2**15, r=8, p=1 (32 MiB, about 0.1 s): the RFC 7914 interactive parameters.
_N, _R, _P = 2**15, 8, 1


# ---- private files and folders --------------------------------------------------------------


def private_dir(path: Path) -> Path:
    """Make ``path`` (and missing parents) a folder only its owner can enter: 0700 whatever the
    umask (mkdir honours it, so the mode is set again after)."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    with contextlib.suppress(OSError):  # a folder we do not own (shared): leave it
        os.chmod(path, PRIVATE_DIR)
    return path


def make_private(*paths: Path) -> None:
    """Set 0600 on the files that exist among ``paths``."""
    for path in paths:
        try:
            os.chmod(path, PRIVATE_FILE)
        except FileNotFoundError:
            continue
        except OSError:
            continue


def sqlite_files(database: Path) -> list[Path]:
    """A SQLite database and the files beside it that hold its data."""
    return [database, *(Path(f"{database}{suffix}") for suffix in ("-wal", "-shm", "-journal"))]


def create_private(path: Path) -> None:
    """Create an empty file 0600 (or set 0600 on an existing one), whatever the umask."""
    if path.exists():
        make_private(path)
        return
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE)
    os.close(descriptor)
    os.chmod(path, PRIVATE_FILE)


def mode_of(path: Path) -> int:
    return path.stat().st_mode & 0o777


def is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is (or would be) inside ``folder``."""
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(folder))
    except ValueError:
        return False
    return True


# ---- encryption -----------------------------------------------------------------------------


def _fernet(passphrase: str, salt: bytes) -> Fernet:
    from cryptography.fernet import Fernet
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    if not passphrase:
        raise ValidationProblem("the passphrase is empty")
    key = Scrypt(salt=salt, length=32, n=_N, r=_R, p=_P).derive(passphrase.encode("utf-8"))
    return Fernet(base64.urlsafe_b64encode(key))


def is_encrypted(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def encrypt_bytes(data: bytes, passphrase: str) -> bytes:
    salt = os.urandom(_SALT)
    return MAGIC + salt + _fernet(passphrase, salt).encrypt(data)


def decrypt_bytes(data: bytes, passphrase: str) -> bytes:
    from cryptography.fernet import InvalidToken

    if not data.startswith(MAGIC):
        raise ValidationProblem("not a file encrypted by this application")
    body = data[len(MAGIC) :]
    salt, token = body[:_SALT], body[_SALT:]
    try:
        return _fernet(passphrase, salt).decrypt(token)
    except InvalidToken as exc:
        raise ValidationProblem("wrong passphrase, or the file was damaged or altered") from exc


def write_private_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` 0600, beside it first then moved into place."""
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(partial, PRIVATE_FILE)
    os.replace(partial, path)


def write_new_private_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to a new file 0600; FileExistsError when it exists (never
    replaced, not even by a race)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, PRIVATE_FILE)


def encrypt_file_in_place(path: Path, passphrase: str) -> None:
    """Replace a plain file by its encrypted form (the plain bytes never leave the folder)."""
    write_private_bytes(path, encrypt_bytes(path.read_bytes(), passphrase))


def decrypt_file(source: Path, out: Path, passphrase: str) -> None:
    write_private_bytes(out, decrypt_bytes(source.read_bytes(), passphrase))


def passphrase(
    *,
    confirm: bool,
    prompt: Callable[..., str] | None = None,
    environ: dict[str, str] | None = None,
) -> str:
    """The passphrase from SANCTIONS_EXPORT_PASSPHRASE (scripts), else asked with ``prompt``
    (the command line's hidden input: ``click.prompt``)."""
    env = os.environ if environ is None else environ
    given = env.get(PASSPHRASE_ENV)
    if given:
        return given
    if prompt is None:  # no one to ask (the command line passes its prompt)
        raise ValidationProblem(f"no passphrase: set {PASSPHRASE_ENV}")
    text = prompt("Passphrase", hide_input=True, confirmation_prompt=confirm)
    if not text:
        raise ValidationProblem("the passphrase is empty")
    return str(text)


def choose_encryption(
    out: Path,
    data_dir: Path,
    encrypt: bool | None,
    *,
    prompt: Callable[..., str] | None = None,
    warn: Callable[[str], None] | None = None,
) -> str | None:
    """The passphrase to encrypt ``out`` with, or None for a plain file.

    ``encrypt`` None (neither --encrypt nor --no-encrypt) encrypts a file written outside the
    data folder. A plain file outside it gets a plain warning."""
    inside = is_inside(out, data_dir)
    if encrypt is None:
        encrypt = not inside
    if encrypt:
        return passphrase(confirm=True, prompt=prompt)
    if not inside:
        say = warn or (lambda text: print(text, file=sys.stderr))
        say(
            f"warning: {out} is NOT encrypted (--no-encrypt): it holds OFFICIAL-SENSITIVE "
            "personal data; keep it only on an encrypted disk"
        )
    return None


# ---- what the laptop's disk is ----------------------------------------------------------------

_warned: set[str] = set()


def _unescape(field: str) -> str:
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")


def mount_of(path: Path, mounts: str) -> tuple[str, str, str] | None:
    """(device, mount point, file system type) of the mount holding ``path``, from the text of
    /proc/mounts; the longest matching mount point wins."""
    target = os.path.realpath(path)
    best: tuple[str, str, str] | None = None
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        device, point, fstype = _unescape(parts[0]), _unescape(parts[1]), parts[2]
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= len(best[1])):
            best = (device, point, fstype)
    return best


def _read(path: str) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return None


def _lsblk(device: str) -> str | None:
    """The device and its parents, raw: ``NAME TYPE FSTYPE`` a line (None if lsblk fails)."""
    try:
        done = subprocess.run(
            ["lsblk", "-r", "-n", "-s", "-o", "NAME,TYPE,FSTYPE", device],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _removable(disk: str) -> bool | None:
    text = _read(f"/sys/block/{disk}/removable")
    return None if text is None else text.strip() == "1"


def storage_concerns(
    path: Path,
    *,
    mounts: str | None = None,
    lsblk: Callable[[str], str | None] = _lsblk,
    removable: Callable[[str], bool | None] = _removable,
) -> list[str]:
    """What can be seen of the volume holding ``path`` that a person's details should not be
    on: a removable disk, or a block device with no ``crypt`` layer. Empty when nothing is wrong
    or nothing can be told (not Linux, a network or virtual file system, no lsblk)."""
    if mounts is None:
        mounts = _read("/proc/mounts")
        if mounts is None:
            return []
    found = mount_of(path, mounts)
    if found is None or not found[0].startswith("/dev/"):
        return []
    device, point, _fstype = found
    tree = lsblk(device)
    if tree is None:
        return []
    rows = [line.split() for line in tree.splitlines() if line.strip()]
    types = {row[1] for row in rows if len(row) > 1}
    fstypes = {row[2] for row in rows if len(row) > 2}
    disks = [row[0] for row in rows if len(row) > 1 and row[1] == "disk"]
    concerns: list[str] = []
    if any(removable(disk) for disk in disks):
        concerns.append(f"{point} is on a removable disk")
    if "crypt" not in types and "crypto_LUKS" not in fstypes:
        concerns.append(f"{point} ({device}) is not on an encrypted volume")
    return concerns


def warn_about_storage(path: Path, *, echo: Callable[[str], None] | None = None) -> list[str]:
    """Warn once per process and folder when ``path`` looks unsafe for personal data."""
    key = os.path.realpath(path)
    if key in _warned:
        return []
    _warned.add(key)
    concerns = storage_concerns(path)
    if concerns:
        say = echo or (lambda text: print(text, file=sys.stderr))
        say(
            f"warning: cases kept on this laptop ({path}) rely on its disk encryption: "
            f"{'; '.join(concerns)}. Use an encrypted disk (BitLocker, FileVault, LUKS)."
        )
    return concerns
