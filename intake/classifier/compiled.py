"""The classifier's rules compiled to C with mypyc: an optional speed-up (issue 13).

``compiled.main()`` (run by ``./dev.sh`` as it sets up, runs, tests and
benchmarks) compiles :data:`MODULES` with mypyc, which comes with mypy (already the project's
type checker), into ``.compiled/<stamp>/`` beside the package. The stamp is a hash of every
source file of the classifier and the core, and of the interpreter, so a build is only ever used
for the very source it was made from: edit one file and the classifier is plain Python again
until it is rebuilt. :func:`load`, the first thing the classifier does, puts a build that
matches ahead of the sources; no build, a stale one or ``SANCTIONS_COMPILED=off`` leaves plain
Python. What the classifier says is the same either way (tests/classifier/test_compiled.py).

Not compiled: what runs once (the vocabulary's loading), numpy's model (learned/) and the
pydantic results.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import warnings
from pathlib import Path

#: Set to ``off`` to use the plain Python modules even where a build matches.
SWITCH = "SANCTIONS_COMPILED"
PACKAGE = Path(__file__).resolve().parent  # intake/classifier
#: Builds, one folder per stamp (git ignores it).
BUILDS = PACKAGE.parents[1] / ".compiled"
#: The compiled modules, relative to the package. A package's modules all or none: a compiled
#: ``facts/__init__`` looks for the rest of ``facts`` only in the build.
MODULES = (
    "addressee.py",
    "denials.py",
    "document.py",
    "explain.py",
    "facts/*.py",
    "hits.py",
    "language.py",
    "matcher.py",
    "patterns.py",
    "rules.py",
    "tempering.py",
)
#: The library of compiled code the modules share (mypyc's group).
GROUP = "intake_classifier_native"
_SUFFIX = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
#: Read for the stamp: a compiled module may rest on any of them (an enum, a constant).
_STAMPED = (PACKAGE, PACKAGE.parent / "core")


def stamp() -> str:
    """What a build must have been made from: these sources, this interpreter."""
    digest = hashlib.sha256(f"{sys.version}\0{_SUFFIX}\0".encode())
    for root in _STAMPED:
        for path in sorted(root.rglob("*.py")):
            digest.update(path.relative_to(root.parent).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def load(package_path: list[str]) -> bool:
    """Put the build that matches the sources ahead of them in ``package_path`` (the
    classifier's ``__path__``) and import its modules; whether there is one that works (a build
    that fails to load is left aside with a warning, and the sources are used)."""
    if os.environ.get(SWITCH, "").strip().lower() in ("off", "0", "no", "false"):
        return False
    build = BUILDS / stamp()
    library = build / f"{GROUP}__mypyc{_SUFFIX}"
    if not library.is_file():
        return False
    folder = str(build / "classifier")
    before = set(sys.modules)
    package_path.insert(0, folder)
    try:
        _import_group(library)
        for module in _module_names():
            importlib.import_module(module)
    except ImportError as exc:
        package_path.remove(folder)
        for module in set(sys.modules) - before:  # nothing of the build stays half loaded
            del sys.modules[module]
        warnings.warn(f"the compiled classifier in {build} does not load ({exc})", stacklevel=2)
        return False
    return True


def _import_group(library: Path) -> None:
    """The library the compiled modules import by name (mypyc's group)."""
    name = f"{GROUP}__mypyc"
    if name in sys.modules:
        return
    spec = importlib.util.spec_from_file_location(name, library)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {library}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)


def _module_names() -> list[str]:
    """The compiled modules' names, packages before their modules."""
    names = []
    for pattern in MODULES:
        for path in sorted(PACKAGE.glob(pattern)):
            parts = path.relative_to(PACKAGE).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            names.append(".".join((PACKAGE.parent.name, PACKAGE.name, *parts)))
    return sorted(names)


def build() -> Path:
    """Compile :data:`MODULES` for the current sources (if not done yet); the build's folder.
    Older builds are removed. Needs a C compiler and Python's headers."""
    target = BUILDS / stamp()
    if (target / f"{GROUP}__mypyc{_SUFFIX}").is_file():
        return target
    with tempfile.TemporaryDirectory(prefix="intake-compile-") as tmp:
        work = Path(tmp)
        # a copy of the package's sources: no pyproject.toml in the way of setuptools, and no
        # compiled file written beside the sources
        shutil.copytree(
            PACKAGE.parent, work / "intake", ignore=shutil.ignore_patterns("__pycache__", "*.so")
        )
        (work / "mypy.ini").write_text(_MYPY_INI)
        files = sorted(
            str(path.relative_to(work))
            for pattern in MODULES
            for path in (work / "intake" / "classifier").glob(pattern)
        )
        script = (
            "import sys\n"
            "from setuptools import setup\n"
            "from mypyc.build import mypycify\n"
            f"setup(name={GROUP!r}, script_args=['build_ext', '--inplace'],\n"
            f"      ext_modules=mypycify(sys.argv[1:], group_name={GROUP!r}))\n"
        )
        subprocess.run(
            [sys.executable, "-c", script, *files],
            cwd=work,
            check=True,
            capture_output=True,
            text=True,
        )
        staging = Path(tempfile.mkdtemp(prefix=".building-", dir=_made(BUILDS)))
        shutil.move(work / f"{GROUP}__mypyc{_SUFFIX}", staging)
        for built in (work / "intake" / "classifier").rglob(f"*{_SUFFIX}"):
            place = staging / "classifier" / built.relative_to(work / "intake" / "classifier")
            _made(place.parent)
            shutil.move(built, place)
    for old in BUILDS.iterdir():
        if old not in (target, staging):
            shutil.rmtree(old, ignore_errors=True)
    try:
        staging.rename(target)
    except OSError:  # built at the same time by another process
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _made(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


_MYPY_INI = """[mypy]
python_version = 3.11
plugins = pydantic.mypy
check_untyped_defs = True
[mypy-sklearn.*,scipy.*,prompts,prompts.*]
ignore_missing_imports = True
"""


def main() -> int:
    """Build for the current sources unless done; a failure leaves plain Python and says why."""
    if (BUILDS / stamp() / f"{GROUP}__mypyc{_SUFFIX}").is_file():
        return 0
    print("intake: compiling the classifier's rules with mypyc (once per change to them)...")
    try:
        target = build()
    except subprocess.CalledProcessError as exc:
        print(exc.stdout[-3000:], exc.stderr[-3000:], sep="\n", file=sys.stderr)
        print("intake: the classifier was not compiled; plain Python is used", file=sys.stderr)
        return 1
    except OSError as exc:
        print(
            f"intake: the classifier was not compiled ({exc}); plain Python is used",
            file=sys.stderr,
        )
        return 1
    print(f"intake: the classifier's rules are compiled ({target.relative_to(BUILDS.parent)})")
    return 0
