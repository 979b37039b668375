"""Sign-up, sign-in and password changes, shared by the pages and the API.

Hashing and checking passwords each take a slot (security.PasswordSlots), and
sign-ins are limited per email and per client address in the database, so the
limit holds across every app process (see :func:`sign_in`).
"""

from datetime import datetime, timedelta

from pydantic import BaseModel, EmailStr, Field
from starlette.requests import Request

from rollcoach.history.accounts import Account, EmailTaken
from rollcoach.web.auth import now_utc
from rollcoach.web.security import (
    DUMMY_HASH,
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    PasswordChecksBusy,
    check_password,
    hash_password,
    needs_rehash,
)
from rollcoach.web.services import Services

MAX_EMAIL_LENGTH = 320  # the longest address email allows (and the column holds)


class Credentials(BaseModel):
    """What sign-up and sign-in take (spec/interface.md: ``{"email", "password"}``)."""

    email: EmailStr
    password: str = Field(min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_LENGTH)

    @property
    def key(self) -> str:
        return self.email.strip().lower()


class TooManyAttempts(Exception):
    """Sign-in refused for a while: too many failures for this email or address."""


def client_of(request: Request) -> str:
    """The address the sign-in limit counts per (the peer; behind a proxy, the proxy's)."""
    return request.client.host if request.client else "unknown"


def sign_up(services: Services, credentials: Credentials) -> Account:
    """A new account (raises ``EmailTaken``), the email checked before any hashing.

    Hashing first let anyone hold the argon2 slots sign-in needs by signing up
    an existing email again and again, storing nothing.
    """
    if services.accounts.password_hash(credentials.key) is not None:
        raise EmailTaken(f"an account for {credentials.key} exists already")
    with services.password_slots.slot():
        password_hash = hash_password(credentials.password)
    return services.accounts.create_user(credentials.key, password_hash)


def sign_in(services: Services, email: str, password: str, client: str) -> Account | None:
    """The account if the password is right; None if not; TooManyAttempts when limited.

    Each attempt is written (and committed) first, then counted, and only then
    is the password checked. With read committed, the k-th attempt to commit
    counts at least k rows, its own and the k - 1 committed before it (its count
    starts after its commit), so every attempt past the limit sees more than
    the limit and is refused unchecked: at most the limit's checks per key
    and window, however requests interleave across processes. Unchecked attempts
    (refused, or no free slot) are taken back, wrong ones stay, and a right one
    clears the email's and takes back its own address row.
    """
    email_key = email.strip().lower()
    if len(email_key) > MAX_EMAIL_LENGTH or len(password) > MAX_PASSWORD_LENGTH:
        return None  # no account has it: nothing to check, nor to keep (a row of 1 MB)
    keys = [email_key, f"client:{client}"]
    accounts, since = services.accounts, _window_start(services)
    attempts = accounts.record_attempts(keys)
    try:
        _refuse_over_limit(services, keys, since)
        account = _check(services, email_key, password)
    except (TooManyAttempts, PasswordChecksBusy):
        accounts.forget_attempts(attempts)
        raise
    if account is None:
        accounts.forget_attempts_before(since)
        return None
    accounts.forget_attempts(attempts, key=email_key)
    return account


def set_new_password(
    services: Services, account: Account, password: str, keep_session: str | None
) -> None:
    """The new password; everything the old one let anyone make stops working.

    That is other browsers' sessions, every API token, and the calendar address
    (a new version; the page says so before and after).
    """
    with services.password_slots.slot():
        password_hash = hash_password(password)
    services.store.new_calendar_version(account.athlete_id)
    services.accounts.replace_password(account.user_id, password_hash, keep_session)


def _window_start(services: Services) -> datetime:
    return now_utc() - timedelta(minutes=services.settings.login_window_minutes)


def _refuse_over_limit(services: Services, keys: list[str], since: datetime) -> None:
    """``keys`` is the email's and the address's, each with its own limit."""
    settings = services.settings
    limits = (settings.login_attempts, settings.login_attempts_per_address)
    for key, limit in zip(keys, limits, strict=True):
        if services.accounts.attempts_since(key, since) > limit:
            raise TooManyAttempts(
                f"too many failed sign-ins: wait {settings.login_window_minutes} minutes"
            )


def _check(services: Services, email_key: str, password: str) -> Account | None:
    """Checked in a slot, against a dummy hash for unknown emails (so timing does not tell)."""
    found = services.accounts.password_hash(email_key)
    stored_hash = found[1] if found else DUMMY_HASH
    with services.password_slots.slot():
        if not check_password(stored_hash, password) or found is None:
            return None
        if needs_rehash(stored_hash):
            services.accounts.set_password_hash(found[0].user_id, hash_password(password))
    return found[0]
