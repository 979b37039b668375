"""Passwords, tokens and CSRF: argon2 for passwords, random tokens kept as digests.

CSRF uses the signed double-submit pattern (OWASP): a random value in a cookie,
and the same value signed with the server secret in each form or fetch header.
It is written here rather than taken from starlette-csrf because that middleware
reads only a header, and our forms must work with scripts off.
"""

import hashlib
import hmac
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeSerializer

_hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


# A real hash to check against when the email is unknown, so timing does not tell.
DUMMY_HASH = hash_password(secrets.token_urlsafe(16))

SLOT_WAIT_S = 1.0  # how long a request waits for a free password slot before it is told to retry


class PasswordChecksBusy(Exception):
    """Every password slot stayed taken for the whole wait: the caller should retry shortly."""


class PasswordSlots:
    """At most ``size`` argon2 hashes or checks at once in this process.

    Each takes 64 MiB and about 1.5 cores for 0.1 s; without a cap a burst of
    sign-ins (or of guesses) would pile up in the thread pool and starve every
    other request. A request waits a moment for a slot, then is turned away.
    """

    def __init__(self, size: int, wait_s: float = SLOT_WAIT_S) -> None:
        self._slots, self._wait_s = threading.BoundedSemaphore(size), wait_s

    @contextmanager
    def slot(self) -> Iterator[None]:
        if not self._slots.acquire(timeout=self._wait_s):
            raise PasswordChecksBusy("busy with other sign-ins: please try again in a few seconds")
        try:
            yield
        finally:
            self._slots.release()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def digest(token: str) -> str:
    """What the database keeps of a token: enough to find it, useless to present."""
    return hashlib.sha256(token.encode()).hexdigest()


class Signer:
    """Signs and checks small values with the server secret (CSRF tokens, calendar links)."""

    def __init__(self, secret: str) -> None:
        self._csrf = URLSafeSerializer(secret, salt="rollcoach-csrf")
        self._calendar = URLSafeSerializer(secret, salt="rollcoach-calendar")
        self._owner = hashlib.sha256(b"rollcoach-owner:" + secret.encode()).digest()

    def csrf_token(self, cookie_value: str) -> str:
        return str(self._csrf.dumps(cookie_value))

    def csrf_ok(self, cookie_value: str | None, submitted: str | None) -> bool:
        if not cookie_value or not submitted:
            return False
        try:
            value = self._csrf.loads(submitted)
        except BadSignature:
            return False
        return isinstance(value, str) and hmac.compare_digest(value, cookie_value)

    def owner_key(self, athlete_id: int) -> str:
        """An opaque, stable name for an athlete's data kept in the browser (the offline queue)."""
        return hmac.new(self._owner, str(athlete_id).encode(), hashlib.sha256).hexdigest()[:24]

    def calendar_key(self, athlete_id: int, version: int) -> str:
        return str(self._calendar.dumps([athlete_id, version]))

    def calendar_athlete(self, key: str) -> tuple[int, int] | None:
        """(athlete, version) of a calendar address; None if it was not made here."""
        try:
            value = self._calendar.loads(key)
        except BadSignature:
            return None
        if isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value):
            return value[0], value[1]
        return None
