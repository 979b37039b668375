"""Every picture keyed as the app names it: technique (area, tool, variant) or stretch (area).

The alt text is written from the same data as the drawing, so the words always say what
the picture shows; a side ("left") makes it name the runner's own leg.
"""

from dataclasses import dataclass
from functools import cache

from rollcoach.knowledge import load_knowledge
from rollcoach.knowledge.schema import Technique
from rollcoach.pictures.model import TechniquePicture, load_pictures
from rollcoach.pictures.svg import render


@dataclass(frozen=True)
class Picture:
    svg: str
    alt: str


def _which(side: str | None, one_sided: bool) -> str:
    if side in ("left", "right"):
        return f"the {side}"
    return "one" if one_sided else "each"


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _entry(area: str, tool: str, variant: str | None) -> TechniquePicture:
    for entry in load_pictures().techniques:
        if (entry.area, entry.tool, entry.variant) == (area, tool, variant):
            return entry
    raise KeyError(f"no picture for {area} / {tool} / {variant}")


def _technique(area: str, tool: str, variant: str | None) -> Technique:
    for t in load_knowledge().techniques.get(area, ()):
        if (t.tool, t.variant) == (tool, variant):
            return t
    raise KeyError(f"no technique {area} / {tool} / {variant}")


def technique_alt(area: str, tool: str, variant: str | None = None, side: str | None = None) -> str:
    """E.g. "Sitting on the floor, ..., a foam roller under the left calf; glide ... and back"."""
    data, entry = load_pictures(), _entry(area, tool, variant)
    technique, pictured = _technique(area, tool, variant), data.areas[area]
    muscle = (entry.muscle or pictured.muscle).format(which=_which(side, technique.one_sided))
    contact = entry.contact or pictured.contact
    name = data.tool_words[tool]
    if tool == "massage-stick":
        place = f"the {name} held against {muscle}"
    elif contact in ("left", "right"):
        place = f"a {name} between {muscle} and the wall"
    elif contact == "up":
        place = f"a {name} on {muscle}"
    else:
        place = f"a {name} under {muscle}"
    return _sentence(f"{data.poses[entry.pose].words}, {place}; {pictured.passes}")


def stretch_alt(area: str, side: str | None = None) -> str:
    """E.g. "Standing facing a wall, ...; the stretch is felt along the back of the lower leg"."""
    pictured = load_pictures().areas[area]
    words = load_pictures().poses[pictured.stretch_pose].words
    if side in ("left", "right"):
        words = f"{words} ({side} side)"
    return _sentence(f"{words}; the stretch is {pictured.stretch_words}")


@cache
def technique_picture(area: str, tool: str, variant: str | None = None) -> Picture:
    data, entry = load_pictures(), _entry(area, tool, variant)
    pictured = data.areas[area]
    alt = technique_alt(area, tool, variant)
    svg = render(
        data.poses[entry.pose],
        alt,
        entry.spot or pictured.spot,
        tool,
        entry.contact or pictured.contact,
    )
    return Picture(svg, alt)


@cache
def stretch_picture(area: str) -> Picture:
    pictured = load_pictures().areas[area]
    alt = stretch_alt(area)
    pose = load_pictures().poses[pictured.stretch_pose]
    return Picture(render(pose, alt, pictured.stretch_spot, None, "down"), alt)


def variant_for(area: str, tool: str, position: str) -> str | None:
    """A plan step names area, tool and position: the position tells the variants apart."""
    same_tool = [t for t in load_knowledge().techniques.get(area, ()) if t.tool == tool]
    for t in same_tool:
        if t.position == position:
            return t.variant
    return same_tool[0].variant if same_tool else None


def technique_id(area: str, tool: str, variant: str | None = None) -> str:
    """The picture's id in its address: ``calves.foam-roller`` or ``glutes.massage-ball.wall``."""
    return ".".join(part for part in (area, tool, variant) if part)


def technique_url(area: str, tool: str, variant: str | None = None) -> str:
    return f"/pictures/technique/{technique_id(area, tool, variant)}.svg"


def stretch_url(area: str) -> str:
    return f"/pictures/stretch/{area}.svg"


def parse_technique_id(picture_id: str) -> tuple[str, str, str | None]:
    parts = picture_id.split(".")
    if len(parts) not in (2, 3):
        raise KeyError(picture_id)
    return parts[0], parts[1], parts[2] if len(parts) == 3 else None
