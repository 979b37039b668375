"""A child whose reader segfaults on any file named ``crash…``, as a parser bug in C would."""

import os
import signal
import sys
from pathlib import Path

from rollcoach.history import importing
from rollcoach.web import import_child

real_read = importing.read_activities  # type: ignore[attr-defined]


def crashing_read(label: str, *args: object, **kwargs: object) -> object:
    if "crash" in Path(label).name:
        os.kill(os.getpid(), signal.SIGSEGV)
    return real_read(label, *args, **kwargs)  # type: ignore[arg-type]


importing.read_activities = crashing_read  # type: ignore[attr-defined,assignment]

if __name__ == "__main__":
    sys.exit(import_child.main(sys.argv[1:]))
