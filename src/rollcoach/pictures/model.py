"""The picture data (poses.yaml) as validated models: poses, where each area's tool goes.

Kept apart from the knowledge base so a drawing change never touches coaching data; a
bad pose fails at load, not as a broken picture on the floor.
"""

from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

Segment = Literal["torso", "thigh", "shank", "foot", "upper_arm", "forearm"]
Facing = Literal["down", "up", "left", "right"]
Prop = Literal["wall", "chair", "step"]  # step: a low box under the raised heel


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Limb(Strict):
    """Absolute directions in degrees (0 = right, 90 = down): the pose stays in proportion."""

    thigh: float
    shank: float
    foot: float


class Arm(Strict):
    upper: float
    fore: float


class Pose(Strict):
    """One body position, seen from the side: the hip's place and each segment's direction."""

    hip: tuple[float, float]
    torso: float  # hip to neck
    head: float | None = None  # neck to head; defaults to the torso's direction
    near_leg: Limb
    far_leg: Limb
    near_arm: Arm
    far_arm: Arm | None = None
    props: list[Prop] = []
    words: str = Field(min_length=3)  # "Sitting on the floor, legs out long"


class Spot(Strict):
    """Where on the body a tool or a highlight goes: a stretch of one near-side segment."""

    segment: Segment
    start: float = Field(ge=0, le=1)
    end: float = Field(ge=0, le=1)
    leg: Literal["near", "far"] = "near"


class AreaPicture(Strict):
    """Per area: the highlighted muscle, where a tool presses it and which way the passes go."""

    spot: Spot
    contact: Facing = "down"  # the side of the segment the tool presses from
    muscle: str  # "calf", as in "under the left calf"
    passes: str  # "roll from ankle to knee"
    stretch_pose: str
    stretch_spot: Spot
    stretch_words: str  # "feel it along the back of the lower leg"


class TechniquePicture(Strict):
    """One technique's drawing: its pose, and any change to the area's tool place."""

    area: str
    tool: str
    variant: str | None = None
    pose: str
    contact: Facing | None = None
    spot: Spot | None = None
    muscle: str | None = None  # the body part in the alt text, when it differs (wall: "back")


class PictureData(Strict):
    poses: dict[str, Pose]
    areas: dict[str, AreaPicture]
    techniques: list[TechniquePicture]
    tool_words: dict[str, str]  # "foam-roller": "foam roller"


@cache
def load_pictures() -> PictureData:
    """poses.yaml validated once; every pose a technique or stretch names must exist."""
    text = (resources.files("rollcoach.pictures") / "poses.yaml").read_text(encoding="utf-8")
    data = PictureData.model_validate(yaml.safe_load(text))
    named = [t.pose for t in data.techniques] + [a.stretch_pose for a in data.areas.values()]
    missing = sorted({name for name in named if name not in data.poses})
    if missing:
        raise ValueError(f"poses.yaml names poses it does not define: {missing}")
    return data
