"""The page's own Dash components: the map (Graph), the stores of state (Store) and parts sent as HTML (Html).

Graph and Store replace dash_core_components, whose scripts (some 96 KiB
over the wire) the page loaded for these two. The browser side is assets/components.js,
which defines ``window.dandelion_components``: Dash's renderer draws a
component of the layout as ``window[namespace][type]``. Each class here is
written as Dash's generated ones are (dash/dcc/Store.py): a namespace, a
type and the props the browser side knows.
"""

from __future__ import annotations

from typing import Any

from dash.development.base_component import Component

from dashboard.page.markup import Choice, html_attributes, html_of

# The global assets/components.js defines.
NAMESPACE = "dandelion_components"


class Store(Component):
    """A value the browser's callbacks read and write (``data``, any JSON); draws nothing.

    Unlike dcc.Store it keeps nothing in the browser's storage: the address
    holds the view (assets/dandelion.js).
    """

    _namespace = NAMESPACE
    _type = "Store"
    # Dash's Component reads these lists (a generated class sets them in __init__); never changed.
    _prop_names = ["id", "data"]  # noqa: RUF012
    _valid_wildcard_attributes: list[str] = []  # noqa: RUF012
    available_properties = _prop_names
    available_wildcard_properties: list[str] = []  # noqa: RUF012

    def __init__(self, id: str, data: Any = None) -> None:
        super().__init__(id=id, data=data)


class Graph(Component):
    """A plotly.js graph in a div: the map.

    Props: ``figure`` (plotly's data and layout; a callback may send a
    Patch of it), ``config`` (plotly's), ``className`` and ``style`` of the
    outer div; the browser sets ``clickData`` (the clicked points, as
    dcc.Graph gives them) and writes zoom and pan back into ``figure``.
    plotly draws into the inner div (``#<id> .js-plotly-plot``), which
    follows the outer div's size.
    """

    _namespace = NAMESPACE
    _type = "Graph"
    _prop_names = ["id", "figure", "config", "clickData", "className", "style"]  # noqa: RUF012
    _valid_wildcard_attributes: list[str] = []  # noqa: RUF012
    available_properties = _prop_names
    available_wildcard_properties: list[str] = []  # noqa: RUF012

    def __init__(
        self,
        id: str,
        figure: dict[str, Any],
        config: dict[str, Any],
        className: str | None = None,
        style: dict[str, str] | None = None,
    ) -> None:
        # Only the props given, as Dash's generated classes do: the browser side has the defaults.
        given = {"className": className, "style": style}
        super().__init__(id=id, figure=figure, config=config, **{k: v for k, v in given.items() if v is not None})


class Html(Component):
    """A part of the page that no callback builds, sent as one element holding its HTML.

    Dash's renderer follows every component of the layout each time its
    store changes; a part of many tags (the briefing's text, the places
    list, the table) costs it as many components, and the phone's first
    seconds. Made from Dash html components (:meth:`of`), written once by
    :func:`dashboard.page.markup.html_of`; the element keeps the tag, id,
    class and attributes of the component it was made from, and ``source``
    keeps that component for the first paint. A callback may set ``html``.
    """

    _namespace = NAMESPACE
    _type = "Html"
    _prop_names = ["id", "className", "tag", "attributes", "html"]  # noqa: RUF012
    _valid_wildcard_attributes: list[str] = []  # noqa: RUF012
    available_properties = _prop_names
    available_wildcard_properties: list[str] = []  # noqa: RUF012

    def __init__(
        self, tag: str, html: str, attributes: dict[str, Any], id: str | None = None, className: str | None = None
    ):
        given = {"id": id, "className": className}
        super().__init__(tag=tag, html=html, attributes=attributes, **{k: v for k, v in given.items() if v is not None})
        self.source: Component | None = None

    @classmethod
    def of(cls, node: Component, choice: Choice | None = None) -> Html:
        """``node``, a Dash html component, as one component holding its children's HTML; ``choice``: the group
        of choices its labels are the options of."""
        props = node.to_plotly_json()["props"]
        part = cls(
            node._type.lower(), html_of(props.get("children"), choice=choice), html_attributes(props), props.get("id"),
            props.get("className"),
        )  # fmt: skip
        part.source = node
        return part
