"""Single keypresses for the guided session, without waiting for Enter.

A :class:`KeySource` answers one question: "was a key pressed within ``timeout``
seconds?". On a terminal that is :class:`TerminalKeys` (cbreak mode + ``select``);
anywhere else (pipes, CI, tests) it is :class:`NoKeys`, which never sees a key, so
a session simply runs to its end. Tests inject their own scripted source.
"""

import os
import select
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol, TextIO


class KeySource(Protocol):
    def read(self, timeout: float) -> str | None:
        """The next key pressed within ``timeout`` seconds (lower-cased), else None."""
        ...


class NoKeys:
    """No keyboard: waits out the timeout and reports nothing."""

    def read(self, timeout: float) -> str | None:
        if timeout > 0:
            time.sleep(timeout)
        return None


class TerminalKeys:
    """Keys from a terminal already in cbreak mode (see :func:`terminal_keys`)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def read(self, timeout: float) -> str | None:
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0.0))
        if not ready:
            return None
        data = os.read(self.fd, 1)
        if not data:  # end of input: behave like a silent keyboard from now on
            return None
        return data.decode("utf-8", errors="replace").lower()


@contextmanager
def terminal_keys(stream: TextIO | None = None) -> Iterator[KeySource]:
    """Read keys from ``stream`` (stdin) while inside the block, if it is a terminal.

    The terminal goes into cbreak mode (no line buffering, no echo; Ctrl-C still
    works) and its settings are put back exactly as they were when the block ends,
    however it ends.
    """
    stream = sys.stdin if stream is None else stream
    try:
        fd = stream.fileno()
        interactive = stream.isatty()
    except (AttributeError, OSError, ValueError):
        interactive = False
    if not interactive:
        yield NoKeys()
        return
    try:
        import termios
        import tty
    except ImportError:  # pragma: no cover - not a POSIX system
        yield NoKeys()
        return
    try:
        saved = termios.tcgetattr(fd)
        tty.setcbreak(fd)
    except termios.error:
        yield NoKeys()
        return
    try:
        yield TerminalKeys(fd)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
