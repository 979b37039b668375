"""``--athlete EMAIL``: whose records a command reads or writes when a database holds several.

Without it a command uses the first athlete, as a laptop with one runner wants. A
shared database (``rollcoach serve --auth accounts``) has an athlete per account,
found here by the email its runner signs in with.
"""

from typing import Annotated

import typer

from rollcoach.cli.errors import InputError
from rollcoach.history.accounts import Accounts
from rollcoach.history.store import Store

AthleteEmail = Annotated[
    str | None,
    typer.Option(
        "--athlete",
        metavar="EMAIL",
        help="Whose records: the email a runner signs in with (default: the first runner).",
    ),
]


def athlete_for(store: Store, email: str | None) -> int:
    """The runner who signs in as ``email``; without one, the first (made on first use)."""
    return store.default_athlete() if email is None else _by_email(store, email)


def stored_athlete(store: Store, email: str | None) -> int | None:
    """As ``athlete_for``, but without making the first athlete (for commands that only read)."""
    return store.first_athlete() if email is None else _by_email(store, email)


def _by_email(store: Store, email: str) -> int:
    account = Accounts(store.engine).account_of_email(email)
    if account is None:
        raise InputError(
            f"--athlete: no account on this database has the email '{email}' "
            "(check the spelling, or leave --athlete out for the first runner)"
        )
    return account.athlete_id
