"""The player keeps working offline once loaded; imports show progress and a per-file report."""

import time
from datetime import UTC, datetime

from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.a11y import serious_violations
from tests.browser.conftest import LiveServer, shoot
from tests.browser.test_journey import sign_up
from tests.browser.waiting import wait_for_state
from tests.web.runfiles import run_gpx


def wait_for_service_worker(page: Page, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.evaluate("() => Boolean(navigator.serviceWorker.controller)"):
            return
        page.wait_for_timeout(100)
        page.reload()
    raise AssertionError("the service worker never took control of the page")


def test_the_session_player_reloads_and_runs_offline(
    page: Page, phone: BrowserContext, accounts_server: LiveServer
) -> None:
    sign_up(page, accounts_server, "offline@example.org")
    page.goto(accounts_server.url + "/session?minutes=4&speed=60")
    wait_for_service_worker(page)
    phone.set_offline(True)
    try:
        page.reload()
        expect(page.locator("#start")).to_be_visible()
        page.locator("#start").click()
        wait_for_state(page, "running")
        shoot(page, "phone-session-offline")
        chimes = int(page.evaluate("() => document.body.dataset.chimes || '0'"))
        assert chimes >= 1  # the chime plays with spoken cues off
    finally:
        phone.set_offline(False)


def test_an_import_shows_its_report_file_by_file(page: Page, accounts_server: LiveServer) -> None:
    sign_up(page, accounts_server, "importer@example.org")
    page.goto(accounts_server.url + "/import")
    start = datetime(2026, 11, 18, 7, 0, tzinfo=UTC)
    page.locator("#files").set_input_files(
        [
            {"name": "easy.gpx", "mimeType": "application/gpx+xml", "buffer": run_gpx(start, 35)},
            {"name": "broken.tcx", "mimeType": "application/xml", "buffer": b"<nope"},
        ]
    )
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#job-status")).to_have_text("Finished", timeout=20_000)
    rows = page.locator("#job-files li")
    expect(rows).to_have_count(2)
    expect(page.locator("#job-imported")).to_have_text("1")
    assert "broken.tcx" in rows.nth(1).inner_text()
    shoot(page, "phone-import-report")
    assert serious_violations(page) == []
