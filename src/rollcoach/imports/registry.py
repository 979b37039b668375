"""Pick the reader for a file by its extension, safely unwrapping ``.gz`` first.

Every format reader has the same shape, ``(data: bytes) -> list[ActivitySummary]``,
and is registered here by extension (matched case-insensitively: watches write
``.FIT``). Size limits are enforced here, before a reader sees any byte: a file is
refused by its size alone, and a ``.gz`` is inflated in bounded steps with a
running count, so a bomb is refused without ever being held in memory.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from rollcoach.imports.errors import ImportRejected
from rollcoach.imports.fit import read_fit
from rollcoach.imports.gpx import read_gpx
from rollcoach.imports.limits import DEFAULT_LIMITS, ImportLimits, human_size, too_large
from rollcoach.imports.summary import ActivitySummary
from rollcoach.imports.tcx import read_tcx

Reader = Callable[[bytes], list[ActivitySummary]]

READERS: dict[str, Reader] = {".fit": read_fit, ".gpx": read_gpx, ".tcx": read_tcx}
SUPPORTED_SUFFIXES: tuple[str, ...] = (
    *READERS,
    *(suffix + ".gz" for suffix in READERS),
)

_GZIP_WBITS = 16 + zlib.MAX_WBITS  # gzip header and trailer, not raw zlib
_IN_STEP = 64 * 1024
_OUT_STEP = 1024 * 1024
_READ_STEP = 1024 * 1024


def read_activities(
    name: str, data: bytes | BinaryIO, limits: ImportLimits = DEFAULT_LIMITS
) -> list[ActivitySummary]:
    """Summaries from one uploaded file called ``name`` (only its extension matters)."""
    reader, gzipped = _reader_for(name)
    blob = _bounded_bytes(data, limits.max_file_bytes)
    if gzipped:
        if not blob:
            raise ImportRejected("file is empty")
        _inflate(blob, limits.max_expanded_bytes, keep=False)  # count first, hold nothing
        blob = _inflate(blob, limits.max_expanded_bytes, keep=True)
    if not blob:
        raise ImportRejected("file is empty")
    try:
        return reader(blob)
    except ImportRejected:
        raise
    except Exception as exc:  # a reader bug must not stop a batch import
        raise ImportRejected(f"internal error reading this file ({type(exc).__name__})") from exc


def read_path(path: Path, limits: ImportLimits = DEFAULT_LIMITS) -> list[ActivitySummary]:
    """Like :func:`read_activities` for a file on disk; too large is refused unread."""
    _reader_for(path.name)  # unsupported types are refused before touching the file
    try:
        size = os.stat(path).st_size
        if size > limits.max_file_bytes:
            raise too_large(size, limits.max_file_bytes)
        with open(path, "rb") as stream:
            return read_activities(path.name, stream, limits)
    except OSError as exc:
        raise ImportRejected(f"cannot read file: {exc.strerror or type(exc).__name__}") from None


def _reader_for(name: str) -> tuple[Reader, bool]:
    lowered = name.strip().lower()
    gzipped = lowered.endswith(".gz")
    stem = lowered[: -len(".gz")] if gzipped else lowered
    suffix = Path(stem).suffix
    if suffix not in READERS:
        shown = suffix or Path(lowered).suffix
        raise ImportRejected(
            f"unsupported file type {shown}" if shown else "unsupported file type (no extension)"
        )
    return READERS[suffix], gzipped


def _bounded_bytes(data: bytes | BinaryIO, limit: int) -> bytes:
    if isinstance(data, bytes | bytearray | memoryview):
        if len(data) > limit:
            raise too_large(len(data), limit)
        return bytes(data)
    parts: list[bytes] = []
    total = 0
    while chunk := data.read(min(_READ_STEP, limit + 1 - total)):
        parts.append(chunk)
        total += len(chunk)
        if total > limit:
            raise ImportRejected(f"too large: more than {human_size(limit)} limit")
    return b"".join(parts)


def _inflate(blob: bytes, limit: int, *, keep: bool) -> bytes:
    """Gunzip ``blob`` (all members) in bounded steps; past ``limit``, refuse at once."""
    parts: list[bytes] = []
    total, pos, pending = 0, 0, b""
    inflater, fed = zlib.decompressobj(_GZIP_WBITS), False
    try:
        while True:
            if not pending:
                if pos >= len(blob):
                    break
                pending, pos = blob[pos : pos + _IN_STEP], pos + _IN_STEP
            out = inflater.decompress(pending, _OUT_STEP)
            fed = True
            total += len(out)
            if total > limit:
                raise ImportRejected(f"too large once unzipped: more than {human_size(limit)}")
            if keep and out:
                parts.append(out)
            if not inflater.eof:
                pending = inflater.unconsumed_tail
                continue
            rest = inflater.unused_data + blob[pos:]
            if not rest.strip(b"\0"):
                fed = False
                break
            if not rest.startswith(b"\x1f\x8b"):
                raise ImportRejected("corrupt gzip file: unexpected data after the end")
            blob, pos, pending = rest, 0, b""  # another gzip member follows
            inflater, fed = zlib.decompressobj(_GZIP_WBITS), False
    except zlib.error:
        raise ImportRejected("corrupt gzip file: not valid gzip data") from None
    if fed and not inflater.eof:
        raise ImportRejected("corrupt gzip file: truncated (it ends too early)")
    return b"".join(parts)
