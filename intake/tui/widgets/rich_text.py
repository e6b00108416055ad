"""Rich renderables for people's words: always `Text`, never markup, so `[bold]` stays literal."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.table import Table
from rich.text import Text

from intake.classifier import Classification, Evidence
from intake.core.vocabulary import RiskLevel, set_aside_category
from intake.interview.line_text import reflow
from intake.interview.panel import risk_words

# Named styles: their colours are the theme's (``intake.look.themes.STYLES``); evidence is also
# put in [brackets] and a risk level said in words, so colour is never the only sign.
EVIDENCE_STYLE = "sanctions.evidence"
NEGATION_STYLE = "sanctions.negation"
LABEL_STYLE = "bold"
CONTEXT_CHARS = 28
MAX_SNIPPETS = 12
#: Below this many columns for the values, labelled rows flow instead of lining up.
MIN_VALUE_WIDTH = 18

RISK_STYLES = {
    RiskLevel.IMMEDIATE: "sanctions.badge.immediate",
    RiskLevel.HIGH: "sanctions.badge.high",
    RiskLevel.STANDARD: "sanctions.badge.standard",
}


def say_block(text: str) -> RenderableType:
    """Words to say: paragraphs as they are, each `•` item with its lines hanging under it."""
    parts: list[RenderableType] = []
    for line in reflow(text).splitlines():
        if line.startswith("•"):
            parts.append(hanging("•", Text(line[1:].strip()), marker_width=1))
        else:
            parts.append(Text(line))
    return Group(*parts)


def hanging(marker: str, body: RenderableType, *, marker_width: int = 2) -> Table:
    """`marker  body` where the body's wrapped lines stay indented under its first."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=marker_width, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(marker, style=LABEL_STYLE), body)
    return grid


class LabelledRows:
    """Labels and values: two columns when there is room, else `Label value` lines that flow.

    In a narrow panel a value column of a dozen characters would break long words
    ("recategorisation") or cut them short; flowing lines use the whole width instead.
    """

    def __init__(self, rows: list[tuple[str, RenderableType]], *, label_width: int) -> None:
        self.rows = rows
        self.label_width = label_width

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType]:
        if options.max_width >= self.label_width + 1 + MIN_VALUE_WIDTH:
            grid = Table.grid(padding=(0, 1))
            grid.add_column(width=self.label_width, no_wrap=True, style=LABEL_STYLE)
            grid.add_column(ratio=1, overflow="fold")
            for label, value in self.rows:
                grid.add_row(Text(label), Text(value) if isinstance(value, str) else value)
            yield grid
            return
        for label, value in self.rows:
            line = Text()
            line.append(label, style=LABEL_STYLE)
            line.append(" ")
            if isinstance(value, Text):
                line.append_text(value)
            elif isinstance(value, str):
                line.append(value)
            else:
                yield line
                yield value
                continue
            yield line


def facts_grid(rows: list[tuple[str, RenderableType]], *, label_width: int = 10) -> LabelledRows:
    """Labels in one column, values wrapping in the next (values are plain `Text`)."""
    return LabelledRows(rows, label_width=label_width)


def _style_for(item: Evidence) -> str:
    return NEGATION_STYLE if qualifier(item) else EVIDENCE_STYLE


#: Evidence that qualifies the words around it: said beside the words, not only by colour.
QUALIFIERS = ("negation", "doubt")


def qualifier(item: Evidence) -> str:
    """What qualifies these words ("negation", "doubt", "set aside"), or "" when nothing does."""
    if item.label in QUALIFIERS:
        return item.label
    return "set aside" if set_aside_category(item.label) else ""


def marked(words: str, item: Evidence) -> str:
    """``[words]``, or ``[words · negation]``: the evidence marked without colour."""
    said = qualifier(item)
    return f"[{words} · {said}]" if said else f"[{words}]"


def highlight_evidence(text: str, evidence: list[Evidence]) -> Text:
    """The whole text, with the words the classification rests on in [brackets] and
    highlighted (a negation or doubt says so: ``[not · negation]``)."""
    shown = Text()
    at = 0
    for item in sorted(evidence, key=lambda e: (e.start, -e.end)):
        if not at <= item.start < item.end <= len(text):
            continue  # outside the text, or inside evidence already marked
        shown.append(text[at : item.start])
        shown.append(marked(text[item.start : item.end], item), style=_style_for(item))
        at = item.end
    shown.append(text[at:])
    return shown


def evidence_snippet(item: Evidence, text: str) -> Text:
    """`stands for: …words around [the match] and after…`, the match highlighted."""
    start = max(0, item.start - CONTEXT_CHARS)
    before = text[start : item.start].replace("\n", " ")
    after = text[item.end : item.end + CONTEXT_CHARS].replace("\n", " ")
    snippet = Text()
    snippet.append(f"{item.stands_for}: ", style=LABEL_STYLE)
    snippet.append("…" + before)
    words = text[item.start : item.end].replace("\n", " ")
    snippet.append(marked(words, item), style=_style_for(item))
    snippet.append(after + "…")
    return snippet


def risk_badge(level: RiskLevel) -> Text:
    return Text().append(f" {level.label.upper()} ", RISK_STYLES[level])


def classification_summary(result: Classification) -> LabelledRows:
    """The assessment as labelled rows (values wrap under themselves)."""
    categories = ", ".join(c.label for c in result.categories) or "none found"
    bodies = ", ".join(b.value for b in result.body) or "not named"
    rows: list[tuple[str, RenderableType]] = [
        ("Qualifies", result.qualifies.label),
        ("Route", result.route.label),
        ("Body", bodies),
        ("Category", categories),
        ("Severity", result.severity.label),
        ("Risk", risk_words(result)),
    ]
    return facts_grid(rows, label_width=9)


def evidence_list(result: Classification, text: str) -> Text:
    listing = Text()
    listing.append("Evidence", style=LABEL_STYLE)
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
