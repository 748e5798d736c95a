"""`check` says ok only for data the server can serve: each mutation of a copy
of the shipped data either gets a problem from load_briefing, or builds the app."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from dashboard.model.briefing import DEFAULT_DATA_DIR, load_briefing
from dashboard.model.validation import DataError
from dashboard.web.app import create_app

Mutation = Callable[[Path], None]


def rename_id(file: str, old: str) -> Mutation:
    def mutate(data_dir: Path) -> None:
        path = data_dir / file
        path.write_text(re.sub(rf"^(  - id: ){re.escape(old)}$", rf"\g<1>{old}_renamed", path.read_text(), flags=re.M))

    return mutate


def set_role(code: str, role: str) -> Mutation:
    def mutate(data_dir: Path) -> None:
        path = data_dir / "countries.geojson"
        collection = json.loads(path.read_text())
        for feature in collection["features"]:
            if feature["properties"]["iso_a3"] == code:
                feature["properties"]["role"] = role
        path.write_text(json.dumps(collection))

    return mutate


def drop_record(file: str, key: str, index: int) -> Mutation:
    def mutate(data_dir: Path) -> None:
        path = data_dir / file
        content = yaml.safe_load(path.read_text())
        del content[key][index]
        path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True))

    return mutate


def replace_text(file: str, old: str, new: str) -> Mutation:
    def mutate(data_dir: Path) -> None:
        path = data_dir / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"test setup: {old!r} not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


def shipped_ids(file: str) -> list[str]:
    return re.findall(r"^  - id: (\S+)$", (DEFAULT_DATA_DIR / file).read_text(), flags=re.M)


MUTATIONS: dict[str, Mutation] = {
    **{f"rename source {s}": rename_id("sources.yaml", s) for s in shipped_ids("sources.yaml")},
    **{f"rename layer {layer}": rename_id("layers.yaml", layer) for layer in shipped_ids("layers.yaml")},
    **{f"{code} no longer in the Maghreb": set_role(code, "context") for code in ("DZA", "LBY", "MAR", "TUN")},
    **{f"drop population {i}": drop_record("population.yaml", "population", i) for i in range(4)},
    **{f"drop layer {i}": drop_record("layers.yaml", "layers", i) for i in (0, 5)},
    "drop the last story step": drop_record("story.yaml", "steps", -1),
    # Another source's figure has no quote for its mark to be found in.
    "a mark on another source's figure": replace_text(
        "figures.yaml", "    source: soufan_2017\n", "    source: soufan_2017\n    mark: around\n"
    ),
    **{
        f"a flow naming the figure {name!r}": replace_text("layers/flows.geojson", '"LBY is_militants_present"', name)
        for name in ('"LBY civilian_casualties"', '"LBY"', '"WLD returnees"', "3", '"LBY is_militants_present x"')
    },
    "a geometry type that is not text": replace_text(
        "layers/algeria_air_base.geojson", '{"type": "Point",', '{"type": ["Point"],'
    ),
}


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_check_ok_means_the_server_starts(data_dir, name):
    MUTATIONS[name](data_dir)
    try:
        load_briefing(data_dir)
    except DataError as error:
        assert error.problems, name
        return
    create_app(data_dir)


def test_a_source_the_map_credits_by_role_must_be_there(data_dir):
    rename_id("sources.yaml", "natural_earth")(data_dir)
    with pytest.raises(DataError) as raised:
        load_briefing(data_dir)
    assert any("no source 'natural_earth'" in str(problem) for problem in raised.value.problems)
