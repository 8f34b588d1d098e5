"""Serving the docs pages' JavaScript and CSS from the npm packages installed by scripts/setup.sh."""
from __future__ import annotations

import functools
import mimetypes
import os
from pathlib import Path

from ..exceptions import HTTPException
from ..responses import Response

_FILES = {
    "swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
    "favicon-32x32.png": "swagger-ui-dist/favicon-32x32.png",
    "redoc.standalone.js": "redoc/bundles/redoc.standalone.js",
}


def node_modules() -> Path:
    configured = os.environ.get("TACHYON_DOCS_ASSETS")
    return Path(configured) if configured else Path(__file__).resolve().parents[2] / "build" / "docs" / "node_modules"


@functools.lru_cache(maxsize=None)
def _read(name: str) -> bytes:
    return (node_modules() / _FILES[name]).read_bytes()


def docs_asset(name: str) -> Response:
    if name not in _FILES:
        raise HTTPException(status_code=404)
    try:
        body = _read(name)
    except OSError:
        raise HTTPException(status_code=404, detail=f"docs asset {name} is not installed: run scripts/setup.sh") from None
    media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return Response(body, media_type=media_type, headers={"cache-control": "public, max-age=86400"})
