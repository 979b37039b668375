"""Pydantic models for the knowledge files.

Every file under ``data/`` is validated against these at load time, so a
broken entry fails loudly (file, entry, field) before any plan is made.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from rollcoach.vocabulary import (
    NeverArea,
    PainSite,
    Position,
    Pressure,
    RunType,
    TargetArea,
    Tool,
)

RuleId = str
Family = Literal["SAFE", "AREA", "DOSE", "TIME", "TOOL", "FOCUS", "CARE", "REST", "LEARN"]
Seed = Literal["PR", "CG", "HW", "RC"]
EvidenceLevel = Literal["supported", "refined", "precaution", "contested"]
RULE_ID_PATTERN = r"^(SAFE|AREA|DOSE|TIME|TOOL|FOCUS|CARE|REST|LEARN)-[0-9]+$"


class Strict(BaseModel):
    """Unknown keys in a knowledge file are typos, not extensions."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Evidence(Strict):
    level: EvidenceLevel
    summary: str = Field(min_length=10)
    citations: list[str]


class Rule(Strict):
    id: RuleId = Field(pattern=RULE_ID_PATTERN)
    family: Family
    text: str = Field(min_length=10)
    sources: list[Seed]
    decision: bool = False
    evidence: Evidence
    applied: bool = True  # False: in the catalogue, not yet applied by the coach

    @model_validator(mode="after")
    def _family_matches_id(self) -> "Rule":
        if not self.id.startswith(self.family + "-"):
            raise ValueError(f"family {self.family} does not match id {self.id}")
        if not self.sources and not self.decision:
            raise ValueError("a rule needs a seed source or decision: true")
        return self


class TargetAreaInfo(Strict):
    """A muscle group the roller works, with the anatomy safety and dosing read."""

    id: TargetArea
    name: str
    plural: bool  # "calves are", "upper back is": the words agree with the name
    muscles: list[str] = Field(min_length=1)
    fibres: str
    path_from: str
    path_to: str
    length_cm: int = Field(ge=5, le=60)  # DOSE-9: one slow pass end to end
    bilateral: bool
    shares: list[TargetArea] = []  # SAFE-5: tissue it shares or lies over
    over: list[PainSite] = []  # SAFE-5: joints and pain sites it crosses or lies over
    stretch: str
    stretch_position: Position
    stretch_rules: list[RuleId] = []  # rules its stretch also follows (CARE-2: with care)
    stretch_loads: list[PainSite] = []  # sites the stretch rests weight on, same side (a knee)
    stretch_loads_other: list[PainSite] = []  # ... on the other side (standing on one leg)
    stretch_with: TargetArea | None = None  # one movement stretches both: given once
    no_tool_rules: list[RuleId] = []  # rules for when no owned tool reaches it (TOOL-7)
    region: Literal["foot", "lower-leg", "thigh", "hip", "trunk"]


class NeverAreaInfo(Strict):
    id: NeverArea
    name: str
    plural: bool = False
    rule: RuleId = Field(pattern=r"^AREA-[0-9]+$")
    why: str
    instead: list[TargetArea]


class SiteInfo(Strict):
    """A pain site that is neither a target nor a never-rolled area (the hip)."""

    id: PainSite
    name: str
    plural: bool = False


class BoneStressSite(Strict):
    """SAFE-4: a common bone-stress site and the muscles over it, not rolled unscreened."""

    site: PainSite
    muscles: list[TargetArea] = Field(min_length=1)


class SafetyData(Strict):
    bone_stress_sites: list[BoneStressSite] = Field(min_length=1)
    bone_stress_from: int = Field(ge=1, le=10)  # soreness or pain from which the screen is asked


class ToolInfo(Strict):
    id: Tool
    name: str
    best_for: str
    density: str
    rules: list[RuleId] = Field(min_length=1)


class SecondsRange(Strict):
    default: int = Field(ge=30, le=120)
    min: int = Field(ge=30, le=120)
    max: int = Field(ge=30, le=120)

    @model_validator(mode="after")
    def _ordered(self) -> "SecondsRange":
        if not self.min <= self.default <= self.max:
            raise ValueError("need min <= default <= max")
        return self


class Technique(Strict):
    area: TargetArea
    tool: Tool
    variant: str | None = None  # a second way with the same tool ("chair", "wall")
    position: Position
    surface: Literal["floor", "chair", "wall"] = "floor"  # DOSE-11: a chair is a move too
    loads: list[PainSite] = []  # sites the set-up leans on (pushing with bent knees): not if hurt
    one_sided: bool
    sensitive: bool = False
    setup: str
    passes: str
    find_spot: str
    hold: str
    switch: str | None = None
    pressure: dict[Pressure, str]
    seconds: SecondsRange
    hold_seconds: int = Field(default=30, ge=20, le=90)
    rules: list[RuleId] = Field(min_length=1)

    @model_validator(mode="after")
    def _switch_only_when_one_sided(self) -> "Technique":
        if self.one_sided and not self.switch:
            raise ValueError("a one-sided technique needs a switch cue")
        if set(self.pressure) != {"gentle", "moderate", "firm"}:
            raise ValueError("pressure needs gentle, moderate and firm variants")
        if self.hold_seconds > self.seconds.max:
            raise ValueError("hold_seconds cannot exceed seconds.max")
        return self


class ChainLink(Strict):
    """A sore site (or a seated day) that brings other areas into the plan."""

    rule: RuleId
    when_sore: list[PainSite]
    when_sedentary: bool = False
    add: list[TargetArea] = Field(min_length=1)
    priority: bool = False
    why: str


class RunTrigger(Strict):
    """A feature of the run just done that weights some areas (FOCUS-6)."""

    id: str
    rule: RuleId
    types: list[RunType] = []
    min_minutes: float | None = None
    min_km: float | None = None
    min_climb_m: float | None = None
    min_climb_m_per_km: float | None = None
    min_descent_m: float | None = None
    min_descent_m_per_km: float | None = None
    add: list[TargetArea] = Field(min_length=1)
    why: str


class FocusData(Strict):
    core: list[TargetArea]
    extras: list[TargetArea]
    core_why: str
    extras_why: str
    asked_why: str
    sore_why: str
    other_side_why: str  # the side of a sore muscle that is not itself sore
    links: list[ChainLink]
    run_triggers: list[RunTrigger]
