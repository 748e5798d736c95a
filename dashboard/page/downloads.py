"""The Download menu: the map as an image, the data files, the one-file copy, and the embed code with its note."""

from __future__ import annotations

from dash import html

from dashboard.page.components import Html
from dashboard.page.markup import attrs
from dashboard.page.paths import DATA_FILE_NAMES, DOWNLOAD_PATH, ONE_FILE_NAME

# The Download menu: the map as an image (style.IMAGE_KINDS), the data files (paths.DATA_FILE_NAMES).
IMAGE_LABELS = {
    "screen": "PNG, as on screen",
    "slides": "PNG, 1920\u00d71080 for slides",
    "print": "PNG, 2\u00d7 for print",
    "svg": "SVG, vector for print and editing",
}
DATA_LABELS = {
    "csv": "Figures table (CSV)",
    "geojson": "Map data (GeoJSON)",
    "zip": "Data package: tables, map, sources, README (zip)",
}
ONE_FILE_LABEL = "This map as one file that works offline (HTML)"

# The embedded page's height (CSS px) from its width (assets/modules/embed.mjs): the map
# and its panels side by side want about two thirds of the width; a frame narrower than the phone
# breakpoint stacks them and wants more; the snippet's frame starts at the height for startWidthPx.
EMBED_RULE = {
    "ratio": 0.66, "narrowPx": 760, "narrowRatio": 1.7, "minPx": 520, "maxPx": 900, "startWidthPx": 960,
    "messageType": "dandelion:height",
}  # fmt: skip


# Who may frame the page unless the server is told otherwise (--frame-ancestors): its own origin.
DEFAULT_FRAME_ANCESTORS = "'self'"


def embed_note(frame_ancestors: str) -> str:
    """Who may show the map in a frame, as the server's --frame-ancestors says (a CSP source list)."""
    sources = frame_ancestors.split()
    if sources == ["'none'"]:
        return "This server lets no site frame the map (--frame-ancestors 'none'): the code will not show it."
    if sources == ["'self'"]:
        return (
            "This server lets only its own pages frame the map; its --frame-ancestors option names the sites"
            " that may embed it."
        )
    return (
        "Sites that may embed the map: " + ", ".join(source.replace("'self'", "this site") for source in sources) + "."
    )


def download_menu(frame_ancestors: str) -> html.Details:
    """The Download menu: the map as the reader sees it as an image, the data files, and an embed code.

    A <details> element: Tab reaches its summary, Enter or Space opens it.
    The images are drawn in the browser (assets/modules/image.mjs).
    """
    images = [
        html.Li(html.Button(label, className="download-item", **attrs({"data-image": kind})))
        for kind, label in IMAGE_LABELS.items()
    ]
    files = [
        html.Li(html.A(label, href=DOWNLOAD_PATH + DATA_FILE_NAMES[kind], download=DATA_FILE_NAMES[kind],
                       className="download-item"))
        for kind, label in DATA_LABELS.items()
    ]  # fmt: skip
    files.append(
        html.Li(html.A(ONE_FILE_LABEL, href=DOWNLOAD_PATH + ONE_FILE_NAME, download=ONE_FILE_NAME,
                       className="download-item"), className="not-in-one-file")
    )  # fmt: skip
    return html.Details(
        [
            html.Summary("Download", className="action"),
            Html.of(
                html.Div(
                    [
                        html.H2("This view as an image", className="download-heading"),
                        html.P("With title, colour scale, legend and sources.", className="download-hint"),
                        html.Ul(images, className="download-list"),
                        html.H2("The data", className="download-heading"),
                        html.P("Every figure with its qualifier, date and source.", className="download-hint"),
                        html.Ul(files, className="download-list"),
                        html.Div(
                            [
                                html.H2("Embed", className="download-heading"),
                                html.P(
                                    "This view in a frame for another web page; the script gives the frame"
                                    " the height the map asks for.",
                                    className="download-hint",
                                ),
                                html.Textarea(
                                    id="embed-code",
                                    className="embed-code",
                                    readOnly="readOnly",
                                    rows=4,
                                    **attrs({"aria-label": "Embed code: a frame and a script"}),
                                ),
                                html.Button("Copy embed code", id="copy-embed", className="download-item"),
                                html.P(embed_note(frame_ancestors), className="download-hint live-only"),
                            ],
                            className="embed not-in-one-file",
                        ),
                    ],
                    className="download-menu",
                )
            ),
        ],
        id="download",
        className="download",
    )
