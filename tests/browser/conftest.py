"""Browser tests: the real app under uvicorn, driven by Playwright in Debian's Chromium.

Chromium is /usr/bin/chromium (``apt-get install chromium``; ``python3 dev.py test``
installs it when it runs as root, as CI does). Without it these tests skip with
that reason on a laptop; in CI (``CI`` set) they fail instead.
Screenshots of every page, phone (390x844) and desktop (1280x800), go to
``tests/browser/screenshots/`` (ignored by git) for people to look at.
"""

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from rollcoach.web.app import create_app
from rollcoach.web.settings import WebSettings
from tests.ports import free_port

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).parent / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI runs the browser tests: install Debian's chromium (dev.py does)")
    pytest.skip(
        "no /usr/bin/chromium: browser tests skipped (apt-get install chromium)",
        allow_module_level=True,
    )


class LiveServer:
    """uvicorn in a thread, serving a fresh app over its own SQLite file."""

    def __init__(self, folder: Path, auth: str) -> None:
        settings = WebSettings(
            database_url=f"sqlite:///{folder / f'{auth}.db'}",
            auth=auth,
            secret_key="browser-test-secret-" + "y" * 32,
            login_attempts=50,
        )
        self.app = create_app(settings)
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        config = uvicorn.Config(self.app, host="127.0.0.1", port=port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.app.state.services.close()


@pytest.fixture(scope="session")
def accounts_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with LiveServer(tmp_path_factory.mktemp("browser"), "accounts") as server:
        yield server


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield launched
    launched.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, accept_downloads=True
    )
    yield context
    context.close()


@pytest.fixture
def page(phone: BrowserContext) -> Page:
    opened = phone.new_page()
    opened.set_default_timeout(15_000)
    return opened


def shoot(page: Page, name: str) -> Path:
    """A full-page screenshot under tests/browser/screenshots/."""
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
