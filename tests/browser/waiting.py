"""Waiting on the page's state without eval (the app's CSP forbids it, as it should)."""

import time

from playwright.sync_api import Page


def wait_for_state(page: Page, *states: str, timeout: float = 30.0) -> str:
    """Poll ``document.body.dataset.state`` until it is one of ``states``."""
    deadline = time.monotonic() + timeout
    state = ""
    while time.monotonic() < deadline:
        state = str(page.evaluate("() => document.body.dataset.state || ''"))
        if state in states:
            return state
        page.wait_for_timeout(50)
    raise AssertionError(f"the player stayed in {state!r}, not {states}")
