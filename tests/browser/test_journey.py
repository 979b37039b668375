"""The runner's journey in a real browser, on a phone: sign up to the week's calendar file."""

import re
from datetime import datetime

from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.browser.a11y import serious_violations
from tests.browser.conftest import LiveServer, shoot
from tests.browser.waiting import wait_for_state

PASSWORD = "a long enough password"  # noqa: S105 - a test account's password


def sign_up(page: Page, server: LiveServer, email: str) -> None:
    page.goto(f"{server.url}/signup")
    shoot(page, "phone-signup")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/profile$"))


def fill_profile(page: Page) -> None:
    page.get_by_label("Your age").fill("44")
    page.get_by_label("I roll now and then").check()
    page.get_by_label("Massage ball").check()
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("status").first).to_contain_text("Saved")
    expect(page.get_by_label("Your age")).to_have_value("44")
    shoot(page, "phone-profile")


def check_in_calves(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.url}/checkin")
    calf = page.locator('#checkin-map .bm-area[data-area="calves"][data-side="left"]').first
    calf.click()
    slider = page.locator("#sore-calves")
    expect(slider).to_be_focused()
    slider.fill("6")
    expect(page.locator('[data-level-for="calves"]')).to_have_text("6")
    expect(calf).to_have_attribute("data-level", "6")
    shoot(page, "phone-checkin")
    page.get_by_role("button", name="Save check-in").click()
    expect(page).to_have_url(re.compile(r"/\?checked_in=1$"))


def todays_plan_rolls_the_calves(page: Page) -> None:
    first = page.locator(".steps .step h3").first
    expect(first).to_contain_text("Calves")
    before = page.locator("#steps-title").inner_text()
    expect(page.get_by_label("Minutes")).to_be_hidden()  # folded on a phone: the plan comes first
    page.locator("#replan-details summary").click()
    page.get_by_label("Minutes").fill("5")
    page.get_by_label("Minutes").dispatch_event("change")
    expect(page.locator("#steps-title")).not_to_have_text(before)
    expect(page).to_have_url(re.compile(r"minutes=5"))
    expect(page.locator("#replan-summary")).to_contain_text("5 min")
    shoot(page, "phone-today")


def play_to_the_end(page: Page) -> None:
    href = page.locator("#start-session").get_attribute("href")
    page.goto(f"{page.url.split('/?')[0]}{href}&speed=120")
    shoot(page, "phone-session-start")
    page.locator("#start").click()
    wait_for_state(page, "running")
    shoot(page, "phone-session-running")
    assert serious_violations(page) == []
    wait_for_state(page, "done", timeout=60)
    page.get_by_label("Felt good").check()
    page.locator("#save").click()
    assert wait_for_state(page, "saved") == "saved"
    shoot(page, "phone-session-done")
    assert serious_violations(page) == []


def stop_for_sharp_pain(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.url}/session?minutes=5&speed=2")
    page.locator("#start").click()
    wait_for_state(page, "running")
    page.locator("#pain").click()
    wait_for_state(page, "pain")  # stopped at once, with undo and a choice
    page.get_by_role("button", name="End the session").click()
    assert wait_for_state(page, "saved", "stopped") in {"saved", "stopped"}
    wait_for_state(page, "saved")
    expect(page.locator("#stop-panel")).to_be_visible()
    shoot(page, "phone-session-sharp-pain")
    assert serious_violations(page) == []


def history_shows_both(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.url}/history")
    outcomes = page.locator(".session-row").evaluate_all("rows => rows.map(r => r.dataset.outcome)")
    assert sorted(outcomes) == ["done", "stopped: sharp pain"]
    shoot(page, "phone-history")


def week_calendar_downloads(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.url}/week")
    shoot(page, "phone-week")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download this week")).click()
    calendar = Calendar.from_ical(download.value.path().read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 7
    assert events[0]["DTSTART"].dt == datetime.now().astimezone().date()
    assert all(event.walk("VALARM") for event in events)


def test_a_runner_signs_up_checks_in_rolls_and_sees_it_in_history(
    page: Page, accounts_server: LiveServer
) -> None:
    sign_up(page, accounts_server, "runner@example.org")
    fill_profile(page)
    check_in_calves(page, accounts_server)
    todays_plan_rolls_the_calves(page)
    play_to_the_end(page)
    stop_for_sharp_pain(page, accounts_server)
    history_shows_both(page, accounts_server)
    week_calendar_downloads(page, accounts_server)
