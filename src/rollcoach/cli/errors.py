"""Bad input becomes one line naming the field, the bad value and what is allowed (exit 2)."""

import re
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from rollcoach.vocabulary import nearest

SHOWN_VALUE_CHARS = 40  # a pasted essay is not echoed back whole


class InputError(ValueError):
    """Input the user gave is wrong; the message is shown as it is."""


def quoted(value: object) -> str:
    """A value as the runner typed it, in double quotes, cut short when long."""
    text = str(value)
    if len(text) > SHOWN_VALUE_CHARS:
        text = text[: SHOWN_VALUE_CHARS - 1] + "…"
    return f'"{text}"'


def not_one_of(
    flag: str, value: str, noun: str, choices: Iterable[str], plural: str | None = None
) -> InputError:
    """``--tools: "foam roller" is not a tool; did you mean "foam-roller"? (tools: ...)``."""
    options = list(choices)
    guess = nearest(value, options)
    hint = f'; did you mean "{guess}"?' if guess is not None else ""
    article = "an" if noun[0] in "aeiou" else "a"
    plural = plural or noun + "s"
    return InputError(
        f"{flag}: {quoted(value)} is not {article} {noun}{hint} ({plural}: {', '.join(options)})"
    )


def literal_choices(problem: dict[str, Any]) -> list[str]:
    """The IDs a fixed-list field allows, read from pydantic's ``expected``."""
    return re.findall(r"'([^']*)'", str(problem.get("ctx", {}).get("expected", "")))


def literal_hint(problem: dict[str, Any]) -> str:
    """For a value outside a fixed list: '; did you mean "calves"?' (empty: nothing close)."""
    if problem.get("type") != "literal_error" or not isinstance(problem.get("input"), str):
        return ""
    guess = nearest(problem["input"], literal_choices(problem))
    return f'; did you mean "{guess}"?' if guess is not None else ""


def _got(problem: dict[str, Any]) -> str:
    """The bad value itself, when it is a single value worth echoing."""
    value = problem.get("input")
    if problem.get("type") == "missing" or isinstance(value, dict | list):
        return ""
    return f"got {quoted(value) if isinstance(value, str) else value}"


def describe_problem(problem: dict[str, Any]) -> str:
    """One pydantic problem as ``field: what is wrong (got "value"; did you mean "id"?)``."""
    parts = [str(p) for p in problem["loc"] if p != "[key]"]
    field = ".".join(parts) or "input"
    message = str(problem["msg"])
    if problem["type"] == "json_invalid":
        error = problem.get("ctx", {}).get("error", message)
        return f"input: not valid JSON ({error})"
    if problem["type"] == "extra_forbidden":
        message = "unknown field (see `rollcoach plan --help` and spec/interface.md)"
        return f"{field}: {message}"
    if problem["type"] == "literal_error":
        allowed = ", ".join(literal_choices(problem))
        value = quoted(problem.get("input"))
        return f"{field}: {value} is not allowed{literal_hint(problem)} (allowed: {allowed})"
    message = message.removeprefix("Value error, ")
    got = _got(problem)
    return f"{field}: {message}" + (f" ({got})" if got else "")


def describe_validation(error: ValidationError, prefix: str = "") -> str:
    """The first problem as one line, plus how many more there are."""
    problems = error.errors(include_url=False)
    more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
    return f"{prefix}{describe_problem(dict(problems[0]))}{more}"
