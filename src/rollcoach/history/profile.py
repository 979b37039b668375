"""The athlete's standing answers, kept so that no plan request needs to repeat them."""

from pydantic import Field

from rollcoach.history.tables import Athlete as AthleteRow
from rollcoach.models.plan_request import DEFAULT_TOOLS, Athlete
from rollcoach.vocabulary import Tool


class Profile(Athlete):
    """The plan request's athlete fields, plus the tools the runner owns."""

    tools: list[Tool] = Field(default_factory=lambda: list(DEFAULT_TOOLS))


def profile_of(row: AthleteRow) -> Profile:
    return Profile.model_validate(
        {
            "age": row.age,
            "level": row.level,
            "sedentary": row.sedentary,
            "conditions": row.conditions,
            "screen": row.screen,
            "tools": row.tools,
        }
    )


def write_profile(row: AthleteRow, profile: Profile) -> None:
    """Copy ``profile`` onto the athlete row (the whole profile: a save replaces it)."""
    data = profile.model_dump(mode="json")
    row.age = profile.age
    row.level = profile.level
    row.sedentary = profile.sedentary
    row.conditions = data["conditions"]
    row.screen = data["screen"]
    row.tools = data["tools"]
