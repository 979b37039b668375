"""Strava's bulk export: ``activities.csv`` (plus the original uploads) into summaries.

Each CSV row is one activity; its summary comes from the CSV, which is Strava's own
(corrected) figure. The linked upload (``Filename``) is opened only for what the
CSV cannot say: the local UTC offset (the CSV has none, and the local day decides
rest days), heart rate when the CSV columns are empty, the sub-sport (treadmill)
and the device. A missing or broken upload never costs the row: manual entries
have no file at all and still count.

Columns are looked up by header name, never by position (the column set changed
over the years and is translated), case-insensitively, through :data:`ALIASES`.
English names are the real export's; German ones are those seen in German exports
(``Aktivitäts-ID``, ``Aktivitätsdatum``, ``Aktivitätsart``, ``Verstrichene Zeit``,
``Bewegungszeit``, ``Distanz``, ``Höhenzunahme``, ``Höhenunterschied`` (loss),
``Max. Herzfrequenz``, ``Dateiname``) plus their plausible variants
(``Höhenzuwachs``, ``Durchschnittliche Herzfrequenz``, ``Empfundene Anstrengung``).

When a header appears twice (``Elapsed Time``, ``Max Heart Rate``) the last
non-empty value wins; with two ``Distance`` columns the second (metres) wins, a
lone one (pre-2019 exports) is read as km. Dates: ``Dec 9, 2022, 3:24:49 PM``,
``09.12.2022, 15:24:49``, ``9. Dez. 2022, 15:24:49`` or ISO, all UTC. Numbers
may use a decimal comma.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import re
import unicodedata
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from rollcoach.imports._common import heart_rate, non_negative, positive
from rollcoach.imports.archives import Archive, ExportActivity, unsafe_name
from rollcoach.imports.errors import ImportRejected
from rollcoach.imports.limits import DEFAULT_LIMITS, ImportLimits, too_large
from rollcoach.imports.registry import read_activities, read_path
from rollcoach.imports.summary import ActivitySummary

CSV_NAME = "activities.csv"
Linked = Callable[[str], list[ActivitySummary]]

ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("activity id", "aktivitäts-id"),
    "date": ("activity date", "aktivitätsdatum"),
    "name": ("activity name", "name der aktivität"),
    "type": ("activity type", "aktivitätsart"),
    "elapsed": ("elapsed time", "verstrichene zeit"),
    "moving": ("moving time", "bewegungszeit"),
    "distance": ("distance", "distanz"),
    "climb": ("elevation gain", "höhenzunahme", "höhenzuwachs", "höhenmeter"),
    "descent": ("elevation loss", "höhenabnahme", "höhenverlust", "höhenunterschied"),
    "avg_hr": ("average heart rate", "durchschnittliche herzfrequenz", "durchschnittliche hf"),
    "max_hr": ("max heart rate", "max. herzfrequenz", "maximale herzfrequenz", "max. hf"),
    "rpe": ("perceived exertion", "empfundene anstrengung", "wahrgenommene anstrengung"),
    "filename": ("filename", "dateiname"),
}
# Activity Type (English and German) -> (sport, sub-sport); anything else is lower-cased.
SPORTS: dict[str, tuple[str, str | None]] = {
    "run": ("running", None),
    "lauf": ("running", None),
    "trail run": ("running", "trail"),
    "traillauf": ("running", "trail"),
    "virtual run": ("running", "treadmill"),  # Zwift and friends: a treadmill run
    "virtueller lauf": ("running", "treadmill"),
    "ride": ("cycling", None),
    "radfahrt": ("cycling", None),
    "virtual ride": ("cycling", "indoor"),
    "virtuelle radfahrt": ("cycling", "indoor"),
    "walk": ("walking", None),
    "spaziergang": ("walking", None),
    "hike": ("hiking", None),
    "wanderung": ("hiking", None),
    "swim": ("swimming", None),
    "schwimmen": ("swimming", None),
}
_ENGLISH_MONTHS: tuple[str, ...] = ("jan", "feb", "mar", "apr", "may", "jun")
_ENGLISH_MONTHS += ("jul", "aug", "sep", "oct", "nov", "dec")
MONTHS = {
    **{m: i for i, m in enumerate(_ENGLISH_MONTHS, start=1)},
    **{"jän": 1, "mär": 3, "mrz": 3, "mai": 5, "okt": 10, "dez": 12},
}
_TIME = r"(?P<H>\d{1,2}):(?P<M>\d{2}):(?P<S>\d{2})"
_DATES = (
    re.compile(rf"(?P<mon>\w+)\.? (?P<d>\d{{1,2}}), (?P<y>\d{{4}}),? {_TIME} ?(?P<ampm>[AP]M)?$"),
    re.compile(rf"(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?P<y>\d{{4}}),? {_TIME}$"),
    re.compile(rf"(?P<d>\d{{1,2}})\. (?P<mon>\w+)\.? (?P<y>\d{{4}}),? {_TIME}$"),
    re.compile(rf"(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}})[ T]{_TIME}(?:Z|\+00:?00)?$"),
)
FILL_FROM_FILE: tuple[str, ...] = ("utc_offset_s", "elapsed_s", "moving_s", "distance_m", "climb_m")
FILL_FROM_FILE += ("descent_m", "avg_hr", "max_hr", "rpe", "device")
MATCH_WINDOW_S = 300  # an upload is this row's when it starts within 5 minutes of it


def activity_key(activity_id: str) -> str:
    """The stable content hash of one Strava activity, whichever export it came in."""
    return hashlib.sha256(f"strava:{activity_id}".encode()).hexdigest()


def folder_activities(
    folder: Path, limits: ImportLimits = DEFAULT_LIMITS, *, open_files: bool = True
) -> Iterator[ExportActivity]:
    """The activities of an unpacked export: ``folder/activities.csv`` and its uploads."""
    csv_path = find_csv(folder)
    if csv_path is None:
        raise ImportRejected(f"no {CSV_NAME} in this folder")
    size = csv_path.stat().st_size
    if size > limits.max_file_bytes:
        raise too_large(size, limits.max_file_bytes)

    def linked(filename: str) -> list[ActivitySummary]:
        if unsafe_name(filename):
            raise ImportRejected("unsafe file name")
        return read_path(folder / filename, limits)

    yield from read_csv(csv_path.read_bytes(), linked if open_files else None)


def archive_activities(
    archive: Archive,
    csv_name: str,
    limits: ImportLimits = DEFAULT_LIMITS,
    *,
    open_files: bool = True,
) -> Iterator[ExportActivity]:
    """The activities of a zipped export whose CSV is the member ``csv_name``."""
    root = csv_name[: -len(CSV_NAME)]
    names = set(archive.names)

    def linked(filename: str) -> list[ActivitySummary]:
        member = root + filename
        if member not in names:
            raise ImportRejected("upload not in the archive")
        return read_activities(member, archive.read(member), limits)

    yield from read_csv(archive.read(csv_name), linked if open_files else None)


def is_csv(name: str) -> bool:
    """Whether a path (in a zip or on disk) names an export's ``activities.csv``."""
    return name.replace("\\", "/").rsplit("/", 1)[-1].lower() == CSV_NAME


def find_csv(folder: Path) -> Path | None:
    """``activities.csv`` in this folder, whatever its case."""
    try:
        return next((p for p in folder.iterdir() if is_csv(p.name) and p.is_file()), None)
    except OSError:
        return None


def read_csv(data: bytes, linked: Linked | None = None) -> Iterator[ExportActivity]:
    """One item per row; a row that cannot be read carries its reason instead."""
    rows = csv.reader(io.StringIO(_decode(data), newline=""))
    header = next(rows, None)
    if header is None:
        raise ImportRejected(f"{CSV_NAME} is empty")
    columns = _columns(header)
    for needed in ("id", "date", "type"):
        if needed not in columns:
            raise ImportRejected(f"{CSV_NAME} has no {ALIASES[needed][0].title()} column")
    for number, row in enumerate(rows, start=2):
        if any(cell.strip() for cell in row):
            yield _row_activity(number, row, columns, linked)


def _row_activity(
    number: int, row: list[str], columns: dict[str, list[int]], linked: Linked | None
) -> ExportActivity:
    def value(field: str) -> str:
        for index in reversed(columns.get(field, [])):
            if index < len(row) and row[index].strip():
                return row[index].strip()
        return ""

    activity_id = value("id")
    filename = value("filename")
    label = f"activity {activity_id}" if activity_id else f"row {number}"
    key = activity_key(activity_id or f"row:{value('date')}|{value('type')}|{value('elapsed')}")
    item = ExportActivity(key, label, source=filename)
    start = parse_date(value("date"))
    if start is None:
        return _refused(item, f"unrecognised date {value('date')[:40]!r}")
    sport, sub_sport = sport_of(value("type"))
    try:
        summary = ActivitySummary(
            start=start,
            elapsed_s=non_negative(_number(value("elapsed"))),
            moving_s=non_negative(_number(value("moving"))),
            distance_m=positive(_distance(row, columns.get("distance", []))),
            climb_m=non_negative(_number(value("climb"))),
            descent_m=non_negative(_number(value("descent"))),
            avg_hr=heart_rate(_number(value("avg_hr"))),
            max_hr=heart_rate(_number(value("max_hr"))),
            sport=sport,
            sub_sport=sub_sport,
            rpe=_rpe(_number(value("rpe"))),
            source_format="strava-csv",
        )
    except ValueError as exc:  # pydantic's ValidationError: a value out of range
        return _refused(item, f"implausible values: {str(exc).splitlines()[0][:80]}")
    if filename and linked is not None:
        # The CSV row stands on its own; a missing or broken upload only loses detail.
        with contextlib.suppress(ImportRejected):
            summary = merge_upload(summary, linked(filename))
    return ExportActivity(item.key, label, item.source, summary=summary)


def _refused(item: ExportActivity, reason: str) -> ExportActivity:
    return ExportActivity(item.key, item.label, item.source, reason=reason)


def merge_upload(row: ActivitySummary, found: list[ActivitySummary]) -> ActivitySummary:
    """The row, with what only the upload knows filled in (if the upload is this activity)."""
    near = [s for s in found if abs((s.start - row.start).total_seconds()) <= MATCH_WINDOW_S]
    if not near:
        return row
    best = min(near, key=lambda s: abs((s.start - row.start).total_seconds()))
    fields = (*FILL_FROM_FILE, "sub_sport") if best.sport == row.sport else FILL_FROM_FILE
    update = {
        name: getattr(best, name)
        for name in fields
        if getattr(row, name) is None and getattr(best, name) is not None
    }
    return row.model_copy(update=update)


def sport_of(text: str) -> tuple[str, str | None]:
    cleaned = " ".join(text.split()).lower()
    return SPORTS.get(cleaned, (cleaned or "unknown", None))


def parse_date(text: str) -> datetime | None:
    """A Strava ``Activity Date`` (UTC) in any of the spellings above; ``None`` if unknown."""
    text = " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())
    for pattern in _DATES:
        match = pattern.match(text)
        if match is None:
            continue
        parts = match.groupdict()
        month = MONTHS.get((parts.get("mon") or "")[:3].lower()) or int(parts.get("m") or 0)
        hour = int(parts["H"])
        if parts.get("ampm"):
            hour = hour % 12 + (12 if parts["ampm"] == "PM" else 0)
        day, minute, second = int(parts["d"]), int(parts["M"]), int(parts["S"])
        try:
            return datetime(int(parts["y"]), month, day, hour, minute, second, tzinfo=UTC)
        except ValueError:
            return None
    return None


def _columns(header: list[str]) -> dict[str, list[int]]:
    lookup = {alias: field for field, aliases in ALIASES.items() for alias in aliases}
    columns: dict[str, list[int]] = {}
    for index, name in enumerate(header):
        cleaned = " ".join(unicodedata.normalize("NFC", name).lstrip("\ufeff").split()).lower()
        if cleaned in lookup:
            columns.setdefault(lookup[cleaned], []).append(index)
    return columns


def _distance(row: list[str], indices: list[int]) -> float | None:
    """Metres from the second ``Distance`` column, else km from the first."""
    cells = [_number(row[i]) if i < len(row) else None for i in indices]
    if len(cells) >= 2 and cells[-1] is not None:
        return cells[-1]
    return cells[0] * 1000 if cells and cells[0] is not None else None


def _number(text: str) -> float | None:
    """``3.32``, ``3,32``, ``1.234,5`` or ``1:02:03`` (a duration) as a float."""
    text = text.strip().replace(" ", "")
    if not text:
        return None
    if ":" in text:
        try:
            return float(sum(int(p) * 60**i for i, p in enumerate(reversed(text.split(":")))))
        except ValueError:
            return None
    if "," in text:
        decimal = "," if "." not in text or text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    try:
        return float(text)
    except ValueError:
        return None


def _rpe(value: float | None) -> float | None:
    return value if value is not None and 0 <= value <= 10 else None


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # re-saved by a spreadsheet on Windows
