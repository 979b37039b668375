"""Size limits for untrusted files: an upload must never exhaust memory or time."""

from dataclasses import dataclass

from rollcoach.imports.errors import ImportRejected

MB = 1024 * 1024


@dataclass(frozen=True)
class ImportLimits:
    """Safe defaults: a 12-hour ultra FIT is ~3 MB and a big GPX ~50 MB, so 200 MB
    on disk and 1 GB after ``.gz`` expansion leave room without inviting bombs."""

    max_file_bytes: int = 200 * MB
    max_expanded_bytes: int = 1024 * MB

    def __post_init__(self) -> None:
        if self.max_file_bytes <= 0 or self.max_expanded_bytes <= 0:
            raise ValueError("import limits must be positive")


DEFAULT_LIMITS = ImportLimits()

# Real GPX and TCX files nest 4 to 9 elements deep, an Apple Health export 4. gpxpy
# deep-copies extension elements, recursively in C: 200,000 nested ones crash Python.
MAX_XML_DEPTH = 64
# Elements a parser holds at once: a whole GPX or TCX, or one top-level entry of an
# Apple Health export (streamed). The sample files hold 12,000 to 36,000 a MB, so a
# big 50 MB GPX holds about 1.4 million; ElementTree takes ~88 bytes an element, so
# the cap keeps a tree near 350 MB where 200 MB of ``<a/>`` would build 4 GB.
MAX_XML_ELEMENTS = 4_000_000


def human_size(n: int) -> str:
    """``300 MB``, ``12 KB`` or ``900 bytes``: readable in a rejection reason."""
    if n >= MB:
        return f"{n // MB} MB"
    if n >= 1024:
        return f"{n // 1024} KB"
    return f"{n} bytes"


def too_large(size: int, limit: int, what: str = "too large") -> ImportRejected:
    """The rejection for anything past a limit ("too large: 300 MB > 200 MB limit")."""
    return ImportRejected(f"{what}: {human_size(size)} > {human_size(limit)} limit")


def too_deep(limit: int = MAX_XML_DEPTH) -> ImportRejected:
    """The rejection for XML nested past ``limit`` (:data:`MAX_XML_DEPTH`)."""
    return ImportRejected(
        f"the file nests its XML more than {limit} levels deep"
        " (watches and apps write about 10): it cannot be read safely"
    )


def too_many_elements(what: str, limit: int = MAX_XML_ELEMENTS) -> ImportRejected:
    """The rejection for ``what`` ("the file") holding more than ``limit`` elements."""
    return ImportRejected(
        f"{what} holds more than {limit:,} XML elements, far more than watches"
        " and apps write: it cannot be read safely"
    )
