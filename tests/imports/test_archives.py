"""Safe zip reading: traversal names, bombs (declared and streamed), nesting, corrupt archives."""

import io
import struct
import time
import zipfile
from pathlib import Path

import pytest

from rollcoach.imports.archives import (
    Archive,
    ArchiveTooLarge,
    MemberStream,
    ZipLimits,
    iter_members,
    unsafe_name,
)
from rollcoach.imports.errors import ImportRejected
from rollcoach.imports.limits import MB, ImportLimits

SMALL = ImportLimits(max_file_bytes=1 * MB, max_expanded_bytes=4 * MB)


def run_file(name: str) -> bool:
    return name.lower().endswith((".fit", ".gpx", ".tcx", ".fit.gz"))


def make_zip(members: dict[str, bytes], level: int | None = 6) -> bytes:
    """A zip of these members, deflated at ``level`` (``None``: stored)."""
    buffer = io.BytesIO()
    method = zipfile.ZIP_STORED if level is None else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
            archive.writestr(info, data, compress_type=method, compresslevel=level)
    return buffer.getvalue()


def lie_about_size(data: bytes, declared: int) -> bytes:
    """The same zip, with every header claiming the (first) member is ``declared`` bytes."""
    patched = bytearray(data)
    local = patched.find(b"PK\x03\x04")
    central = patched.find(b"PK\x01\x02")
    struct.pack_into("<I", patched, local + 22, declared)
    struct.pack_into("<I", patched, central + 24, declared)
    return bytes(patched)


def members(data: bytes, **kwargs: object) -> dict[str, str | bytes]:
    """name -> bytes, or name -> refusal reason."""
    return {m.name: m.reason or m.data for m in iter_members(data, run_file, **kwargs)}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("../evil.fit", "traversal"),
        ("runs/../../evil.fit", "traversal"),
        ("..\\evil.fit", "traversal"),
        ("/etc/evil.fit", "absolute"),
        ("C:\\evil.fit", "drive letter"),
        ("c:/evil.fit", "drive letter"),
    ],
)
def test_unsafe_names_are_named_with_their_reason(name: str, word: str) -> None:
    reason = unsafe_name(name)
    assert reason is not None
    assert word in reason


@pytest.mark.parametrize("name", ["run.fit", "a/b/run.fit", "runs..2024/x.fit", "..hidden.fit"])
def test_ordinary_names_are_safe(name: str) -> None:
    assert unsafe_name(name) is None


def test_supported_members_come_out_and_others_are_ignored() -> None:
    found = members(make_zip({"a/run.fit": b"FIT", "notes.txt": b"x", "b/RIDE.GPX": b"<gpx/>"}))
    assert found == {"a/run.fit": b"FIT", "b/RIDE.GPX": b"<gpx/>"}


def test_traversal_member_is_refused_and_the_rest_still_read() -> None:
    found = members(make_zip({"../evil.fit": b"EVIL", "good.fit": b"GOOD"}))
    assert found["good.fit"] == b"GOOD"
    assert "traversal" in str(found["../evil.fit"])


def test_nested_zips_are_read_with_their_path() -> None:
    inner = make_zip({"deep.fit": b"DEEP", "../x.fit": b"X"})
    outer = make_zip({"top.fit": b"TOP", "Uploaded/UploadedFiles_0-_Part1.zip": inner})
    found = members(outer)
    assert found["top.fit"] == b"TOP"
    assert found["Uploaded/UploadedFiles_0-_Part1.zip/deep.fit"] == b"DEEP"
    assert "traversal" in str(found["Uploaded/UploadedFiles_0-_Part1.zip/../x.fit"])


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    data = make_zip({"run.fit": b"RUN"})
    for level in range(3):
        data = make_zip({f"level{level}.zip": data})
    found = members(data, zip_limits=ZipLimits(max_depth=2))
    assert list(found) == ["level2.zip/level1.zip/level0.zip"]
    assert "nested too deeply" in str(found["level2.zip/level1.zip/level0.zip"])
    assert members(data)["level2.zip/level1.zip/level0.zip/run.fit"] == b"RUN"


def test_a_bomb_is_refused_by_its_declared_size_without_inflating_it() -> None:
    bomb = make_zip({"bomb.fit": bytes(20 * MB), "ok.fit": b"OK"}, level=9)
    began = time.perf_counter()
    found = members(bomb, limits=SMALL)
    assert time.perf_counter() - began < 0.5
    assert found["ok.fit"] == b"OK"
    assert "too large once unzipped" in str(found["bomb.fit"])


def test_a_member_with_an_absurd_ratio_is_refused_under_the_size_limit() -> None:
    bomb = make_zip({"bomb.fit": bytes(3 * MB)}, level=9)
    limits = ImportLimits(max_file_bytes=10 * MB, max_expanded_bytes=20 * MB)
    assert "zip bomb" in str(members(bomb, limits=limits)["bomb.fit"])
    relaxed = ZipLimits(max_ratio=5000)
    assert members(bomb, limits=limits, zip_limits=relaxed)["bomb.fit"] == bytes(3 * MB)


def test_a_header_that_understates_the_size_does_not_let_more_out() -> None:
    liar = lie_about_size(make_zip({"bomb.fit": bytes(5 * MB)}, level=9), 1000)
    began = time.perf_counter()
    found = members(liar, limits=SMALL)
    assert time.perf_counter() - began < 0.5
    assert isinstance(found["bomb.fit"], str)  # refused (corrupt: the CRC of what came out)


def test_the_streamed_bytes_are_counted_not_the_header() -> None:
    info = zipfile.ZipInfo("x.fit")
    info.compress_size, info.file_size = 1000, 1000  # what a lying header claims
    archive = Archive(make_zip({"x.fit": b"x"}), ImportLimits(MB, 4 * MB))
    stream = MemberStream(io.BytesIO(bytes(3 * MB)), info, MB, ZipLimits(), archive._budget)
    with pytest.raises(ImportRejected, match="too large once unzipped"):
        stream.read()
    stream = MemberStream(io.BytesIO(bytes(2 * MB)), info, 10 * MB, ZipLimits(), archive._budget)
    with pytest.raises(ImportRejected, match="zip bomb"):  # 2 MB out of 1,000 bytes
        stream.read()
    relaxed = ZipLimits(max_ratio=1e9)
    stream = MemberStream(io.BytesIO(bytes(3 * MB)), info, 10 * MB, relaxed, archive._budget)
    with pytest.raises(ArchiveTooLarge):  # the archive's shared 4 MB budget ran out
        stream.read()


def test_members_share_one_budget_and_spending_it_stops_the_archive() -> None:
    data = make_zip({f"run{i}.fit": bytes(900 * 1024) for i in range(6)}, level=1)
    limits = ImportLimits(max_file_bytes=MB, max_expanded_bytes=3 * MB)
    relaxed = ZipLimits(max_ratio=5000)
    with pytest.raises(ArchiveTooLarge, match="archive too large"):
        members(data, limits=limits, zip_limits=relaxed)


def test_too_many_members_refuses_the_archive() -> None:
    data = make_zip({f"run{i}.fit": b"x" for i in range(11)})
    with pytest.raises(ImportRejected, match="too many files"):
        members(data, zip_limits=ZipLimits(max_members=10))


def test_too_many_members_are_refused_even_when_the_end_record_understates_them() -> None:
    data = bytearray(make_zip({f"run{i:03}.fit": b"x" for i in range(40)}))
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 1, 1)  # "1 member" on this disk and in all
    with pytest.raises(ImportRejected, match="too many files"):
        members(bytes(data), zip_limits=ZipLimits(max_members=20))


def test_a_corrupt_zip_is_refused_with_a_reason(tmp_path: Path) -> None:
    with pytest.raises(ImportRejected, match="not a valid zip"):
        members(b"PK\x03\x04 this is not really a zip")
    cut = tmp_path / "cut.zip"
    cut.write_bytes(make_zip({"run.fit": b"x" * 5000})[:-30])
    with pytest.raises(ImportRejected, match="not a valid zip"):
        list(iter_members(cut, run_file))


def test_a_damaged_member_is_refused_and_the_others_read() -> None:
    data = bytearray(make_zip({"bad.fit": b"A" * 4000, "good.fit": b"GOOD"}, level=None))
    data[data.find(b"AAAA") + 10] = ord("B")  # stored, so the CRC check catches it
    found = members(bytes(data))
    assert found["good.fit"] == b"GOOD"
    assert "corrupt" in str(found["bad.fit"])


def test_archives_are_read_from_disk_too(tmp_path: Path) -> None:
    path = tmp_path / "runs.zip"
    path.write_bytes(make_zip({"run.fit": b"RUN"}))
    assert [(m.name, m.data) for m in iter_members(path, run_file)] == [("run.fit", b"RUN")]
