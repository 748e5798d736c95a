"""What a marked word, a story step or a link points at: a target, named as the browser code names it.

"country:TUN" (ISO 3166-1 alpha-3) or "feature:barrier/ras-ajdir-dhehiba"
(layer/feature id); the browser reads the prefixes from the contract
(figures/contract.py browser_contract).
"""

from __future__ import annotations

from typing import Literal

TargetKind = Literal["country", "feature"]

TARGET_PREFIXES: dict[TargetKind, str] = {"country": "country:", "feature": "feature:"}

# The side panel shown when nothing is selected; the others are keyed by target.
OVERVIEW = "overview"


def target_of(kind: TargetKind, name: str) -> str:
    """``target_of("country", "TUN") == "country:TUN"``."""
    return TARGET_PREFIXES[kind] + name


def targets_of(kind: TargetKind, targets: tuple[str, ...] | list[str]) -> list[str]:
    """The names of the targets of one kind: ``targets_of("country", ("country:TUN", "feature:x")) == ["TUN"]``."""
    prefix = TARGET_PREFIXES[kind]
    return [target.removeprefix(prefix) for target in targets if target.startswith(prefix)]
