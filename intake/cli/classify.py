"""``intake classify``: classify JSON lines, explain them, or score a labelled file.

Each input line is a JSON object with a ``text`` (and optionally an ``id``); each output line is
the classification, or ``{"line": N, "error": "..."}``, so output line N always answers input
line N. A bad line never stops the run; only a file that cannot be read does (exit 2).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, NoReturn

import click

from intake.classifier import (
    MAX_TEXT_CHARS,
    Classification,
    ClassifierInputError,
    classify,
    start_model_helper,
)
from intake.classifier.evaluate import evaluate, format_report, load_gold
from intake.core.vocabulary import evidence_words
from intake.interview.panel import MISSING_ELEMENTS

_FIELDS = (
    "qualifies",
    "categories",
    "body",
    "immediate_risk",
    "possible_immediate_risk",
    "severity",
    "route",
    "evidence",
)
_CONTEXT = 32  # characters of context either side of an evidence span
# A line longer than this cannot hold a text within the limit, however it is escaped.
_MAX_LINE_BYTES = MAX_TEXT_CHARS * 6 + 4096
_MAX_INT_DIGITS = 100  # an id is not a 4,300-digit number (Python refuses to print those)


class LineError(ValueError):
    """One input line cannot be classified; the message is what the error object says."""


@click.command("classify")
@click.argument("source", default="-", metavar="[FILE|-]")
@click.option("--explain", is_flag=True, help="Readable explanations instead of JSON.")
@click.option(
    "--evaluate",
    "gold",
    metavar="GOLD.jsonl",
    default=None,
    help="Score the classifier against a labelled file and print the figures.",
)
@click.option(
    "--figures-only",
    is_flag=True,
    help="With --evaluate: the figures and tables, not the mismatched items (for a held-out set).",
)
def classify_command(source: str, explain: bool, gold: str | None, figures_only: bool) -> None:
    """Classify JSON lines with a "text" field from FILE (default: - for stdin)."""
    if gold is not None:
        start_model_helper()  # loads while the first items are read here
        _run_evaluation(Path(gold), figures_only=figures_only)
        return
    try:
        stream = _open(source)
    except OSError as exc:
        _fail(f"cannot read {source}: {exc.strerror or exc}")
    with stream:
        try:
            for number, raw in enumerate(_lines(stream), start=1):
                if number == 2:  # a stream of accounts, not one: worth a helper process
                    start_model_helper()
                click.echo(_safe_answer(number, raw, explain=explain))
        except OSError as exc:
            _fail(f"cannot read {source}: {exc.strerror or exc}")


def _fail(message: str) -> NoReturn:
    click.echo(f"intake classify: {message}", err=True)
    sys.exit(2)


def _open(source: str) -> IO[bytes]:
    """The file, or stdin for ``-``, opened for bytes (bad UTF-8 is one line's error)."""
    return click.open_file(source, "rb")


def _lines(stream: IO[bytes]) -> Iterator[bytes]:
    for raw in stream:
        yield raw.rstrip(b"\r\n")


def _safe_answer(number: int, raw: bytes, *, explain: bool) -> str:
    """The answer to one line; whatever goes wrong with it, an error for that line only."""
    try:
        out = _answer(number, raw, explain=explain)
        out.encode("utf-8")  # a lone surrogate would stop the run when written
        return out
    except Exception as exc:  # one bad line never stops the run
        message = f"cannot classify this line ({type(exc).__name__})"
        return (
            f"line {number}: error: {message}"
            if explain
            else json.dumps({"line": number, "error": message})
        )


def _answer(number: int, raw: bytes, *, explain: bool) -> str:
    record: dict[str, Any] = {}
    try:
        record = _record(raw)
        result = classify(record["text"])
    except (LineError, ClassifierInputError) as exc:
        error: dict[str, Any] = {"line": number, "error": str(exc)}
        if _usable_id(record.get("id")):
            error["id"] = record["id"]
        return f"line {number}: error: {exc}" if explain else json.dumps(error)
    item_id = record.get("id")
    if explain:
        return _explanation(number, item_id, record["text"], result)
    out: dict[str, Any] = result.model_dump(mode="json", include=set(_FIELDS))
    out = {key: out[key] for key in _FIELDS}
    out["rationale"] = result.rationale
    if _usable_id(item_id):
        out["id"] = item_id
    return _one_line(json.dumps(out, ensure_ascii=False))


#: Characters that some readers take as line breaks (Python's str.splitlines, JavaScript): JSON
#: leaves them raw outside ASCII, so they are escaped to keep one answer to a line.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _one_line(answer: str) -> str:
    return answer.translate(_LINE_BREAKS)


def _usable_id(value: object) -> bool:
    if isinstance(value, str):
        return _encodable(value)
    return isinstance(value, int) and not isinstance(value, bool)


def _record(raw: bytes) -> dict[str, Any]:
    if not raw.strip():
        raise LineError("blank line")
    if len(raw) > _MAX_LINE_BYTES:
        raise LineError(
            f"line is {len(raw):,} bytes; a text may have {MAX_TEXT_CHARS:,} characters"
        )
    try:
        record = json.loads(raw.decode("utf-8"), parse_int=_parse_int)
    except UnicodeDecodeError:
        raise LineError("not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise LineError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise LineError("JSON nested too deeply") from None
    if not isinstance(record, dict):
        raise LineError(f"not a JSON object (got {type(record).__name__})")
    if "text" not in record:
        raise LineError('no "text" field')
    if not isinstance(record["text"], str):
        raise LineError('"text" is not a string')
    if not _encodable(record["text"]):
        raise LineError(
            '"text" holds a lone surrogate (\\ud800-\\udfff), which is not Unicode text'
        )
    return record


def _parse_int(digits: str) -> int:
    if len(digits) > _MAX_INT_DIGITS:
        raise LineError(f"a number of {len(digits):,} digits; at most {_MAX_INT_DIGITS} are read")
    return int(digits)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _explanation(number: int, item_id: object, text: str, result: Classification) -> str:
    head = f"line {number}" + (f" (id {item_id})" if _usable_id(item_id) else "")
    cats = ", ".join(c.label for c in result.categories) or "none"
    bodies = ", ".join(b.value for b in result.body) or "none named"
    lines = [
        f"{head}: qualifies {result.qualifies.label.upper()} -> route: {result.route.label}",
        f"  severity {result.severity.label}; immediate risk: "
        + ("YES" if result.immediate_risk else "no")
        + ("; possible immediate risk: ASK NOW" if _ask_now(result) else ""),
        f"  detriments: {cats}",
        f"  bodies: {bodies}",
        f"  still to ask: {_still_to_ask(result)}",
        f"  why: {result.rationale}",
        "  evidence:" if result.evidence else "  evidence: none",
    ]
    for ev in result.evidence:
        lines.append(f"    {evidence_words(ev.label):<32} {ev.matched!r}: {ev.stands_for}")
        lines.append(f"      ...{_context(text, ev.start, ev.end)}...")
    return "\n".join(lines) + "\n"


def _still_to_ask(result: Classification) -> str:
    return "; ".join(MISSING_ELEMENTS.get(m, m) for m in result.missing) or "nothing"


def _ask_now(result: Classification) -> bool:
    return result.possible_immediate_risk and not result.immediate_risk


def _context(text: str, start: int, end: int) -> str:
    """The span in [brackets] with a little text either side, on one line."""
    before = text[max(0, start - _CONTEXT) : start]
    after = text[end : end + _CONTEXT]
    shown = f"{before}[{text[start:end]}]{after}"
    return "".join(ch if ch.isprintable() else " " for ch in shown)


def _run_evaluation(path: Path, *, figures_only: bool) -> None:
    try:
        items, skipped = load_gold(path)
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}")
    report = evaluate(items, classify)
    report.skipped = skipped
    click.echo(format_report(report, figures_only=figures_only))


if __name__ == "__main__":
    classify_command()
