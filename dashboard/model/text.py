"""The briefing's text, split into blocks, with the words that are on the map marked.

A mark links a figure ("around 3,000") to its country, or a measure ("an
earthen wall along its Libyan border") to its layer feature. Targets are
strings the browser understands: ``country:TUN``, ``feature:barrier/ras-ajdir-dhehiba``, or
``overview`` for figures about Raqqa or the world.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.model.briefing import Briefing
from dashboard.model.targets import OVERVIEW, target_of

# A line this short with no closing punctuation is a heading.
HEADING_MAX_CHARS = 60


@dataclass(frozen=True)
class Block:
    kind: str  # "byline", "heading" or "paragraph"
    segments: tuple[tuple[str, str | None], ...]  # (text, target or None)

    @property
    def targets(self) -> list[str]:
        return [target for _, target in self.segments if target]


def _mark_spans(briefing: Briefing, paragraph: str) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, target) spans; figures win over features."""
    candidates = []
    for figure in briefing.figures:
        if figure.mark and figure.quote and figure.quote in paragraph:
            start = paragraph.index(figure.quote) + figure.quote.index(figure.mark)
            in_maghreb = figure.country in briefing.maghreb
            candidates.append(
                (start, start + len(figure.mark), target_of("country", figure.country) if in_maghreb else OVERVIEW)
            )
    for layer in briefing.layers:
        for feature in layer.features:
            if feature.quote and feature.quote in paragraph:
                start = paragraph.index(feature.quote)
                candidates.append((start, start + len(feature.quote), target_of("feature", feature.id)))
    spans: list[tuple[int, int, str]] = []
    for start, end, target in candidates:
        if all(end <= other_start or start >= other_end for other_start, other_end, _ in spans):
            spans.append((start, end, target))
    return sorted(spans)


def _segments(paragraph: str, spans: list[tuple[int, int, str]]) -> tuple[tuple[str, str | None], ...]:
    segments: list[tuple[str, str | None]] = []
    position = 0
    for start, end, target in spans:
        if start > position:
            segments.append((paragraph[position:start], None))
        segments.append((paragraph[start:end], target))
        position = end
    if position < len(paragraph):
        segments.append((paragraph[position:], None))
    return tuple(segments)


def briefing_blocks(briefing: Briefing) -> list[Block]:
    """The briefing as byline, headings and paragraphs, marks included."""
    blocks = []
    for line in (line.strip() for line in briefing.text.splitlines()):
        if not line:
            continue
        if line.startswith("By "):
            blocks.append(Block("byline", ((line, None),)))
        elif len(line) <= HEADING_MAX_CHARS and line[-1] not in '.:;!?\u201d"':
            blocks.append(Block("heading", ((line, None),)))
        else:
            blocks.append(Block("paragraph", _segments(line, _mark_spans(briefing, line))))
    return blocks
