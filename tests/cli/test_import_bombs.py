"""``rollcoach import`` of a hostile GPX: the file is skipped, the batch goes on.

It runs as a real process: a GPX nested 200,000 deep used to crash Python inside
gpxpy (exit 139), which in-process would take the test run down with it.
"""

import json
import subprocess
import sys
from pathlib import Path

from tests.imports.test_gpx import _gpx, _point
from tests.imports.test_xml_shape import TOO_DEEP, deep_gpx


def test_a_gpx_nested_200000_deep_is_skipped_and_the_rest_imported(tmp_path: Path) -> None:
    deep, good = tmp_path / "deep.gpx", tmp_path / "good.gpx"
    deep.write_bytes(deep_gpx())
    good.write_bytes(_gpx([[_point(i, seconds=10.0 * i) for i in range(30)]]))
    done = subprocess.run(
        [sys.executable, "-m", "rollcoach", "import", str(deep), str(good), "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr}"
    report = json.loads(done.stdout)
    assert report["imported"] == 1
    (skipped,) = report["skipped"]
    assert skipped["path"] == str(deep)
    assert skipped["reason"].startswith(TOO_DEEP)
