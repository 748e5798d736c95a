"""Loading the shipped data, and the error each kind of bad input gets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.model.briefing import DEFAULT_DATA_DIR, load_briefing
from dashboard.model.observations import Selection
from dashboard.model.validation import DataError, PartialDate


def test_shipped_figures_are_the_briefings(briefing):
    tunisia = briefing.figure("TUN", "foreign_fighters")
    assert (tunisia.value, tunisia.qualifier) == (3000, "around")
    assert "at around 3,000 individuals" in tunisia.quote
    morocco = briefing.figure("MAR", "foreign_fighters")
    assert (morocco.value, morocco.qualifier, morocco.lower) == (1600, "more_than", 1600)
    algeria = briefing.figure("DZA", "returnees")
    assert algeria.derivation == "nearly half of close to 200"
    libya = briefing.figure("LBY", "returnees")
    assert libya.value is None and libya.qualifier == "not_given"
    militants = briefing.figure("LBY", "is_militants_present")
    assert briefing.attribution(militants) == "US intelligence, as cited in Rogan, ATA briefing (2017)"


def test_every_figure_has_a_source_a_place_in_time_and_the_briefings_words(briefing):
    for figure in briefing.figures:
        assert figure.source in briefing.sources
        # Dated by its source, or placed at its source's publication and said to be undated.
        assert figure.as_of is not None or briefing.when(figure).endswith("(figure undated)")
        if figure.source == "briefing":
            assert figure.quote
    # The briefing dates only Morocco's returnees and Raqqa's fall; its other figures are undated.
    dated = {(f.country, f.measure) for f in briefing.figures if f.source == "briefing" and f.as_of}
    assert dated == {("MAR", "returnees"), ("LBY", "is_militants_present")}


def test_the_soufan_figures_sit_beside_the_briefings(briefing):
    assert briefing.source_choices == ["briefing", "soufan_2017", "all"]
    assert briefing.time_choices[0] == "briefing" and briefing.time_choices[-1] == "latest"
    # Oldest first: Algeria's own count to the UN (November 2014), Soufan's (January 2016), an undated claim
    # reported in December 2016, the briefing's (undated, published late 2017).
    assert [(f.source, f.value) for f in briefing.records("DZA", "foreign_fighters")] == [
        ("algerie360_2015", 170),
        ("soufan_2017", 170),
        ("lesoir_dz_2016_12", 100),
        ("briefing", 200),
    ]
    assert briefing.figure("MAR", "foreign_fighters", Selection("soufan_2017")).value == 1623
    # As the briefing saw it, every source's latest figure for Algeria's returnees is the briefing's.
    assert briefing.figure("DZA", "returnees", Selection("all")).source == "briefing"
    assert briefing.figure("LBY", "returnees", Selection("soufan_2017")) is None
    # Soufan's 800 is the Tunisian government's count of December 2016.
    assert str(briefing.figure("TUN", "returnees", Selection("soufan_2017")).as_of) == "December 2016"


def test_countries_have_label_points_inside_them(briefing):
    from shapely.geometry import Point

    assert set(briefing.maghreb) == {"TUN", "MAR", "DZA", "LBY"}
    for code, row in briefing.countries.iterrows():
        assert row.geometry.contains(Point(row.label_lon, row.label_lat)), code
    assert briefing.countries.loc["ESH", "name"] == "Western Sahara (disputed)"


def test_partial_dates_read_as_written():
    assert str(PartialDate.parse("2017-10")) == "October 2017"
    assert str(PartialDate.parse("2017-10-31")) == "31 October 2017"
    assert str(PartialDate.parse("2017")) == "2017"
    with pytest.raises(ValueError):
        PartialDate.parse("2017-13")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_for(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_briefing(data_dir)
    return [str(problem) for problem in caught.value.problems]


TUNISIA_FIGHTERS = "  - country: TUN\n    measure: foreign_fighters\n    value: 3000\n    qualifier: around\n"


def line_of(text: str, path: Path = DEFAULT_DATA_DIR / "figures.yaml") -> int:
    """1-based line where ``text`` starts in a shipped data file."""
    return path.read_text(encoding="utf-8").split(text)[0].count("\n") + 1


TUNISIA_LINE = line_of(TUNISIA_FIGHTERS)
# A problem points at its field's own line: `value:` is two lines below `- country:`.
TUNISIA_VALUE_LINE = TUNISIA_LINE + 2


def in_tunisia(old: str, new: str) -> tuple[str, str]:
    """The edit of figures.yaml that makes Tunisia's foreign fighters record say ``new`` where it says ``old``."""
    return TUNISIA_FIGHTERS, TUNISIA_FIGHTERS.replace(old, new)


BAD_FIGURES = {
    "malformed YAML": (
        "    qualifier: around\n",
        "    qualifier: [around\n",
        "figures.yaml:",
        "malformed YAML",
    ),
    "unknown country": (
        *in_tunisia("TUN", "TUX"),
        f"figures.yaml:{TUNISIA_LINE}: figure 3 (TUX foreign_fighters): field 'country'",
        "unknown country 'TUX'",
    ),
    "unknown measure": (
        *in_tunisia("foreign_fighters", "sympathisers"),
        "figure 3 (TUN sympathisers): field 'measure'",
        "unknown measure 'sympathisers'",
    ),
    "unknown qualifier": (
        *in_tunisia("around", "roughly"),
        "field 'qualifier'",
        "unknown qualifier 'roughly'",
    ),
    "negative value": (
        *in_tunisia("3000", "-3000"),
        f"figures.yaml:{TUNISIA_VALUE_LINE}: figure 3 (TUN foreign_fighters): field 'value'",
        "must not be negative, got -3000",
    ),
    "non-numeric value": (
        *in_tunisia("3000", "lots"),
        "field 'value'",
        "must be a number, got 'lots'",
    ),
    "bounds contradict the qualifier": (
        "    qualifier: more_than\n    lower: 1600\n",
        "    qualifier: more_than\n    lower: 1600\n    upper: 1600\n",
        "figure 5 (MAR foreign_fighters): field 'upper'",
        "'more than' 1600 contradicts a upper bound of 1600",
    ),
    "bound on the wrong side": (
        "    qualifier: just_over\n    lower: 600\n",
        "    qualifier: just_over\n    lower: 650\n",
        "figure 9 (LBY foreign_fighters): field 'lower'",
        "lower bound 650 is above the value 600",
    ),
    "missing source": (
        TUNISIA_FIGHTERS + "    source: briefing\n",
        TUNISIA_FIGHTERS,
        "figure 3 (TUN foreign_fighters): field 'source'",
        "is missing",
    ),
    "unknown source": (
        TUNISIA_FIGHTERS + "    source: briefing\n",
        TUNISIA_FIGHTERS + "    source: rumour\n",
        "field 'source'",
        "unknown source 'rumour'",
    ),
    "date that does not parse": (
        TUNISIA_FIGHTERS,
        TUNISIA_FIGHTERS + '    as_of: "October 2017"\n',
        "field 'as_of'",
        "is not a date",
    ),
    "value for a figure not given": (
        "    value: null\n    qualifier: not_given\n",
        "    value: 0\n    qualifier: not_given\n",
        "figure 10 (LBY returnees): field 'value'",
        "must be null when the qualifier is not_given",
    ),
}


@pytest.mark.parametrize("kind", BAD_FIGURES)
def test_bad_figure_is_reported_with_file_record_and_field(data_dir, kind):
    old, new, where, reason = BAD_FIGURES[kind]
    edit(data_dir / "figures.yaml", old, new)
    problems = problems_for(data_dir)
    assert any(where in line and reason in line for line in problems), problems


def test_duplicate_figure_is_reported(data_dir):
    figures = data_dir / "figures.yaml"
    quote = (
        "Tunisia is estimated as the largest producer of foreign fighters in the region, and fourth in the world,"
        " at around 3,000 individuals."
    )
    again = TUNISIA_FIGHTERS + f'    source: briefing\n    quote: "{quote}"\n'
    figures.write_text(figures.read_text() + "\n" + again)
    problems = problems_for(data_dir)
    assert any("(TUN foreign_fighters): field 'as_of'" in p and "duplicate figure" in p for p in problems)


@pytest.mark.parametrize("name", ["figures.yaml", "sources.yaml", "population.yaml", "countries.geojson"])
def test_missing_file_is_reported(data_dir, name):
    (data_dir / name).unlink()
    assert f"{name}: file is missing" in problems_for(data_dir)


def set_geometry(data_dir: Path, iso_a3: str, geometry: dict | None) -> None:
    path = data_dir / "countries.geojson"
    collection = json.loads(path.read_text())
    for feature in collection["features"]:
        if feature["properties"]["iso_a3"] == iso_a3:
            feature["geometry"] = geometry
    path.write_text(json.dumps(collection))


def test_invalid_geometry_is_reported(data_dir):
    bow_tie = {"type": "Polygon", "coordinates": [[[8, 33], [11, 37], [11, 33], [8, 37], [8, 33]]]}
    set_geometry(data_dir, "TUN", bow_tie)
    problems = problems_for(data_dir)
    assert any(p.startswith("countries.geojson: feature 12 (TUN): field 'geometry': is invalid") for p in problems)


def test_empty_geometry_is_reported(data_dir):
    set_geometry(data_dir, "LBY", None)
    assert "countries.geojson: feature 4 (LBY): field 'geometry': is empty" in problems_for(data_dir)


def test_unreadable_geometry_file_is_reported(data_dir):
    (data_dir / "countries.geojson").write_text('{"type": "FeatureCollection", "features": [')
    problems = problems_for(data_dir)
    assert any(p.startswith("countries.geojson: cannot be read as GeoJSON") for p in problems), problems


def test_every_problem_is_reported_in_one_run(data_dir):
    edit(data_dir / "figures.yaml", TUNISIA_FIGHTERS, TUNISIA_FIGHTERS.replace("3000", "-3000"))
    edit(data_dir / "population.yaml", "value: 6738770", "value: many")
    edit(data_dir / "sources.yaml", '    title: "Fall of Raqqa: Middle East Security Brief"\n', "")
    problems = problems_for(data_dir)
    assert any(p.startswith(f"figures.yaml:{TUNISIA_VALUE_LINE}:") and "negative" in p for p in problems)
    assert any(p.startswith("population.yaml:") and "field 'value'" in p for p in problems)
    assert any(p.startswith("sources.yaml:") and "source 1: field 'title': is missing" in p for p in problems)
    assert len(problems) == 3, problems
