"""``python -m rollcoach`` is the same program as ``rollcoach``."""

from rollcoach.cli.app import main

main()
