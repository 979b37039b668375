"""The Rules page shows every rule, and badges the ones the coach does not apply yet."""

import re

from fastapi.testclient import TestClient

from tests.spec import NOT_YET_APPLIED, RULE_IDS


def test_rules_page_badges_rules_not_yet_applied(single: TestClient) -> None:
    page = single.get("/rules").text
    assert re.findall(r'<dt id="([A-Z]+-\d+)"', page) == RULE_IDS
    badged = set(re.findall(r'<dt id="([A-Z]+-\d+)">[^\n]*not yet applied</span></dt>', page))
    assert badged == NOT_YET_APPLIED
