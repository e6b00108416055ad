"""`intake classify` through its installed entry point: JSON lines in, one answer per line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.support.cli import run_cli

GOOD = {"id": "a1", "text": "Since I saw the IMB they put me down the block."}


def _lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_one_json_answer_per_input_line_in_order(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    texts = [
        GOOD,
        {"id": "a2", "text": "My canteen was short again this week."},
        {"id": "a3", "text": "I'm an officer and I'm scared I'll lose my job for telling the IMB."},
    ]
    source.write_text("".join(json.dumps(t) + "\n" for t in texts), encoding="utf-8")
    done = run_cli("intake", "classify", str(source))
    assert done.returncode == 0, done.stderr
    out = _lines(done.stdout)
    assert [o["id"] for o in out] == ["a1", "a2", "a3"]
    assert [o["qualifies"] for o in out] == ["yes", "no", "no"]
    assert [o["route"] for o in out] == ["sanction_protocol", "complaint", "whistleblowing"]
    first = out[0]
    assert set(first) >= {"qualifies", "categories", "body", "immediate_risk", "severity"}
    assert first["categories"] == ["isolation"] and first["body"] == ["IMB"]
    for ev in first["evidence"]:
        assert GOOD["text"][ev["start"] : ev["end"]] == ev["matched"]
        assert ev["label"]


def test_reads_stdin_by_default() -> None:
    done = run_cli("intake", "classify", input=json.dumps(GOOD) + "\n")
    assert done.returncode == 0
    assert _lines(done.stdout)[0]["qualifies"] == "yes"


def test_bad_lines_get_an_error_object_and_the_run_carries_on() -> None:
    lines = [
        json.dumps({"text": ""}),
        "this is not json",
        json.dumps({"id": "no-text"}),
        json.dumps({"text": "x" * 1_000_000}),
        '{"text": "raw \x01 control"}',
        json.dumps({"text": "\u0000\u0007"}),
        json.dumps(GOOD),
    ]
    done = run_cli("intake", "classify", "-", input="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    out = _lines(done.stdout)
    assert len(out) == len(lines)
    for number, answer in enumerate(out[:-1], start=1):
        assert answer["line"] == number
        assert answer["error"]
    assert "empty" in out[0]["error"]
    assert "JSON" in out[1]["error"]
    assert "text" in out[2]["error"]
    assert "limit" in out[3]["error"]
    assert out[-1]["qualifies"] == "yes"


def test_explain_prints_a_readable_explanation(tmp_path: Path) -> None:
    done = run_cli("intake", "classify", "--explain", input=json.dumps(GOOD) + "\n")
    assert done.returncode == 0
    text = done.stdout
    assert text.startswith("line 1 (id a1): qualifies YES -> route: the sanctions protocol")
    assert "why: Qualifies" in text
    assert "[IMB]" in text and "[put me down the block]" in text


def test_evaluate_scores_a_gold_file(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    items = [
        {
            "id": "g1",
            "text": "Since I wrote to the ombudsman the prison has stopped my visits from my mum.",
            "qualifies": "yes",
            "categories": ["communication_limits"],
            "body": ["PPO"],
            "immediate_risk": False,
            "route": "sanction_protocol",
            "notes": "",
        },
        {
            "id": "g2",
            "text": "The showers on the twos have been broken for a week.",
            "qualifies": "no",
            "categories": [],
            "body": [],
            "immediate_risk": False,
            "route": "complaint",
            "notes": "",
        },
        {
            "id": "g3",
            "text": "Labelled wrongly on purpose: the officers were kind to me today.",
            "qualifies": "yes",
            "categories": ["isolation"],
            "body": ["IMB"],
            "immediate_risk": True,
            "route": "sanction_protocol",
            "notes": "",
        },
    ]
    gold.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    done = run_cli("intake", "classify", "--evaluate", str(gold))
    assert done.returncode == 0, done.stderr
    report = done.stdout
    assert "3 items" in report
    assert "route accuracy" in report and "0.667" in report
    assert "g3" in report and "g1" not in report
    # Per category on the true-yes items: visits stopped found, isolation missed.
    rows = {line.split()[0]: line.split()[1:] for line in report.splitlines() if line[:2] == "  "}
    assert rows["communication_limits"] == ["1", "0", "0", "1.00", "1.00"]
    assert rows["isolation"] == ["0", "0", "1", "0.00", "0.00"]
    # Routes, gold by classifier: g1 to the protocol, g2 to complaints, g3 (no sanction said,
    # no contact) not to the protocol.
    table = report.split("route (rows: gold, columns: classifier)")[1].split("\n\n")[0]
    head, *lines = table.strip("\n").splitlines()
    said = {
        line.split()[0]: dict(zip(head.split(), map(int, line.split()[1:]), strict=True))
        for line in lines
    }
    assert said["protocol"]["protocol"] == 1 and sum(said["protocol"].values()) == 2
    assert said["complaint"] == {**dict.fromkeys(head.split(), 0), "complaint": 1}


def test_a_missing_file_is_a_clear_failure() -> None:
    done = run_cli("intake", "classify", "/nonexistent/narratives.jsonl")
    assert done.returncode == 2
    assert "cannot read" in done.stderr
