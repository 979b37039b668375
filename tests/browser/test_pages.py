"""Every page, phone and desktop: a screenshot to look at, and axe finds nothing serious."""

from collections.abc import Iterator
from datetime import datetime

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from rollcoach.history.demo_data import seed_demo
from rollcoach.history.profile import Profile
from tests.browser.a11y import serious_violations
from tests.browser.conftest import DESKTOP, PHONE, LiveServer, shoot
from tests.browser.test_journey import sign_up

PAGES = [
    ("today", "/"),
    ("checkin", "/checkin"),
    ("session", "/session?minutes=8"),
    ("week", "/week"),
    ("history", "/history"),
    ("import", "/import"),
    ("profile", "/profile"),
    ("rules", "/rules"),
    ("coach", "/coach/{coached}"),
]


def athlete_of(server: LiveServer, email: str) -> int:
    services = server.app.state.services
    found = services.accounts.password_hash(email)
    assert found is not None
    return found[0].athlete_id


@pytest.fixture(scope="module")
def demo_context(browser: Browser, accounts_server: LiveServer) -> Iterator[BrowserContext]:
    """A coach's browser: their own demo history, plus an athlete who shared theirs."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sign_up(page, accounts_server, "shared@example.org")
    page.context.clear_cookies()
    sign_up(page, accounts_server, "coach@example.org")
    store = accounts_server.app.state.services.store
    for email in ("coach@example.org", "shared@example.org"):
        seed_demo(store, athlete_of(accounts_server, email), datetime.now().astimezone())
    accounts = accounts_server.app.state.services.accounts
    accounts.grant_coach(athlete_of(accounts_server, "shared@example.org"), "coach@example.org")
    page.close()
    yield context
    context.close()


@pytest.mark.parametrize(("size_name", "size"), [("phone", PHONE), ("desktop", DESKTOP)])
@pytest.mark.parametrize(("name", "path"), PAGES)
def test_every_page_renders_and_has_no_serious_accessibility_problem(
    demo_context: BrowserContext,
    accounts_server: LiveServer,
    name: str,
    path: str,
    size_name: str,
    size: dict[str, int],
) -> None:
    page = demo_context.new_page()
    page.set_viewport_size(size)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    coached = athlete_of(accounts_server, "shared@example.org")
    response = page.goto(accounts_server.url + path.format(coached=coached))
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    shoot(page, f"{size_name}-{name}")
    assert serious_violations(page) == []
    assert errors == []
    page.close()


@pytest.mark.parametrize(("size_name", "size"), [("phone", PHONE), ("desktop", DESKTOP)])
@pytest.mark.parametrize("path", ["/signin", "/signup"])
def test_sign_in_pages_have_no_serious_accessibility_problem(
    page: Page, accounts_server: LiveServer, path: str, size_name: str, size: dict[str, int]
) -> None:
    page.set_viewport_size(size)
    page.goto(accounts_server.url + path)
    shoot(page, f"{size_name}-{path.strip('/')}")
    assert serious_violations(page) == []


def test_a_refusal_is_a_calm_screen_with_what_to_do(
    page: Page, accounts_server: LiveServer
) -> None:
    sign_up(page, accounts_server, "careful@example.org")
    store = accounts_server.app.state.services.store
    athlete = athlete_of(accounts_server, "careful@example.org")
    store.save_profile(athlete, Profile(conditions=["blood-thinners"]))
    page.goto(accounts_server.url + "/")
    refusal = page.locator(".refusal")
    assert "Not today" in refusal.inner_text()
    assert "SAFE-1" in refusal.inner_text()
    assert page.locator("#start-session").count() == 0
    shoot(page, "phone-today-refused")
    assert serious_violations(page) == []


@pytest.mark.parametrize("path", ["/", "/checkin", "/session?minutes=8", "/history", "/week"])
def test_dark_mode_has_no_serious_accessibility_problem(
    demo_context: BrowserContext, accounts_server: LiveServer, path: str
) -> None:
    page = demo_context.new_page()
    page.emulate_media(color_scheme="dark")
    page.goto(accounts_server.url + path)
    name = path.strip("/").split("?")[0] or "today"
    shoot(page, f"phone-dark-{name}")
    assert serious_violations(page) == []
    page.close()
