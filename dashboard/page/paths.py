"""Where the page's files are: the paths the page links to, that the server answers and that the static
site and the one-file copy write (relative paths are the page's; a leading / is the server's)."""

from __future__ import annotations

DOWNLOAD_PATH = "download/"
# The page itself as one file (dashboard/outputs/delivery.py); not offered inside that file.
ONE_FILE_NAME = "dandelion.html"
# The story as a hand-out (dashboard/outputs/handout.py), offered beside the data.
HANDOUT_FILE = "dandelion-handout.pdf"
# The data downloads (dashboard/outputs/exports.py DATA_FILES); the zip's folder is named as the zip.
PACKAGE_NAME = "dandelion-data"
DATA_FILE_NAMES = {"csv": "dandelion.csv", "geojson": "dandelion.geojson", "zip": f"{PACKAGE_NAME}.zip"}
BASE_MAP_PREFIX = "/_basemap/"
FIRST_MAP_PREFIX = "/_first-map/"  # the first map's still pictures (dashboard/outputs/firstpaint.py)
