"""Reading data files so that every problem is found and located in one run.

A :class:`Collector` gathers :class:`DataProblem` records for one file; a
:class:`Record` reads the fields of one record (a YAML mapping or a GeoJSON
feature's properties) and reports each bad field once. Loaders return what
they could read plus the problems; the caller raises :class:`DataError` with
all of them together.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml

Parsed = TypeVar("Parsed")
# libyaml's parser where PyYAML has it (its wheels do): the same documents and marks as the pure-Python one,
# about ten times faster; the data is read at every start and every reload.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# An id that reaches a file name (a slide's, a layer's) or a URL: nothing that could leave a folder or need quoting.
IDENTIFIER = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class DataProblem:
    """One thing wrong with a data file, located as precisely as we can."""

    file: str
    line: int | None
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        parts = [where, self.record, f"field '{self.field}'" if self.field else ""]
        return ": ".join(part for part in parts if part) + f": {self.message}"


class DataError(Exception):
    """The data folder has problems; ``problems`` lists all of them."""

    def __init__(self, problems: list[DataProblem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


# Sources often date a figure only to part of a year ("late 2017"): where
# such a date sorts (its month), and the last month it can mean.
YEAR_PARTS = {"early": (3, 4), "mid": (6, 8), "late": (11, 12)}


@dataclass(frozen=True)
class PartialDate:
    """A date given to the year, part of a year, month or day, as sources give them."""

    year: int
    month: int | None = None
    day: int | None = None
    part: str | None = None  # "early", "mid" or "late" (YEAR_PARTS): a date given as "mid-2017"

    @classmethod
    def parse(cls, text: Any) -> PartialDate:
        """Parse YYYY, YYYY-MM, YYYY-MM-DD or early-/mid-/late-YYYY; raise ValueError otherwise."""
        if isinstance(text, dt.date):
            return cls(text.year, text.month, text.day)
        words = str(text).split("-", 1)
        if words[0] in YEAR_PARTS and len(words) == 2 and words[1].isdigit() and len(words[1]) == 4:
            return cls(int(words[1]), part=words[0])
        parts = str(text).split("-")
        if not 1 <= len(parts) <= 3 or not all(part.isdigit() for part in parts):
            raise ValueError(f"expected YYYY, YYYY-MM, YYYY-MM-DD or early-/mid-/late-YYYY, got {text!r}")
        numbers = [int(part) for part in parts] + [1] * (3 - len(parts))
        dt.date(*numbers)  # raises ValueError for a month 13 or a 31 February
        return cls(int(parts[0]), int(parts[1]) if len(parts) > 1 else None, int(parts[2]) if len(parts) > 2 else None)

    @property
    def iso(self) -> str:
        """ISO 8601 to the precision given: "2017", "2017-10", "2017-10-31"; "late-2017" for part of a year."""
        if self.part:
            return f"{self.part}-{self.year:04d}"
        parts = [f"{self.year:04d}"] + [f"{part:02d}" for part in (self.month, self.day) if part is not None]
        return "-".join(parts)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Orders dates; a date given only to the month or year sorts at its start, "late 2017" in November."""
        if self.part:
            return (self.year, YEAR_PARTS[self.part][0], 0)
        return (self.year, self.month or 0, self.day or 0)

    @property
    def end_key(self) -> tuple[int, int, int]:
        """The last day the date can mean, as a sort key: "2017-10" ends on (2017, 10, 31)."""
        if self.day is not None:
            return self.sort_key
        month = self.month or (YEAR_PARTS[self.part][1] if self.part else 12)
        return (self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        if self.part:
            return f"mid-{self.year}" if self.part == "mid" else f"{self.part} {self.year}"
        if self.month is None:
            return str(self.year)
        month = calendar.month_name[self.month]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"


@dataclass(frozen=True)
class DateSpan:
    """A date or an ISO 8601 interval of partial dates ("2015-07/2016-02")."""

    start: PartialDate
    end: PartialDate | None = None

    @classmethod
    def parse(cls, text: Any) -> DateSpan:
        if isinstance(text, str) and "/" in text:
            start, end = (PartialDate.parse(part) for part in text.split("/", 1))
            return cls(start, end)
        return cls(PartialDate.parse(text))

    @property
    def iso(self) -> str:
        """ISO 8601: a date, or an interval "2015-07/2016-02"."""
        return f"{self.start.iso}/{self.end.iso}" if self.end else self.start.iso

    def __str__(self) -> str:
        return f"{self.start} \u2013 {self.end}" if self.end else str(self.start)


class Collector:
    """Collects problems for one file so that all of them are reported at once."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[DataProblem] = []

    def add(self, message: str, line: int | None = None, record: str = "", field: str = "") -> None:
        self.problems.append(DataProblem(self.file, line, record, field, message))


def did_you_mean(name: str, allowed: Any) -> str:
    """' (did you mean 'label'?)' for a near miss among ``allowed``, else ''."""
    close = difflib.get_close_matches(name, sorted(allowed), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class Record:
    """Typed access to one YAML mapping, reporting each bad field once, at its own line."""

    def __init__(
        self, raw: Any, line: int | None, label: str, problems: Collector, lines: dict[str, int] | None = None
    ):
        self.raw = raw if isinstance(raw, dict) else {}
        self.line = line
        self.lines = lines or {}  # field name -> the line it is on, where known
        self.label = label
        self.problems = problems
        self._problems_before = len(problems.problems)
        if not isinstance(raw, dict):
            self.fail("", f"must be a mapping of field: value, got {type(raw).__name__}")

    @property
    def failed(self) -> bool:
        """Has any field of this record been reported?"""
        return len(self.problems.problems) > self._problems_before

    def fail(self, field_name: str, message: str) -> None:
        self.problems.add(message, self.lines.get(field_name, self.line), self.label, field_name)

    def check_fields(self, allowed: Any) -> None:
        """Report every field not in ``allowed``, with the nearest valid name: a misspelt field would be lost."""
        for name in self.raw:
            if name not in allowed:
                self.fail(str(name), f"unknown field{did_you_mean(str(name), allowed)}; fields: {', '.join(allowed)}")

    def identifier(self, name: str) -> str | None:
        """A required id that may become part of a file name or URL: ASCII letters, digits, - and _ only."""
        value = self.text(name)
        if value is not None and not IDENTIFIER.fullmatch(value):
            self.fail(name, f"must be letters, digits, - and _ only (it names files), got {value!r}")
            return None
        return value

    def text(self, name: str, required: bool = True) -> str | None:
        value = self.raw.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(name, "is missing")
            return None
        if not isinstance(value, str):
            self.fail(name, f"must be text, got {value!r}")
            return None
        return value.strip()

    def choice(self, name: str, allowed: Any) -> str | None:
        """Text that must be one of ``allowed``; None allows any (not checkable)."""
        value = self.text(name)
        if value is not None and allowed is not None and value not in allowed:
            self.fail(name, f"unknown {name} {value!r}; expected one of {', '.join(sorted(allowed))}")
            return None
        return value

    def number(self, name: str, required: bool = True) -> float | None:
        value = self.raw.get(name)
        if value is None:
            if required:
                self.fail(name, "is missing")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self.fail(name, f"must be a number, got {value!r}")
            return None
        if value < 0:
            self.fail(name, f"must not be negative, got {value!r}")
            return None
        return float(value)

    def date(self, name: str, required: bool = True) -> PartialDate | None:
        """A partial date (PartialDate.parse), not in the future: data cannot count what has not happened."""
        if not required and self.raw.get(name) is None:
            return None
        date = self._parsed(name, PartialDate.parse, "a date")
        if date is not None and date.sort_key > dt.date.today().timetuple()[:3]:
            self.fail(name, f"{date.iso} is in the future")
            return None
        return date

    def date_span(self, name: str) -> DateSpan | None:
        """A partial date or a ``start/end`` interval of them."""
        return self._parsed(name, DateSpan.parse, "a date or date/date interval")

    def _parsed(self, name: str, parse: Callable[[Any], Parsed], what: str) -> Parsed | None:
        """The field read by ``parse``, which raises ValueError for a bad value; None when missing or bad."""
        value = self.raw.get(name)
        if value is None:
            self.fail(name, "is missing")
            return None
        try:
            return parse(value)
        except ValueError as error:
            self.fail(name, f"is not {what}: {error}")
            return None

    def source_ids(self, name: str, known: Any) -> tuple[str, ...] | None:
        """One source id or a list of them, each one in ``known``."""
        value = self.raw.get(name)
        ids = [value] if isinstance(value, str) else value
        if not ids or not isinstance(ids, list) or not all(isinstance(item, str) and item for item in ids):
            self.fail(name, "is missing" if not value else f"must be a source id or a list of them, got {value!r}")
            return None
        unknown = [item for item in ids if item not in known]
        if unknown:
            self.fail(name, f"unknown source {', '.join(map(repr, unknown))}; add it to sources.yaml")
            return None
        return tuple(ids)


@dataclass(frozen=True)
class YamlItem:
    """One item of a YAML list: its value, its line and the line of each of its fields (1-based)."""

    raw: Any
    line: int
    lines: dict[str, int]


def read_yaml_list(path: Path, key: str, problems: Collector, options: tuple[str, ...] = ()) -> list[YamlItem]:
    """The items of the top-level list ``key`` with their line numbers; ``options`` are other top-level keys allowed."""
    if not path.is_file():
        problems.add("file is missing")
        return []
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=YAML_LOADER)
        data = yaml.load(text, Loader=YAML_LOADER)
    except UnicodeDecodeError as error:
        problems.add(f"is not UTF-8 text: {error.reason}")
        return []
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        problems.add(f"malformed YAML: {reason}", mark.line + 1 if mark else None)
        return []
    if node is None or not isinstance(data, dict) or not isinstance(data.get(key), list):
        problems.add(f"must have a top-level list '{key}:'", None, "", key)
        return []
    unknown = [name.value for name, _ in node.value if name.value != key and name.value not in options]
    for name in unknown:
        problems.add(f"unknown top-level key{did_you_mean(name, [key, *options])}; the file holds one list, '{key}:'")
    (item_node,) = [value for name, value in node.value if name.value == key]
    items = []
    for raw, item in zip(data[key], item_node.value, strict=True):
        fields = getattr(item, "value", None)
        lines = {name.value: name.start_mark.line + 1 for name, _ in fields} if isinstance(fields, list) else {}
        items.append(YamlItem(raw, item.start_mark.line + 1, lines))
    return items
