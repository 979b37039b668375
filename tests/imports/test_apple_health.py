"""Apple Health export.xml: workouts streamed, the DTD cut out, entities never expanded."""

import io
import time
import tracemalloc
import zipfile
from datetime import UTC, datetime

import pytest

from rollcoach.imports import apple_health
from rollcoach.imports.archives import ExportActivity
from rollcoach.imports.errors import ImportRejected
from tests.imports.test_garmin_export import Trickle

DTD = """<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 14 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT Workout ((MetadataEntry|WorkoutEvent|WorkoutStatistics|WorkoutRoute)*)>
<!ATTLIST Workout
  workoutActivityType CDATA #REQUIRED
  duration CDATA #IMPLIED
  durationUnit CDATA #IMPLIED
>
]>
"""
RUN = """ <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="31.5"
  durationUnit="min" sourceName="Apple Watch" sourceVersion="10.5"
  creationDate="2026-07-14 07:05:00 -0700"
  startDate="2026-07-14 06:30:00 -0700" endDate="2026-07-14 07:03:00 -0700">
  <MetadataEntry key="HKIndoorWorkout" value="0"/>
  <MetadataEntry key="HKElevationAscended" value="4250 cm"/>
  <WorkoutEvent type="HKWorkoutEventTypeSegment" date="2026-07-14 06:30:00 -0700"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" sum="420" unit="kcal"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" average="151.2" minimum="98"
   maximum="172" unit="count/min"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" sum="6.2" unit="km"/>
 </Workout>
"""
OLD_WALK = """ <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="1800"
  durationUnit="s" totalDistance="1.5" totalDistanceUnit="mi" sourceName="Garmin Connect"
  startDate="2019-03-02 09:00:00 +0000" endDate="2019-03-02 09:32:00 +0000"/>
"""
TREADMILL = """ <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="20"
  durationUnit="min" sourceName="Apple Watch" startDate="2026-07-16 18:00:00 +0200"
  endDate="2026-07-16 18:20:00 +0200">
  <MetadataEntry key="HKIndoorWorkout" value="1"/>
 </Workout>
"""
YOGA = """ <Workout workoutActivityType="HKWorkoutActivityTypeYoga" duration="45"
  durationUnit="min" startDate="2026-07-17 07:00:00 +0200" endDate="2026-07-17 07:45:00 +0200"/>
"""
RECORD = (
    ' <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Apple Watch" unit="count/min"'
    ' creationDate="2026-07-14 06:31:00 -0700" startDate="2026-07-14 06:31:00 -0700"'
    ' endDate="2026-07-14 06:31:00 -0700" value="{bpm}"/>\n'
)


def export_xml(*workouts: str, records: int = 3, dtd: str = DTD) -> bytes:
    body = "".join(RECORD.format(bpm=100 + i % 80) for i in range(records))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + dtd
        + '<HealthData locale="en_US">\n <ExportDate value="2026-07-20 10:00:00 -0700"/>\n'
        + ' <Me HKCharacteristicTypeIdentifierDateOfBirth="1980-01-01"/>\n'
        + body
        + "".join(workouts)
        + "</HealthData>\n"
    ).encode()


def apple_zip(xml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("apple_health_export/export.xml", xml)
        archive.writestr("apple_health_export/export_cda.xml", b"<ClinicalDocument/>")
        archive.writestr("apple_health_export/workout-routes/route_1.gpx", b"<gpx/>")
    return buffer.getvalue()


def read(data: bytes, step: int = 1 << 20) -> list[ExportActivity]:
    return list(apple_health.read_workouts(Trickle(data, step)))


def test_a_running_workout_with_statistics() -> None:
    (item,) = read(export_xml(RUN))
    run = item.summary
    assert run is not None
    assert run.start == datetime(2026, 7, 14, 13, 30, tzinfo=UTC)
    assert run.utc_offset_s == -7 * 3600
    assert (run.elapsed_s, run.moving_s) == (33 * 60, 31.5 * 60)
    assert (run.distance_m, run.climb_m) == (6200, 42.5)
    assert (run.avg_hr, run.max_hr) == (151, 172)
    assert (run.sport, run.sub_sport, run.device) == ("running", None, "Apple Watch")
    assert run.source_format == "apple-health"


def test_older_total_distance_seconds_and_miles_and_a_utc_offset_of_zero() -> None:
    (item,) = read(export_xml(OLD_WALK))
    walk = item.summary
    assert walk is not None
    assert (walk.sport, walk.moving_s, walk.elapsed_s) == ("walking", 1800, 1920)
    assert walk.distance_m == pytest.approx(2414.016)
    assert walk.utc_offset_s == 0  # "+0000" is a real local zone (London in winter)
    assert (walk.avg_hr, walk.climb_m) == (None, None)


def test_indoor_runs_are_treadmill_runs_and_other_types_keep_their_name() -> None:
    found = [i.summary for i in read(export_xml(TREADMILL, YOGA))]
    assert [(s.sport, s.sub_sport) for s in found if s] == [
        ("running", "treadmill"),
        ("yoga", None),
    ]


def test_tiny_chunks_give_the_same_workouts_and_stable_keys() -> None:
    data = export_xml(RUN, OLD_WALK, TREADMILL, YOGA)
    whole = [(i.key, i.summary) for i in read(data)]
    assert [(i.key, i.summary) for i in read(data, step=13)] == whole
    assert len({key for key, _ in whole}) == 4


def test_the_dtd_is_cut_even_when_broken_and_without_one_it_still_reads() -> None:
    broken = "<!DOCTYPE HealthData [\n<!ELEMENT HealthData (ExportDate,Me\n<!ATTLIST Workout\n"
    assert read(export_xml(RUN, dtd=broken))[0].summary is not None
    assert read(export_xml(RUN, dtd=""))[0].summary is not None


def test_entities_are_never_expanded() -> None:
    laughs = '<!DOCTYPE HealthData [\n<!ENTITY lol "lol">\n'
    laughs += "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    laughs += "]>\n"
    bomb = export_xml(RUN.replace('sourceName="Apple Watch"', 'sourceName="&lol9;"'), dtd=laughs)
    began = time.perf_counter()
    with pytest.raises(ImportRejected, match="undefined entity"):
        read(bomb)
    assert time.perf_counter() - began < 1


def test_not_an_apple_export_is_refused() -> None:
    with pytest.raises(ImportRejected, match="HealthData"):
        read(b'<?xml version="1.0"?><gpx></gpx>')
    with pytest.raises(ImportRejected, match="not a valid"):
        read(export_xml(RUN)[:-40])


def test_memory_stays_bounded_on_a_big_export() -> None:
    data = export_xml(RUN, records=40_000)  # about 11 MB of <Record> before the workout
    tracemalloc.start()
    try:
        (item,) = read(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert item.summary is not None
    assert peak < 4 * 1024 * 1024  # holding the records would take tens of MB


def test_export_xml_names() -> None:
    assert apple_health.is_export_xml("apple_health_export/export.xml")
    assert apple_health.is_export_xml("Export.XML")
    assert not apple_health.is_export_xml("apple_health_export/export_cda.xml")
