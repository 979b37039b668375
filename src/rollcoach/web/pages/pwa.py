"""What makes the app installable and the player work offline: manifest and service worker."""

import hashlib
import json
from functools import cache
from importlib import resources

from fastapi.responses import JSONResponse, Response

from rollcoach.web.render import static_url
from rollcoach.web.routing import page_router

router = page_router()
STATIC = resources.files("rollcoach.web") / "static"


PRECACHE = ("css/app.css", "css/bodymap.css", "css/player.css", "js/player.js", "js/bodymap.js")


@cache
def worker_script() -> bytes:
    """sw.js with this release's asset addresses (each with its content digest) filled in."""
    assets = [static_url(path) for path in PRECACHE]
    version = hashlib.sha256(json.dumps(assets).encode()).hexdigest()[:12]
    script = (STATIC / "js" / "sw.js").read_text(encoding="utf-8")
    script = script.replace('"%VERSION%"', json.dumps(version))
    return script.replace('["%ASSETS%"]', json.dumps(assets)).encode()


@router.get("/sw.js")
def service_worker() -> Response:
    """Served from the root so it may look after every page (its scope is ``/``)."""
    script = worker_script()
    return Response(
        script,
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


@router.get("/manifest.webmanifest")
def manifest() -> JSONResponse:
    return JSONResponse(
        {
            "name": "rollcoach",
            "short_name": "rollcoach",
            "description": "What to foam-roll after a run, and when not to.",
            "start_url": "/",
            "display": "standalone",
            "background_color": "#f7f6f2",
            "theme_color": "#0f5c4d",
            "icons": [{"src": static_url("icon.svg"), "sizes": "any", "type": "image/svg+xml"}],
        },
        media_type="application/manifest+json",
    )
