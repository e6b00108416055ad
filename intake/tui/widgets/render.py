"""Rich renderables for people's words: always `Text`, never markup, so `[bold]` stays literal."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from intake.classifier import Classification, Evidence
from intake.vocabulary import RiskLevel

EVIDENCE_STYLE = "bold black on #e3c567"
NEGATION_STYLE = "italic black on #b8c4d6"
LABEL_STYLE = "bold"
CONTEXT_CHARS = 28
MAX_SNIPPETS = 12

RISK_STYLES = {
    RiskLevel.IMMEDIATE: "bold white on #a33a3a",
    RiskLevel.HIGH: "bold black on #e0a458",
    RiskLevel.STANDARD: "black on #9cc5a1",
}


def reflow(text: str) -> str:
    """Join the hard-wrapped lines of a prompts/ text so it wraps to any width.

    Blank lines separate paragraphs; a line starting with a bullet starts a new line.
    """
    lines: list[str] = []
    for raw in text.strip().splitlines():
        line = raw.strip()
        starts_new = not line or line[0] in "•-*" or not lines or not lines[-1]
        if starts_new:
            lines.append(line)
        else:
            lines[-1] += " " + line
    return "\n".join(lines)


def hanging(marker: str, body: RenderableType, *, marker_width: int = 2) -> Table:
    """`marker  body` where the body's wrapped lines stay indented under its first."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=marker_width, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(marker, style=LABEL_STYLE), body)
    return grid


def facts_grid(rows: list[tuple[str, RenderableType]], *, label_width: int = 10) -> Table:
    """Labels in one column, values wrapping in the next (values are plain `Text`)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=label_width, no_wrap=True, style=LABEL_STYLE)
    grid.add_column(ratio=1)
    for label, value in rows:
        grid.add_row(Text(label), Text(value) if isinstance(value, str) else value)
    return grid


def _style_for(item: Evidence) -> str:
    return NEGATION_STYLE if item.label in ("negation", "doubt") else EVIDENCE_STYLE


def highlight_evidence(text: str, evidence: list[Evidence]) -> Text:
    """The whole text, with the words the classification rests on highlighted."""
    shown = Text(text)
    for item in evidence:
        if 0 <= item.start < item.end <= len(text):
            shown.stylize(_style_for(item), item.start, item.end)
    return shown


def evidence_snippet(item: Evidence, text: str) -> Text:
    """`stands for: …words around [the match] and after…`, the match highlighted."""
    start = max(0, item.start - CONTEXT_CHARS)
    before = text[start : item.start].replace("\n", " ")
    after = text[item.end : item.end + CONTEXT_CHARS].replace("\n", " ")
    snippet = Text()
    snippet.append(f"{item.stands_for}: ", style=LABEL_STYLE)
    snippet.append("…" + before)
    snippet.append(text[item.start : item.end].replace("\n", " "), style=_style_for(item))
    snippet.append(after + "…")
    return snippet


def risk_badge(level: RiskLevel) -> Text:
    return Text(f" {level.value.upper()} ", style=RISK_STYLES[level])


def _words(value: str) -> str:
    return value.replace("_", " ")


def classification_summary(result: Classification) -> Table:
    """The assessment as labelled rows (values wrap under themselves)."""
    categories = ", ".join(c.label for c in result.categories) or "none found"
    bodies = ", ".join(b.value for b in result.body) or "not named"
    rows: list[tuple[str, RenderableType]] = [
        ("Qualifies", result.qualifies.value),
        ("Route", _words(result.route.value)),
        ("Body", bodies),
        ("Category", categories),
        ("Severity", result.severity.value),
        ("Risk", "immediate" if result.immediate_risk else "no risk words"),
    ]
    return facts_grid(rows, label_width=9)


def evidence_list(result: Classification, text: str) -> Text:
    listing = Text("Evidence", style=LABEL_STYLE)
    for item in result.evidence[:MAX_SNIPPETS]:
        listing.append("\n• ")
        listing.append_text(evidence_snippet(item, text))
    if len(result.evidence) > MAX_SNIPPETS:
        listing.append(f"\n… and {len(result.evidence) - MAX_SNIPPETS} more", style="italic")
    return listing


def classification_block(result: Classification | None, text: str) -> RenderableType:
    """The assessment: its labelled values, the one-sentence rationale, the evidence."""
    if result is None:
        return Text("No account yet: the assessment appears as the narrative is typed.")
    parts: list[RenderableType] = [
        classification_summary(result),
        Text(result.rationale, style="italic"),
    ]
    if result.evidence:
        parts.append(evidence_list(result, text))
    return Group(*parts)
