"""What the CLI tests share: running a command in-process, and the shape of a bad-input error."""

import pytest

from rollcoach.cli.app import run


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``rollcoach ARGS``."""
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, out: str, err: str, field: str) -> None:
    """Bad input: exit 2, nothing on stdout, one stderr line that names the field."""
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert field in lines[0]
    assert "Traceback" not in err
    assert out == ""
