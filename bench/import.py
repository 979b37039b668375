"""How fast is a bulk import next to the way peer apps read run files, and is it the same?

    .venv/bin/python bench/import.py [--files 1000] [--data ../shared/data]

It builds a corpus of ``--files`` distinct run files in a temporary folder from the
real FIT, GPX and TCX recordings in ``shared/data`` (never copied into the
project): each copy is shifted by a whole number of days, so every file has its
own bytes and its own start. FIT copies get every date-time field moved (record
by record, definitions honoured, CRCs recomputed); GPX and TCX copies get the
dates in their text moved. The two stress files (a 12-hour ultra, a 7-session
multisport) are kept to 0.5 % of the corpus each, as in a real export.

Then, in the same run:

- baseline: each file parsed in turn the way peer apps do it: fitdecode iterating
  every frame of a ``FitReader`` and taking the ``session`` messages, ``gpxpy.parse``
  plus ``length_2d`` and ``get_uphill_downhill``, a plain ElementTree TCX parse;
- ours: ``history.importing.import_paths`` into a fresh SQLite database (hash,
  parse, store, one transaction per file), then again into the same database
  (every file already known);
- ours again, readers only (``read_activities``, nothing hashed or stored), to
  show what the parsing costs and what the database adds;
- the check: every file's summaries (start, elapsed time, distance) from both;
- memory: the process's peak and current RSS after a quarter, half and all of the
  files of the first import (the corpus is built by a child process and the
  baseline runs after the import, so the peak is the import's own; tracemalloc
  made the import 6x slower, too slow for a run of a few minutes).

Goal (issue): at least 5x faster than the baseline, identical summaries, flat
peak memory. Prints what it measures, goal met or not.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import os
import re
import resource
import struct
import subprocess
import sys
import tempfile
import time
import warnings
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import fitdecode
import gpxpy

from rollcoach.history.db import open_store
from rollcoach.history.importing import collect_files, import_paths
from rollcoach.imports._fitscan import fit_crc
from rollcoach.imports.limits import ImportLimits
from rollcoach.imports.registry import read_activities

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DAY_S = 86_400  # a multiple of 32 s: FIT compressed timestamps stay consistent
BIG_SHARE = 0.005  # each stress file's share of the corpus
GOAL_SPEEDUP = 5.0
START_TOLERANCE_S = 1.0
ELAPSED_TOLERANCE_S = 0.5
# Relative. gpxpy measures with a 6,378.137 km Earth radius (and a flat-earth step for
# short legs), we with the 6,371 km mean radius: GPX distances differ by 0.11 % by design.
DISTANCE_TOLERANCE = 0.002
MB = 1024 * 1024
FLAT_PEAK = 1.10  # flat: the peak at the end within 10 % of the peak after the first quarter
FLAT_GROWTH_MB = 10  # ... and no more than this much more held

# The real recordings both readers take as activities with a real clock.
SOURCES = (
    "fit/2013-02-06-12-11-14.fit",
    "fit/20170518-191602-1740899583.fit",
    "fit/activity-small-fenix2-run.fit",
    "fit/coros-pace-2-cycling-misaligned-fields.fit",
    "fit/developer-types-sample.fit",
    "fit/fit-benchmarks-sample-run.fit",
    "fit/gap-2022-05-29-run.fit",
    "fit/garmin-fenix-5-bike.fit",
    "fit/garmin-fenix-5-run.fit",
    "fit/garmin-fenix-5-walk.fit",
    "fit/null_compressed_speed_dist.fit",
    "fit/sample_mulitple_header.fit",
    "strava-export/activities/12866632127.fit.gz",
    "gpx/cerknicko-jezero.gpx",
    "gpx/cerknicko-jezero-without-elevations.gpx",
    "gpx/gap-2025-08-29-hike-hr.gpx",
    "gpx/gap-2025-08-30-walk-hr.gpx",
    "gpx/track-with-empty-segment.gpx",
    "tcx/cross-country-skiing_activity_1.tcx",
    "tcx/mapmyride_biking.tcx",
    "tcx/sup_activity_1.tcx",
)
STRESS = ("fit/fit-benchmarks-large-ultra-run.fit", "fit/activity-large-fenxi2-multisport.fit")
LEFT_OUT = {
    "not activities (monitoring, settings, weight; GPX waypoints and a route)": "both skip",
    "invalid/*.fit, strava-android-app (undecodable), 15.tcx (empty)": "both fail",
    "antfs-dump.63.fit, compressed-speed-distance.fit, Mojstrovka.gpx": (
        "clock never set: we refuse, fitdecode/gpxpy return times since power-on / 1901"
    ),
    "cerknicko-without-times.gpx, korita-zbevnica.gpx": (
        "under 90 % of points timed: our elapsed time is unknown, gpxpy spans the timed points"
    ),
}


@dataclass(frozen=True)
class Summary:
    start: datetime
    elapsed_s: float | None
    distance_m: float | None


# Building the corpus


# (global message, field): date_time fields besides ``timestamp`` (253) in every message
TIME_FIELDS = {(0, 4), (18, 2), (19, 2), (101, 2), (34, 5)}
FIRST_ABSOLUTE, INVALID_U32 = 0x10000000, 0xFFFFFFFF


def shift_fit(data: bytes, seconds: int) -> bytes:
    """Every absolute date-time of every chained FIT file moved by ``seconds``; CRCs redone."""
    out, pos = bytearray(data), 0
    while len(out) - pos >= 12 and out[pos + 8 : pos + 12] == b".FIT":
        header_size = out[pos]
        end = pos + header_size + int.from_bytes(out[pos + 4 : pos + 8], "little")
        _shift_messages(out, pos + header_size, end, seconds)
        out[end : end + 2] = fit_crc(memoryview(out)[pos:end]).to_bytes(2, "little")
        pos = end + 2
    return bytes(out)


def _shift_messages(out: bytearray, pos: int, end: int, seconds: int) -> None:
    layouts: dict[int, tuple[str, list[int], int]] = {}  # local -> (byte order, offsets, size)
    while pos < end:
        header = out[pos]
        pos += 1
        if header & 0x80:  # compressed timestamp header: a data message, offsets stay valid
            pos = _shift_data(out, pos, layouts[(header >> 5) & 0x03], seconds)
        elif header & 0x40:  # definition
            order = ">" if out[pos + 1] == 1 else "<"
            global_num = struct.unpack_from(order + "H", out, pos + 2)[0]
            count, pos = out[pos + 4], pos + 5
            offsets, size = [], 0
            for _ in range(count):
                num, field_size = out[pos], out[pos + 1]
                if field_size == 4 and (num == 253 or (global_num, num) in TIME_FIELDS):
                    offsets.append(size)
                size, pos = size + field_size, pos + 3
            if header & 0x20:  # developer fields follow
                dev_count, pos = out[pos], pos + 1
                for _ in range(dev_count):
                    size, pos = size + out[pos + 1], pos + 3
            layouts[header & 0x0F] = (order, offsets, size)
        else:
            pos = _shift_data(out, pos, layouts[header & 0x0F], seconds)


def _shift_data(out: bytearray, pos: int, layout: tuple[str, list[int], int], seconds: int) -> int:
    order, offsets, size = layout
    for offset in offsets:
        value = struct.unpack_from(order + "I", out, pos + offset)[0]
        if FIRST_ABSOLUTE <= value < INVALID_U32:
            struct.pack_into(order + "I", out, pos + offset, value + seconds)
    return pos + size


XML_DATE = re.compile(rb"(?<=[>\"'])(\d{4}-\d{2}-\d{2})(?=T\d{2}:\d{2})")


def shift_xml(data: bytes, days: int) -> bytes:
    """GPX or TCX with every ISO date in an element or attribute moved by ``days``."""

    def moved(found: re.Match[bytes]) -> bytes:
        day = date.fromisoformat(found.group(1).decode()) + timedelta(days=days)
        return day.isoformat().encode()

    return XML_DATE.sub(moved, data)


def shifted(name: str, data: bytes, days: int) -> bytes:
    lowered = name.lower()
    if lowered.endswith(".gz"):
        return gzip.compress(shifted(name[:-3], gzip.decompress(data), days), mtime=0)
    if lowered.endswith(".fit"):
        return shift_fit(data, days * DAY_S)
    return shift_xml(data, days)


def schedule(total: int) -> list[str]:
    """Which source each file copies: stress files at 0.5 % each, the rest evenly;
    every source's copies spread evenly over the corpus (so each part is alike)."""
    big = max(1, round(total * BIG_SHARE))
    counts = dict.fromkeys(STRESS, big)
    rest = total - big * len(STRESS)
    for i, source in enumerate(SOURCES):
        counts[source] = rest // len(SOURCES) + (i < rest % len(SOURCES))
    slots = [((k + 0.5) / n, source) for source, n in counts.items() for k in range(n)]
    return [source for _, source in sorted(slots)]


def build_corpus(data: Path, folder: Path, total: int) -> list[Path]:
    """``total`` files in ``folder``. Copy k of source i moves by k x (sources) + i days, so
    no two files start on the same day: a real export has one recording per activity (some
    sources are one run twice, e.g. a watch's FIT and the Strava upload of it, which our
    import rightly stores once)."""
    sources = [*SOURCES, *STRESS]
    originals = {source: (data / source).read_bytes() for source in sources}
    copies: Counter[str] = Counter()
    files = []
    for i, source in enumerate(schedule(total)):
        days = copies[source] * len(sources) + sources.index(source) + 1
        copies[source] += 1
        name = Path(source).name
        suffix = "".join(Path(name).suffixes[-2:]) if name.endswith(".gz") else Path(name).suffix
        path = folder / f"{i:05d}-{Path(name).name[: -len(suffix)]}{suffix}"
        path.write_bytes(shifted(name, originals[source], days))
        files.append(path)
    digests = {hashlib.sha256(p.read_bytes()).digest() for p in files}
    if len(digests) != len(files):
        raise SystemExit("corpus: two files have the same bytes")
    return sorted(files)


# The baseline: what peer apps do


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def baseline_fit(data: bytes) -> list[Summary]:
    """Every frame through fitdecode's default reader; the session messages kept."""
    found = []
    with warnings.catch_warnings():  # fitdecode warns about odd definitions; apps ignore it
        warnings.simplefilter("ignore")
        with fitdecode.FitReader(io.BytesIO(data)) as reader:
            for frame in reader:
                if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "session":
                    found.append(_fit_session(frame))
    return [s for s in found if s is not None]


def _fit_session(frame: fitdecode.FitDataMessage) -> Summary | None:
    start = frame.get_value("start_time", fallback=None)
    elapsed = frame.get_value("total_elapsed_time", fallback=None)
    if not isinstance(start, datetime):
        end = frame.get_value("timestamp", fallback=None)
        if not isinstance(end, datetime) or elapsed is None:
            return None
        start = end - timedelta(seconds=round(elapsed))
    distance = frame.get_value("total_distance", fallback=None)
    return Summary(_utc(start), elapsed, distance)


def baseline_gpx(data: bytes) -> list[Summary]:
    """gpxpy's parse, with the distance and the climb an app shows."""
    gpx = gpxpy.parse(data.decode("utf-8-sig"))
    bounds = gpx.get_time_bounds()
    gpx.get_uphill_downhill()
    if bounds.start_time is None or bounds.end_time is None:
        return []
    elapsed = (bounds.end_time - bounds.start_time).total_seconds()
    return [Summary(_utc(bounds.start_time), elapsed, gpx.length_2d())]


TCX = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"


def baseline_tcx(data: bytes) -> list[Summary]:
    """A plain ElementTree parse: laps' start and distance, the last trackpoint time."""
    root = ET.fromstring(data.lstrip())  # noqa: S314 - the peers' way; ours uses defusedxml
    found = []
    for activity in root.iter(f"{TCX}Activity"):
        laps = activity.findall(f"{TCX}Lap")
        first = laps[0].get("StartTime") if laps else activity.findtext(f"{TCX}Id")
        if not first:
            continue
        start = _utc(datetime.fromisoformat(first))
        times = [
            _utc(datetime.fromisoformat(t.text)) for t in activity.iter(f"{TCX}Time") if t.text
        ]
        elapsed = (max(times) - start).total_seconds() if times else None
        distance = sum(float(lap.findtext(f"{TCX}DistanceMeters") or 0) for lap in laps)
        found.append(Summary(start, elapsed, distance))
    return found


def baseline(path: Path) -> list[Summary]:
    data = path.read_bytes()
    name = path.name.lower()
    if name.endswith(".gz"):
        data, name = gzip.decompress(data), name[:-3]
    if name.endswith(".fit"):
        return baseline_fit(data)
    if name.endswith(".gpx"):
        return baseline_gpx(data)
    return baseline_tcx(data)


# Measuring


def kind(path: Path) -> str:
    name = path.name.lower().removesuffix(".gz")
    return name.rsplit(".", 1)[-1].upper() + (" (.gz)" if path.name.endswith(".gz") else "")


@dataclass
class Timed:
    total_s: float
    per_file: dict[Path, float]


def time_baseline(files: list[Path]) -> tuple[Timed, dict[Path, list[Summary]]]:
    summaries, per_file = {}, {}
    began = time.perf_counter()
    for path in files:
        at = time.perf_counter()
        summaries[path] = baseline(path)
        per_file[path] = time.perf_counter() - at
    return Timed(time.perf_counter() - began, per_file), summaries


def time_parse(files: list[Path]) -> Timed:
    """Our readers alone (``read_activities``), no hash and no database: where time goes."""
    limits, per_file = ImportLimits(), {}
    began = time.perf_counter()
    for path in files:
        at = time.perf_counter()
        read_activities(path.name, path.read_bytes(), limits)
        per_file[path] = time.perf_counter() - at
    return Timed(time.perf_counter() - began, per_file)


def timed_import(
    url: str, files: list[Path], on_file: Callable[[Path], None] | None = None
) -> float:
    """Seconds ``import_paths`` takes for ``files`` into the database at ``url``."""
    with open_store(url) as store:
        athlete = store.default_athlete()
        began = time.perf_counter()
        report = import_paths(store, athlete, files, ImportLimits(), on_file)
        elapsed = time.perf_counter() - began
    if report.skipped:
        raise SystemExit(f"our import skipped files: {report.skipped[:3]}")
    return elapsed


Memory = dict[int, tuple[float, float | None]]  # files done -> (peak RSS, current RSS) in MB


def time_ours(url: str, files: list[Path], marks: set[int]) -> tuple[Timed, Memory]:
    """The first import, timed per file, with the memory after each of ``marks`` files."""
    per_file: dict[Path, float] = {}
    memory: Memory = {0: rss_mb()}
    last = [time.perf_counter()]

    def tick(path: Path) -> None:
        per_file[path] = time.perf_counter() - last[0]
        if len(per_file) in marks:
            memory[len(per_file)] = rss_mb()
        last[0] = time.perf_counter()  # the look-up above is not the import's time

    with open_store(url) as store:  # created here, so the first file does not pay for it
        store.default_athlete()
    last[0] = time.perf_counter()
    total = timed_import(url, files, tick)
    return Timed(total, per_file), memory


def stored_summaries(url: str) -> dict[Path, list[Summary]]:
    found: dict[Path, list[Summary]] = defaultdict(list)
    with open_store(url) as store:
        for row in store.activities(store.default_athlete()):
            found[Path(row.source_path)].append(
                Summary(row.start_utc, row.elapsed_s, row.distance_m)
            )
    return found


@dataclass
class Gaps:
    files: int = 0
    same: int = 0
    start_s: float = 0.0
    elapsed_s: float = 0.0
    distance: float = 0.0  # relative
    first_mismatch: str = ""


def _known(value: float | None) -> float | None:
    return value if value else None  # 0 m: no distance, as our readers say it


def compare(ours: dict[Path, list[Summary]], theirs: dict[Path, list[Summary]]) -> dict[str, Gaps]:
    gaps: dict[str, Gaps] = defaultdict(Gaps)
    for path, expected in theirs.items():
        gap = gaps[kind(path)]
        gap.files += 1
        got = sorted(ours.get(path, []), key=lambda s: s.start)
        expected = sorted(expected, key=lambda s: s.start)
        same = len(got) == len(expected)
        for a, b in zip(got, expected, strict=False):
            start = abs((a.start - b.start).total_seconds())
            elapsed = _difference(a.elapsed_s, b.elapsed_s)
            distance = _difference(_known(a.distance_m), _known(b.distance_m), relative=True)
            gap.start_s, gap.elapsed_s = max(gap.start_s, start), max(gap.elapsed_s, elapsed)
            gap.distance = max(gap.distance, distance)
            same = same and start <= START_TOLERANCE_S and elapsed <= ELAPSED_TOLERANCE_S
            same = same and distance <= DISTANCE_TOLERANCE
        gap.same += same
        if not same and not gap.first_mismatch:
            gap.first_mismatch = f"{path.name}: ours {got} / baseline {expected}"
    return dict(gaps)


def _difference(a: float | None, b: float | None, *, relative: bool = False) -> float:
    if a is None or b is None:
        return 0.0 if a is None and b is None else float("inf")
    return abs(a - b) / max(abs(b), 1e-9) if relative else abs(a - b)


def rss_mb() -> tuple[float, float | None]:
    """Peak RSS of this process so far, and its current RSS where /proc tells it."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mb = peak / MB if sys.platform == "darwin" else peak / 1024  # bytes there, KiB here
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return peak_mb, None
    return peak_mb, pages * resource.getpagesize() / MB


# Report


def rate(files: int, seconds: float) -> str:
    return f"{seconds:7.2f} s  {files / seconds:8,.1f} files/s"


def by_kind(files: list[Path], timed: Timed) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    for path in files:
        totals[kind(path)] += timed.per_file.get(path, 0.0)
    return totals


def print_corpus(files: list[Path], data: Path, built_s: float) -> Counter[str]:
    size = sum(p.stat().st_size for p in files)
    formats = Counter(kind(p) for p in files)
    mix = ", ".join(f"{k} {n}" for k, n in sorted(formats.items()))
    print(f"corpus: {len(files):,} files ({mix}), {size / MB:.1f} MB, built in {built_s:.1f} s")
    print(
        f"  copies of {len(SOURCES) + len(STRESS)} real files in {data}, each moved by whole days;"
    )
    print(f"  the 12 h ultra and the 7-session multisport file are {BIG_SHARE:.1%} of it each")
    print("  left out (the readers disagree by design or both refuse):")
    for what, why in LEFT_OUT.items():
        print(f"    {what}: {why}")
    versions = f"fitdecode {fitdecode.__version__}, gpxpy {gpxpy.__version__}"
    print(f"  Python {sys.version.split()[0]}, {versions}, {os.cpu_count()} CPUs")
    return formats


def print_times(
    files: list[Path], formats: Counter[str], base: Timed, ours: Timed, parse: Timed, again_s: float
) -> float:
    n = len(files)
    speedup = base.total_s / ours.total_s
    print("time for the whole corpus, one file after another")
    print(f"  baseline: fitdecode all frames, gpxpy, ElementTree {rate(n, base.total_s)}")
    print(f"  ours: import into a fresh SQLite database         {rate(n, ours.total_s)}")
    print(f"  ours: the same files again (all known)            {rate(n, again_s)}")
    print(f"  (ours: our readers alone, nothing stored          {rate(n, parse.total_s)})")
    again = base.total_s / again_s
    print(f"  speed-up, first import over baseline: {speedup:.2f}x; re-import: {again:.0f}x")
    print("  by format   files  baseline s  import s  speed-up  readers alone s  speed-up")
    base_kind, ours_kind, parse_kind = (
        by_kind(files, base),
        by_kind(files, ours),
        by_kind(files, parse),
    )
    for name in sorted(formats):
        b, o, r = base_kind[name], ours_kind[name], parse_kind[name]
        row = f"  {name:10s} {formats[name]:6d} {b:11.2f} {o:9.2f} {b / o:8.2f}x"
        print(f"{row} {r:16.2f} {b / r:8.2f}x")
    return speedup


def print_summaries(files: list[Path], gaps: dict[str, Gaps]) -> bool:
    same = sum(g.same for g in gaps.values())
    print(
        f"summaries: {same:,} of {len(files):,} files the same (start within "
        f"{START_TOLERANCE_S:g} s, elapsed within {ELAPSED_TOLERANCE_S:g} s, "
        f"distance within {DISTANCE_TOLERANCE:.1%})"
    )
    for name, gap in sorted(gaps.items()):
        print(
            f"  {name:10s} {gap.same:6,d} of {gap.files:<6,d} largest gaps: "
            f"start {gap.start_s:g} s, elapsed {gap.elapsed_s:.3g} s, distance {gap.distance:.3%}"
        )
        if gap.first_mismatch:
            print(f"    first mismatch: {gap.first_mismatch[:300]}")
    return same == len(files)


def print_memory(memory: Memory, after_baseline: tuple[float, float | None]) -> bool:
    print("memory of our import (process RSS: peak so far, and now)")
    for done, (peak, now) in sorted(memory.items()):
        label = "before the import" if done == 0 else f"after {done:,} files"
        current = "?" if now is None else f"{now:.1f} MB"
        print(f"  {label:>18s}: peak {peak:6.1f} MB, now {current}")
    marks = sorted(k for k in memory if k)
    first, last = memory[marks[0]], memory[marks[-1]]
    growth = None if first[1] is None or last[1] is None else last[1] - first[1]
    flat = last[0] <= first[0] * FLAT_PEAK and (growth is None or growth < FLAT_GROWTH_MB)
    print(
        f"  flat: {'yes' if flat else 'NO'} (peak grew {last[0] - first[0]:+.1f} MB from "
        f"{marks[0]:,} to {marks[-1]:,} files; allowed: {FLAT_PEAK - 1:.0%} and "
        f"{FLAT_GROWTH_MB:g} MB held)"
    )
    print(f"  (the baseline, run after it, took the process peak to {after_baseline[0]:.1f} MB)")
    return flat


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--files", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument("--data", type=Path, default=DATA, help="the shared sample files")
    parser.add_argument("--build-into", type=Path, help=argparse.SUPPRESS)  # the child's job
    args = parser.parse_args(argv)
    if args.files < 4:
        parser.error("--files: at least 4")
    if not (args.data / "fit").is_dir():
        parser.error(f"--data: no sample files in {args.data}")
    if args.build_into is not None:
        build_corpus(args.data, args.build_into, args.files)
        return 0

    with tempfile.TemporaryDirectory(prefix="rollcoach-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        began = time.perf_counter()
        # Built by a child process, so that this one's memory peak is the import's own.
        command = [sys.executable, __file__, "--files", str(args.files), "--data", str(args.data)]
        subprocess.run([*command, "--build-into", str(folder)], check=True)  # noqa: S603 - ourselves
        files = list(collect_files([folder]))  # as `rollcoach import FOLDER` collects them
        formats = print_corpus(files, args.data, time.perf_counter() - began)
        print()

        url = f"sqlite:///{Path(tmp) / 'history.db'}"
        marks = {len(files) // 4, len(files) // 2, len(files)}
        ours, memory = time_ours(url, files, marks)  # first: the baseline must not set its peak
        again_s = timed_import(url, files)
        base, theirs = time_baseline(files)
        after_baseline = rss_mb()
        parse = time_parse(files)

        speedup = print_times(files, formats, base, ours, parse, again_s)
        print()
        identical = print_summaries(files, compare(stored_summaries(url), theirs))
        print()
        flat = print_memory(memory, after_baseline)
        print()
        met = speedup >= GOAL_SPEEDUP
        print(
            f"goal: >= {GOAL_SPEEDUP:g}x faster {'met' if met else 'NOT met'} ({speedup:.2f}x); "
            f"same summaries {'yes' if identical else 'NO'}; flat memory {'yes' if flat else 'NO'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
