"""Where the history lives: one setting, read when asked, never at import time."""

import os
from pathlib import Path

from platformdirs import user_data_dir

DATABASE_URL_VARIABLE = "ROLLCOACH_DATABASE_URL"


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
