"""Dandelion: a sourced map of the 2017 briefing's figures, as a Dash app and the files made from it.

The package is in layers; a module imports only from its own layer and the
ones below it (tests/test_imports.py holds every import to this):

- ``model``: the briefing's data as read and checked (figures, sources, layers, story, metrics, targets);
- ``figures``: what a map shows, in numbers and words (readings, map and layer figures, style, the contract
  the browser code reads);
- ``page``: the page a browser gets (layout, components, table, callbacks, addresses);
- ``outputs``: the files made from the page and the data (static site, one-file copy, data downloads, PDF
  hand-out, slides, first-map pictures; one chromium module);
- ``web``: serving the app (the Dash app, headers, compression, health, gunicorn, reloading).

``dashboard/__main__.py``, the command line, sits above them all.
"""

# The layers, lowest first.
LAYERS = ("model", "figures", "page", "outputs", "web")
