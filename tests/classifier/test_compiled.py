"""The classifier's rules compiled with mypyc (intake/classifier/compiled.py): a build is used only
for the source it was made from, and it says exactly what the plain Python says."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import intake.classifier as classifier
from intake.classifier import classify, compiled

ROOT = Path(__file__).resolve().parents[2]
SETS = sorted((ROOT / "data" / "eval").glob("*.jsonl"))

_PLAIN = """
import json, sys
from intake.classifier import COMPILED, classify
assert not COMPILED
for line in sys.stdin:
    print(classify(json.loads(line)).model_dump_json())
"""


@pytest.mark.skipif(
    not classifier.COMPILED,
    reason="no compiled build for this source (./dev.sh builds one; it needs a C compiler)",
)
def test_the_compiled_rules_say_what_the_plain_python_says() -> None:
    texts = [json.loads(line)["text"] for path in SETS for line in path.open()]
    assert len(texts) > 1000
    env = {**os.environ, compiled.SWITCH: "off"}
    plain = subprocess.run(
        [sys.executable, "-c", _PLAIN],
        input="\n".join(json.dumps(t) for t in texts) + "\n",
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    ).stdout.splitlines()
    here = [classify(text).model_dump_json() for text in texts]
    assert len(plain) == len(here)
    differ = [n for n, (a, b) in enumerate(zip(plain, here, strict=True)) if a != b]
    assert not differ, f"{len(differ)} accounts classified differently, the first {differ[:5]}"


def test_a_build_is_for_one_source_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = tmp_path / "intake"
    shutil.copytree(compiled.PACKAGE, tree / "classifier", ignore=shutil.ignore_patterns("*.npz"))
    monkeypatch.setattr(compiled, "_STAMPED", (tree / "classifier",))
    before = compiled.stamp()
    with (tree / "classifier" / "matcher.py").open("a") as source:
        source.write("\n# one comment more\n")
    assert compiled.stamp() != before


@pytest.mark.parametrize(
    ("build", "switch"),
    [("none", ""), ("another source's", ""), ("this source's", "off"), ("broken", "")],
)
def test_no_working_build_for_this_source_or_switched_off_is_plain_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, build: str, switch: str
) -> None:
    monkeypatch.setattr(compiled, "BUILDS", tmp_path)
    monkeypatch.setattr(compiled, "GROUP", "not_the_real_build")  # whatever this process loaded
    monkeypatch.setenv(compiled.SWITCH, switch)
    here = compiled.stamp()
    stamps = {"none": None, "another source's": "0" * 20, "this source's": here, "broken": here}
    stamp = stamps[build]
    if stamp is not None:
        library = tmp_path / stamp / f"{compiled.GROUP}__mypyc{compiled._SUFFIX}"
        library.parent.mkdir()
        library.write_bytes(b"not a shared library")
    path: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert compiled.load(path) is False
    assert path == []
    assert f"{compiled.GROUP}__mypyc" not in sys.modules
    assert [str(w.message).split(" (")[0] for w in caught] == (
        [f"the compiled classifier in {tmp_path / here} does not load"] if build == "broken" else []
    )
