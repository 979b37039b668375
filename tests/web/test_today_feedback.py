"""Today's re-plan form tells the truth: bad minutes are named, no tools means stretches only."""

import re

import pytest
from fastapi.testclient import TestClient


def visible(html: str, element_id: str) -> bool:
    tag = re.search(rf'<[^>]*id="{element_id}"[^>]*>', html)
    assert tag is not None, element_id
    return " hidden" not in tag.group(0)


@pytest.mark.parametrize("minutes", ["0", "", "181", "-5", "lots", "nan"])
def test_bad_minutes_come_back_as_a_message_for_the_field(single: TestClient, minutes: str) -> None:
    partial = single.get("/", params={"minutes": minutes, "partial": "1"})
    assert partial.status_code == 422
    assert partial.json() == {
        "field": "minutes",
        "message": "Minutes: enter a number from 1 to 180.",
    }

    page = single.get("/", params={"minutes": minutes})
    assert page.status_code == 422
    html = page.text
    assert visible(html, "minutes-error")
    assert "Minutes: enter a number from 1 to 180." in html
    assert 'aria-invalid="true"' in html
    assert f'value="{minutes}"' in html  # what the runner typed stays in the box
    assert visible(html, "plan-stale")  # the plan shown is marked out of date
    assert 'id="plan"' in html


def test_good_minutes_plan_without_a_message(single: TestClient) -> None:
    html = single.get("/", params={"minutes": "25"}).text
    assert not visible(html, "minutes-error")
    assert not visible(html, "plan-stale")
    assert 'value="25"' in html
    assert "25 min" in html


def test_unticking_every_tool_gives_stretches_only_and_says_why(single: TestClient) -> None:
    with_tools = single.get("/", params={"minutes": "10"}).text
    assert 'class="step"' in with_tools  # no form sent: the profile's tools roll
    assert "No tools ticked" not in with_tools

    html = single.get("/", params={"minutes": "10", "picked": "1"}).text
    assert "No tools ticked: stretches only today" in html
    assert 'class="step"' not in html  # nothing is rolled
    assert 'id="stretch-title"' in html  # but the stretches are there
    assert not re.search(r'type="checkbox" name="tool" value="[^"]+" checked', html)
    assert "no tools" in html  # the folded summary line
    assert "No tools ticked" in single.get("/?minutes=10&picked=1&partial=1").text

    ticked = single.get("/", params={"minutes": "10", "picked": "1", "tool": "foam-roller"}).text
    assert 'class="step"' in ticked and "No tools ticked" not in ticked


def test_the_session_link_keeps_no_tools(single: TestClient) -> None:
    html = single.get("/", params={"minutes": "10", "picked": "1"}).text
    link = re.search(r'href="/session\?([^"]*)"', html)
    assert link is not None and "picked=1" in link.group(1) and "tool=" not in link.group(1)
    assert single.get("/session", params={"minutes": "10", "picked": "1"}).status_code == 200
