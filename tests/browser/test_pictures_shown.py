"""In Chromium: Today's thumbnails load (light and dark), and a big picture reads at 300 px.

Screenshots go to tests/browser/screenshots/ (pictures-*.png) for people to look at.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from rollcoach.knowledge import load_knowledge
from rollcoach.pictures import stretch_url, technique_url
from tests.browser.conftest import PHONE, SHOTS, LiveServer


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with LiveServer(tmp_path_factory.mktemp("pictures"), "single") as running:
        yield running


@pytest.fixture
def chromium(browser: Browser) -> Browser:
    """The session's one Chromium (tests/browser/conftest.py): a second Playwright started
    later in a full run meets another test's asyncio loop and refuses to run."""
    return browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_todays_thumbnails_load_with_alt_text(
    chromium: Browser, server: LiveServer, scheme: str
) -> None:
    context = chromium.new_context(viewport=PHONE, color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(server.url + "/")
    pictures = page.locator("img.step-pic, img.stretch-pic")
    assert pictures.count() >= 3
    for i in range(pictures.count()):
        picture = pictures.nth(i)
        picture.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
        )
        assert len(picture.get_attribute("alt") or "") > 40
        assert picture.bounding_box() is not None
    SHOTS.mkdir(exist_ok=True)
    page.locator(".steps").screenshot(path=str(SHOTS / f"pictures-today-{scheme}.png"))
    context.close()


def test_every_picture_large_and_small(chromium: Browser, server: LiveServer) -> None:
    """One sheet of every picture at 64 and at 300 px, to look at the style side by side."""
    knowledge = load_knowledge()
    urls = [
        technique_url(t.area, t.tool, t.variant) for ts in knowledge.techniques.values() for t in ts
    ]
    urls += [stretch_url(area) for area in knowledge.areas]
    for scheme in ("light", "dark"):
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        page.goto(server.url + "/rules")  # an HTML page on the same origin as the pictures
        imgs = "".join(
            f'<img src="{u}" width="{size}" height="{size}" alt="">'
            for size in (64, 300)
            for u in urls
        )
        page.evaluate("html => { document.body.innerHTML = html; }", imgs)
        page.wait_for_function(
            "() => [...document.images].every(i => i.complete && i.naturalWidth > 0)"
        )
        path: Path = SHOTS / f"pictures-all-{scheme}.png"
        page.screenshot(path=str(path), full_page=True)
        context.close()
