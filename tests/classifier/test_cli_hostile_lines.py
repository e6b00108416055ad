"""`intake classify`: every hostile line gets its own error and every later line an answer."""

from __future__ import annotations

import json

from tests.support.cli import run_cli

HOSTILE = [
    "[" * 1000 + "]" * 1000,  # nested ~1,000 deep
    '{"text": "hi", "deep": ' + "[" * 5000 + "]" * 5000 + "}",
    '{"text": "hi", "id": ' + "9" * 4400 + "}",  # past Python's int str-conversion limit
    '{"text": "\\ud800 a lone surrogate"}',
    '{"text": "fine", "id": "\\udfff"}',
    '{"text": "aged ¹⁶, banned ٣ days ① after I wrote to the IMB"}',
    '{"text": "hi", "id": 1e999}',
    '{"text": "hi", "id": NaN}',
]


def test_each_hostile_line_is_answered_and_later_lines_still_are() -> None:
    lines = [*HOSTILE, '{"text": "after I spoke to the IMB they stopped my visits", "id": "last"}']
    result = run_cli("intake", "classify", input="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == len(lines)
    assert out[0] == {"line": 1, "error": "JSON nested too deeply"}
    assert out[1]["line"] == 2 and "nested" in out[1]["error"]
    assert out[2]["line"] == 3 and "digits" in out[2]["error"]
    assert out[3]["line"] == 4 and "surrogate" in out[3]["error"]
    assert "qualifies" in out[4] and "id" not in out[4]  # an id that cannot be written is dropped
    assert "qualifies" in out[5]  # Unicode digits are text like any other
    assert out[-1]["id"] == "last" and out[-1]["qualifies"] == "yes"


def test_explain_mode_answers_every_line_too() -> None:
    lines = [*HOSTILE, '{"text": "after I spoke to the IMB they stopped my visits"}']
    result = run_cli("intake", "classify", "--explain", input="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    heads = [ln for ln in result.stdout.splitlines() if ln.startswith("line ")]
    assert [h.split(":")[0].split(" (")[0] for h in heads] == [
        f"line {n}" for n in range(1, len(lines) + 1)
    ]
