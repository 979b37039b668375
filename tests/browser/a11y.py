"""axe-core in the page (the copy bundled with axe-playwright-python, no network)."""

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

SERIOUS = {"serious", "critical"}
_axe = Axe()


def serious_violations(page: Page) -> list[dict[str, Any]]:
    """axe's serious and critical findings, each with the elements it found."""
    results = _axe.run(page)
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in results.response["violations"]
        if v.get("impact") in SERIOUS
    ]
