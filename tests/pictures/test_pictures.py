"""Every technique and stretch in the knowledge base has a picture, with alt text (issue 10)."""

import re
import xml.etree.ElementTree as ET

import pytest

from rollcoach.knowledge import load_knowledge
from rollcoach.pictures import (
    stretch_alt,
    stretch_picture,
    technique_alt,
    technique_picture,
    variant_for,
)
from rollcoach.pictures.model import load_pictures

SVG_NS = "{http://www.w3.org/2000/svg}"
KNOWLEDGE = load_knowledge()
TECHNIQUES = [t for area in KNOWLEDGE.techniques.values() for t in area]
KEYS = [(t.area, t.tool, t.variant) for t in TECHNIQUES]


def _parsed(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted input
    assert root.tag == f"{SVG_NS}svg"
    return root


@pytest.mark.parametrize("key", KEYS, ids=[".".join(filter(None, k)) for k in KEYS])
def test_every_technique_has_a_picture_and_alt_text(key: tuple[str, str, str | None]) -> None:
    picture = technique_picture(*key)
    assert len(picture.alt) > 40 and picture.alt.endswith(".")
    root = _parsed(picture.svg)
    title = root.find(f"{SVG_NS}title")
    assert title is not None and title.text == picture.alt
    assert root.find(f".//{SVG_NS}text") is None  # words live in the alt text, not the drawing
    assert root.get("viewBox") and not root.get("width")  # scales from 64 to 300 px


@pytest.mark.parametrize("area", list(KNOWLEDGE.areas))
def test_every_stretch_has_a_picture_and_alt_text(area: str) -> None:
    picture = stretch_picture(area)
    assert "stretch" in picture.alt and picture.alt.endswith(".")
    title = _parsed(picture.svg).find(f"{SVG_NS}title")
    assert title is not None and title.text == picture.alt


def test_the_picture_data_names_only_techniques_that_exist() -> None:
    entries = [(e.area, e.tool, e.variant) for e in load_pictures().techniques]
    assert sorted(entries, key=str) == sorted(KEYS, key=str)
    assert set(load_pictures().areas) == set(KNOWLEDGE.areas)


def _drawing(svg: str) -> str:
    return re.sub(r"<title>.*?</title>", "", svg)


def test_different_positions_draw_differently() -> None:
    by_position: dict[str, str] = {}
    for t in TECHNIQUES:
        by_position.setdefault(
            t.position, _drawing(technique_picture(t.area, t.tool, t.variant).svg)
        )
    assert len(by_position) >= 5
    assert len(set(by_position.values())) == len(by_position)


def test_every_technique_draws_differently_from_the_others_in_its_area() -> None:
    for area, techniques in KNOWLEDGE.techniques.items():
        drawings = {_drawing(technique_picture(area, t.tool, t.variant).svg) for t in techniques}
        assert len(drawings) == len(techniques), area


def test_the_alt_text_names_the_side_and_the_tool() -> None:
    alt = technique_alt("calves", "foam-roller", None, "left")
    assert alt.startswith("Sitting on the floor")
    assert "foam roller under the left calf" in alt and "ankle" in alt and "knee" in alt
    wall = technique_alt("glutes", "massage-ball", "wall", "right")
    assert "between the right buttock and the wall" in wall
    assert "right side" in stretch_alt("calves", "right")


def test_a_plan_step_finds_its_variant_by_position() -> None:
    assert variant_for("glutes", "massage-ball", "standing") == "wall"
    assert variant_for("glutes", "massage-ball", "seated") is None
    assert variant_for("feet", "massage-ball", "standing") == "standing"
