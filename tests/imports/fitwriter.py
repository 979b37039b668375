"""A minimal FIT encoder, so the FIT tests need no sample file and no encoder library.

It writes what the FIT SDK specifies: a 14-byte header with its CRC, definition
and data messages (optionally with compressed timestamp headers), and the file
CRC. Field numbers, scales and enum values are written out here from the SDK
profile rather than taken from fitdecode, so the reader is checked against an
independent encoding.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from datetime import UTC, datetime

FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)

# base type name -> (base type id, struct format of one value)
BASE_TYPES = {
    "enum": (0x00, "B"),
    "uint8": (0x02, "B"),
    "uint16": (0x84, "H"),
    "uint32": (0x86, "I"),
    "uint32z": (0x8C, "I"),
}
INVALID = {"enum": 0xFF, "uint8": 0xFF, "uint16": 0xFFFF, "uint32": 0xFFFFFFFF, "uint32z": 0}

# global message numbers and the fields we write: name -> (field number, base type, scale, offset)
FILE_ID, SPORT, SESSION, RECORD, ACTIVITY, HR, DEVICE_INFO = 0, 12, 18, 20, 34, 132, 23
FIELDS: dict[int, dict[str, tuple[int, str, float, float]]] = {
    FILE_ID: {
        "type": (0, "enum", 1, 0),
        "manufacturer": (1, "uint16", 1, 0),
        "product": (2, "uint16", 1, 0),
        "serial_number": (3, "uint32z", 1, 0),
        "time_created": (4, "uint32", 1, 0),
    },
    SESSION: {
        "timestamp": (253, "uint32", 1, 0),
        "start_time": (2, "uint32", 1, 0),
        "sport": (5, "enum", 1, 0),
        "sub_sport": (6, "enum", 1, 0),
        "total_elapsed_time": (7, "uint32", 1000, 0),
        "total_timer_time": (8, "uint32", 1000, 0),
        "total_distance": (9, "uint32", 100, 0),
        "avg_heart_rate": (16, "uint8", 1, 0),
        "max_heart_rate": (17, "uint8", 1, 0),
        "total_ascent": (22, "uint16", 1, 0),
        "total_descent": (23, "uint16", 1, 0),
        "workout_rpe": (193, "uint8", 1, 0),
    },
    RECORD: {
        "timestamp": (253, "uint32", 1, 0),
        "heart_rate": (3, "uint8", 1, 0),
        "distance": (5, "uint32", 100, 0),
        "altitude": (2, "uint16", 5, 500),
    },
    ACTIVITY: {
        "timestamp": (253, "uint32", 1, 0),
        "num_sessions": (1, "uint16", 1, 0),
        "type": (2, "enum", 1, 0),
        "event": (3, "enum", 1, 0),
        "event_type": (4, "enum", 1, 0),
        "local_timestamp": (5, "uint32", 1, 0),
    },
    SPORT: {"sport": (0, "enum", 1, 0), "sub_sport": (1, "enum", 1, 0)},
    DEVICE_INFO: {"timestamp": (253, "uint32", 1, 0), "device_index": (0, "uint8", 1, 0)},
}
HR_FIELDS = {"filtered_bpm": (6, "uint8"), "event_timestamp": (9, "uint32")}  # arrays

# enum values from the SDK profile
RUNNING, CYCLING, TRANSITION, FITNESS_EQUIPMENT, WALKING, GENERIC = 1, 2, 3, 4, 11, 0
TREADMILL_SUB, TRAIL_SUB = 1, 3
ACTIVITY_FILE, SETTINGS_FILE, WEIGHT_FILE, MONITORING_B_FILE = 4, 2, 9, 32
GARMIN, FENIX6X = 1, 3291


def fit_time(moment: datetime) -> int:
    return int((moment - FIT_EPOCH).total_seconds())


def fit_crc(data: bytes) -> int:
    """FIT CRC-16, written as in the SDK's nibble-table example (not the reader's table)."""
    table = (
        0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
        0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
    )  # fmt: skip
    crc = 0
    for byte in data:
        tmp = table[crc & 0xF]
        crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ table[byte & 0xF]
        tmp = table[crc & 0xF]
        crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ table[(byte >> 4) & 0xF]
    return crc


@dataclass
class FitWriter:
    """Collects messages; :meth:`to_bytes` wraps them in a header and CRCs."""

    body: bytearray = field(default_factory=bytearray)
    _defined: dict[int, tuple[int, tuple[tuple[int, int, int], ...]]] = field(default_factory=dict)
    _locals: dict[int, int] = field(default_factory=dict)

    def message(
        self, global_num: int, compressed_offset: int | None = None, **values: float | None
    ) -> None:
        """A data message; values in SI units (seconds, metres, bpm); times as FIT ints."""
        spec = FIELDS[global_num]
        layout, payload = [], b""
        for name, value in values.items():
            num, base, scale, offset = spec[name]
            type_id, fmt = BASE_TYPES[base]
            raw = INVALID[base] if value is None else round((value + offset) * scale)
            layout.append((num, struct.calcsize(fmt), type_id))
            payload += struct.pack("<" + fmt, raw)
        self._emit(global_num, tuple(layout), payload, compressed_offset)

    def hr_message(self, strap_s: list[float], bpms: list[int], timestamp: int | None) -> None:
        """An ``hr`` message as a chest-strap plugin writes it: bpm and event-time arrays
        on the strap's clock (1/1024 s); ``timestamp`` ties that clock to the file's."""
        n = len(bpms)
        layout: tuple[tuple[int, int, int], ...] = ((6, n, 0x02), (9, 4 * n, 0x86))
        payload = struct.pack(f"<{n}B", *bpms)
        payload += struct.pack(f"<{n}I", *(round(t * 1024) for t in strap_s))
        if timestamp is not None:
            layout = ((253, 4, 0x86), *layout)
            payload = struct.pack("<I", timestamp) + payload
        self._emit(HR, layout, payload, None)

    def _emit(
        self,
        global_num: int,
        layout: tuple[tuple[int, int, int], ...],
        payload: bytes,
        compressed_offset: int | None,
    ) -> None:
        local = self._locals.setdefault(global_num, len(self._locals) % 4)
        if self._defined.get(local) != (global_num, layout):
            self.body += struct.pack("<BBBHB", 0x40 | local, 0, 0, global_num, len(layout))
            for num, size, type_id in layout:
                self.body += struct.pack("<BBB", num, size, type_id)
            self._defined[local] = (global_num, layout)
        if compressed_offset is None:
            self.body.append(local)
        else:
            self.body.append(0x80 | (local << 5) | (compressed_offset & 0x1F))
        self.body += payload

    def to_bytes(self) -> bytes:
        header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(self.body), b".FIT")
        header += struct.pack("<H", fit_crc(header))
        data = header + bytes(self.body)
        return data + struct.pack("<H", fit_crc(data))


def with_fixed_crc(data: bytes) -> bytes:
    """Recompute the file CRC of a single FIT file (for mutation tests)."""
    return data[:-2] + struct.pack("<H", fit_crc(data[:-2]))


@dataclass
class Session:
    """A session in SI units; ``None`` fields are written as FIT's "invalid"."""

    start: datetime
    elapsed_s: float
    timer_s: float | None = None
    distance_m: float | None = None
    sport: int = RUNNING
    sub_sport: int = GENERIC
    avg_hr: int | None = None
    max_hr: int | None = None
    ascent: int | None = None
    descent: int | None = None
    rpe10: int | None = None

    def write(self, writer: FitWriter) -> None:
        writer.message(
            SESSION,
            timestamp=fit_time(self.start) + round(self.elapsed_s),
            start_time=fit_time(self.start),
            sport=self.sport,
            sub_sport=self.sub_sport,
            total_elapsed_time=self.elapsed_s,
            total_timer_time=self.timer_s,
            total_distance=self.distance_m,
            avg_heart_rate=self.avg_hr,
            max_heart_rate=self.max_hr,
            total_ascent=self.ascent,
            total_descent=self.descent,
            workout_rpe=self.rpe10,
        )


@dataclass
class Record:
    when: datetime
    heart_rate: int | None = None
    distance_m: float | None = None
    altitude_m: float | None = None


def activity_fit(
    sessions: list[Session],
    records: list[Record] | None = None,
    *,
    local_offset_s: int | None = 7200,
    file_type: int = ACTIVITY_FILE,
    product: int = FENIX6X,
) -> bytes:
    """A FIT activity as a watch writes it: file_id, records, sessions, activity."""
    writer = FitWriter()
    first = sessions[0].start if sessions else (records or [Record(FIT_EPOCH)])[0].when
    writer.message(
        FILE_ID,
        type=file_type,
        manufacturer=GARMIN,
        product=product,
        serial_number=12345,
        time_created=fit_time(first),
    )
    for record in records or []:
        writer.message(
            RECORD,
            timestamp=fit_time(record.when),
            heart_rate=record.heart_rate,
            distance=record.distance_m,
            altitude=record.altitude_m,
        )
    for session in sessions:
        session.write(writer)
    if sessions:
        end = max(fit_time(s.start) + round(s.elapsed_s) for s in sessions)
        writer.message(
            ACTIVITY,
            timestamp=end,
            num_sessions=len(sessions),
            type=0,
            event=26,
            event_type=1,
            local_timestamp=None if local_offset_s is None else end + local_offset_s,
        )
    return writer.to_bytes()
