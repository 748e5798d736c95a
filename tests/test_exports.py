"""The data downloads, read as an analyst reads them: csv, json, zipfile."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from shapely.geometry import shape

from dashboard.outputs.exports import CSV_COLUMNS, figures_csv
from tests.test_cli import dashboard


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith("\ufeff".encode()), "no byte-order mark: a spreadsheet may not read it as UTF-8"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """The three files, written by the command line as a user runs it."""
    folder = tmp_path_factory.mktemp("exports")
    for kind, name in (("csv", "figures.csv"), ("geojson", "map.geojson"), ("zip", "package.zip")):
        result = dashboard("export", kind, str(folder / name))
        assert result.returncode == 0, result.stderr
        assert f"wrote {folder / name}" in result.stdout
    return folder


@pytest.fixture(scope="module")
def rows(exported) -> dict[tuple[str, str], dict]:
    table = read_csv((exported / "figures.csv").read_bytes())
    # The briefing's figures and the derived metrics; other sources' rows are checked apart.
    return {
        (row["country"], row["measure"]): row
        for row in table
        if not row["place"] and (row["source"].startswith("briefing"))
    }


def test_the_csv_has_a_header_and_one_row_a_figure(exported, briefing):
    table = read_csv((exported / "figures.csv").read_bytes())
    assert list(table[0]) == list(CSV_COLUMNS)
    # Every figure of every source, then 2 derived metrics for each Maghreb state.
    assert len(table) == len(briefing.figures) + 8, "every source's figure, then 2 derived metrics for 4 states"
    soufan = next(row for row in table if row["country"] == "DZA" and row["source"] == "soufan_2017"
                  and row["measure"] == "foreign_fighters")  # fmt: skip
    assert soufan["value"] == "170" and soufan["as_of"] == "2016-01" and "January 2016" in soufan["note"]
    raqqa = next(row for row in table if row["place"] == "Raqqa")
    assert raqqa["value"] == "1800" and raqqa["shown_as"] == "an estimated 1,800"


def test_tunisias_returnees_come_with_qualifier_date_and_source(rows):
    tunisia = rows["TUN", "returnees"]
    assert tunisia["value"] == "800"
    assert tunisia["qualifier"] == "exact" and tunisia["lower"] == tunisia["upper"] == "800"
    # The briefing does not date its 800: no as_of, placed at its publication, and its period kept.
    assert tunisia["as_of"] == "" and tunisia["dated_as"] == "late 2017 (figure undated)"
    assert tunisia["since"] == "mid-2017" and tunisia["shown_as"] == "800 since mid-2017"
    assert tunisia["source"] == "briefing" and tunisia["attribution"] == "Rogan, ATA briefing (2017)"
    assert tunisia["quote"].startswith("Since the siege of Raqqa began in mid-2017")


def test_a_figure_not_given_is_empty_never_zero(rows):
    libya = rows["LBY", "returnees"]
    assert libya["value"] == "" and libya["qualifier"] == "not_given"
    assert libya["shown_as"] == "not given in the briefing"
    assert rows["LBY", "share_returned"]["value"] == ""
    assert all(row["value"] != "0" for row in rows.values())


def test_attributed_and_derived_figures_say_so(rows):
    assert rows["LBY", "is_militants_present"]["attribution"].startswith("US intelligence, as cited in Rogan")
    assert rows["DZA", "returnees"]["derivation"] == "nearly half of close to 200"
    morocco = rows["MAR", "share_returned"]
    # 200 of more than 1,600: at most 12.5%, an upper bound.
    assert (morocco["value"], morocco["qualifier"], morocco["upper"], morocco["lower"]) == (
        "12.5", "less_than", "12.5", ""
    )  # fmt: skip
    assert morocco["derivation"] == "returnees (200) ÷ foreign fighters (more than 1,600)"
    per_million = rows["LBY", "fighters_per_million"]
    assert per_million["qualifier"] == "more_than" and float(per_million["lower"]) <= 600 / 6.73877
    assert per_million["source"] == "briefing; wdi_population"
    assert "World Bank" in per_million["attribution"]


def test_the_geojson_has_the_countries_with_their_figures(exported):
    collection = json.loads((exported / "map.geojson").read_text(encoding="utf-8"))
    countries = {f["properties"]["iso_a3"]: f for f in collection["features"] if f["properties"]["type"] == "country"}
    tunisia = countries["TUN"]["properties"]
    assert tunisia["returnees"] == 800 and tunisia["returnees_qualifier"] == "exact"
    assert tunisia["returnees_as_of"] is None and tunisia["returnees_attribution"] == "Rogan, ATA briefing (2017)"
    assert tunisia["returnees_dated_as"] == "late 2017 (figure undated)"
    assert tunisia["foreign_fighters_shown_as"] == "around 3,000"
    libya = countries["LBY"]["properties"]
    assert "returnees" in libya and libya["returnees"] is None
    assert libya["is_militants_present"] == 5000
    assert countries["TUN"]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert countries["EGY"]["properties"]["role"] == "context"


def test_every_layer_feature_has_its_date_confidence_and_sources(exported, briefing):
    collection = json.loads((exported / "map.geojson").read_text(encoding="utf-8"))
    features = [f["properties"] for f in collection["features"] if f["properties"]["type"] == "layer feature"]
    assert len(features) == sum(len(layer.features) for layer in briefing.layers)
    for feature in features:
        assert feature["date"] and feature["confidence"] and feature["sources"], feature["name"]
        assert len(feature["source_citations"]) == len(feature["sources"])
    barrier = next(f for f in features if f["kind"] == "barrier")
    assert barrier["certainty"] == "route approximate" and barrier["length_km"] == 179
    assert {f["certainty"] for f in features if f["kind"] == "return_route"} == {"assumed, not tracked"}


def test_the_geojson_follows_rfc_7946_and_carries_every_sources_figures(exported, briefing):
    collection = json.loads((exported / "map.geojson").read_text(encoding="utf-8"))
    polygons = [
        shape(feature["geometry"])
        for feature in collection["features"]
        if feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    ]
    assert len(polygons) >= len(briefing.maghreb)
    for geometry in polygons:
        for polygon in getattr(geometry, "geoms", [geometry]):
            assert polygon.exterior.is_ccw, "an outer ring runs counter-clockwise (RFC 7946, 3.1.6)"
            assert not any(ring.is_ccw for ring in polygon.interiors), "a hole runs clockwise"
    countries = {f["properties"]["iso_a3"]: f["properties"] for f in collection["features"]
                 if f["properties"]["type"] == "country"}  # fmt: skip
    for code in briefing.maghreb:
        records = countries[code]["figures"]
        assert len(records) == sum(1 for figure in briefing.figures if figure.country == code)
        assert {record["source"] for record in records} == {f.source for f in briefing.figures if f.country == code}


def test_return_routes_are_lines_marked_assumed(exported, briefing):
    collection = json.loads((exported / "map.geojson").read_text(encoding="utf-8"))
    routes = [f for f in collection["features"] if f["properties"].get("kind") == "return_route"]
    assert routes
    for route in routes:
        assert route["geometry"]["type"] == "LineString" and len(route["geometry"]["coordinates"]) == 2
        assert route["properties"]["status"] == "assumed" and route["properties"]["certainty"] == "assumed, not tracked"
        destination = briefing.countries.loc[route["properties"]["country"]]
        assert route["geometry"]["coordinates"][1] == [destination["label_lon"], destination["label_lat"]]


def test_the_data_package_holds_the_data_its_sources_and_a_readme(exported):
    with zipfile.ZipFile(exported / "package.zip") as package:
        names = sorted(package.namelist())
        assert names == [f"dandelion-data/{name}" for name in ("README.md", "dandelion.csv", "dandelion.geojson",
                                                                "sources.csv")]  # fmt: skip
        assert package.read("dandelion-data/dandelion.csv") == (exported / "figures.csv").read_bytes()
        for member in package.infolist():
            assert member.external_attr >> 16 == 0o100644, f"{member.filename}: not a plain file anyone may read"
            assert member.date_time == (2017, 10, 1, 0, 0, 0), "a fixed date: the same data, the same bytes"
        readme = package.read("dandelion-data/README.md").decode("utf-8")
        sources = read_csv(package.read("dandelion-data/sources.csv"))
    for column in CSV_COLUMNS:
        assert f"`{column}`" in readme, column
    assert "Natural Earth 4.1.0 (public domain)" in readme and "Andrew Rogan" in readme
    briefing_source = next(source for source in sources if source["id"] == "briefing")
    assert briefing_source["author"] == "Andrew Rogan" and briefing_source["url"].startswith("http")


def test_the_server_serves_the_same_files_for_the_page_to_link(client, briefing):
    response = client.get("/download/dandelion.csv")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="dandelion.csv"'
    assert response.mimetype == "text/csv"
    assert response.get_data() == figures_csv(briefing)
    again = client.get("/download/dandelion.csv", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/download/dandelion-data.zip").mimetype == "application/zip"
    assert client.get("/download/secrets.txt").status_code == 404


def test_export_on_bad_data_or_to_a_missing_folder_says_why(tmp_path, data_dir):
    (data_dir / "population.yaml").unlink()
    result = dashboard("export", "csv", str(tmp_path / "out.csv"), "--data", str(data_dir))
    assert result.returncode == 2 and "population.yaml: file is missing" in result.stderr
    assert not (tmp_path / "out.csv").exists()
    result = dashboard("export", "csv", str(tmp_path / "no" / "such" / "out.csv"))
    assert result.returncode == 1
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr
