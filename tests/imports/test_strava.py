"""Strava bulk export: columns by header name, English and German, the CSV first."""

import csv
import gzip
import io
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from rollcoach.imports import strava
from rollcoach.imports.archives import Archive, ExportActivity
from rollcoach.imports.errors import ImportRejected
from rollcoach.imports.registry import read_activities
from rollcoach.imports.summary import ActivitySummary
from tests.imports.fitwriter import TREADMILL_SUB, Session, activity_fit

REAL_EXPORT = Path(__file__).resolve().parents[3] / "shared" / "data" / "strava-export"

# A 21-column slice of the real 94-column header, duplicates and all.
ENGLISH = [
    "Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description",
    "Elapsed Time", "Distance", "Max Heart Rate", "Relative Effort", "Commute", "Filename",
    "Elapsed Time", "Moving Time", "Distance", "Elevation Gain", "Elevation Loss",
    "Max Heart Rate", "Average Heart Rate", "Calories", "Perceived Exertion", "Media",
]  # fmt: skip
GERMAN = {
    "Activity ID": "Aktivitäts-ID",
    "Activity Date": "Aktivitätsdatum",
    "Activity Name": "Name der Aktivität",
    "Activity Type": "Aktivitätsart",
    "Activity Description": "Aktivitätsbeschreibung",
    "Elapsed Time": "Verstrichene Zeit",
    "Distance": "Distanz",
    "Max Heart Rate": "Max. Herzfrequenz",
    "Relative Effort": "Relative Leistung",
    "Commute": "Pendeln",
    "Filename": "Dateiname",
    "Moving Time": "Bewegungszeit",
    "Elevation Gain": "Höhenzunahme",
    "Elevation Loss": "Höhenabnahme",
    "Average Heart Rate": "Durchschnittliche Herzfrequenz",
    "Calories": "Kalorien",
    "Perceived Exertion": "Empfundene Anstrengung",
    "Media": "Medien",
}
GERMAN_TYPES = {"Run": "Lauf", "Ride": "Radfahrt", "Walk": "Spaziergang", "Hike": "Wanderung"}


@dataclass
class Row:
    """One activity as Strava writes it (km in the first Distance column, m in the second)."""

    id: str
    start: datetime
    type: str
    elapsed: float
    moving: float | None = None
    metres: float | None = None
    gain: float | None = None
    loss: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    rpe: float | None = None
    filename: str = ""
    description: str = ""

    def cells(self, german: bool) -> list[str]:
        def num(value: float | None) -> str:
            text = "" if value is None else repr(float(value))
            return text.replace(".", ",") if german else text

        km = None if self.metres is None else round(self.metres / 1000, 2)
        values = {
            "Activity ID": self.id,
            "Activity Date": german_date(self.start) if german else english_date(self.start),
            "Activity Name": f"{self.type} number {self.id}",
            "Activity Type": GERMAN_TYPES.get(self.type, self.type) if german else self.type,
            "Activity Description": self.description,
            "Relative Effort": "",
            "Commute": "false",
            "Filename": self.filename,
            "Moving Time": num(self.moving),
            "Elevation Gain": num(self.gain),
            "Elevation Loss": num(self.loss),
            "Average Heart Rate": num(self.avg_hr),
            "Calories": "",
            "Perceived Exertion": num(self.rpe),
            "Media": "",
        }
        seen: set[str] = set()
        cells = []
        for column in ENGLISH:
            second = column in seen
            seen.add(column)
            if column == "Elapsed Time":
                cells.append(num(self.elapsed) if second else str(int(self.elapsed)))
            elif column == "Distance":
                cells.append(num(self.metres) if second else num(km))
            elif column == "Max Heart Rate":
                cells.append(num(self.max_hr) if second else "")
            else:
                cells.append(values[column])
        return cells


def english_date(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{moment:%b} {moment.day}, {moment.year}, {hour}:{moment:%M:%S} {moment:%p}"


def german_date(moment: datetime) -> str:
    return f"{moment:%d.%m.%Y, %H:%M:%S}"


RUN_START = datetime(2022, 12, 9, 15, 24, 49, tzinfo=UTC)
ROWS = [
    Row("101", RUN_START, "Run", 3720, 3600, 10020.5, 52.3, 49.5, 148.4, 171, 6,
        "activities/101.fit.gz", "Felt good,\nthen \"windy\" at the end"),
    Row("102", datetime(2022, 12, 10, 7, 5, tzinfo=UTC), "Ride", 5400, 5300, 40100.0),
    Row("103", datetime(2023, 1, 2, 23, 59, 59, tzinfo=UTC), "Walk", 1800, None, None),
    Row("104", datetime(2023, 1, 3, 12, 0, 1, tzinfo=UTC), "Weight Training", 2400),
    Row("105", datetime(2023, 1, 4, 6, 0, tzinfo=UTC), "Run", 1800, 1790, 5000.0, 0.0, 0.0,
        filename="activities/105.fit.gz"),
]  # fmt: skip


def upload(start: datetime, **fields: object) -> bytes:
    """The upload behind a row: a FIT of the same run, with a local offset of +1 h."""
    return gzip.compress(activity_fit([Session(start, 1800, **fields)], local_offset_s=3600))  # type: ignore[arg-type]


UPLOADS = {
    "activities/101.fit.gz": upload(RUN_START, avg_hr=150, max_hr=175),
    "activities/105.fit.gz": upload(ROWS[4].start, avg_hr=140, max_hr=160, sub_sport=TREADMILL_SUB),
}


def strava_csv(rows: list[Row], *, german: bool = False) -> bytes:
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow([GERMAN[c] for c in ENGLISH] if german else ENGLISH)
    writer.writerows(row.cells(german) for row in rows)
    return text.getvalue().encode()


def strava_zip(rows: list[Row] = ROWS, *, german: bool = False, top: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{top}activities.csv", strava_csv(rows, german=german))
        for name, data in UPLOADS.items():
            archive.writestr(top + name, data)
        archive.writestr(f"{top}routes/1.gpx", b"<gpx/>")  # a planned route, not an activity
        archive.writestr(f"{top}profile.csv", b"Athlete ID\n1\n")
    return buffer.getvalue()


def strava_folder(folder: Path, rows: list[Row] = ROWS) -> Path:
    (folder / "activities").mkdir(parents=True)
    (folder / "activities.csv").write_bytes(strava_csv(rows))
    for name, data in UPLOADS.items():
        (folder / name).write_bytes(data)
    return folder


def from_zip(data: bytes) -> list[ExportActivity]:
    with Archive(data) as archive:
        name = next(n for n in archive.names if n.endswith("activities.csv"))
        return list(strava.archive_activities(archive, name))


def summaries(items: list[ExportActivity]) -> dict[str, ActivitySummary]:
    return {item.label: item.summary for item in items if item.summary is not None}


def test_the_summary_comes_from_the_csv_and_the_upload_adds_only_what_is_missing() -> None:
    found = summaries(from_zip(strava_zip()))
    run = found["activity 101"]
    assert (run.start, run.elapsed_s, run.moving_s) == (RUN_START, 3720, 3600)
    assert (run.distance_m, run.climb_m, run.descent_m) == (10020.5, 52.3, 49.5)
    assert (run.avg_hr, run.max_hr, run.rpe) == (148, 171, 6)  # the CSV's, not the FIT's 150/175
    assert (run.sport, run.sub_sport, run.source_format) == ("running", None, "strava-csv")
    assert run.utc_offset_s == 3600  # only the upload knows it
    treadmill = found["activity 105"]
    assert (treadmill.avg_hr, treadmill.max_hr, treadmill.sub_sport) == (140, 160, "treadmill")
    assert (treadmill.climb_m, treadmill.descent_m) == (0, 0)


def test_manual_entries_and_other_sports_count_too() -> None:
    found = summaries(from_zip(strava_zip()))
    assert len(found) == 5
    ride, walk, gym = found["activity 102"], found["activity 103"], found["activity 104"]
    assert (ride.sport, ride.distance_m, ride.utc_offset_s) == ("cycling", 40100.0, None)
    assert (walk.sport, walk.distance_m, walk.elapsed_s) == ("walking", None, 1800)
    assert (gym.sport, gym.distance_m, gym.avg_hr) == ("weight training", None, None)


def test_a_german_export_gives_the_same_summaries() -> None:
    english = from_zip(strava_zip())
    german = from_zip(strava_zip(german=True, top="export_123/"))
    assert [(i.key, i.summary) for i in german] == [(i.key, i.summary) for i in english]


def test_an_unpacked_folder_reads_like_the_zip(tmp_path: Path) -> None:
    items = list(strava.folder_activities(strava_folder(tmp_path / "export")))
    assert summaries(items) == summaries(from_zip(strava_zip()))
    assert items[0].source == "activities/101.fit.gz"
    assert items[1].source == ""  # a manual entry: only the CSV describes it


def test_keys_are_stable_per_activity_id() -> None:
    first = [i.key for i in from_zip(strava_zip(ROWS[:2]))]
    later = [i.key for i in from_zip(strava_zip(ROWS))]
    assert later[:2] == first
    assert first[0] == strava.activity_key("101")
    assert len(set(later)) == len(later)


def test_without_uploads_the_csv_row_still_stands() -> None:
    items = list(strava.read_csv(strava_csv(ROWS[:1])))
    assert items[0].summary is not None
    assert items[0].summary.utc_offset_s is None
    broken = {"activities/101.fit.gz": b"not gzip"}

    def linked(name: str) -> list[ActivitySummary]:
        return read_activities(name, broken[name])

    items = list(strava.read_csv(strava_csv(ROWS[:1]), linked))
    assert items[0].summary is not None
    assert items[0].summary.avg_hr == 148


def test_an_upload_of_another_activity_is_not_merged() -> None:
    other = upload(datetime(2020, 1, 1, tzinfo=UTC), avg_hr=99)

    def linked(name: str) -> list[ActivitySummary]:
        return read_activities(name, other)

    items = list(strava.read_csv(strava_csv([ROWS[1]]), linked))
    assert items[0].summary is not None
    assert items[0].summary.avg_hr is None


def test_a_row_with_an_unreadable_date_is_reported_and_the_rest_read() -> None:
    data = strava_csv(ROWS[:2]).replace(b"Dec 10, 2022", b"Smarch 10, 2022")
    items = list(strava.read_csv(data))
    assert items[0].summary is not None
    assert items[1].summary is None
    assert "unrecognised date" in str(items[1].reason)


def test_a_csv_without_the_key_columns_is_refused() -> None:
    with pytest.raises(ImportRejected, match="Activity Date"):
        list(strava.read_csv(b"Activity ID,Activity Type\n1,Run\n"))
    with pytest.raises(ImportRejected, match="empty"):
        list(strava.read_csv(b""))


@pytest.mark.parametrize(
    "text",
    [
        "Dec 9, 2022, 3:24:49 PM",
        "Dec 9, 2022, 3:24:49\u202fPM",
        "09.12.2022, 15:24:49",
        "9. Dez. 2022, 15:24:49",
        "2022-12-09 15:24:49",
    ],
)
def test_date_spellings(text: str) -> None:
    assert strava.parse_date(text) == RUN_START


def test_midnight_and_noon_in_twelve_hour_clock() -> None:
    day = datetime(2023, 1, 2, tzinfo=UTC)
    assert strava.parse_date("Jan 2, 2023, 12:00:01 AM") == day + timedelta(seconds=1)
    assert strava.parse_date("Jan 2, 2023, 12:00:01 PM") == day + timedelta(hours=12, seconds=1)


def test_old_ten_column_export_reads_km_from_its_one_distance_column() -> None:
    data = (
        b"Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,"
        b"Elapsed Time,Distance,Commute,Activity Gear,Filename\n"
        b'7,"Mar 3, 2018, 6:00:00 AM",Old run,Run,,2400,"8,5",false,,\n'
    )
    (item,) = strava.read_csv(data)
    assert item.summary is not None
    assert (item.summary.distance_m, item.summary.elapsed_s) == (8500.0, 2400)


@pytest.mark.skipif(
    not (REAL_EXPORT / "activities.csv").is_file(),
    reason=f"the shared sample data is not there ({REAL_EXPORT})",
)
def test_the_real_strava_export_matches_its_own_csv() -> None:
    with (REAL_EXPORT / "activities.csv").open(encoding="utf-8", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    (row,) = rows

    def last(column: str) -> str:
        return [row[i] for i, name in enumerate(header) if name == column][-1]

    (item,) = strava.folder_activities(REAL_EXPORT)
    run = item.summary
    assert run is not None
    assert run.start == datetime(2022, 5, 29, 15, 53, 35, tzinfo=UTC)  # "May 29, 2022, 3:53:35 PM"
    assert run.elapsed_s == float(last("Elapsed Time"))
    assert run.moving_s == float(last("Moving Time"))
    assert run.distance_m == pytest.approx(float(last("Distance")))  # metres, not the 3.32 km
    assert run.climb_m == pytest.approx(float(last("Elevation Gain")))
    assert run.descent_m == pytest.approx(float(last("Elevation Loss")))
    assert last("Average Heart Rate") == last("Max Heart Rate") == ""  # and the upload has none
    assert (run.avg_hr, run.max_hr) == (None, None)
    assert (run.sport, run.utc_offset_s) == ("running", 7200)
    assert item.source == last("Filename")
