"""Sign-up and sign-in rules shared by the pages and the API: hashing and the rate limit.

The limit counts failed sign-ins per email and per client address in the
database, so it holds across every app process; a success clears the email's.
"""

from datetime import timedelta

from pydantic import BaseModel, EmailStr, Field

from rollcoach.history.accounts import Account
from rollcoach.web.auth import now_utc
from rollcoach.web.security import (
    DUMMY_HASH,
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    check_password,
    hash_password,
    needs_rehash,
)
from rollcoach.web.services import Services


class Credentials(BaseModel):
    """What sign-up and sign-in take (spec/interface.md: ``{"email", "password"}``)."""

    email: EmailStr
    password: str = Field(min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_LENGTH)

    @property
    def key(self) -> str:
        return self.email.strip().lower()


class TooManyAttempts(Exception):
    """Sign-in refused for a while: too many failures for this email or address."""


def sign_up(services: Services, credentials: Credentials) -> Account:
    """A new account (raises ``EmailTaken``)."""
    return services.accounts.create_user(credentials.key, hash_password(credentials.password))


def sign_in(services: Services, email: str, password: str, client: str) -> Account | None:
    """The account if the password is right; None if not; TooManyAttempts when limited."""
    email_key, client_key = email.strip().lower(), f"client:{client}"
    settings, accounts = services.settings, services.accounts
    since = now_utc() - timedelta(minutes=settings.login_window_minutes)
    for key in (email_key, client_key):
        if accounts.failed_logins_since(key, since) >= settings.login_attempts:
            raise TooManyAttempts(
                f"too many failed sign-ins: wait {settings.login_window_minutes} minutes"
            )
    found = accounts.password_hash(email_key)
    stored_hash = found[1] if found else DUMMY_HASH
    matches = check_password(stored_hash, password)  # also for unknown emails: same timing
    if found is None or not matches:
        accounts.record_failed_login(email_key)
        accounts.record_failed_login(client_key)
        accounts.forget_failed_logins(email_key, before=since)
        return None
    account, _ = found
    accounts.forget_failed_logins(email_key)
    if needs_rehash(stored_hash):
        accounts.set_password_hash(account.user_id, hash_password(password))
    return account
