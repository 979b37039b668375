"""The player at arm's length (issue 10, item 2): set-up phases, stretches, a control bar that is
always on screen, Sharp pain with undo and carry-on, spoken cues on by default."""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.a11y import serious_violations
from tests.browser.conftest import LiveServer, shoot
from tests.browser.test_journey import sign_up
from tests.browser.waiting import wait_for_state

SIZES = {"320x568": (320, 568), "390x844": (390, 844), "844x390": (844, 390)}
BAR = ["#back", "#pause", "#skip", "#pain"]
emails = iter(range(1, 10_000))


def new_runner(page: Page, server: LiveServer, name: str) -> None:
    sign_up(page, server, f"floor-{name}-{next(emails)}@example.org")


def open_session(page: Page, server: LiveServer, speed: float = 1) -> dict[str, Any]:
    page.goto(f"{server.url}/session?minutes=8&speed={speed}")
    plan: dict[str, Any] = json.loads(page.locator("#plan-data").text_content() or "{}")
    assert plan["steps"], "the plan has steps to play"
    return plan


def segment(page: Page) -> str:
    return str(page.evaluate("() => document.body.dataset.segment || ''"))


def skip_until(page: Page, kind: str, limit: int = 60) -> None:
    for _ in range(limit):
        if segment(page) == kind:
            return
        page.locator("#skip").click()
    raise AssertionError(f"never reached a {kind} segment (at {segment(page)!r})")


def current_step(page: Page, plan: dict[str, Any]) -> dict[str, Any]:
    order = int(page.evaluate("() => document.body.dataset.step"))
    return next(s for s in plan["steps"] if s["order"] == order)


def assert_bar_on_screen(page: Page, width: int, height: int, where: str) -> None:
    wide = int(page.evaluate("() => document.documentElement.scrollWidth"))
    assert wide <= width, f"the page scrolls sideways ({where}): {wide} px wide"
    for selector in BAR:
        box = page.locator(selector).bounding_box()
        assert box is not None, f"{selector} is not shown ({where})"
        assert box["x"] >= 0 and box["y"] >= 0, f"{selector} starts off-screen ({where}): {box}"
        assert box["x"] + box["width"] <= width + 0.5, (
            f"{selector} runs off the right ({where}): {box}"
        )
        assert box["y"] + box["height"] <= height + 0.5, (
            f"{selector} runs off the bottom ({where}): {box}"
        )
        assert box["width"] >= 44 and box["height"] >= 44, (
            f"{selector} is a small target ({where}): {box}"
        )


@pytest.fixture(params=list(SIZES))
def sized(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[Page, int, int, str]]:
    width, height = SIZES[request.param]
    context: BrowserContext = browser.new_context(
        viewport={"width": width, "height": height},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened, width, height, request.param
    context.close()


def test_the_sharp_pain_control_is_always_on_screen(
    sized: tuple[Page, int, int, str], accounts_server: LiveServer
) -> None:
    page, width, height, size = sized
    new_runner(page, accounts_server, size)
    plan = open_session(page, accounts_server)
    assert any(s["setup_seconds"] > 0 for s in plan["steps"]) and plan["stretches"]
    page.locator("#start").click()
    wait_for_state(page, "ready", "running")

    skip_until(page, "setup")
    assert_bar_on_screen(page, width, height, "set-up")
    shoot(page, f"player-{size}-setup")
    skip_until(page, "step")
    assert_bar_on_screen(page, width, height, "step")
    shoot(page, f"player-{size}-step")
    skip_until(page, "stretch")
    assert_bar_on_screen(page, width, height, "stretch")
    shoot(page, f"player-{size}-stretch")
    page.locator("#pain").click()
    wait_for_state(page, "pain")
    assert_bar_on_screen(page, width, height, "sharp pain")
    shoot(page, f"player-{size}-pain")
    page.locator("#undo").click()
    wait_for_state(page, "running")
    page.get_by_role("button", name="Skip stretches").click()
    wait_for_state(page, "done")
    assert_bar_on_screen(page, width, height, "done")
    shoot(page, f"player-{size}-done")
    if size == "390x844":
        assert serious_violations(page) == []


def test_a_set_up_pause_comes_before_the_steps_clock(
    page: Page, accounts_server: LiveServer
) -> None:
    new_runner(page, accounts_server, "setup")
    plan = open_session(page, accounts_server, speed=1)
    page.locator("#start").click()
    wait_for_state(page, "ready", "running")
    skip_until(page, "setup")
    step = current_step(page, plan)
    assert step["setup_seconds"] > 0
    expect(page.locator("#setup")).to_be_visible()
    expect(page.locator("#setup-text")).to_have_text(step["setup"])
    expect(page.locator("#setup")).to_contain_text("Next:")
    expect(page.locator("#step-name")).to_have_text(step["name"] or step["area"])
    expect(page.locator("#step-tool")).to_contain_text(step["tool_name"] or step["tool"])
    expect(page.locator("#step-position")).to_contain_text(step["position"].replace("-", " "))
    expect(page.locator("#ring-seconds")).to_have_text(str(step["setup_seconds"]))
    container = page.locator("#setup-picture")
    expect(container).to_have_attribute("data-area", step["area"])
    picture = container.locator("img")
    expect(picture).to_be_visible()  # the picture of the position comes with the set-up
    alt = picture.get_attribute("alt") or ""
    assert step["tool_name"].lower() in alt.lower() and step["side"] in alt
    assert serious_violations(page) == []
    shoot(page, "player-phone-setup")
    page.locator("#skip").click()  # "Start now": the step's clock starts
    assert segment(page) == "step"
    expect(page.locator("#setup")).to_be_hidden()
    expect(page.locator("#ring-seconds")).to_have_text(str(step["seconds"]))


def test_the_set_up_pause_runs_out_into_the_step(page: Page, accounts_server: LiveServer) -> None:
    new_runner(page, accounts_server, "setup-clock")
    plan = open_session(page, accounts_server, speed=2)
    first = plan["steps"][0]
    page.locator("#start").click()
    wait_for_state(page, "ready", "running")
    if first["setup_seconds"] == 0:
        skip_until(page, "setup")
    step = current_step(page, plan)
    expect(page.locator("body")).to_have_attribute(
        "data-segment", "step", timeout=(step["setup_seconds"] / 2 + 5) * 1000
    )
    assert current_step(page, plan)["order"] == step["order"]


def test_stretches_follow_the_rolling_and_can_be_skipped(
    page: Page, accounts_server: LiveServer
) -> None:
    new_runner(page, accounts_server, "stretch")
    plan = open_session(page, accounts_server)
    stretches = plan["stretches"]
    assert len(stretches) >= 2
    page.locator("#start").click()
    wait_for_state(page, "ready", "running")
    skip_until(page, "stretch")
    first = stretches[0]
    expect(page.locator("body")).to_have_attribute("data-stretch", "0")
    expect(page.locator("#cue-text")).to_have_text(first["text"])
    expect(page.locator("#step-count")).to_have_text(f"Stretch 1 of {len(stretches)}")
    expect(page.locator("#ring-seconds")).to_have_text(str(first["seconds"]))
    expect(page.locator("#step-side")).to_contain_text(first["side"].capitalize())
    shoot(page, "player-phone-stretch")
    page.locator("#skip").click()
    expect(page.locator("body")).to_have_attribute("data-stretch", "1")
    page.get_by_role("button", name="Skip stretches").click()
    wait_for_state(page, "done")
    expect(page.locator("#summary")).to_be_visible()
    expect(page.locator(".pl-after")).not_to_contain_text("guided static stretches")


def test_sharp_pain_undo_then_carry_on_without_that_area(
    page: Page, accounts_server: LiveServer
) -> None:
    new_runner(page, accounts_server, "pain")
    posted: list[dict[str, Any]] = []
    page.on(
        "request",
        lambda r: (
            posted.append(r.post_data_json)
            if r.method == "POST" and r.url.endswith("/api/v1/sessions")
            else None
        ),
    )
    plan = open_session(page, accounts_server)
    page.locator("#start").click()
    wait_for_state(page, "ready", "running")
    skip_until(page, "step")
    step = current_step(page, plan)
    area = step["area"].replace("-", " ")
    named = (
        f"Sharp pain in your {area}"
        if step["side"] == "both"
        else f"Sharp pain in your {step['side']} {area}"
    )
    seconds = page.locator("#ring-seconds").inner_text()

    page.locator("#pain").click()
    assert wait_for_state(page, "pain") == "pain"
    expect(page.locator("#pain-title")).to_have_text(named)
    expect(page.locator("#stage")).to_be_hidden()
    page.wait_for_timeout(600)
    expect(page.locator("#ring-seconds")).to_have_text(seconds)  # the clock stopped at once
    page.locator("#undo").click()
    wait_for_state(page, "running")
    assert current_step(page, plan)["order"] == step["order"]

    page.locator("#pain").click()
    wait_for_state(page, "pain")
    expect(page.locator("#undo")).to_be_visible()
    expect(page.locator("#undo")).to_be_hidden(timeout=7_000)  # undo is on offer for 5 seconds
    leave = (
        f"Leave out {area} and carry on"
        if step["side"] == "both"
        else f"Leave out {area} ({step['side']}) and carry on"
    )
    shoot(page, "player-phone-sharp-pain")
    assert serious_violations(page) == []
    page.get_by_role("button", name=leave).click()
    state = wait_for_state(page, "running", "done")
    for _ in range(100):
        if posted:
            break
        page.wait_for_timeout(50)
    assert posted and posted[0]["stop_reason"] == "sharp-pain"
    assert posted[0]["stopped_at_step"] == step["order"]

    def hurt(s: dict[str, Any]) -> bool:
        return s["area"] == step["area"] and (
            step["side"] == "both" or s["side"] in (step["side"], "both")
        )

    seen: list[int] = []
    while state != "done":
        if segment(page) in ("setup", "step"):
            current = current_step(page, plan)
            assert not hurt(current), f"step {current['order']} rolls the area left out"
            seen.append(current["order"])
        page.locator("#skip").click()
        state = wait_for_state(page, "running", "done")
    page.locator("#save").click()
    assert wait_for_state(page, "saved") == "saved"
    second = posted[-1]
    assert second["stop_reason"] is None and second["started_at"] > posted[0]["started_at"]
    later = [s["order"] for s in plan["steps"] if s["order"] > step["order"] and hurt(s)]
    assert set(later) <= set(second["steps_skipped"])
    page.goto(f"{accounts_server.url}/history")
    outcomes = page.locator(".session-row").evaluate_all("rows => rows.map(r => r.dataset.outcome)")
    assert sorted(outcomes) == ["done", "stopped: sharp pain"]


def test_sharp_pain_can_end_the_session(page: Page, accounts_server: LiveServer) -> None:
    new_runner(page, accounts_server, "pain-end")
    plan = open_session(page, accounts_server)
    page.locator("#start").click()
    wait_for_state(page, "ready", "running")
    skip_until(page, "step")
    step = current_step(page, plan)
    page.locator("#pain").click()
    wait_for_state(page, "pain")
    page.get_by_role("button", name="End the session").click()
    assert wait_for_state(page, "saved") == "saved"
    expect(page.locator("#stop-panel")).to_be_visible()
    expect(page.locator("#stop-area")).to_contain_text(step["area"].replace("-", " "))


def test_spoken_cues_are_on_by_default_and_remembered(
    page: Page, accounts_server: LiveServer
) -> None:
    new_runner(page, accounts_server, "speech")
    open_session(page, accounts_server)
    toggle = page.get_by_label("Spoken cues")
    expect(toggle).to_be_visible()
    expect(toggle).to_be_checked()
    toggle.uncheck()
    page.reload()
    expect(page.get_by_label("Spoken cues")).not_to_be_checked()
    page.locator("#start").click()
    wait_for_state(page, "ready", "running")
    expect(page.get_by_label("Spoken cues")).to_be_visible()  # at hand during the session
    page.get_by_label("Spoken cues").check()
    page.reload()
    expect(page.get_by_label("Spoken cues")).to_be_checked()


def test_the_player_in_dark_mode_has_no_serious_accessibility_problem(
    browser: Browser, accounts_server: LiveServer
) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, color_scheme="dark", is_mobile=True, has_touch=True
    )
    try:
        page = context.new_page()
        new_runner(page, accounts_server, "dark")
        plan = open_session(page, accounts_server)
        expect(page.locator("#stretch-list li")).to_have_count(len(plan["stretches"]))
        assert serious_violations(page) == []
        page.locator("#start").click()
        wait_for_state(page, "ready", "running")
        for kind in ("setup", "step", "stretch"):
            skip_until(page, kind)
            assert serious_violations(page) == [], kind
        page.locator("#pain").click()
        wait_for_state(page, "pain")
        assert serious_violations(page) == []
        shoot(page, "player-dark-pain")
        page.locator("#undo").click()
        page.get_by_role("button", name="Skip stretches").click()
        wait_for_state(page, "done")
        assert serious_violations(page) == []
        shoot(page, "player-dark-done")
    finally:
        context.close()


def test_sharp_pain_on_the_done_screen_records_the_last_step(
    page: Page, accounts_server: LiveServer
) -> None:
    new_runner(page, accounts_server, "pain-done")
    posted: list[dict[str, Any]] = []
    page.on(
        "request",
        lambda r: (
            posted.append(r.post_data_json)
            if r.method == "POST" and r.url.endswith("/api/v1/sessions")
            else None
        ),
    )
    plan = open_session(page, accounts_server)
    page.locator("#start").click()
    wait_for_state(page, "ready", "running")
    skip_until(page, "stretch")
    page.get_by_role("button", name="Skip stretches").click()
    wait_for_state(page, "done")
    page.locator("#pain").click()
    wait_for_state(page, "pain")
    expect(page.locator("#carry-on")).to_be_hidden()  # nothing left to carry on with
    page.get_by_role("button", name="End the session").click()
    assert wait_for_state(page, "saved") == "saved"
    assert posted[-1]["stop_reason"] == "sharp-pain"
    # the last thing that ran was a stretch, which has no step number
    assert posted[-1]["stopped_at_step"] is None
    assert posted[-1]["steps_skipped"] == [s["order"] for s in plan["steps"]]
