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
