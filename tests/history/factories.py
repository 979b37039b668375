"""Builders for stored things, so each test states only the fields it is about."""

from datetime import UTC, datetime
from typing import Any

from rollcoach.imports.summary import ActivitySummary

START = datetime(2026, 11, 22, 7, 5, tzinfo=UTC)
HASH_A = "a" * 64
HASH_B = "b" * 64


def make_summary(**fields: Any) -> ActivitySummary:
    """A 10 km, one-hour road run from a FIT file, changed by ``fields``."""
    defaults: dict[str, Any] = {
        "start": START,
        "utc_offset_s": 3600,
        "elapsed_s": 3720.0,
        "moving_s": 3600.0,
        "distance_m": 10000.0,
        "climb_m": 52.0,
        "descent_m": 49.5,
        "avg_hr": 148,
        "max_hr": 171,
        "sport": "running",
        "source_format": "fit",
    }
    return ActivitySummary.model_validate({**defaults, **fields})


def make_treadmill_run(**fields: Any) -> ActivitySummary:
    """A treadmill run as a watch without a foot pod records it: no distance, no hills."""
    return make_summary(
        **{"distance_m": None, "climb_m": None, "descent_m": None, "sub_sport": "treadmill"}
        | fields
    )
