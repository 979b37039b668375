"""Bad input becomes one line naming the field and what is allowed (exit 2)."""

from pydantic import ValidationError


class InputError(ValueError):
    """Input the user gave is wrong; the message is shown as it is."""


def describe_validation(error: ValidationError, prefix: str = "") -> str:
    """The first problem as ``field: what is allowed``, plus how many more there are."""
    problems = error.errors(include_url=False)
    first = problems[0]
    parts = [str(p) for p in first["loc"] if p != "[key]"]
    field = ".".join(parts) or "input"
    message = first["msg"]
    if first["type"] == "json_invalid":
        field, message = "input", f"not valid JSON ({first.get('ctx', {}).get('error', message)})"
    if first["type"] == "extra_forbidden":
        message = "unknown field (see `rollcoach plan --help` and spec/interface.md)"
    more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
    return f"{prefix}{field}: {message}{more}"
