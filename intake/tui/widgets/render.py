"""Rich renderables for people's words: always `Text`, never markup, so `[bold]` stays literal."""

from __future__ import annotations

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


def labelled(label: str, value: str, *, width: int = 0) -> Text:
    """`Label  value` with the value as plain text (it may hold anything a person typed)."""
    line = Text()
    line.append(label.ljust(width) + " ", style=LABEL_STYLE)
    line.append(value)
    return line


def risk_badge(level: RiskLevel) -> Text:
    return Text(f" {level.value.upper()} ", style=RISK_STYLES[level])


def _words(value: str) -> str:
    return value.replace("_", " ")


def classification_summary(result: Classification) -> list[Text]:
    """The assessment in short labelled lines."""
    categories = ", ".join(c.label for c in result.categories) or "none found"
    bodies = ", ".join(b.value for b in result.body) or "not named"
    return [
        labelled("Qualifies", result.qualifies.value, width=10),
        labelled("Route", _words(result.route.value), width=10),
        labelled("Body", bodies, width=10),
        labelled("Categories", categories, width=10),
        labelled("Severity", result.severity.value, width=10),
        labelled("Risk words", "yes" if result.immediate_risk else "none", width=10),
    ]


def classification_block(result: Classification | None, text: str, *, full: bool) -> Text:
    """The assessment with its rationale and evidence; ``full`` adds the whole highlighted text."""
    if result is None:
        return Text("No account yet: the assessment appears as the narrative is typed.")
    block = Text("\n").join(classification_summary(result))
    block.append("\n")
    block.append(Text(result.rationale, style="italic"))
    if result.evidence:
        block.append("\nEvidence:", style=LABEL_STYLE)
        for item in result.evidence[:MAX_SNIPPETS]:
            block.append("\n• ")
            block.append_text(evidence_snippet(item, text))
        if len(result.evidence) > MAX_SNIPPETS:
            block.append(f"\n… and {len(result.evidence) - MAX_SNIPPETS} more", style="italic")
    if full and text:
        block.append("\n\nThe account, with the evidence highlighted:\n", style=LABEL_STYLE)
        block.append_text(highlight_evidence(text, result.evidence))
    return block
