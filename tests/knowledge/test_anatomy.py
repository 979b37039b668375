"""The anatomy and technique data read as a sports physiotherapist would want them.

Each test names the rule whose data it guards: what an injury protects (SAFE-5), how the
hip flexors are reached (TOOL-7), the extra ways a tool reaches a muscle (TOOL-8), the
positions the session groups by (DOSE-11), the holds and step lengths (DOSE-2, DOSE-3,
DOSE-9), and the words: grammar, evidence grades (FOCUS-3, FOCUS-4) and our own wording.
"""

import re
from pathlib import Path

import pytest
import yaml

from rollcoach.knowledge import load_knowledge
from rollcoach.knowledge.schema import Technique
from rollcoach.vocabulary import NEVER_AREAS, PAIN_SITES, POSITIONS, TARGET_AREAS

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "rollcoach" / "knowledge" / "data"
SEEDS = ROOT.parent / "shared" / "seeds"
OURS = ("techniques.yaml", "areas.yaml", "never_areas.yaml", "sites.yaml", "tools.yaml")
CUES = ("setup", "passes", "find_spot", "hold", "switch")

# SAFE-5's minimum: an injury at the left-hand site protects at least these muscles.
PROTECTS_AT_LEAST = {
    "knee": {"quadriceps", "vastus-lateralis", "hamstrings", "calves"},
    "ankle": {"calves", "shins", "feet"},
    "hip": {"hip-flexors", "tfl", "glutes", "piriformis", "adductors"},
    "hip-bone": {"hip-flexors", "tfl", "glutes"},
    "quadriceps": {"quadriceps", "vastus-lateralis"},
    "vastus-lateralis": {"quadriceps", "vastus-lateralis"},
    "glutes": {"glutes", "piriformis"},
    "piriformis": {"glutes", "piriformis"},
}
# ... and never these: muscles that neither cross the site nor share its tissue.
NEVER_PROTECTS = {
    "ankle": {"hamstrings", "quadriceps", "glutes", "upper-back"},
    "knee": {"feet", "glutes", "hip-flexors", "upper-back"},
    "calves": {"hamstrings", "quadriceps", "shins"},
    "upper-back": {"calves", "glutes", "lats"},
    "lats": {"upper-back", "glutes"},
}

# TOOL-8: the extra techniques a physio uses: (area, tool, variant) -> position.
TOOL_8 = {
    ("hamstrings", "massage-ball", "chair"): "seated",
    ("adductors", "massage-stick", None): "seated",
    ("glutes", "massage-ball", "wall"): "standing",
    ("piriformis", "massage-ball", "wall"): "standing",
    ("glutes", "hip-release-ball", None): "on-back",
    ("quadriceps", "massage-ball", None): "face-down",
    ("adductors", "massage-ball", None): "face-down",
    ("upper-back", "massage-ball", "wall"): "standing",
    ("lats", "massage-ball", "wall"): "standing",
}
# The TOOL rule that places each tool on a muscle.
TOOL_RULE = {
    "foam-roller": "TOOL-1",
    "massage-ball": "TOOL-2",
    "massage-stick": "TOOL-3",
    "peanut-ball": "TOOL-4",
    "hip-release-ball": "TOOL-5",
    "hip-hook": "TOOL-5",
}

# DOSE-11: words in a set-up that put the body in each position.
POSITION_WORDS = {
    "face-down": r"\bface down\b|\bon your (?:front|stomach)\b",
    "on-back": r"\blie on your back\b|\blying on your back\b",
    "side-lying": r"\blie on (?:your|one) side\b",
    "standing": r"\bstand(?:ing)?\b",
    "seated": r"\bsit(?:ting)?\b|\bseated\b",
    "kneeling": r"\bkneel(?:ing)?\b|\ball fours\b",
}

# "The calves are", "the upper back is": the verb each name takes.
PLURAL = {
    "calves": True,
    "shins": True,
    "feet": True,
    "hamstrings": True,
    "quadriceps": True,
    "vastus-lateralis": False,
    "adductors": True,
    "glutes": True,
    "piriformis": False,
    "tfl": False,
    "hip-flexors": True,
    "upper-back": False,
    "lats": True,
    "it-band": False,
    "spine": False,
    "lower-back": False,
    "neck": False,
    "abdomen": False,
    "knee": False,
    "ankle": False,
    "hip-bone": False,
    "hip": False,
}

# Approximate adult lengths (cm) of the stretch each pass covers, end to end (DOSE-9).
LENGTH_CM = {
    "calves": (25, 35),
    "shins": (20, 30),
    "feet": (10, 16),
    "hamstrings": (25, 38),
    "quadriceps": (28, 40),
    "vastus-lateralis": (22, 35),
    "adductors": (20, 35),
    "glutes": (12, 22),
    "piriformis": (8, 15),
    "tfl": (8, 16),
    "hip-flexors": (5, 12),
    "upper-back": (12, 22),
    "lats": (12, 25),
}

NEVER_SAID = ("adhesion", "release fascia", "releases fascia", "fascia release", "break up")


def _all_techniques() -> list[Technique]:
    return [t for ts in load_knowledge().techniques.values() for t in ts]


def _label(t: Technique) -> str:
    return f"{t.area}/{t.tool}" + (f"/{t.variant}" if t.variant else "")


def _cues(t: Technique) -> str:
    return " ".join([*(getattr(t, c) or "" for c in CUES), *t.pressure.values()])


def _shown(name: str) -> list[str]:
    """Every string a runner may see in one of our files (ids and rule lists left out)."""
    found: list[str] = []

    def walk(node: object, key: str = "") -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, str(k))
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and " " in node and key not in {"id", "rule", "rules"}:
            found.append(node)

    walk(yaml.safe_load((DATA / name).read_text(encoding="utf-8")))
    return found


# SAFE-5: what an injury protects


@pytest.mark.parametrize(("site", "muscles"), PROTECTS_AT_LEAST.items())
def test_safe_5_an_injury_protects_at_least_the_muscles_the_rule_lists(
    site: str, muscles: set[str]
) -> None:
    protected = set(load_knowledge().protects[site])
    assert muscles <= protected, f"{site} leaves {sorted(muscles - protected)} unprotected"


@pytest.mark.parametrize(("site", "muscles"), NEVER_PROTECTS.items())
def test_safe_5_an_injury_does_not_protect_unrelated_muscles(site: str, muscles: set[str]) -> None:
    assert not muscles & set(load_knowledge().protects[site])


def test_safe_5_every_target_protects_itself_and_shared_tissue_goes_both_ways() -> None:
    k = load_knowledge()
    assert set(k.protects) == set(PAIN_SITES)
    for area, info in k.areas.items():
        assert area in k.protects[area]
        assert area not in info.shares, f"{area} shares itself"
        assert area not in info.over, f"{area} lies over itself"
        for other in info.shares:
            assert area in k.protects[other] and other in k.protects[area], (area, other)


def test_safe_5_joints_crossed_follow_the_anatomy() -> None:
    """The two-joint muscles cross both joints; the one-joint ones only theirs."""
    areas = load_knowledge().areas
    assert {"knee", "ankle"} <= set(areas["calves"].over)  # gastrocnemius
    assert {"knee", "hip"} <= set(areas["hamstrings"].over)
    assert {"knee", "hip"} <= set(areas["quadriceps"].over)  # rectus femoris
    assert "hip" not in areas["vastus-lateralis"].over
    assert "knee" not in areas["shins"].over
    assert "lower-back" in areas["hip-flexors"].over  # psoas starts on the lumbar spine
    assert areas["lats"].over == []


# TOOL-7: the hip flexors


def test_tool_7_no_hip_flexor_technique_uses_the_foam_roller() -> None:
    k = load_knowledge()
    assert "foam-roller" not in k.tools_reaching("hip-flexors")
    assert set(k.tools_reaching("hip-flexors")) == {"hip-hook", "hip-release-ball", "massage-ball"}


def test_tool_7_every_hip_flexor_technique_is_sensitive_gentle_and_minds_the_pulse() -> None:
    for t in load_knowledge().techniques["hip-flexors"]:
        assert t.sensitive, _label(t)
        assert {"TOOL-7", "AREA-4"} <= set(t.rules), _label(t)
        assert re.search(r"\bpulse\b", t.setup + " " + t.passes), f"{_label(t)}: no pulse cue"
        assert re.search(r"\bpulse\b", t.setup), f"{_label(t)}: set-up says nothing of a pulse"
        setup = t.setup.lower()
        assert "belly" in setup and "bone" in setup, f"{_label(t)}: set-up must avoid both"
        assert "gentle" in t.pressure["firm"].lower(), f"{_label(t)}: firm must stay gentle"


def test_tool_7_hip_flexor_set_ups_place_the_tool_off_the_belly_and_the_bone() -> None:
    for t in load_knowledge().techniques["hip-flexors"]:
        setup = t.setup.lower()
        assert re.search(r"off the (?:hip )?bone", setup), _label(t)
        assert re.search(r"(away from|not toward) your belly button", setup), _label(t)


# TOOL-8: another way for a tool to reach a muscle


@pytest.mark.parametrize(("key", "position"), TOOL_8.items(), ids=lambda v: str(v))
def test_tool_8_the_extra_techniques_exist_with_their_tool_and_position(
    key: tuple[str, str, str | None], position: str
) -> None:
    area, tool, variant = key
    found = [t for t in load_knowledge().techniques[area] if (t.tool, t.variant) == (tool, variant)]
    assert len(found) == 1, f"no {area} technique with {tool} ({variant})"
    (t,) = found
    assert t.position == position
    assert {TOOL_RULE[tool], "TOOL-8", "DOSE-5"} <= set(t.rules)
    assert ("DOSE-8" in t.rules) == t.one_sided
    for cue in CUES:
        text = getattr(t, cue)
        if cue == "switch" and not t.one_sided:
            assert text is None
        else:
            assert len(text) > 20, cue
    if variant in {"wall", "chair"}:
        assert variant in t.setup.lower()


def test_tool_8_the_tools_named_in_issue_9_reach_the_sore_muscles() -> None:
    """A ball alone reaches hamstrings, quadriceps and adductors; a hip release ball the glutes."""
    k = load_knowledge()
    for area in ("hamstrings", "quadriceps", "adductors"):
        assert "massage-ball" in k.tools_reaching(area), area
    assert "hip-release-ball" in k.tools_reaching("glutes")
    assert "massage-stick" in k.tools_reaching("adductors")


def test_tool_rules_every_technique_cites_the_rule_that_places_its_tool() -> None:
    for t in _all_techniques():
        assert TOOL_RULE[t.tool] in t.rules, _label(t)
        assert "DOSE-5" in t.rules, _label(t)
        assert ("DOSE-8" in t.rules) == t.one_sided, _label(t)


def test_tool_rules_a_variant_is_always_a_second_way_and_named_in_its_set_up() -> None:
    k = load_knowledge()
    for area, techniques in k.techniques.items():
        for t in techniques:
            if t.variant in {"wall", "chair"}:
                assert t.variant in t.setup.lower(), _label(t)
            if t.variant == "wall":
                assert t.position == "standing", _label(t)
        # The variants of one tool differ in position, or there is nothing to choose.
        for tool in k.tools_reaching(area):
            same = [t.position for t in techniques if t.tool == tool]
            assert len(same) == len(set(same)), f"{area}/{tool}: two variants, one position"


# DOSE-11: positions


def test_dose_11_every_technique_position_matches_its_set_up() -> None:
    assert set(POSITION_WORDS) == set(POSITIONS)
    for t in _all_techniques():
        assert t.position in POSITIONS
        said = {p for p, words in POSITION_WORDS.items() if re.search(words, t.setup.lower())}
        assert said == {t.position}, f"{_label(t)}: {t.position}, set-up says {sorted(said)}"


def test_dose_11_every_stretch_position_matches_its_text() -> None:
    for area, info in load_knowledge().areas.items():
        said = {p for p, words in POSITION_WORDS.items() if re.search(words, info.stretch.lower())}
        assert said == {info.stretch_position}, f"{area}: {info.stretch_position}, text {said}"


# DOSE-2, DOSE-3, DOSE-9: holds, step lengths, muscle lengths


def test_dose_2_holds_are_30_s_and_the_hip_hook_30_to_90_s() -> None:
    k = load_knowledge()
    for t in _all_techniques():
        if t.tool == "hip-hook":
            assert 30 <= t.hold_seconds <= 90
            assert t.seconds.max <= 90, "TOOL-5: the hook's pressure lasts 30-90 s"
        else:
            assert t.hold_seconds == k.dose.hold_seconds, _label(t)


def test_dose_3_every_step_range_keeps_within_30_to_120_s_aiming_at_30_to_60() -> None:
    for t in _all_techniques():
        assert 30 <= t.seconds.min <= t.seconds.default <= t.seconds.max <= 120, _label(t)
        if t.tool != "hip-hook":
            assert t.seconds.default <= 60, _label(t)


@pytest.mark.parametrize(("area", "bounds"), LENGTH_CM.items())
def test_dose_9_muscle_lengths_are_plausible(area: str, bounds: tuple[int, int]) -> None:
    low, high = bounds
    assert low <= load_knowledge().areas[area].length_cm <= high


def test_dose_9_a_pass_each_way_and_a_hold_fit_every_technique() -> None:
    k = load_knowledge()
    for t in _all_techniques():
        passes = 2 * k.areas[t.area].length_cm / k.dose.speed_cm_s
        assert passes + k.dose.hunt_seconds + t.hold_seconds <= t.seconds.max, _label(t)


def test_dose_1_every_rolling_cue_keeps_the_slow_pace() -> None:
    for t in _all_techniques():
        if t.tool != "hip-hook":  # the hook settles; it has no passes to pace
            assert "2.5 cm" in t.passes, _label(t)


# Words


@pytest.mark.parametrize(("site", "plural"), PLURAL.items())
def test_every_name_agrees_with_its_verb(site: str, plural: bool) -> None:
    assert set(PLURAL) == set(PAIN_SITES)
    assert load_knowledge().names[site][1] is plural


def test_every_target_and_never_area_has_a_name() -> None:
    k = load_knowledge()
    assert set(k.areas) == set(TARGET_AREAS)
    assert set(k.never_areas) == set(NEVER_AREAS)


def test_care_2_the_hip_flexor_stretch_says_to_go_with_care() -> None:
    stretch = load_knowledge().areas["hip-flexors"].stretch.lower()
    assert "care" in stretch
    assert "mild" in stretch


@pytest.mark.parametrize("name", OURS)
def test_no_words_the_evidence_does_not_hold(name: str) -> None:
    for text in _shown(name):
        lowered = text.lower()
        for phrase in NEVER_SAID:
            assert phrase not in lowered, f"{name}: {phrase!r} in {text!r}"
        assert "stiffness" not in lowered, f"{name}: claims about stiffness: {text!r}"


def test_focus_3_and_focus_4_say_only_what_their_evidence_allows() -> None:
    focus = load_knowledge().focus
    for link in (link for link in focus.links if link.rule in ("FOCUS-3", "FOCUS-4")):
        why = link.why.lower()
        assert "suggest" in why, f"{link.rule}: say the article suggests it"
        assert "research" in why, f"{link.rule}: say what research found"
        if link.rule == "FOCUS-4":
            assert "pull on" not in why and "no link" in why
            assert "knee" in why or not link.when_sore  # the joint-pain link names the knee


def test_focus_6_only_a_trigger_that_gets_more_time_promises_extra_attention() -> None:
    for trigger in load_knowledge().focus.run_triggers:
        if "attention" in trigger.why:
            assert trigger.id == "downhill", trigger.id
            assert "more time" in trigger.why


def test_focus_texts_keep_their_placeholders() -> None:
    focus = load_knowledge().focus
    assert "{level}" in focus.sore_why
    shown = [focus.core_why, focus.extras_why, focus.asked_why]
    shown += [x.why for x in (*focus.links, *focus.run_triggers)]
    assert not any("{" in text for text in shown)
    for text in shown:
        assert not any(phrase in text.lower() for phrase in NEVER_SAID)


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed articles are not beside this checkout")
def test_every_shown_text_is_in_our_own_words() -> None:
    """No run of 8 words is copied from a seed article."""

    def words(text: str) -> list[str]:
        return re.findall(r"[a-z0-9']+", text.lower())

    seed_runs: set[tuple[str, ...]] = set()
    for seed in SEEDS.glob("*.txt"):
        w = words(seed.read_text(encoding="utf-8"))
        seed_runs |= {tuple(w[i : i + 8]) for i in range(len(w) - 7)}
    for name in (*OURS, "focus.yaml"):
        for text in _shown(name):
            w = words(text)
            copied = [" ".join(w[i : i + 8]) for i in range(len(w) - 7)]
            copied = [run for run in copied if tuple(run.split()) in seed_runs]
            assert not copied, f"{name}: copied from a seed: {copied[0]!r}"
