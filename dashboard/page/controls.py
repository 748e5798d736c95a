"""The map's controls: choice groups and menus, the layer panel and its places, the display switch, zoom buttons."""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard.figures.layerfigure import layer_swatch
from dashboard.model.briefing import Briefing
from dashboard.model.layers import BUILTIN_LAYERS
from dashboard.model.targets import target_of
from dashboard.page.components import Html, Store
from dashboard.page.markup import Choice, attrs

# The map's area shows the map or the table behind it (as Our World in Data's Grapher does).
DISPLAYS = [("map", "Map"), ("table", "Table")]
DEFAULT_DISPLAY = "map"
LAYER_GROUP_TITLES = {"figures": "Figures", "measures": "States' measures", "movements": "Movements"}
# The map's zoom buttons: (what it does, its name, what it shows). In place of plotly's
# toolbar, whose icons were faint (1.74:1), small and under the switches on a phone.
ZOOM_BUTTONS = [
    ("zoomIn", "Zoom in", "+"),
    ("zoomOut", "Zoom out", "\u2212"),
    ("fit", "Fit the map to the view", "\u2302"),
]


def zoom_buttons() -> html.Div:
    """Zoom in, zoom out and fit: what the map's keys do (contract.MAP_KEYS), for a pointer."""
    return html.Div(
        [
            html.Button(
                shown, className="map-zoom-button", title=name, **attrs({"aria-label": name, "data-zoom": zoom})
            )
            for zoom, name, shown in ZOOM_BUTTONS
        ],
        className="map-zoom",
        role="group",
        **attrs({"aria-label": "Zoom"}),
    )


def choice_group(
    label: str, group_id: str, options: list[tuple[str, Any]], value: Any, kind: str = "radio", class_name: str = ""
) -> html.Fieldset:
    """A named group of native radio buttons or checkboxes, and the store that holds its value.

    Dash's RadioItems and Checklist nest the inputs in ``role=option`` labels
    of an unnamed listbox; here a fieldset's legend names the group, each
    label holds a native ``<input>`` (written as HTML, dashboard/page/markup.py)
    and assets/dandelion.js keeps ``Store(group_id)`` (a value, or a list for
    checkboxes) in step with them. ``options`` are (value, label content) pairs.
    """
    labels = [html.Label(content, **attrs({"data-value": str(option)})) for option, content in options]
    return html.Fieldset(
        [
            html.Legend(label, className="control-label"),
            Html.of(html.Div(labels, className=class_name), Choice(group_id, kind, value)),
            Store(id=group_id, data=value),
        ],
        id=f"{group_id}-choices",
        className="control",
        **attrs({"data-choice": group_id, "data-kind": kind}),
    )


def select_group(
    label: str, group_id: str, options: list[tuple[str, str]], value: str, steps: tuple[str, str] | None = None
) -> html.Div:
    """A labelled native select (a menu that stays one row however many choices), and its store.

    ``steps`` names two buttons that choose the option before and after, so
    that the choice can be walked through with a tap or a key, without
    dragging (assets/dandelion.js keeps them and the store in step).
    """
    select = html.Select(
        [html.Option(text, value=option, selected=option == value) for option, text in options], id=f"{group_id}-select"
    )

    children: list = [html.Label(label, htmlFor=f"{group_id}-select", className="control-label"), select]
    if steps:
        children += [
            html.Button(
                word,
                className="step-choice",
                **attrs({"data-step": str(direction), "aria-controls": f"{group_id}-select"}),
            )
            for word, direction in zip(steps, (-1, 1), strict=True)
        ]
    children.append(Store(id=group_id, data=value))
    return html.Div(
        children,
        id=f"{group_id}-choices",
        className="control control-select",
        **attrs({"data-choice": group_id, "data-kind": "select"}),
    )


def layer_groups(briefing: Briefing) -> dict[str, list[tuple[str, str]]]:
    """The layer panel's groups, in order: group -> [(layer id, title)].

    Each group is one checklist, ``layers-<group>``.
    """
    groups = {"figures": list(BUILTIN_LAYERS.items())}
    for layer in briefing.layers:
        groups.setdefault(layer.group, []).append((layer.id, layer.title))
    return groups


def layer_panel(briefing: Briefing) -> html.Section:
    """A checklist a group: the figures, the states' measures, the movements; each with its swatch."""
    swatches = {layer_id: layer_id for layer_id in BUILTIN_LAYERS}
    swatches |= {layer.id: layer_swatch(layer) for layer in briefing.layers}
    sections = []
    for group, layers in layer_groups(briefing).items():
        options = [
            (layer_id, [html.Span(className=f"swatch swatch-{swatches[layer_id]}"), title])
            for layer_id, title in layers
        ]
        group_id = f"layers-{group}"
        selected = [layer_id for layer_id, _ in layers]
        sections.append(
            choice_group(LAYER_GROUP_TITLES[group], group_id, options, selected, "checkbox", "layer-options")
        )
    return html.Section(
        [html.H2("Layers"), *sections, Html.of(places_list(briefing))],
        className="layer-panel",
        **attrs({"aria-label": "Layers"}),
    )


def places_list(briefing: Briefing) -> html.Details:
    """Every place and route on the map as a button that selects it: the
    keyboard's way to what a mouse clicks on the map."""
    groups = []
    for layer in briefing.layers:
        buttons = [
            html.Li(
                html.Button(feature.name, className="place", **attrs({"data-target": target_of("feature", feature.id)}))
            )
            for feature in sorted(layer.features, key=lambda feature: feature.name.casefold())
        ]
        heading_id = f"places-{layer.id}"
        groups.append(
            html.Li(
                [
                    html.Span(layer.title, id=heading_id, className="place-group"),
                    html.Ul(buttons, className="place-list", **attrs({"aria-labelledby": heading_id})),
                ]
            )
        )
    return html.Details(
        [html.Summary("Places and routes on the map"), html.Ul(groups, className="place-groups")],
        id="places",
        className="places",
    )
