"""Days and runs as a runner says them, for the texts of the week."""

from collections.abc import Mapping
from datetime import date

from rollcoach.vocabulary import RunType
from rollcoach.week.load import Effort


def day_words(day: date) -> str:
    """A day as a runner says it ("Sun 22 Nov")."""
    return f"{day:%a} {day.day} {day:%b}"


def run_words(run: Effort, names: Mapping[RunType, str]) -> str:
    """What a run is in plain words: "45-minute tempo run", "12 km long run", "race"."""
    if run.minutes is not None:
        return f"{run.minutes:.0f}-minute {names[run.type]}"
    if run.km is not None:
        return f"{run.km:g} km {names[run.type]}"
    return names[run.type]
