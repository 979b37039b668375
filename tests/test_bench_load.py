"""``bench/load.py`` keeps working: its quick smoke on SQLite seeds, loads and reports as JSON."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MIX = {
    "GET /",
    "GET /history",
    "GET /week",
    "GET /api/v1/plans/today",
    "POST /api/v1/plans",
    "GET /api/v1/weeks/current",
    "POST /api/v1/checkins",
    "GET /api/v1/runs",
}


def test_the_quick_load_run_reports_every_endpoint_of_the_mix() -> None:
    command = [sys.executable, "bench/load.py", "--quick", "--database", "sqlite", "--json"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    (result,) = json.loads(done.stdout)["databases"]
    assert result["seed"]["accounts_with_token"] == 10, done.stderr[-3000:]
    run = result["load"]
    assert set(run["endpoints"]) == MIX
    assert run["clients"] == 10
    assert run["browsers"] == 3
    assert run["total"]["requests"] > 0
    assert {"p50_ms", "p95_ms", "p99_ms", "per_s", "error_kinds"} <= set(run["total"])
