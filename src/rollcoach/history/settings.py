"""Where the history lives: one setting, read when asked, never at import time."""

import os
from pathlib import Path

from platformdirs import user_data_dir

DATABASE_URL_VARIABLE = "ROLLCOACH_DATABASE_URL"
DATABASE_TIMEOUT_VARIABLE = "ROLLCOACH_DATABASE_TIMEOUT"
DEFAULT_DATABASE_TIMEOUT_S = 10.0


def database_url() -> str:
    """``ROLLCOACH_DATABASE_URL`` if set, else a SQLite file in the user's data folder.

    The folder is created here so a first run on a new laptop just works.
    """
    configured = os.environ.get(DATABASE_URL_VARIABLE, "").strip()
    if configured:
        return configured
    folder = Path(user_data_dir("rollcoach", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'rollcoach.db'}"


def database_timeout_s() -> float:
    """How long to wait for PostgreSQL to connect, hand out a connection or answer a packet.

    ``ROLLCOACH_DATABASE_TIMEOUT`` in seconds (default 10): past it a request gets a
    503 instead of hanging for as long as the network is down.
    """
    configured = os.environ.get(DATABASE_TIMEOUT_VARIABLE, "").strip()
    try:
        value = float(configured) if configured else DEFAULT_DATABASE_TIMEOUT_S
    except ValueError:
        raise ValueError(
            f"{DATABASE_TIMEOUT_VARIABLE}: {configured!r} is not a number of seconds"
        ) from None
    if not 0 < value <= 3600:
        raise ValueError(f"{DATABASE_TIMEOUT_VARIABLE}: {configured!r} must be in (0, 3600]")
    return value
