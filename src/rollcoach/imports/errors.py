"""The one error importers raise: a file we refuse, with a reason a runner can read."""


class ImportRejected(ValueError):
    """A file that cannot be imported; ``reason`` is short and human ("file is empty").

    A ``ValueError`` so callers that already catch bad input keep working, but a
    class of its own so one bad file in a batch can be reported and skipped.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
