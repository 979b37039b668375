"""The body map macro: every area of the vocabulary on the right view and side, soreness levels,
the highlighted (current) areas, the interactive check-in mode, unique ids and a small size."""

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from typing import Any, get_args

import defusedxml.ElementTree as SafeET
import pytest
from jinja2 import Environment, PackageLoader

from rollcoach.vocabulary import NeverArea, PainSite, TargetArea

SVG = "{http://www.w3.org/2000/svg}"
TARGETS: tuple[str, ...] = get_args(TargetArea)
NEVER: tuple[str, ...] = get_args(NeverArea)
SITES: tuple[str, ...] = get_args(PainSite)
CENTER = {"upper-back", "spine", "lower-back", "neck", "abdomen"}
FRONT_ONLY = {"shins", "quadriceps", "vastus-lateralis", "adductors", "tfl", "hip-flexors"}
FRONT_ONLY |= {"abdomen", "hip-bone"}
BACK_ONLY = {"calves", "hamstrings", "glutes", "piriformis", "upper-back", "lats", "spine"}
BACK_ONLY |= {"lower-back"}
BOTH_VIEWS = {"feet", "it-band", "knee", "ankle", "neck", "hip"}

Macro = Callable[..., str]


@pytest.fixture(scope="module")
def bodymap() -> Macro:
    env = Environment(loader=PackageLoader("rollcoach.web", "templates"), autoescape=True)
    macro: Macro = env.get_template("partials/bodymap.html").module.bodymap  # type: ignore[attr-defined]
    return macro


def render(bodymap: Macro, **kwargs: Any) -> ET.Element:
    """The macro's output, which must be one well-formed <svg> element."""
    root: ET.Element = SafeET.fromstring(str(bodymap(**kwargs)))
    assert root.tag == f"{SVG}svg"
    return root


def classes(el: ET.Element) -> set[str]:
    return set(el.get("class", "").split())


def groups(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if "bm-area" in classes(g)]


def key(g: ET.Element) -> tuple[str, str]:
    return g.attrib["data-area"], g.attrib["data-side"]


def views(root: ET.Element) -> dict[str, list[ET.Element]]:
    """The area groups of the front and of the back view."""
    found = {}
    for view in root.iter(f"{SVG}g"):
        for name in ("front", "back"):
            if f"bm-{name}" in classes(view):
                found[name] = groups(view)
    return found


def test_every_area_of_the_vocabulary_is_drawn_once_per_side(bodymap: Macro) -> None:
    drawn = groups(render(bodymap))
    sides: dict[str, set[str]] = {}
    for g in drawn:
        sides.setdefault(g.attrib["data-area"], set()).add(g.attrib["data-side"])
    assert set(sides) == set(SITES) == {*TARGETS, *NEVER, "hip"}
    for area in SITES:
        expected = {"center"} if area in CENTER else {"left", "right"}
        assert sides[area] == expected, area


def test_each_area_has_a_plain_name_a_shape_and_its_kind(bodymap: Macro) -> None:
    for g in groups(render(bodymap)):
        area, side = key(g)
        title = g.find(f"{SVG}title")
        assert title is not None and title.text, area
        assert title.text[0].isupper() and not ("-" in area and area in title.text), title.text
        assert title.text.endswith(f"({side})") == (side != "center"), title.text
        assert g.findall(f"{SVG}path") + g.findall(f"{SVG}ellipse"), area
        assert ("bm-never" in classes(g)) == (area in NEVER), area
        assert ("bm-site" in classes(g)) == (area == "hip"), area


def test_calf_is_named_per_side(bodymap: Macro) -> None:
    titles = {key(g): g.findtext(f"{SVG}title") for g in groups(render(bodymap))}
    assert titles["calves", "left"] == "Calf (left)"
    assert titles["calves", "right"] == "Calf (right)"
    assert titles["upper-back", "center"] == "Upper back"


def test_areas_are_on_the_front_or_the_back_where_they_really_are(bodymap: Macro) -> None:
    drawn = views(render(bodymap))
    front = {g.attrib["data-area"] for g in drawn["front"]}
    back = {g.attrib["data-area"] for g in drawn["back"]}
    assert set(SITES) == FRONT_ONLY | BACK_ONLY | BOTH_VIEWS
    assert front >= FRONT_ONLY
    assert not back & FRONT_ONLY
    assert back >= BACK_ONLY
    assert not front & BACK_ONLY
    assert front & back >= BOTH_VIEWS


def test_the_runners_left_is_on_the_viewers_right_only_on_the_front(bodymap: Macro) -> None:
    """Shapes are drawn on the viewer's right half; the viewer's left copy is mirrored."""
    for name, on_viewers_left in (("front", "right"), ("back", "left")):
        for g in views(render(bodymap))[name]:
            mirrored = g.get("transform") == "scale(-1 1)"
            assert mirrored == (g.attrib["data-side"] == on_viewers_left), (name, key(g))


def test_side_markers_read_r_l_on_the_front_and_l_r_on_the_back(bodymap: Macro) -> None:
    marks = [
        (float(t.attrib["x"]), t.text)
        for t in render(bodymap).iter(f"{SVG}text")
        if "bm-lr" in classes(t)
    ]
    assert [text for _, text in sorted(marks)] == ["R", "L", "L", "R"]


def test_values_set_a_clamped_level_on_every_group_of_the_area(bodymap: Macro) -> None:
    values = {"calves": 6, "knee": 0, "glutes": 12, "shins": "3", "upper-back": -2}
    levels = {key(g): g.get("data-level") for g in groups(render(bodymap, values=values))}
    assert levels["calves", "left"] == levels["calves", "right"] == "6"
    assert levels["knee", "left"] == levels["knee", "right"] == "0"
    assert levels["glutes", "left"] == "10"
    assert levels["shins", "right"] == "3"
    assert levels["upper-back", "center"] == "0"
    unrated = {k: v for k, v in levels.items() if k[0] not in values}
    assert unrated and set(unrated.values()) == {None}


def test_without_values_no_area_has_a_level(bodymap: Macro) -> None:
    assert all(g.get("data-level") is None for g in groups(render(bodymap)))


def current(root: ET.Element) -> set[tuple[str, str]]:
    return {key(g) for g in groups(root) if "is-current" in classes(g)}


def test_highlight_on_the_left_marks_only_left_and_center_groups(bodymap: Macro) -> None:
    root = render(bodymap, highlight=["calves", "upper-back", "knee"], side="left")
    assert current(root) == {("calves", "left"), ("upper-back", "center"), ("knee", "left")}
    knees = [g for g in groups(root) if key(g) == ("knee", "left")]
    assert len(knees) == 2 and all("is-current" in classes(g) for g in knees)  # front and back


def test_highlight_on_the_right_marks_only_right_groups(bodymap: Macro) -> None:
    root = render(bodymap, highlight=["glutes"], side="right")
    assert current(root) == {("glutes", "right")}


@pytest.mark.parametrize("side", [None, "both"])
def test_highlight_without_one_side_marks_both_sides(bodymap: Macro, side: str | None) -> None:
    root = render(bodymap, highlight=["hamstrings", "spine"], side=side)
    expected = {("hamstrings", "left"), ("hamstrings", "right"), ("spine", "center")}
    assert current(root) == expected


def test_nothing_is_current_without_a_highlight(bodymap: Macro) -> None:
    assert current(render(bodymap, side="left")) == set()


def test_a_static_map_is_one_labelled_image(bodymap: Macro) -> None:
    root = render(bodymap, label="Where to roll", id="plan", values={"calves": 4})
    assert root.get("role") == "img"
    assert root.get("data-bodymap-interactive") is None
    assert root.get("viewBox")
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.text == "Where to roll"
    assert title.get("id") == root.get("aria-labelledby") == "plan-title"
    assert desc is not None and desc.get("id") == root.get("aria-describedby")
    assert "Calves 4" in (desc.text or "")
    for g in groups(root):
        assert g.get("tabindex") is None and g.get("role") is None and g.get("aria-label") is None


def test_interactive_areas_are_focusable_buttons_with_plain_labels(bodymap: Macro) -> None:
    root = render(bodymap, interactive=True, label="Tap where it is sore")
    assert root.get("role") == "group"
    assert root.get("aria-label") == "Tap where it is sore"
    assert root.get("data-bodymap-interactive") is not None
    drawn = groups(root)
    assert {g.attrib["data-area"] for g in drawn} == set(SITES)  # never-areas too: pain sites
    for g in drawn:
        area, side = key(g)
        assert g.get("tabindex") == "0" and g.get("role") == "button", area
        label = g.get("aria-label", "")
        assert label.endswith(": tap to rate soreness"), label
        assert (f", {side}:" in label) == (side != "center"), label
        assert label[0].isupper() and not ("-" in area and area in label), label
    labels = {key(g): g.get("aria-label") for g in drawn}
    assert labels["calves", "left"] == "Calves, left: tap to rate soreness"


def test_the_label_is_escaped(bodymap: Macro) -> None:
    root = render(bodymap, label='Legs <"sore"> & tired', interactive=True)
    assert root.get("aria-label") == 'Legs <"sore"> & tired'


def ids(root: ET.Element) -> list[str]:
    return [el.attrib["id"] for el in root.iter() if "id" in el.attrib]


def references(text: str) -> set[str]:
    """Every id the markup points at: href="#x", url(#x), aria-labelledby/-describedby."""
    found = set(re.findall(r'href="#([^"]+)"', text)) | set(re.findall(r"url\(#([^)]+)\)", text))
    for attr in re.findall(r'aria-(?:labelledby|describedby)="([^"]+)"', text):
        found.update(attr.split())
    return found


@pytest.mark.parametrize("interactive", [False, True])
def test_two_maps_on_a_page_have_unique_ids_that_resolve(bodymap: Macro, interactive: bool) -> None:
    first = str(bodymap(id="today", interactive=interactive))
    second = str(bodymap(id="plan-map", interactive=interactive))
    page = SafeET.fromstring(f"<div>{first}{second}</div>")
    all_ids = ids(page)
    assert len(all_ids) > 2
    assert not [i for i, n in Counter(all_ids).items() if n > 1]
    for text, prefix in ((first, "today"), (second, "plan-map")):
        own = set(ids(SafeET.fromstring(text)))
        assert references(text)
        assert references(text) <= own, prefix
        assert all(i == prefix or i.startswith(f"{prefix}-") for i in own)


def test_the_markup_stays_small(bodymap: Macro) -> None:
    everything = dict.fromkeys(SITES, 10)
    text = str(
        bodymap(values=everything, highlight=list(SITES), interactive=True, id="a-long-map-id")
    )
    assert len(text) < 25_000
    coordinates = re.findall(r"\d+\.\d+", text)
    assert all(len(c.split(".")[1]) == 1 for c in coordinates), coordinates
