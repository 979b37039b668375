"""The pictures over HTTP, and the thumbnails with alt text on Today's plan."""

import re
import xml.etree.ElementTree as ET

from fastapi.testclient import TestClient

from rollcoach.pictures import technique_alt


def test_a_technique_picture_is_served_as_cacheable_svg(single: TestClient) -> None:
    response = single.get("/pictures/technique/calves.foam-roller.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert "max-age" in response.headers["cache-control"]
    ET.fromstring(response.text)  # noqa: S314 - our own output
    assert single.get("/pictures/technique/glutes.massage-ball.wall.svg").status_code == 200
    assert single.get("/pictures/stretch/hip-flexors.svg").status_code == 200


def test_an_unknown_picture_is_not_found(single: TestClient) -> None:
    for path in (
        "/pictures/technique/calves.svg",
        "/pictures/technique/calves.hip-hook.svg",
        "/pictures/technique/a.b.c.d.svg",
        "/pictures/stretch/elbows.svg",
    ):
        assert single.get(path).status_code == 404, path


def test_today_shows_a_thumbnail_with_alt_text_per_step_and_stretch(
    single: TestClient,
) -> None:
    html = single.get("/").text
    steps = re.findall(r'<img class="step-pic" src="([^"]+)" alt="([^"]+)"', html)
    stretches = re.findall(r'<img class="stretch-pic" src="([^"]+)" alt="([^"]+)"', html)
    assert steps and stretches
    assert html.count('class="step"') == len(steps)
    for src, alt in steps + stretches:
        assert single.get(src).status_code == 200, src
        assert len(alt) > 40
    area, tool = (
        steps[0][0].removeprefix("/pictures/technique/").removesuffix(".svg").split(".")[:2]
    )
    assert any(alt.startswith(technique_alt(area, tool)[:20]) for _, alt in steps)


def test_the_player_finds_a_picture_from_a_steps_area_tool_and_position(
    single: TestClient,
) -> None:
    wall = single.get("/pictures/technique/glutes.massage-ball.svg?position=standing")
    assert wall.text == single.get("/pictures/technique/glutes.massage-ball.wall.svg").text
    found = single.get("/pictures/technique/glutes.massage-ball.json?position=standing&side=left")
    assert found.json() == {
        "src": "/pictures/technique/glutes.massage-ball.wall.svg",
        "alt": technique_alt("glutes", "massage-ball", "wall", "left"),
    }
    stretch = single.get("/pictures/stretch/calves.json?side=right").json()
    assert stretch["src"] == "/pictures/stretch/calves.svg" and "right side" in stretch["alt"]
    assert single.get("/pictures/stretch/elbows.json").status_code == 404
