"""Every rule of spec/rules.md is in the data; every applied rule is cited and tested."""

import re
from pathlib import Path

import pytest

from rollcoach.knowledge import load_knowledge
from tests.spec import APPLIED_RULE_IDS, NOT_YET_APPLIED, RULE_IDS

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT.parent / "shared" / "spec" / "rules.md"
FAMILIES = "SAFE|AREA|DOSE|TIME|TOOL|FOCUS|CARE|REST|LEARN"
ID_PATTERN = re.compile(rf"^\| ((?:{FAMILIES})-\d+) \|", re.M)
# A catalogue row of the spec: | ID | rule | source |
ROW_PATTERN = re.compile(rf"^\| ((?:{FAMILIES})-\d+) \| .* \| ([^|]*) \|\s*$", re.M)
SEEDS = re.compile(r"\b(PR|CG|HW|RC)\b")
# Research grades of spec/evidence.md for the rules it names.
GRADES = {
    "TIME-3": "supported",
    "FOCUS-1": "supported",
    "DOSE-1": "refined",
    "DOSE-2": "refined",
    "DOSE-3": "refined",
    "TIME-5": "refined",
    "CARE-1": "refined",
    "AREA-1": "precaution",
    "AREA-2": "precaution",
    "AREA-3": "precaution",
    "AREA-4": "precaution",
    "AREA-5": "precaution",
    "SAFE-4": "supported",
    "SAFE-5": "supported",
    "SAFE-6": "supported",
    "SAFE-1": "precaution",
    "SAFE-2": "precaution",
    "SAFE-3": "precaution",
    "SAFE-8": "precaution",
    "SAFE-9": "precaution",
    "TIME-1": "precaution",
    "TIME-4": "precaution",
    "REST-1": "precaution",
    "REST-3": "contested",
    "REST-5": "refined",
    "FOCUS-3": "contested",
    "FOCUS-4": "refined",
    # Issue 9's rules; SAFE-12 has no row of its own: a decision from CG, so a precaution.
    "SAFE-12": "precaution",
    "DOSE-9": "precaution",
    "DOSE-10": "refined",
    "DOSE-11": "precaution",
    "TOOL-7": "precaution",
    "TOOL-8": "refined",
    "REST-6": "precaution",
    "REST-7": "precaution",
    "REST-8": "precaution",
    "LEARN-1": "precaution",
    "LEARN-2": "precaution",
    "LEARN-3": "precaution",
    "LEARN-4": "precaution",
}


def _texts(folder: Path, suffixes: tuple[str, ...], skip: set[str]) -> str:
    files = [p for p in folder.rglob("*") if p.suffix in suffixes and p.name not in skip]
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def _spec_sources() -> dict[str, tuple[list[str], bool]]:
    """Each spec row's seeds and whether it is a decision (asides in brackets left out)."""
    found = {}
    for rule_id, cell in ROW_PATTERN.findall(SPEC.read_text(encoding="utf-8")):
        plain = re.sub(r"\([^)]*\)", "", cell)
        found[rule_id] = (SEEDS.findall(plain), "decision" in plain)
    return found


def test_catalogue_holds_every_rule_of_the_spec_in_order() -> None:
    ids = list(load_knowledge().rules)
    assert ids == RULE_IDS
    if SPEC.exists():  # beside a checkout, the spec itself is the reference
        assert ID_PATTERN.findall(SPEC.read_text(encoding="utf-8")) == RULE_IDS


def test_only_the_rules_not_yet_applied_are_marked_so() -> None:
    rules = load_knowledge().rules
    assert {rule.id for rule in rules.values() if not rule.applied} == NOT_YET_APPLIED


@pytest.mark.skipif(not SPEC.exists(), reason="the spec is not beside this checkout")
def test_sources_and_decisions_follow_the_spec() -> None:
    rules = load_knowledge().rules
    for rule_id, (seeds, decision) in _spec_sources().items():
        rule = rules[rule_id]
        assert (list(rule.sources), rule.decision) == (seeds, decision), rule_id


@pytest.mark.parametrize("rule_id", APPLIED_RULE_IDS)
def test_every_rule_is_cited_by_code_or_data_and_has_a_test_named_after_it(rule_id: str) -> None:
    cited = _texts(ROOT / "src", (".py", ".yaml"), {"rules.yaml"})
    assert re.search(rf"\b{rule_id}\b", cited), f"{rule_id} is cited nowhere in src/"
    tests = _texts(ROOT / "tests", (".py",), {Path(__file__).name})
    name = rule_id.lower().replace("-", "_")
    assert re.search(rf"def test_{name}_", tests), f"no test named after {rule_id}"


@pytest.mark.parametrize("rule_id", sorted(NOT_YET_APPLIED))
def test_a_rule_not_yet_applied_is_cited_nowhere_in_src(rule_id: str) -> None:
    """Nothing may claim to apply a rule before its issue lands."""
    cited = _texts(ROOT / "src", (".py", ".yaml", ".html", ".js"), {"rules.yaml"})
    assert not re.search(rf"\b{rule_id}\b", cited), f"{rule_id} is cited in src/"


@pytest.mark.parametrize(("rule_id", "level"), GRADES.items())
def test_evidence_grades_follow_the_research_page(rule_id: str, level: str) -> None:
    rule = load_knowledge().rules[rule_id]
    assert rule.evidence.level == level
    assert rule.evidence.summary


def test_rule_texts_are_in_our_words_not_the_spec_s() -> None:
    spec = SPEC.read_text(encoding="utf-8") if SPEC.exists() else ""
    for rule in load_knowledge().rules.values():
        for phrase in re.split(r"(?<=[.;:])\s+", rule.text):
            assert len(phrase) < 30 or phrase not in spec, f"{rule.id}: {phrase!r} is the spec's"


def test_no_words_the_evidence_does_not_hold() -> None:
    data = _texts(ROOT / "src" / "rollcoach" / "knowledge" / "data", (".yaml",), set())
    shown = "\n".join(line for line in data.splitlines() if not line.lstrip().startswith("#"))
    for phrase in ("adhesion", "release fascia", "releases fascia", "break up"):
        assert phrase not in shown.lower()
