"""``rollcoach rules``: the whole catalogue, with the rules not yet applied shown as such."""

import json

import pytest

from tests.cli.helpers import cli
from tests.spec import NOT_YET_APPLIED, RULE_IDS


def test_rules_json_says_which_rules_are_applied(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "rules", "--json")
    assert code == 0
    rules = json.loads(out)
    assert [r["id"] for r in rules] == RULE_IDS
    assert {"id", "family", "text", "sources", "decision", "evidence", "applied"} <= set(rules[0])
    assert {r["id"] for r in rules if not r["applied"]} == NOT_YET_APPLIED
    assert all(r["applied"] is True for r in rules if r["id"] not in NOT_YET_APPLIED)


def test_rules_table_marks_a_rule_not_yet_applied(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "rules", "--family", "learn")
    assert code == 0
    assert out.count("not yet applied") == len(NOT_YET_APPLIED)
    code, out, _ = cli(capsys, "rules", "--family", "SAFE")
    assert "SAFE-12" in out
    assert "not yet applied" not in out
