"""A fitdecode reader that decodes only what a summary needs, and a fast CRC check.

A 12-hour ultra holds ~43,000 records and as many ``gps_metadata`` messages;
decoding every field of each takes seconds in pure Python. The summary lives in a
handful of ``session``/``activity`` messages, so other messages are read as raw
bytes and not decoded, and ``record`` messages (when heart rate must come from
them) have only their time, heart rate and distance unpacked. CRCs are checked up
front by :func:`check_crcs` with a byte-wide table, three times faster than
fitdecode's nibble loop, which was half of the time.

This leans on private hooks of ``fitdecode.FitReader`` (``_read_data_message``,
``_local_mesg_defs``, ...); if a future fitdecode lacks them, ``LEAN`` is false and
every message is decoded as usual (slower, same result).
"""

from __future__ import annotations

import struct
from typing import Any, BinaryIO

import fitdecode
from fitdecode import records, types

RECORD = 20
_TIMESTAMP_FIELD = 253
_NARROW_FIELDS = frozenset({_TIMESTAMP_FIELD, 3, 5})  # timestamp, heart_rate, distance
_COMPRESSED_SPEED_DISTANCE = 8  # a component field: leave such records to fitdecode
_NO_TIMESTAMP = 0xFFFFFFFF

LEAN = all(
    hasattr(fitdecode.FitReader, name)
    for name in ("_read_data_message", "_read_bytes", "_apply_compressed_accumulation")
)

# (definition, byte size, offset of the timestamp, narrow fields or None)
_Layout = tuple[Any, int, int | None, list[tuple[int, Any]] | None]


class LeanFitReader(fitdecode.FitReader):  # type: ignore[misc]
    """Decodes messages in ``wanted`` (records narrowly); skips the rest. No CRC check."""

    def __init__(self, stream: BinaryIO, wanted: frozenset[int]) -> None:
        super().__init__(
            stream,
            processor=None,  # we convert the few timestamps we keep ourselves
            check_crc=fitdecode.CrcCheck.DISABLED,  # check_crcs does it, faster
            error_handling=fitdecode.ErrorHandling.IGNORE,  # odd dev fields: not fatal
        )
        self._wanted = wanted
        self._layouts: dict[int, _Layout] = {}  # by local message number

    def _layout(self, local_num: int, definition: Any) -> _Layout:
        cached = self._layouts.get(local_num)
        if cached is not None and cached[0] is definition:
            return cached
        size, ts_at = 0, None
        narrow: list[tuple[int, Any]] | None = []
        for field_def in definition.all_field_defs:
            is_dev = isinstance(field_def, types.DevFieldDefinition)
            num = None if is_dev else field_def.def_num
            if num == _TIMESTAMP_FIELD and field_def.size == 4:
                ts_at = size
            if num == _COMPRESSED_SPEED_DISTANCE:
                narrow = None
            elif narrow is not None and num in _NARROW_FIELDS and field_def.field is not None:
                if field_def.size != field_def.base_type.size or field_def.field.components:
                    narrow = None
                else:
                    narrow.append((size, field_def))
            size += field_def.size
        layout = (definition, size, ts_at, narrow)
        self._layouts[local_num] = layout
        return layout

    def _read_data_message(self, header_chunk: bytes, record_header: Any) -> Any:
        definition = self._local_mesg_defs.get(record_header.local_mesg_num)
        if definition is None:
            return super()._read_data_message(header_chunk, record_header)
        wanted = definition.global_mesg_num in self._wanted
        if wanted and definition.global_mesg_num != RECORD:
            return super()._read_data_message(header_chunk, record_header)
        _, size, ts_at, narrow = self._layout(record_header.local_mesg_num, definition)
        if wanted and narrow is None:
            return super()._read_data_message(header_chunk, record_header)
        chunk = self._read_bytes(size) if size else b""
        fields = self._unpack(chunk, definition.endian, narrow) if wanted and narrow else []
        # Keep the reader's clock right for later messages with compressed timestamps.
        if ts_at is not None:
            (raw,) = struct.unpack_from(definition.endian + "I", chunk, ts_at)
            if raw != _NO_TIMESTAMP:
                self._last_timestamp = raw
                self._compressed_ts_accumulator = raw
        if record_header.time_offset is not None:
            self._compressed_ts_accumulator = self._apply_compressed_accumulation(
                record_header.time_offset, self._compressed_ts_accumulator, 5
            )
            if wanted:
                timestamp = self._compressed_ts_accumulator
                fields.append(types.FieldData(None, _TIMESTAMP, None, timestamp, timestamp))
        return records.FitDataMessage(
            record_header.is_developer_data,
            record_header.local_mesg_num,
            record_header.time_offset,
            definition,
            fields,
            None,
        )

    @staticmethod
    def _unpack(chunk: bytes, endian: str, narrow: list[tuple[int, Any]]) -> list[Any]:
        fields = []
        for offset, field_def in narrow:
            base = field_def.base_type
            (raw,) = struct.unpack_from(endian + base.fmt, chunk, offset)
            raw = base.parse(raw)
            field = field_def.field
            value = raw
            if isinstance(raw, int | float) and (field.scale or field.offset):
                value = raw / (field.scale or 1) - (field.offset or 0)
            fields.append(types.FieldData(field_def, field, None, value, raw))
        return fields


_TIMESTAMP = fitdecode.profile.FIELD_TYPE_TIMESTAMP


def open_reader(stream: BinaryIO, wanted: frozenset[int]) -> Any:
    """A reader decoding ``wanted`` messages (all of them if the lean hooks are missing)."""
    if LEAN:
        return LeanFitReader(stream, wanted)
    return fitdecode.FitReader(
        stream,
        processor=None,
        check_crc=fitdecode.CrcCheck.DISABLED,
        error_handling=fitdecode.ErrorHandling.IGNORE,
    )


class CrcMismatch(Exception):
    """A FIT header or file CRC that does not match its bytes."""


def _crc_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_CRC_TABLE = _crc_table()


def fit_crc(data: bytes | memoryview, crc: int = 0) -> int:
    """FIT's CRC-16 (ARC: reflected 0x8005, initial 0)."""
    table = _CRC_TABLE
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


def check_crcs(data: bytes) -> int:
    """Check the header and file CRC of every chained FIT file in ``data``.

    Returns where the last complete FIT file ends. Stops quietly where the
    structure is broken (bad magic, cut short): fitdecode then reports that with
    a better message than a CRC would.
    """
    view, pos = memoryview(data), 0
    while len(data) - pos >= 12:
        header_size, body_size = data[pos], int.from_bytes(data[pos + 4 : pos + 8], "little")
        if header_size < 12 or data[pos + 8 : pos + 12] != b".FIT":
            return pos
        if header_size >= 14 and len(data) - pos >= 14:
            header_crc = int.from_bytes(data[pos + 12 : pos + 14], "little")
            if header_crc and fit_crc(view[pos : pos + 12]) != header_crc:
                raise CrcMismatch("header")
        end = pos + header_size + body_size
        if end + 2 > len(data):
            return pos
        if fit_crc(view[pos:end]) != int.from_bytes(data[end : end + 2], "little"):
            raise CrcMismatch("file")
        pos = end + 2
    return pos
