"""docs/rules.md is the rule catalogue as generated from rules.yaml, never a stale copy."""

import importlib.util
from pathlib import Path
from types import ModuleType

from rollcoach.knowledge import load_knowledge
from tests.spec import NOT_YET_APPLIED, RULE_IDS

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_rules", DOCS / "make_rules.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_rules_md_matches_the_catalogue() -> None:
    page = _generator().rules_markdown(load_knowledge())
    on_disk = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert on_disk == page, "docs/rules.md is stale: run .venv/bin/python docs/make_rules.py"


def test_docs_rules_md_lists_every_rule_and_marks_those_not_yet_applied() -> None:
    page = (DOCS / "rules.md").read_text(encoding="utf-8")
    sections = page.split("\n### ")[1:]
    assert [section.split("\n", 1)[0] for section in sections] == RULE_IDS
    waiting = {s.split("\n", 1)[0] for s in sections if "- Applied: **not yet**" in s}
    assert waiting == NOT_YET_APPLIED
