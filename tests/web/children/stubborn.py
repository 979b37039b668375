"""A child that ignores the request to stop and reads each file slowly: shutdown must kill it."""

import signal
import sys
import threading
import time

from rollcoach.history import importing
from rollcoach.web import import_child

real_read = importing.read_activities  # type: ignore[attr-defined]


def slow_read(*args: object, **kwargs: object) -> object:
    time.sleep(0.5)
    return real_read(*args, **kwargs)  # type: ignore[arg-type]


def ignore_signals(_stop: threading.Event) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


importing.read_activities = slow_read  # type: ignore[attr-defined,assignment]
import_child.stop_on_signals = ignore_signals  # type: ignore[assignment]

if __name__ == "__main__":
    sys.exit(import_child.main(sys.argv[1:]))
