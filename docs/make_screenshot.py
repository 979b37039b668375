"""Render the demo's plan to docs/demo.svg for the README (Rich's own SVG export).

.venv/bin/python docs/make_screenshot.py
"""

from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console

from rollcoach import api
from rollcoach.cli.demo import sample_plan_request
from rollcoach.cli.render_plan import print_plan


def main() -> None:
    console = Console(record=True, width=100, force_terminal=True)
    now = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    print_plan(console, api.plan(sample_plan_request(now)))
    out = Path(__file__).with_name("demo.svg")
    out.write_text(console.export_svg(title="rollcoach plan"), encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
