"""Quotes held to their source's words: each part of a quote found in the text, and the numbers a quote writes."""

from __future__ import annotations

import re

# A number as a quote writes it: "1,600", "1622", "1 659" (French thousands), "4.8".
QUOTED_NUMBER = re.compile(r"\d+(?:[,.\u202f\u00a0 ]\d{3})*(?:\.\d+)?")


def quoted_numbers(quote: str) -> set[float]:
    """The numbers a quote writes, whatever its thousands separator: "1,622", "1 659", "800"."""
    numbers = set()
    for match in QUOTED_NUMBER.findall(quote):
        digits = re.sub(r"[,.\u202f\u00a0 ](?=\d{3}\b)", "", match)
        numbers.add(float(digits.replace(",", "")))
    return numbers


ELISION = " ... "


def _character(char: str) -> str:
    return f"{char!r} (U+{ord(char):04X})"


def quote_problem(quote: str, text: str) -> str | None:
    """Why ``quote`` is not in ``text`` word for word, or None if it is.

    Line breaks and spacing aside, each part of the quote between elisions
    (" ... ") must appear in the text, in order. A part that is not there is
    reported with where it first differs from the text's closest match.
    """
    flat_text = " ".join(text.split())
    position = 0
    for part in (" ".join(piece.split()) for piece in f" {quote} ".split(ELISION.strip())):
        found = flat_text.find(part, position)
        if found >= 0:
            position = found + len(part)
            continue
        # The longest start of the part that the text has (found starts only grow shorter).
        low, high = 0, len(part)
        while low < high:
            middle = (low + high + 1) // 2
            low, high = (middle, high) if part[:middle] in flat_text[position:] else (low, middle - 1)
        if low == 0:
            return f"is not in the briefing's text: no part of {part[:40]!r} is"
        at = flat_text.index(part[:low], position) + low
        theirs = _character(flat_text[at]) if at < len(flat_text) else "the end of the text"
        context = part[max(0, low - 20) : low + 10]
        return (
            f"is not in the briefing's text: it differs at character {low + 1} of {part[:30]!r}...:"
            f" the quote has {_character(part[low])}, the text {theirs} (near {context!r})"
        )
    return None
