"""Everything works by keyboard: the skip link, the body map, the check-in and the player."""

from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer
from tests.browser.test_journey import sign_up
from tests.browser.waiting import wait_for_state

MAX_TABS = 80


def tab_to(page: Page, selector: str) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_the_first_tab_offers_the_skip_link(page: Page, accounts_server: LiveServer) -> None:
    page.goto(accounts_server.url + "/signin")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent")
    assert focused == "Skip to content"


def test_check_in_and_session_by_keyboard_alone(page: Page, accounts_server: LiveServer) -> None:
    sign_up(page, accounts_server, "keys@example.org")
    page.goto(accounts_server.url + "/checkin")
    tab_to(page, '.bm-area[data-area="calves"]')
    page.keyboard.press("Enter")
    expect(page.locator("#sore-calves")).to_be_focused()
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    expect(page.locator("#sore-calves")).to_have_value("4")
    tab_to(page, 'button[type="submit"]')
    page.keyboard.press("Enter")
    expect(page.locator(".steps .step h3").first).to_contain_text("Calves")

    page.goto(accounts_server.url + "/session?minutes=5&speed=4")
    tab_to(page, "#start")
    page.keyboard.press("Enter")
    wait_for_state(page, "running")
    page.keyboard.press("Space")
    wait_for_state(page, "paused")
    page.keyboard.press("Space")
    wait_for_state(page, "running")
    where = "() => `${document.body.dataset.step}/${document.body.dataset.segment}`"
    was = page.evaluate(where)
    page.keyboard.press("ArrowRight")  # on to the next segment: a set-up, a step's clock or a step
    page.wait_for_function(f"w => ({where})() !== w", arg=was)
    tab_to(page, "#pain")
    page.keyboard.press("Enter")
    wait_for_state(page, "pain")
    tab_to(page, "#end-pain")
    page.keyboard.press("Enter")
    assert wait_for_state(page, "saved") == "saved"
