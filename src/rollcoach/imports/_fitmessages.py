"""One pass over a FIT stream: what the summary needs, kept small.

Messages are folded into a :class:`Scan` as they are read (a few dicts, and
(time, bpm) pairs when heart rate must come from records), so even a 12-hour
ultra never has its 40,000 records held as objects. fitdecode's failures are
turned into rejections a runner can read.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

import fitdecode

from rollcoach.imports._common import heart_rate, positive, rounded_offset
from rollcoach.imports._fitscan import CrcMismatch, check_crcs, open_reader
from rollcoach.imports.errors import ImportRejected

FILE_ID, SPORT, SESSION, RECORD, ACTIVITY, HR = 0, 12, 18, 20, 34, 132
ALWAYS = frozenset({FILE_ID, SPORT, SESSION, ACTIVITY, 206, 207})  # 206/207: dev field types
WITH_SAMPLES = ALWAYS | {RECORD, HR}
FIRST_ABSOLUTE = 0x10000000  # smaller date_time values count seconds since power-on
NON_ACTIVITY_NAMES = {
    "monitoring_a": "monitoring",
    "monitoring_b": "monitoring",
    "monitoring_daily": "monitoring",
    "weight": "weight scale",
}


@dataclass
class Scan:
    """What one pass over a FIT stream keeps: a few dicts and compact samples."""

    file_type: str | None = None
    types_seen: list[str] = field(default_factory=list)
    device: str | None = None
    sessions: list[dict[str, Any]] = field(default_factory=list)
    offset_s: int | None = None
    sport: dict[str, Any] = field(default_factory=dict)
    records: int = 0
    hr_messages: int = 0
    record_hr: list[tuple[float, int]] = field(default_factory=list)
    strap_hr: list[tuple[float, int]] = field(default_factory=list)
    strap_anchor: float | None = None
    first_ts: int | None = None
    last_ts: int | None = None
    last_distance: float | None = None

    def in_activity(self) -> bool:
        return self.file_type in (None, "activity")

    def take(self, num: int, values: dict[str, Any]) -> None:
        if num == FILE_ID:
            kind = values.get("type")
            self.file_type = str(kind) if kind is not None else None
            self.types_seen.append(self.file_type or "unknown")
            if self.file_type == "activity" and self.device is None:
                self.device = _device(values)
        elif not self.in_activity():
            return
        elif num == SESSION:
            self.sessions.append(values)
        elif num == ACTIVITY and self.offset_s is None:
            local, utc = values.get("local_timestamp"), values.get("timestamp")
            if isinstance(local, int) and isinstance(utc, int) and utc >= FIRST_ABSOLUTE:
                self.offset_s = rounded_offset(local - utc)
        elif num == SPORT and not self.sport:
            self.sport = values
        elif num == RECORD:
            self._take_record(values)
        elif num == HR:
            self._take_strap(values)

    def _take_strap(self, values: dict[str, Any]) -> None:
        """A strap's ``hr`` message: bpm arrays, timed on the strap's own clock.

        fitdecode already places 12-bit event times on the file's clock; plain
        ``event_timestamp`` values (strap clock) are placed with the offset from
        the first message that carries both a ``timestamp`` and an event time.
        """
        times, bpms = values.get("event_timestamps", ()), _flat(values.get("filtered_bpm"))
        stamp = values.get("timestamp")
        if self.strap_anchor is None and isinstance(stamp, int) and times:
            fraction = values.get("fractional_timestamp")
            self.strap_anchor = stamp + (fraction or 0) - times[0]
        for when, bpm in zip(times, bpms, strict=False):
            if isinstance(when, int | float) and (hr := heart_rate(bpm)) is not None:
                if when < FIRST_ABSOLUTE and self.strap_anchor is not None:
                    when += self.strap_anchor
                self.strap_hr.append((when, hr))

    def _take_record(self, values: dict[str, Any]) -> None:
        when = values.get("timestamp")
        if not isinstance(when, int):
            return
        self.first_ts = when if self.first_ts is None else min(self.first_ts, when)
        self.last_ts = when if self.last_ts is None else max(self.last_ts, when)
        if (hr := heart_rate(values.get("heart_rate"))) is not None:
            self.record_hr.append((when, hr))
        if (distance := positive(values.get("distance"))) is not None:
            self.last_distance = distance

    def count(self, num: int) -> None:
        if self.in_activity():
            self.records += num == RECORD
            self.hr_messages += num == HR

    def count_skipped(self, skipped: dict[int, int]) -> None:
        """:meth:`count` for messages the reader stepped over (number -> how many)."""
        if self.in_activity():
            self.records += skipped.get(RECORD, 0)
            self.hr_messages += skipped.get(HR, 0)

    def needs_samples(self) -> bool:
        if not self.records and not self.hr_messages:
            return False
        return not self.sessions or any(
            heart_rate(s.get("avg_heart_rate")) is None for s in self.sessions
        )


def verified(data: bytes) -> bytes:
    """``data`` once every CRC matches, without the zero padding some devices append."""
    try:
        end = check_crcs(data)
    except CrcMismatch:
        raise ImportRejected("corrupt FIT file: CRC mismatch") from None
    if 0 < end < len(data) and not data[end:].strip(b"\0"):
        return data[:end]
    return data


def read_messages(data: bytes, wanted: frozenset[int]) -> Scan:
    """Fold the ``wanted`` messages of a :func:`verified` FIT stream into a :class:`Scan`."""
    state = Scan()
    try:
        with open_reader(io.BytesIO(data), wanted) as reader:
            # Data messages the lean reader handles without yielding them: counts, and
            # the values of wanted records. They came before the next frame, so under
            # the same file_id: taken (in order) before it.
            skipped = getattr(reader, "skipped", {})
            pending = getattr(reader, "records", [])
            for frame in reader:
                if skipped:
                    state.count_skipped(skipped)
                    skipped.clear()
                    for values in pending:
                        state.take(RECORD, values)
                    pending.clear()
                if not isinstance(frame, fitdecode.FitDataMessage):
                    continue
                num = frame.global_mesg_num
                state.count(num)
                if num in wanted:
                    values = _values(frame)
                    if num == HR:  # one event time per bpm, under one repeated name
                        values["event_timestamps"] = [
                            t
                            for f in frame.fields
                            if f.name == "event_timestamp"
                            for t in _flat(f.value)
                        ]
                    state.take(num, values)
    except fitdecode.FitHeaderError as exc:
        raise ImportRejected(_header_reason(str(exc))) from None
    except fitdecode.FitCRCError:
        raise ImportRejected("corrupt FIT file: CRC mismatch") from None
    except fitdecode.FitEOFError:
        raise ImportRejected("corrupt FIT file: truncated (it ends too early)") from None
    except fitdecode.FitParseError as exc:
        raise ImportRejected(f"corrupt FIT file: {_short(str(exc))}") from None
    except Exception as exc:  # garbage makes fitdecode trip in many ways
        raise ImportRejected(f"corrupt FIT file: undecodable data ({type(exc).__name__})") from None
    return state


def _values(frame: Any) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field_data in frame.fields:
        if field_data.value is not None and field_data.name not in values:
            values[field_data.name] = field_data.value
    return values


def _flat(value: object) -> tuple[object, ...]:
    return value if isinstance(value, tuple) else (value,)


def _header_reason(message: str) -> str:
    where = re.search(r"@ (\d+)|offset: (\d+)", message)
    at = int(where.group(1) or where.group(2)) if where else 0
    return f"corrupt FIT file: bad header at byte {at}" if at else "not a FIT file"


def _short(message: str) -> str:
    found = re.fullmatch(r"FIT parsing error @ (\d+): (.*)", message, re.S)
    if found:
        return f"undecodable message at byte {found.group(1)} ({found.group(2)[:80]})"
    return message[:120]


def _device(file_id: dict[str, Any]) -> str | None:
    maker = file_id.get("manufacturer")
    if not isinstance(maker, str):
        return None
    product = file_id.get("product_name") or file_id.get("garmin_product")
    return f"{maker} {product}" if isinstance(product, str) and product else maker
