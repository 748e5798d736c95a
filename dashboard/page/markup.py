"""Dash components written as HTML: for the parts of the page no callback builds, and for the first paint.

One writer, two uses:

- the live page: a part that no callback builds (the briefing's text, the
  places list, the table) is sent as one :class:`dashboard.page.components.Html`
  holding its HTML, ids and all, so that Dash's renderer follows one
  component there, not one a tag;
- the first paint (dashboard/outputs/firstpaint.py): the whole layout as
  HTML shown before any script has run, beside the live page Dash builds,
  so without the live page's ids, the references to them and its data
  attributes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import Any

from dash.development.base_component import Component

# Where the first paint puts the map's picture (inside the map's box).
PICTURE_SLOT = "<!--first-map-->"
VOID_TAGS = {"img", "input", "br", "hr", "meta", "link", "source", "track", "wbr", "area", "col", "embed"}
# Dash's props that are not HTML attributes.
DASH_PROPS = {"children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "loading_state", "key", "setProps"}
# What the first paint leaves out besides: ids, what refers to them and data-* attributes belong to the live
# page alone (both are in the document for a moment, and the live page's script finds its elements by them).
LIVE_PAGE_PROPS = {"id", "htmlFor", "aria-labelledby", "aria-describedby", "aria-controls", "headers"}
ATTRIBUTE_NAMES = {"className": "class", "tabIndex": "tabindex", "htmlFor": "for"}
CAPITAL = re.compile(r"[A-Z]")


def attrs(attributes: dict[str, str]) -> dict[str, Any]:
    """HTML attributes that are not Python names (aria-*, data-*), for a Dash component's keywords.

    Dash accepts them as ``**{"data-x": ...}`` but its typed signatures cannot
    name them: typed as Any here, once, so every other keyword stays checked.
    """
    return attributes


def _css(style: dict[str, Any]) -> str:
    """A React style object as CSS: ``{"maxWidth": "2px"}`` -> ``max-width: 2px``."""

    def css_name(name: str) -> str:
        return CAPITAL.sub(lambda m: "-" + m.group(0).lower(), name)

    return "; ".join(f"{css_name(name)}: {value}" for name, value in style.items())


def _kept(name: str, first_paint: bool) -> bool:
    if name in DASH_PROPS:
        return False
    return not (first_paint and (name in LIVE_PAGE_PROPS or name.startswith("data-")))


def _attributes(props: dict[str, Any], first_paint: bool) -> str:
    out = []
    for name, value in sorted(props.items()):  # the same bytes from the same data, in any process
        if not _kept(name, first_paint) or value is None or value is False:
            continue
        name = ATTRIBUTE_NAMES.get(name, name)
        if value is True:
            out.append(f" {name}")
        else:
            text = _css(value) if name == "style" else str(value)
            out.append(f' {name}="{escape(text, quote=True)}"')
    return "".join(out)


def html_attributes(props: dict[str, Any]) -> dict[str, Any]:
    """The props of a Dash html component that React writes as the element's attributes (all but its
    children, id, class and Dash's own)."""
    return {name: value for name, value in props.items() if _kept(name, False) and name not in ("id", "className")}


def html_of(node: Any, first_paint: bool = False, choice: Choice | None = None) -> str:
    """``node`` (a Dash component, a list of them, text or None) as HTML.

    Dash's html components are written as their tags. For the live page
    (``first_paint`` false) that is all ``node`` may hold. For the first
    paint, the map (a Graph) is an empty box of its class holding
    :data:`PICTURE_SLOT`, a part sent as HTML is written from what it was
    made of, and other components (stores) and scripts (the page's config)
    hold no markup and are left out. A choice's labels get their native
    input. ``choice``: the group of choices ``node`` is in (see :func:`_choice`).
    """
    if node is None:
        return ""
    if isinstance(node, str | int | float):
        return escape(str(node), quote=False)
    if isinstance(node, list | tuple):
        return "".join(html_of(child, first_paint, choice) for child in node)
    if not isinstance(node, Component):
        raise TypeError(f"cannot write {type(node).__name__} as HTML")
    props = node.to_plotly_json()["props"]  # the props set, aria-* and data-* included
    if node._namespace != "dash_html_components":
        if not first_paint:
            raise TypeError(f"a {node._type} cannot be written as HTML: only Dash's html components can")
        if node._type == "Graph":
            return f"<div{_attributes({'className': props.get('className')}, True)}>{PICTURE_SLOT}</div>"
        source = getattr(node, "source", None)  # an Html part: what it was made of
        return html_of(source, True, choice) if source is not None else ""
    tag = node._type.lower()
    if first_paint and tag == "script":
        return ""
    if tag in VOID_TAGS:
        return f"<{tag}{_attributes(props, first_paint)}>"
    choice = _choice(props) or choice
    inner = html_of(props.get("children"), first_paint, choice)
    if choice and tag == "label" and "data-value" in props:
        inner = _choice_input(choice, props["data-value"], first_paint) + inner
    return f"<{tag}{_attributes(props, first_paint)}>{inner}</{tag}>"


@dataclass(frozen=True)
class Choice:
    """A group of choices (dashboard/page/controls.py choice_group): its name, radio or checkbox, and its value
    as sent."""

    name: str
    kind: str
    value: Any


def _choice(props: dict[str, Any]) -> Choice | None:
    """The group of choices a fieldset is (``data-choice``), with the value of the store it holds."""
    if "data-choice" not in props:
        return None
    children = props.get("children")
    stores = [child.to_plotly_json()["props"] for child in children or [] if isinstance(child, Component)]
    value = next((store.get("data") for store in stores if store.get("id") == props["data-choice"]), None)
    return Choice(props["data-choice"], props["data-kind"], value)


def _choice_input(choice: Choice, option: str, first_paint: bool) -> str:
    """The native input in a choice's label, checked as the first map is drawn. The first paint's have names of
    their own: radio buttons of one name are one group in a document, and the live page's are beside them."""
    values = choice.value if isinstance(choice.value, list) else [choice.value]
    checked = " checked" if option in [str(value) for value in values] else ""
    name = f"first-paint-{choice.name}" if first_paint else choice.name
    return f'<input type="{escape(choice.kind)}" name="{escape(name)}" value="{escape(option)}"{checked}>'
