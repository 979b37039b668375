"""Import children that misbehave on purpose, for tests of the runner (its ``child_module``).

Each patches one thing, then runs the real child (``rollcoach.web.import_child``).
"""
