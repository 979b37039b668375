"""Reading zip archives we did not make: member by member, bounded, never to disk.

Exports (Strava, Garmin Connect, Apple Health) and "a zip of my runs" arrive as zip
files, and a zip is untrusted input twice over: its names and its sizes lie.

* Names: ``../evil.fit``, ``/etc/x`` or ``C:\\x`` are refused with their reason
  (nothing is ever written to disk, but such a name marks a hostile archive).
* Sizes: a member is refused when its *declared* size is past the per-member limit
  (``ImportLimits.max_file_bytes``) or its declared compression ratio is absurd,
  and again while it is inflated in chunks, by the bytes that actually come out.
  All members, nested zips included, share one budget
  (``ImportLimits.max_expanded_bytes``); spending it stops the archive.
* Zips inside the zip (Garmin's export) are opened in memory, each bounded like
  any member, up to :attr:`ZipLimits.max_depth` levels.

Export readers yield :class:`ExportActivity` items, defined here for all of them.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol, Self

from rollcoach.imports.errors import ImportRejected
from rollcoach.imports.limits import DEFAULT_LIMITS, MB, ImportLimits, human_size
from rollcoach.imports.summary import ActivitySummary

CHUNK = 256 * 1024
_EOCD_SPAN = 22 + 0xFFFF  # the end record plus its longest possible comment
_DRIVE = re.compile(r"^[A-Za-z]:")
# What zipfile and zlib raise for damaged data, besides BadZipFile.
_CORRUPT = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError)


@dataclass(frozen=True)
class ZipLimits:
    """Limits a zip adds to :class:`ImportLimits`.

    Real exports compress 3:1 (FIT) to about 25:1 (XML, JSON); deflate tops out near
    1030:1. Past 200:1 a member over ``ratio_floor`` bytes is a bomb.
    """

    max_members: int = 100_000
    max_ratio: float = 200.0
    ratio_floor: int = MB
    max_depth: int = 3

    def __post_init__(self) -> None:
        if min(self.max_members, self.max_ratio, self.max_depth) <= 0:
            raise ValueError("zip limits must be positive")


DEFAULT_ZIP_LIMITS = ZipLimits()


class ArchiveTooLarge(ImportRejected):
    """The archive as a whole inflates past the limit: stop reading it."""


@dataclass(frozen=True)
class Member:
    """A member's bytes, or why it was refused (``reason`` set, ``data`` empty)."""

    name: str
    data: bytes = b""
    reason: str | None = None


@dataclass(frozen=True)
class ExportActivity:
    """One activity of an export: its summary, or why it cannot be imported.

    ``key`` is stable across exports (the service's activity id, say), so its hash
    identifies the activity on every re-import; ``source`` is its upload's path
    inside the export ("" when only the export's CSV, JSON or XML describes it)
    and ``label`` names it in a report.
    """

    key: str
    label: str
    source: str
    summary: ActivitySummary | None = None
    reason: str | None = None


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def unsafe_name(name: str) -> str | None:
    """Why a member name could escape a folder (``None``: it is safe)."""
    path = name.replace("\\", "/")
    checks = (
        ("\x00" in path, "NUL character"),
        (path.startswith("/"), "absolute path"),
        (bool(_DRIVE.match(path)), "drive letter"),
        (".." in path.split("/"), "path traversal '..'"),
    )
    why = next((why for failed, why in checks if failed), None)
    return f"unsafe file name in archive ({why})" if why else None


class _Closing:
    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class _Budget:
    def __init__(self, limit: int) -> None:
        self.limit, self.used = limit, 0

    def spend(self, n: int) -> None:
        self.check(n)
        self.used += n

    def check(self, n: int) -> None:
        if self.used + n > self.limit:
            raise ArchiveTooLarge(
                f"archive too large once unzipped: more than {human_size(self.limit)}"
            )


class MemberStream(_Closing):
    """A member opened for reading; every chunk is counted against the limits."""

    def __init__(
        self, raw: IO[bytes], info: zipfile.ZipInfo, limit: int, zl: ZipLimits, budget: _Budget
    ) -> None:
        self._raw, self._info, self._limit, self._zl, self._budget = raw, info, limit, zl, budget
        self.total = 0

    def read(self, size: int = -1, /) -> bytes:
        if size is None or size < 0:
            parts = []
            while chunk := self.read(CHUNK):
                parts.append(chunk)
            return b"".join(parts)
        try:
            chunk = self._raw.read(min(size, CHUNK))
        except _CORRUPT as exc:
            raise ImportRejected(f"corrupt file in archive: {str(exc)[:80]}") from None
        self._count(len(chunk))
        return chunk

    def _count(self, n: int) -> None:
        self.total += n
        self._budget.spend(n)
        if self.total > self._limit:
            raise ImportRejected(f"too large once unzipped: more than {human_size(self._limit)}")
        compressed = max(self._info.compress_size, 1)
        if self.total > self._zl.ratio_floor and self.total > self._zl.max_ratio * compressed:
            raise ImportRejected("refused: inflates far beyond its compressed size (zip bomb)")

    def close(self) -> None:
        self._raw.close()


class Archive(_Closing):
    """A zip from a path or bytes; names with a reason to refuse them are in ``refused``."""

    def __init__(
        self,
        source: Path | bytes,
        limits: ImportLimits = DEFAULT_LIMITS,
        zip_limits: ZipLimits = DEFAULT_ZIP_LIMITS,
        *,
        prefix: str = "",
        depth: int = 0,
        budget: _Budget | None = None,
    ) -> None:
        self.limits, self.zip_limits, self.prefix, self.depth = limits, zip_limits, prefix, depth
        self._budget = budget or _Budget(limits.max_expanded_bytes)
        self._file: IO[bytes] = (
            source.open("rb") if isinstance(source, Path) else io.BytesIO(source)
        )
        try:
            self._check_count(member_bound(self._file))
            self._zip = zipfile.ZipFile(self._file)
        except _CORRUPT as exc:
            self._file.close()
            raise ImportRejected(f"not a valid zip file: {str(exc)[:80]}") from None
        infos = self._zip.infolist()
        self._check_count(len(infos))
        self.refused: list[tuple[str, str]] = []
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            reason = unsafe_name(info.filename)
            if reason is not None:
                self.refused.append((info.filename, reason))
            elif not info.is_dir():
                self._infos[info.filename] = info

    def _check_count(self, count: int) -> None:
        if count > self.zip_limits.max_members:
            self.close()
            raise ImportRejected(
                f"too many files in archive: {count} > {self.zip_limits.max_members}"
            )

    @property
    def names(self) -> list[str]:
        """Safe member names (no folders), in archive order."""
        return list(self._infos)

    def open(self, name: str, limit: int | None = None) -> MemberStream:
        """A bounded stream over one member (``limit`` defaults to the per-file limit)."""
        info = self._infos[name]
        limit = self.limits.max_file_bytes if limit is None else limit
        zl = self.zip_limits
        if info.flag_bits & 0x1:
            raise ImportRejected("encrypted file in archive")
        if info.file_size > limit:
            raise ImportRejected(
                f"too large once unzipped: {human_size(info.file_size)} > {human_size(limit)} limit"
            )
        if info.file_size > zl.ratio_floor and info.file_size > zl.max_ratio * max(
            info.compress_size, 1
        ):
            raise ImportRejected("refused: declared far larger than its compressed size (zip bomb)")
        self._budget.check(info.file_size)
        try:
            raw = self._zip.open(info)
        except _CORRUPT as exc:
            raise ImportRejected(f"corrupt file in archive: {str(exc)[:80]}") from None
        return MemberStream(raw, info, limit, zl, self._budget)

    def read(self, name: str, limit: int | None = None) -> bytes:
        with self.open(name, limit) as stream:
            return stream.read()

    def members(self, wanted: Callable[[str], bool]) -> Iterator[Member]:
        """Wanted members' bytes, nested zips opened, refused names reported as they come."""
        for name, reason in self.refused:
            yield Member(self.prefix + name, reason=reason)
        for name in self._infos:
            if name.lower().endswith(".zip"):
                yield from self._nested(name, wanted)
            elif wanted(name):
                try:
                    yield Member(self.prefix + name, self.read(name))
                except ArchiveTooLarge:
                    raise
                except ImportRejected as exc:
                    yield Member(self.prefix + name, reason=exc.reason)

    def _nested(self, name: str, wanted: Callable[[str], bool]) -> Iterator[Member]:
        label = self.prefix + name
        if self.depth + 1 > self.zip_limits.max_depth:
            yield Member(label, reason=f"zip nested too deeply (limit {self.zip_limits.max_depth})")
            return
        try:
            inner = Archive(
                self.read(name),
                self.limits,
                self.zip_limits,
                prefix=label + "/",
                depth=self.depth + 1,
                budget=self._budget,
            )
        except ArchiveTooLarge:
            raise
        except ImportRejected as exc:
            yield Member(label, reason=exc.reason)
            return
        with inner:
            yield from inner.members(wanted)

    def close(self) -> None:
        if hasattr(self, "_zip"):
            self._zip.close()
        self._file.close()


def member_bound(stream: IO[bytes]) -> int:
    """Most members the end record allows: its count, or what its directory size could hold.

    Checked before zipfile reads the central directory (it builds every entry in
    memory, and trusts the directory's size rather than the count).
    """
    size = stream.seek(0, io.SEEK_END)
    stream.seek(max(size - _EOCD_SPAN, 0))
    tail = stream.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return 0  # not a zip: zipfile says so
    total, directory = struct.unpack_from("<HI", tail, at + 10)
    locator = at - 20  # ZIP64: the real figures sit in a record the locator points to
    if locator >= 0 and tail[locator : locator + 4] == b"PK\x06\x07":
        (offset,) = struct.unpack_from("<Q", tail, locator + 8)
        stream.seek(offset)
        record = stream.read(56)
        if len(record) == 56 and record[:4] == b"PK\x06\x06":
            total, directory = struct.unpack_from("<QQ", record, 32)
    return max(int(total), int(directory) // 46)  # 46 bytes: the smallest directory entry


def iter_members(
    source: Path | bytes,
    wanted: Callable[[str], bool],
    limits: ImportLimits = DEFAULT_LIMITS,
    zip_limits: ZipLimits = DEFAULT_ZIP_LIMITS,
) -> Iterator[Member]:
    """Every wanted member of a zip (nested zips included) as bytes, or with its refusal.

    Raises :class:`ImportRejected` when the archive itself is unusable (not a zip,
    too many members) and :class:`ArchiveTooLarge` when it inflates past the limit.
    """
    with Archive(source, limits, zip_limits) as archive:
        yield from archive.members(wanted)
