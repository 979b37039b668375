"""What a guided session waits on: single keypresses (no Enter needed) and its clock.

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


def wait_for_key(keys: KeySource, timeout: float) -> str | None:
    """``keys.read(timeout)``, but never back early without a key (no busy-looping)."""
    deadline = time.monotonic() + timeout
    key = keys.read(timeout)
    rest = deadline - time.monotonic()
    if key is None and rest > 0:
        time.sleep(rest)
    return key


class SessionClock:
    """Session seconds since start: wall time times speed, frozen while paused."""

    def __init__(self, speed: float) -> None:
        self.speed = speed
        self._banked = 0.0
        self._since: float | None = time.monotonic()

    @property
    def paused(self) -> bool:
        return self._since is None

    def elapsed(self) -> float:
        if self._since is None:
            return self._banked
        return self._banked + (time.monotonic() - self._since) * self.speed

    def toggle(self) -> None:
        if self._since is None:
            self._since = time.monotonic()
        else:
            self._banked, self._since = self.elapsed(), None


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
