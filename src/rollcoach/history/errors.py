"""What can go wrong in the store, as errors a command can catch without SQLAlchemy."""


class HistoryError(Exception):
    """Base of every error the history store raises on purpose."""


class UnsupportedDatabase(HistoryError, ValueError):
    """The URL names a database rollcoach is not tested on (SQLite and PostgreSQL are)."""


class ActivityRejected(HistoryError, ValueError):
    """The database refused a file's activities; nothing of that file was stored."""


class UnknownAthlete(HistoryError, LookupError):
    """No athlete has this id."""


class BackupRejected(HistoryError, ValueError):
    """A backup that is not ours, or a database that is not empty to restore into."""
