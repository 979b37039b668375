"""What an importer extracts from one activity file: the summary the coach needs."""

from datetime import datetime, timedelta, timezone

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

# Sports are normalised to these names; anything else is kept as its lower-case name.
RUNNING = "running"


class ActivitySummary(BaseModel):
    """One activity as read from a file. Unknown values are ``None``, never 0."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: AwareDatetime = Field(description="Start of the activity, in UTC.")
    utc_offset_s: int | None = Field(
        default=None, ge=-14 * 3600, le=14 * 3600, description="Local time minus UTC."
    )
    elapsed_s: float | None = Field(default=None, ge=0)
    moving_s: float | None = Field(default=None, ge=0)
    distance_m: float | None = Field(default=None, ge=0)
    climb_m: float | None = Field(default=None, ge=0)
    descent_m: float | None = Field(default=None, ge=0)
    avg_hr: int | None = Field(default=None, gt=0, le=260)
    max_hr: int | None = Field(default=None, gt=0, le=260)
    sport: str = Field(min_length=1, description="running, cycling, walking, ... (lower case)")
    sub_sport: str | None = Field(default=None, description="treadmill, trail, ... or None")
    rpe: float | None = Field(default=None, ge=0, le=10)
    device: str | None = None
    source_format: str = Field(description="fit, gpx, tcx, strava-csv, ...")

    @property
    def is_run(self) -> bool:
        return self.sport == RUNNING

    @property
    def local_start(self) -> datetime:
        """Start in the athlete's local time where the file says it (else UTC)."""
        return self.start.astimezone(timezone(timedelta(seconds=self.utc_offset_s or 0)))
