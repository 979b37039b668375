"""``rollcoach demo``: a realistic plan and week for a sample runner."""

from datetime import UTC, datetime, timedelta
from typing import Any

from rich.console import Console
from rich.rule import Rule

from rollcoach import api
from rollcoach.cli.render_plan import print_plan
from rollcoach.cli.render_week import print_week
from rollcoach.history.demo_data import sample_runs


def sample_plan_request(now: datetime) -> dict[str, Any]:
    return {
        "when": "post-run",
        "minutes": 10,
        "now": now.isoformat(),
        "tools": ["foam-roller", "massage-ball"],
        "athlete": {"age": 44, "level": "intermediate", "sedentary": True},
        "injuries": [
            {
                "area": "hamstrings",
                "side": "left",
                "date": (now.date() - timedelta(days=1)).isoformat(),
            }
        ],
        "soreness": {"calves": 6, "knee": 3},
        "run": {"minutes": 95, "km": 17.5, "climb_m": 320, "descent_m": 310, "type": "long"},
        "focus": ["it-band"],
    }


def demo() -> None:
    """A sample runner's plan after this morning's long run, and their next 7 days."""
    now = datetime.now(UTC)
    console = Console()
    console.print(
        Rule("[bold]rollcoach demo[/]: Sam, 44, office job, a hilly 95-minute long run today")
    )
    console.print(
        "Sore calves (6/10), a niggle in the knee (3/10), a tweaked left hamstring yesterday, "
        "asks about the IT band. Owns a foam roller and a massage ball. 10 minutes to spare.\n"
    )
    print_plan(console, api.plan(sample_plan_request(now)))
    console.print(Rule("The week ahead"))
    runs = sample_runs(now.date())
    print_week(
        console, api.week({"today": now.date().isoformat(), "athlete": {"age": 44}, "runs": runs})
    )
    console.print(
        "\nTry it yourself: [bold]rollcoach plan --help[/], [bold]rollcoach go --speed 20[/]"
    )
