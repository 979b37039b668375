"""XML nested too deep or holding too many elements is refused before a parser builds it.

A GPX nested 200,000 deep used to crash Python inside gpxpy (exit 139), so those
files are read in a child process: on a regression the test fails, the run goes on.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from xml.parsers.expat import ParserCreate

import pytest

from rollcoach.imports import _xmlshape
from rollcoach.imports._xmltext import xml_text
from rollcoach.imports.apple_health import read_workouts
from rollcoach.imports.errors import ImportRejected
from rollcoach.imports.gpx import read_gpx
from rollcoach.imports.limits import MAX_XML_DEPTH, MAX_XML_ELEMENTS
from tests.imports.test_apple_health import RUN, apple_zip, export_xml, read
from tests.imports.test_garmin_export import Trickle
from tests.imports.test_gpx import _gpx, _point
from tests.imports.test_tcx import _activity, _tcx

DEEP = 200_000
TOO_DEEP = f"the file nests its XML more than {MAX_XML_DEPTH} levels deep"
TOO_MANY = f"the file holds more than {MAX_XML_ELEMENTS:,} XML elements"
DATA = Path(__file__).resolve().parents[3] / "shared" / "data"

# Reads one file the way the importer does and prints why it was refused, and how fast.
CHILD = """
import json, sys, time
from pathlib import Path
from rollcoach.imports.apple_health import read_workouts
from rollcoach.imports.archives import Archive
from rollcoach.imports.errors import ImportRejected
from rollcoach.imports.registry import read_path

how, path = sys.argv[1], Path(sys.argv[2])
started, reason = time.perf_counter(), None
try:
    if how == "file":
        read_path(path)
    elif how == "xml":
        with path.open("rb") as stream:
            list(read_workouts(stream))
    else:
        with Archive(path) as archive, archive.open("apple_health_export/export.xml") as stream:
            list(read_workouts(stream))
except ImportRejected as exc:
    reason = exc.reason
print(json.dumps({"reason": reason, "seconds": time.perf_counter() - started}))
"""


def _refused_in_child(how: str, path: Path) -> tuple[str | None, float]:
    """The reason and seconds of a read in a child process, which must survive it."""
    child = subprocess.run(
        [sys.executable, "-c", CHILD, how, str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert child.returncode == 0, f"the reader crashed (exit {child.returncode}): {child.stderr}"
    answer = json.loads(child.stdout)
    return answer["reason"], answer["seconds"]


def deep_gpx(levels: int = DEEP) -> bytes:
    """A one-point GPX whose point holds ``levels`` nested ``<extensions>`` (5 MB at 200,000)."""
    nested = "<extensions>" * levels + "</extensions>" * levels
    return _gpx([[_point(0, seconds=0, hr=nested)]])


def deep_tcx(levels: int = DEEP) -> bytes:
    nested = "<Extensions>" * levels + "</Extensions>" * levels
    return _tcx(_activity("Running", [nested]))


def deep_export(levels: int = DEEP) -> bytes:
    """An Apple Health export: a run, then a record nested ``levels`` deep.

    Every level has its own name, so the zip of it is no zip bomb (refused as such).
    """
    names = [f"M{i}" for i in range(levels)]
    nested = "".join(f"<{n}>" for n in names) + "".join(f"</{n}>" for n in reversed(names))
    return export_xml(RUN, f"<Record>{nested}</Record>")


@pytest.mark.parametrize(("name", "data"), [("deep.gpx", deep_gpx()), ("deep.tcx", deep_tcx())])
def test_a_file_nested_200000_deep_is_refused_quickly_and_the_process_survives(
    tmp_path: Path, name: str, data: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    reason, seconds = _refused_in_child("file", path)
    assert reason is not None and reason.startswith(TOO_DEEP)
    assert seconds < 2


@pytest.mark.parametrize(("how", "name"), [("xml", "export.xml"), ("zip", "export.zip")])
def test_an_apple_export_nested_200000_deep_is_refused_quickly(
    tmp_path: Path, how: str, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(apple_zip(deep_export()) if how == "zip" else deep_export())
    reason, seconds = _refused_in_child(how, path)
    assert reason is not None and reason.startswith(TOO_DEEP)
    assert seconds < 2


@pytest.mark.parametrize("suffix", [".gpx", ".tcx"])
def test_an_element_bomb_is_refused(tmp_path: Path, suffix: str) -> None:
    flat = "<a/>" * (MAX_XML_ELEMENTS + 1)  # 16 MB; ElementTree would build 350 MB of it
    if suffix == ".gpx":
        data = _gpx([[_point(0, seconds=0, hr=flat)]])
    else:
        data = _tcx(_activity("Running", [f"<Extensions>{flat}</Extensions>"]))
    path = tmp_path / f"bomb{suffix}"
    path.write_bytes(data)
    reason, seconds = _refused_in_child("file", path)
    assert reason is not None and reason.startswith(TOO_MANY)
    assert seconds < 60


def test_nesting_up_to_the_limit_reads_and_one_more_is_refused() -> None:
    # gpx, trk, trkseg, trkpt and extensions are 5 levels; the nesting adds the rest.
    (run,) = read_gpx(deep_gpx(MAX_XML_DEPTH - 5))
    assert run.source_format == "gpx"
    with pytest.raises(ImportRejected, match=TOO_DEEP):
        read_gpx(deep_gpx(MAX_XML_DEPTH - 4))


@pytest.mark.parametrize(
    ("tag", "hiding"),
    [
        ("<n>", "<!--</n>-->"),  # end tags in a comment
        ("<n>", "<![CDATA[</n>]]>"),  # ... in CDATA
        ("<n>", "<?note </n>?>"),  # ... in a processing instruction
        ('<n a="/>" b=">">', ""),  # a start tag that looks empty
    ],
)
def test_what_is_not_markup_hides_no_depth(tag: str, hiding: str) -> None:
    text = "<r>" + (tag + hiding) * 100 + "</n>" * 100 + "</r>"
    with pytest.raises(ImportRejected, match=TOO_DEEP):
        _xmlshape.check_xml_shape(text)


def test_many_empty_elements_are_counted_exactly_not_refused() -> None:
    # Counting takes each <e/> as a level it cannot see closing; expat then decides.
    text = "<r>" + '<e k="v/>"/>' * 100_000 + "</r>"
    _xmlshape.check_xml_shape(text)


def test_apple_export_entries_are_capped_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_xmlshape, "MAX_XML_ELEMENTS", 1_000)
    assert [i.summary is not None for i in read(export_xml(RUN, records=3_000))] == [True]
    big = "<Record>" + "<MetadataEntry/>" * 1_000 + "</Record>"
    workouts = read_workouts(Trickle(export_xml(RUN, big), 64))
    assert next(workouts).summary is not None  # what came before still reads
    with pytest.raises(ImportRejected, match="one entry of this export holds more than 1,000"):
        next(workouts)


def _expat_shape(text: str) -> tuple[int, int]:
    """Deepest level and element count, by expat."""
    depth, deepest, elements = 0, 0, 0

    def opened(*_: object) -> None:
        nonlocal depth, deepest, elements
        depth, elements = depth + 1, elements + 1
        deepest = max(deepest, depth)

    def closed(*_: object) -> None:
        nonlocal depth
        depth -= 1

    parser = ParserCreate()
    parser.StartElementHandler, parser.EndElementHandler = opened, closed
    parser.Parse(text, True)
    return deepest, elements


def _random_document(rng: random.Random, depth: int = 0) -> str:
    loose = [
        "text",
        " a/>b ",
        "&gt;",
        "<!-- </n></n> <n> -->",
        "<![CDATA[ <n><n> ]]>",
        "<?p </n>?>",
    ]
    parts = []
    for _ in range(rng.randint(0, 4)):
        roll = rng.random()
        if roll < 0.3:
            parts.append(rng.choice(loose))
        elif roll < 0.5:
            parts.append(rng.choice(["<e k=\"/>\" j='>'/>", "<e/>"]))
        elif depth < 12:
            attribute = rng.choice(["", ' a="x/>y"', " b='>'"])
            parts.append(f"<n{attribute}>{_random_document(rng, depth + 1)}</n>")
    return "".join(parts)


def test_counting_never_lets_through_what_expat_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_xmlshape, "MAX_XML_DEPTH", 6)
    monkeypatch.setattr(_xmlshape, "MAX_XML_ELEMENTS", 40)
    monkeypatch.setattr(_xmlshape, "BLOCK", 8)
    rng = random.Random(8)  # noqa: S311 - reproducible documents, not secrets
    for _ in range(3_000):
        text = f"<r>{_random_document(rng)}</r>"
        deepest, elements = _expat_shape(text)
        too_big = deepest > 6 or elements > 40
        try:
            _xmlshape.check_xml_shape(text)
            refused = False
        except ImportRejected:
            refused = True
        assert refused == too_big, text


@pytest.mark.skipif(not DATA.is_dir(), reason=f"real sample files not found at {DATA}")
def test_every_real_gpx_and_tcx_passes_by_counting_alone() -> None:
    paths = sorted([*DATA.glob("gpx/*.gpx"), *DATA.glob("tcx/*.tcx")])
    for path in (p for p in paths if p.stat().st_size):
        text = xml_text(path.read_bytes(), path.suffix[1:].upper())
        _xmlshape._count(text)  # no _Unsure: the cheap proof holds, expat never runs
