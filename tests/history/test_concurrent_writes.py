"""Concurrent writers never lose a write: SQLite makes them queue, PostgreSQL interleaves them.

Each writer has its own store (its own engine and pool), as each app process or
worker does. Before writers took SQLite's write lock up front, a read-then-write
transaction failed at once with "database is locked" for about a fifth to a half
of these check-ins.
"""

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from threading import Barrier

from rollcoach.history.db import open_store
from rollcoach.history.records import Checkin

WRITERS, EACH = 8, 8


def test_eight_writers_of_eight_checkins_all_land(database_url: str) -> None:
    with open_store(database_url) as first:
        athlete = first.default_athlete()
    stores = [open_store(database_url) for _ in range(WRITERS)]
    start_together = Barrier(WRITERS)

    def write(index: int) -> list[int]:
        store = stores[index]
        start_together.wait()
        return [
            store.add_checkin(athlete, Checkin(date=date(2026, 11, 1 + n), soreness={"calves": n}))
            for n in range(EACH)
        ]

    try:
        with ThreadPoolExecutor(WRITERS) as pool:
            ids = [i for batch in pool.map(write, range(WRITERS)) for i in batch]
        assert len(set(ids)) == WRITERS * EACH
        assert len(stores[0].checkins(athlete)) == WRITERS * EACH
    finally:
        for store in stores:
            store.close()
