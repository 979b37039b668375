"""The command line: Typer commands that parse, call the engine, and render with Rich."""
