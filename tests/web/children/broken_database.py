"""A child whose database fails mid-import with an error quoting its SQL, as a driver does."""

import sys

from sqlalchemy.exc import OperationalError

from rollcoach.history.store import Store
from rollcoach.web import import_child

SQL = "INSERT INTO activities (athlete_id, content_hash, start_utc) VALUES (?, ?, ?)"


def failing_add(*_args: object, **_kwargs: object) -> object:
    raise OperationalError(SQL, {}, Exception("disk I/O error"))


Store.add_activities = failing_add  # type: ignore[method-assign,assignment]

if __name__ == "__main__":
    sys.exit(import_child.main(sys.argv[1:]))
