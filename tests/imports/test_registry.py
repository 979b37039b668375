"""Choosing readers by extension, ``.gz`` unwrapping and size limits."""

from __future__ import annotations

import gzip
import io
import time
import tracemalloc
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rollcoach.imports import registry
from rollcoach.imports.errors import ImportRejected
from rollcoach.imports.limits import DEFAULT_LIMITS, MB, ImportLimits
from rollcoach.imports.registry import SUPPORTED_SUFFIXES, read_activities, read_path
from tests.imports.fitwriter import Session, activity_fit

START = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
FIT = activity_fit([Session(START, 1800.0, 1790.0, 5000.0, avg_hr=150, max_hr=170)])
GPX = (
    b'<gpx version="1.1"><trk><trkseg>'
    b'<trkpt lat="46" lon="14"><time>2024-05-01T06:00:00Z</time></trkpt>'
    b'<trkpt lat="46.01" lon="14"><time>2024-05-01T06:05:00Z</time></trkpt>'
    b"</trkseg></trk></gpx>"
)
TCX = (
    b'<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
    b'<Activities><Activity Sport="Running"><Id>2024-05-01T06:00:00Z</Id>'
    b'<Lap StartTime="2024-05-01T06:00:00Z"><TotalTimeSeconds>60</TotalTimeSeconds></Lap>'
    b"</Activity></Activities></TrainingCenterDatabase>"
)


def _rejected(name: str, data: bytes | io.BytesIO, limits: ImportLimits = DEFAULT_LIMITS) -> str:
    with pytest.raises(ImportRejected) as caught:
        read_activities(name, data, limits)
    return caught.value.reason


def _zero_bomb(expanded_bytes: int, member_bytes: int = 64 * MB) -> bytes:
    """Gzip members of zeros back to back (valid gzip); compress one, repeat it."""
    member = gzip.compress(bytes(member_bytes), compresslevel=9)
    return member * (expanded_bytes // member_bytes)


def test_limits_have_safe_defaults_and_are_frozen() -> None:
    assert ImportLimits(max_file_bytes=200 * MB, max_expanded_bytes=1024 * MB) == DEFAULT_LIMITS
    with pytest.raises(AttributeError):
        DEFAULT_LIMITS.max_file_bytes = 1  # type: ignore[misc]
    with pytest.raises(ValueError, match="positive"):
        ImportLimits(max_file_bytes=0)


def test_supported_suffixes_cover_plain_and_gzipped_formats() -> None:
    assert set(SUPPORTED_SUFFIXES) == {".fit", ".gpx", ".tcx", ".fit.gz", ".gpx.gz", ".tcx.gz"}


@pytest.mark.parametrize(
    ("name", "data", "source"),
    [
        ("run.fit", FIT, "fit"),
        ("RUN.FIT", FIT, "fit"),
        ("run.FIT.GZ", gzip.compress(FIT), "fit"),
        ("2024-05-01 morning.run.Fit.gz", gzip.compress(FIT), "fit"),
        ("track.GPX", GPX, "gpx"),
        ("track.gpx.gz", gzip.compress(GPX), "gpx"),
        ("lap.TcX", TCX, "tcx"),
        ("lap.tcx.GZ", gzip.compress(TCX), "tcx"),
    ],
)
def test_reader_is_chosen_by_extension_case_insensitively(
    name: str, data: bytes, source: str
) -> None:
    [summary] = read_activities(name, data)
    assert summary.source_format == source
    assert summary.start == START


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("notes.xyz", "unsupported file type .xyz"),
        ("notes.XYZ.gz", "unsupported file type .xyz"),
        ("archive.gz", "unsupported file type .gz"),
        ("README", "unsupported file type (no extension)"),
        ("export.zip", "unsupported file type .zip"),
    ],
)
def test_unknown_extensions_are_refused(name: str, reason: str) -> None:
    assert _rejected(name, FIT) == reason


def test_a_stream_is_read_like_bytes() -> None:
    [summary] = read_activities("run.fit", io.BytesIO(FIT))
    assert summary.distance_m == 5000


def test_bytes_and_streams_past_the_limit_are_refused() -> None:
    limits = ImportLimits(max_file_bytes=100)
    assert _rejected("run.fit", FIT, limits) == f"too large: {len(FIT)} bytes > 100 bytes limit"
    assert _rejected("run.fit", io.BytesIO(FIT), limits) == "too large: more than 100 bytes limit"


def test_multi_member_gzip_is_read_whole() -> None:
    half = len(FIT) // 2
    data = gzip.compress(FIT[:half]) + gzip.compress(FIT[half:]) + b"\0" * 8
    [summary] = read_activities("run.fit.gz", data)
    assert summary.avg_hr == 150


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "file is empty"),
        (gzip.compress(b""), "file is empty"),
        (b"not gzip at all", "corrupt gzip file: not valid gzip data"),
        (gzip.compress(FIT)[:-12], "corrupt gzip file: truncated (it ends too early)"),
        (gzip.compress(FIT) + b"trailing junk", "corrupt gzip file: unexpected data after the end"),
    ],
)
def test_broken_gzip_is_refused(data: bytes, reason: str) -> None:
    assert _rejected("run.fit.gz", data) == reason


def test_a_two_gigabyte_gzip_bomb_is_refused_quickly_in_bounded_memory() -> None:
    bomb = _zero_bomb(2048 * MB)  # ~2 MB on disk, 2 GB inflated, past the 1 GB default
    assert len(bomb) < DEFAULT_LIMITS.max_file_bytes
    tracemalloc.start()
    began = time.perf_counter()
    try:
        reason = _rejected("bomb.fit.gz", bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert reason == "too large once unzipped: more than 1024 MB"
    assert time.perf_counter() - began < 10
    assert peak < 32 * MB, f"peak {peak / MB:.0f} MB"


def test_a_single_stream_bomb_is_refused_at_a_lower_limit() -> None:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = bytes(MB)
    bomb = b"".join(compressor.compress(chunk) for _ in range(64)) + compressor.flush()
    limits = ImportLimits(max_expanded_bytes=16 * MB)
    assert _rejected("bomb.gpx.gz", bomb, limits) == "too large once unzipped: more than 16 MB"


def test_read_path_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "Morning Run.FIT"
    path.write_bytes(FIT)
    [summary] = read_path(path)
    assert summary.elapsed_s == 1800


def test_read_path_refuses_a_huge_file_by_its_size_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.fit"
    with open(path, "wb") as handle:
        handle.truncate(2048 * MB)  # sparse: no disk used
    opened: list[object] = []
    monkeypatch.setattr(registry, "open", lambda *a, **k: opened.append(a), raising=False)
    began = time.perf_counter()
    with pytest.raises(ImportRejected) as caught:
        read_path(path)
    assert caught.value.reason == "too large: 2048 MB > 200 MB limit"
    assert opened == []
    assert time.perf_counter() - began < 1


def test_read_path_reports_missing_and_unsupported_files(tmp_path: Path) -> None:
    with pytest.raises(ImportRejected, match="cannot read file"):
        read_path(tmp_path / "gone.fit")
    with pytest.raises(ImportRejected, match=r"unsupported file type \.txt"):
        read_path(tmp_path / "gone.txt")


def test_an_empty_file_on_disk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.gpx"
    path.write_bytes(b"")
    with pytest.raises(ImportRejected, match="file is empty"):
        read_path(path)


def test_a_reader_bug_becomes_a_rejection_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: bytes) -> list[object]:
        raise KeyError("oops")

    monkeypatch.setitem(registry.READERS, ".fit", broken)
    assert _rejected("run.fit", FIT) == "internal error reading this file (KeyError)"
