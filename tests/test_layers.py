"""The layering rules of the architecture, checked."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOMAIN_MODULES = [
    "intake.core.vocabulary",
    "intake.core.settings",
    "intake.core.db.models",
    "intake.core.audit",
    "intake.core.submission",
    "intake.core.establishments",
    "intake.interview.engine",
    "intake.interview.drafts",
    "intake.cli.chat",
    "intake.cli.lineio",
]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_domain_code_does_not_load_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {DOMAIN_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


#: What both front ends share about how they look (the theme, the palette's keys).
SHARED_TUI = ("intake", "look")


def test_only_tui_packages_import_textual() -> None:
    offenders = []
    for package in ("intake", "backoffice"):
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).parts
            if "tui" in parts or parts[:2] == SHARED_TUI:
                continue
            if any(name.split(".")[0] == "textual" for name in _imports(path)):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_intake_never_imports_backoffice() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "intake").rglob("*.py")
        if any(name.split(".")[0] == "backoffice" for name in _imports(path))
    ]
    assert offenders == []


CLI_MODULES = ("intake.cli.main", "intake.cli.support", "backoffice.cli.main")


def test_the_tuis_do_not_import_the_command_lines() -> None:
    """Both front ends share the services, never each other (``click`` stays in the CLIs)."""
    offenders = []
    for package in ("intake", "backoffice"):
        for path in (ROOT / package / "tui").rglob("*.py"):
            for name in _imports(path):
                if name.startswith(CLI_MODULES) or name == "click":
                    offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == []
