"""A fitdecode reader that decodes only what a summary needs, and a fast CRC check.

A 12-hour ultra holds ~43,000 records and as many ``gps_metadata`` messages;
decoding every field of each takes seconds in pure Python. The summary lives in a
handful of ``session``/``activity`` messages, so other messages are stepped over
in a tight loop over the bytes in memory (never turned into frames, only counted),
and ``record`` messages (when heart rate must come from them) have only their
time, heart rate and distance unpacked, straight into a dict. Messages that need
fitdecode proper (definitions, sessions, records with component fields, a body's
last message) still go through it. CRCs are checked up front by
:func:`check_crcs`: a two-byte table, and numpy computing many lanes of a long
file side by side (over 20 times faster than a byte-wide table in pure Python).

This leans on private hooks of ``fitdecode.FitReader`` (``_read_record``,
``_read_bytes``, ``_local_mesg_defs``, ...); if a future fitdecode lacks them,
``LEAN`` is false and every message is decoded as usual (slower, same result).
"""

from __future__ import annotations

import struct
import sys
from typing import Any, BinaryIO

import fitdecode
from fitdecode import records, types

RECORD = 20
_TIMESTAMP_FIELD = 253
_NARROW_FIELDS = frozenset({_TIMESTAMP_FIELD, 3, 5})  # timestamp, heart_rate, distance
_COMPRESSED_SPEED_DISTANCE = 8  # a component field: leave such records to fitdecode
_NO_TIMESTAMP = 0xFFFFFFFF
_MAX_TAKEN = 256  # records unpacked in place before a frame lets the caller take them

LEAN = all(
    hasattr(fitdecode.FitReader, name)
    for name in (
        "_read_record",
        "_read_data_message",
        "_read_bytes",
        "_apply_compressed_accumulation",
        "_read_next",
    )
)

# (definition, byte size, offset of the timestamp, narrow fields or None)
_Layout = tuple[Any, int, int | None, list[tuple[int, Any]] | None]


class LeanFitReader(fitdecode.FitReader):  # type: ignore[misc]
    """Decodes messages in ``wanted`` (records narrowly); skips the rest. No CRC check."""

    # fitdecode's own bookkeeping (untyped there), kept up to date by _read_bytes/_read_record
    _read_offset: int
    _read_size: int
    _chunk_size: int
    _chunk_offset: int
    _chunk_index: int
    _body_bytes_left: int
    _last_timestamp: int
    _compressed_ts_accumulator: int

    def __init__(self, stream: BinaryIO, wanted: frozenset[int]) -> None:
        super().__init__(
            stream,
            processor=None,  # we convert the few timestamps we keep ourselves
            check_crc=fitdecode.CrcCheck.DISABLED,  # check_crcs does it, faster
            error_handling=fitdecode.ErrorHandling.IGNORE,  # odd dev fields: not fatal
        )
        self._wanted = wanted
        self._layouts: dict[int, _Layout] = {}  # by local message number
        # The whole stream in memory: slicing it is much cheaper than fitdecode's
        # blocking_read per field (a third of the time of a lean pass).
        self._data: bytes = stream.read()
        self.skipped: dict[int, int] = {}  # global number -> data messages not yielded
        self.records: list[dict[str, Any]] = []  # values of wanted records not yielded

    def _read_bytes(self, size: int) -> bytes:
        """fitdecode's ``_read_bytes`` (CRC check disabled) over the bytes in memory."""
        if size <= 0:
            raise ValueError("size")
        start = self._read_offset
        chunk = self._data[start : start + size]
        if len(chunk) != size:
            raise fitdecode.FitEOFError(size, len(chunk), start)
        self._chunk_size += size
        self._read_offset = start + size
        self._read_size += size
        return chunk

    def _read_record(self) -> Any:
        """fitdecode's ``_read_record``, with most data messages handled in place.

        A data message nobody wants is stepped over (the clock kept right, the chunk
        bookkeeping of ``_read_next`` done here) and counted in ``skipped``; a wanted
        ``record`` with a narrow layout is unpacked straight into a values dict, put
        in ``records`` (and counted too). Neither is handed back as a frame: the
        caller takes both before the next frame. Anything else (a definition, other
        wanted messages, a body's last message, bytes running short) goes to
        fitdecode as before.
        """
        if self._chunk_size:
            return super()._read_record()
        data, wanted, defs, layouts = self._data, self._wanted, self._local_mesg_defs, self._layouts
        skipped, taken = self.skipped, self.records
        size_all, pos, left = len(data), self._read_offset, self._body_bytes_left
        moved = steps = 0
        accumulator, last_timestamp = self._compressed_ts_accumulator, self._last_timestamp
        # State lives in locals here, written back below. Records taken are handed over
        # at the next frame: a frame every _MAX_TAKEN records keeps that list short.
        while pos < size_all and len(taken) < _MAX_TAKEN:
            header = data[pos]
            if header & 0x80:
                local, time_offset = (header >> 5) & 0x03, header & 0x1F
            elif header & 0x40:
                break
            else:
                local, time_offset = header & 0x0F, -1
            definition = defs.get(local)
            if definition is None:
                break
            layout = layouts.get(local)
            if layout is None or layout[0] is not definition:
                layout = self._layout(local, definition)
            _, size, ts_at, narrow = layout
            num = definition.global_mesg_num
            take = num in wanted
            if take and (num != RECORD or narrow is None):
                break
            if pos + 1 + size > size_all or 1 + size >= left:
                break
            endian = definition.endian
            values = self._narrow_values(data, pos + 1, endian, narrow) if take else None
            if ts_at is not None:
                (raw,) = struct.unpack_from(endian + "I", data, pos + 1 + ts_at)
                if raw != _NO_TIMESTAMP:
                    last_timestamp = accumulator = raw
            if time_offset >= 0:  # fitdecode's _apply_compressed_accumulation, 5 bits
                base = time_offset + (accumulator & ~0x1F)
                accumulator = base + 0x20 if time_offset < (accumulator & 0x1F) else base
                if values is not None:
                    values.setdefault(_TIMESTAMP.name, accumulator)
            if values is not None:
                taken.append(values)
            pos, left, moved, steps = pos + 1 + size, left - 1 - size, moved + 1 + size, steps + 1
            skipped[num] = skipped.get(num, 0) + 1
        self._read_offset, self._body_bytes_left = pos, left
        self._read_size += moved
        self._chunk_offset += moved
        self._chunk_index += steps
        self._compressed_ts_accumulator, self._last_timestamp = accumulator, last_timestamp
        return super()._read_record()

    @staticmethod
    def _narrow_values(
        data: bytes, at: int, endian: str, narrow: list[tuple[int, Any]] | None
    ) -> dict[str, Any]:
        """What ``_values`` makes of the fields :meth:`_unpack` gives, without the objects."""
        values: dict[str, Any] = {}
        for offset, field_def in narrow or ():
            base = field_def.base_type
            (raw,) = struct.unpack_from(endian + base.fmt, data, at + offset)
            raw = base.parse(raw)
            field = field_def.field
            value = raw
            if isinstance(raw, int | float) and (field.scale or field.offset):
                value = raw / (field.scale or 1) - (field.offset or 0)
            if value is not None and field.name not in values:
                values[field.name] = value
        return values

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


def _crc_table16(byte_table: tuple[int, ...]) -> tuple[int, ...]:
    """The register after two bytes, by ``crc ^ word`` (word: the two bytes, little-endian).

    The register is 16 bits wide, so after XOR-ing in a 16-bit word the two byte
    steps depend on ``crc ^ word`` alone: one look-up per two bytes.
    """
    table = []
    for value in range(0x10000):
        crc = (value >> 8) ^ byte_table[value & 0xFF]
        table.append((crc >> 8) ^ byte_table[crc & 0xFF])
    return tuple(table)


_CRC_TABLE16 = _crc_table16(_CRC_TABLE)
_LITTLE = sys.byteorder == "little"


def fit_crc(data: bytes | memoryview, crc: int = 0) -> int:
    """FIT's CRC-16 (ARC: reflected 0x8005, initial 0)."""
    view = memoryview(data).cast("B")
    if _LITTLE and len(view) >= _LANES_FROM:
        crc, view = _crc_lanes(view, crc)
    even = len(view) & ~1
    if _LITTLE and even:
        table16 = _CRC_TABLE16
        for word in view[:even].cast("H"):
            crc = table16[crc ^ word]
        view = view[even:]
    table = _CRC_TABLE
    for byte in view:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


# Long inputs: cut into lanes of _LANE bytes whose CRCs numpy computes side by side
# (one table look-up per two bytes for all lanes at once), then chained. CRC-16/ARC
# is linear with no initial value or final XOR, so
#     crc(start, A + B) = zeros(crc(start, A), len(B)) ^ crc(0, B)
# where zeros(c, n) is the register after n zero bytes from c, itself linear in c:
# two 256-entry tables (low byte, high byte) for n = _LANE.
_LANE = 256
_LANES_FROM = 16 * 1024  # below this, numpy's per-call cost outweighs the gain


def _zeros_after(crc: int, count: int) -> int:
    table = _CRC_TABLE
    for _ in range(count):
        crc = (crc >> 8) ^ table[crc & 0xFF]
    return crc


_ZEROS_LOW = tuple(_zeros_after(byte, _LANE) for byte in range(256))
_ZEROS_HIGH = tuple(_zeros_after(byte << 8, _LANE) for byte in range(256))
_np_table: Any = None


def _crc_lanes(view: memoryview, crc: int) -> tuple[int, memoryview]:
    """The CRC over whole lanes of ``view`` from ``crc``, and the bytes left after them."""
    global _np_table  # numpy (a declared dependency) is imported on first use
    import numpy as np

    if _np_table is None:
        _np_table = np.array(_CRC_TABLE16, dtype=np.uint16)
    table, lanes = _np_table, len(view) // _LANE
    words = np.frombuffer(view, dtype="<u2", count=lanes * _LANE // 2)
    columns = np.ascontiguousarray(words.reshape(lanes, _LANE // 2).T)
    registers = np.zeros(lanes, dtype=np.uint16)
    for column in columns:
        registers = table[registers ^ column]
    low, high = _ZEROS_LOW, _ZEROS_HIGH
    for lane in registers.tolist():
        crc = low[crc & 0xFF] ^ high[crc >> 8] ^ lane
    return crc, view[lanes * _LANE :]


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
