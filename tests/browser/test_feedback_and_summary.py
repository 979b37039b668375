"""Today's re-plan tells the truth in a browser; the summary to take along prints."""

from datetime import datetime, timedelta

from playwright.sync_api import Page, Route, expect

from rollcoach.history.records import Checkin, SessionRecord
from tests.browser.a11y import serious_violations
from tests.browser.conftest import SHOTS, LiveServer, shoot
from tests.browser.test_journey import sign_up
from tests.browser.test_pages import athlete_of


def open_form(page: Page) -> None:
    details = page.locator("#replan-details")
    if details.get_attribute("open") is None:
        page.locator("#replan-details > summary").click()


def test_replanning_shows_updating_an_inline_error_and_stretches_only(
    page: Page, accounts_server: LiveServer
) -> None:
    sign_up(page, accounts_server, "replan@example.org")
    page.goto(accounts_server.url + "/")
    open_form(page)
    held: list[Route] = []

    def partial(url: str) -> bool:
        return "partial=1" in url

    def hold(route: Route) -> None:
        held.append(route)

    page.route(partial, hold)

    page.get_by_label("Minutes").fill("20")
    page.get_by_label("Minutes").dispatch_event("change")
    expect(page.locator("#replan-status")).to_have_text("Updating…")
    expect(page.locator("form.replan")).to_have_class("card replan updating")
    shoot(page, "phone-today-updating")
    while not held:
        page.wait_for_timeout(50)
    held.pop().continue_()
    page.unroute(partial, hold)
    expect(page.locator("#replan-status")).to_have_text("Plan updated.")

    page.get_by_label("Minutes").fill("0")
    page.get_by_label("Minutes").dispatch_event("change")
    error = page.locator("#minutes-error")
    expect(error).to_be_visible()
    expect(error).to_have_text("Minutes: enter a number from 1 to 180.")
    expect(page.locator("#plan-stale")).to_be_visible()
    expect(page.locator("#plan .step").first).to_be_visible()  # the old plan stays
    shoot(page, "phone-today-bad-minutes")
    assert serious_violations(page) == []

    page.get_by_label("Minutes").fill("12")
    page.get_by_label("Minutes").dispatch_event("change")
    expect(error).to_be_hidden()
    expect(page.locator("#plan-stale")).to_be_hidden()

    for box in page.locator("input[name=tool]:checked").all():
        box.uncheck()
    expect(page.locator("#plan-note")).to_contain_text("No tools ticked: stretches only today")
    expect(page.locator("#plan .step")).to_have_count(0)
    expect(page.locator("#stretch-title")).to_be_visible()
    expect(page.locator("#replan-summary")).to_contain_text("no tools")
    width = page.locator("input[name=tool]").first.bounding_box()
    assert width is not None and width["width"] >= 20 and width["height"] >= 20
    shoot(page, "phone-today-no-tools")


def test_the_summary_prints_from_the_left_out_card(page: Page, accounts_server: LiveServer) -> None:
    sign_up(page, accounts_server, "sore@example.org")
    athlete = athlete_of(accounts_server, "sore@example.org")
    store = accounts_server.app.state.services.store
    now = datetime.now().astimezone()
    for days_ago in (6, 4, 2):
        store.add_checkin(
            athlete, Checkin(date=(now - timedelta(days=days_ago)).date(), pain={"calves": 5})
        )
    plan = {"steps": [{"order": 1, "area": "hamstrings", "side": "right", "name": "Hamstrings"}]}
    store.record_session(
        athlete,
        SessionRecord(
            started_at=now - timedelta(days=1),
            plan=plan,
            stopped_early=True,
            stop_reason="sharp-pain",
            stopped_at_step=1,
        ),
    )
    page.goto(accounts_server.url + "/")
    page.locator(".summary-link").click()
    expect(page.locator("h1")).to_have_text("Pain and injury summary")
    expect(page.locator("#held-out")).to_contain_text("Calves")
    expect(page.locator("#held-out")).to_contain_text("Hamstrings")
    expect(page.locator("#print-summary")).to_be_visible()
    shoot(page, "phone-summary")
    page.set_viewport_size({"width": 320, "height": 568})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320  # no sideways scroll
    shoot(page, "phone320-summary")
    table = page.locator("#pain-sites").locator("..")
    widths = table.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert widths[0] <= widths[1], widths  # the table fits too
    page.set_viewport_size({"width": 390, "height": 844})
    assert serious_violations(page) == []
    page.emulate_media(media="print")
    expect(page.locator("header.top")).to_be_hidden()
    expect(page.locator("#print-summary")).to_be_hidden()
    shoot(page, "print-summary")
    SHOTS.mkdir(exist_ok=True)
    pdf = page.pdf(path=str(SHOTS / "summary.pdf"))
    assert pdf.startswith(b"%PDF")
    page.emulate_media(media="screen", color_scheme="dark")
    page.goto(accounts_server.url + "/")
    header = page.locator("header.top").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header == "rgb(27, 34, 32)"  # the dark card colour, not the mint brand
    shoot(page, "phone-today-dark")
    page.goto(accounts_server.url + "/week")
    shoot(page, "phone-week-dark")


def test_polish_checkboxes_legends_rest_days_and_rule_ids(
    page: Page, accounts_server: LiveServer
) -> None:
    sign_up(page, accounts_server, "polish@example.org")
    page.goto(accounts_server.url + "/")
    open_form(page)
    box = page.locator("input[name=tool]").first
    assert box.evaluate("e => getComputedStyle(e).accentColor") == "rgb(15, 92, 77)"
    size = box.bounding_box()
    assert size is not None and size["width"] >= 20 and size["height"] >= 20
    fieldset = page.locator("fieldset.tools").bounding_box()
    legend = page.locator("fieldset.tools legend").bounding_box()
    assert fieldset is not None and legend is not None
    assert legend["y"] >= fieldset["y"] + 4  # inside the box, not across its top border
    tag = page.locator("#plan .rule-tags .tag").first
    assert tag.evaluate("e => getComputedStyle(e).borderTopStyle") == "none"
    assert tag.evaluate("e => getComputedStyle(e).borderTopLeftRadius") == "0px"
    rest = page.evaluate(
        """() => {
        const probe = document.createElement("span");
        probe.className = "kind kind-rest";
        document.body.append(probe);
        const colour = getComputedStyle(probe).color;
        probe.remove();
        return colour;
    }"""
    )
    assert rest == "rgb(60, 90, 134)"  # calm blue, not the danger red (163, 22, 26)
