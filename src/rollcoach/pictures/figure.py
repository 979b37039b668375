"""Joint points from a pose's directions: fixed lengths keep every figure in proportion."""

import math
from dataclasses import dataclass

from rollcoach.pictures.model import Arm, Limb, Pose, Spot

Point = tuple[float, float]

TORSO, NECK_TO_HEAD, HEAD_R = 30.0, 8.0, 6.0
THIGH, SHANK, FOOT = 22.0, 21.0, 7.0
UPPER_ARM, FOREARM = 15.0, 14.0
WIDTH = {"torso": 8.0, "thigh": 6.0, "shank": 5.0, "foot": 4.0, "upper_arm": 4.5, "forearm": 4.0}


def step(start: Point, degrees: float, length: float) -> Point:
    """The point ``length`` away from ``start`` in a direction (0 = right, 90 = down)."""
    rad = math.radians(degrees)
    return (start[0] + length * math.cos(rad), start[1] + length * math.sin(rad))


def along(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


@dataclass(frozen=True)
class Leg:
    knee: Point
    ankle: Point
    toe: Point


@dataclass(frozen=True)
class ArmPoints:
    elbow: Point
    wrist: Point


@dataclass(frozen=True)
class Figure:
    """Where every joint of one pose lies, in the pose's own units (the SVG fits them)."""

    hip: Point
    neck: Point
    head: Point
    near_leg: Leg
    far_leg: Leg
    near_arm: ArmPoints
    far_arm: ArmPoints | None

    def segment(self, spot: Spot) -> tuple[Point, Point]:
        """The two ends of the segment a spot lies on, in the spot's 0-to-1 direction."""
        leg = self.near_leg if spot.leg == "near" else self.far_leg
        ends = {
            "torso": (self.hip, self.neck),
            "thigh": (self.hip, leg.knee),
            "shank": (leg.knee, leg.ankle),
            "foot": (leg.ankle, leg.toe),
            "upper_arm": (self.neck, self.near_arm.elbow),
            "forearm": (self.near_arm.elbow, self.near_arm.wrist),
        }
        return ends[spot.segment]

    def span(self, spot: Spot) -> tuple[Point, Point]:
        """The highlighted part of a segment: from the spot's start to its end."""
        a, b = self.segment(spot)
        return along(a, b, spot.start), along(a, b, spot.end)


def _leg(hip: Point, limb: Limb) -> Leg:
    knee = step(hip, limb.thigh, THIGH)
    ankle = step(knee, limb.shank, SHANK)
    return Leg(knee, ankle, step(ankle, limb.foot, FOOT))


def _arm(neck: Point, arm: Arm) -> ArmPoints:
    elbow = step(neck, arm.upper, UPPER_ARM)
    return ArmPoints(elbow, step(elbow, arm.fore, FOREARM))


def build(pose: Pose) -> Figure:
    neck = step(pose.hip, pose.torso, TORSO)
    head_dir = pose.torso if pose.head is None else pose.head
    return Figure(
        hip=pose.hip,
        neck=neck,
        head=step(neck, head_dir, NECK_TO_HEAD),
        near_leg=_leg(pose.hip, pose.near_leg),
        far_leg=_leg(pose.hip, pose.far_leg),
        near_arm=_arm(neck, pose.near_arm),
        far_arm=None if pose.far_arm is None else _arm(neck, pose.far_arm),
    )
