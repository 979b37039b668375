"""Accounts in the database: users, their tokens, coach grants, sign-in attempts, secrets.

Only digests of tokens are stored (a leaked database holds no usable token), and
every fact the web app needs across processes lives here, so app processes keep
no state of their own.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Engine, delete, func, or_, select
from sqlalchemy.exc import IntegrityError

from rollcoach.history import tables
from rollcoach.history.dialects import insert_or_skip
from rollcoach.history.errors import HistoryError
from rollcoach.history.sessions import reading_sessions, writing_sessions
from rollcoach.history.store import table_of


def email_key(email: str) -> str:
    """An email as an account keeps it: sign-up stores it trimmed and in lower case."""
    return email.strip().lower()


class EmailTaken(HistoryError, ValueError):
    """Sign-up with an email that already has an account."""


@dataclass(frozen=True)
class Account:
    """Who is signed in: the user and the athlete whose data they own."""

    user_id: int
    athlete_id: int
    email: str


@dataclass(frozen=True)
class Coached:
    """An athlete who granted a coach read access."""

    athlete_id: int
    email: str


class Accounts:
    """The account tables over a migrated engine (the same one as the history store)."""

    def __init__(self, engine: Engine) -> None:
        self._sessions = reading_sessions(engine)
        self._writes = writing_sessions(engine)

    def create_user(self, email: str, password_hash: str) -> Account:
        """A user and their own athlete, in one transaction."""
        try:
            with self._writes.begin() as session:
                athlete = tables.Athlete(name=email)
                session.add(athlete)
                session.flush()
                user = tables.User(email=email, password_hash=password_hash, athlete_id=athlete.id)
                session.add(user)
                session.flush()
                return Account(user.id, athlete.id, email)
        except IntegrityError as error:
            raise EmailTaken(f"an account for {email} exists already") from error

    def password_hash(self, email: str) -> tuple[Account, str] | None:
        with self._sessions() as session:
            user = session.scalar(select(tables.User).where(tables.User.email == email))
            if user is None:
                return None
            return Account(user.id, user.athlete_id, user.email), user.password_hash

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        """Store a re-hashed password (argon2 parameters were raised since it was set)."""
        with self._writes.begin() as session:
            user = session.get(tables.User, user_id)
            if user is not None:
                user.password_hash = password_hash

    def delete_account(self, user_id: int) -> None:
        """The user and their athlete with every record (foreign keys cascade)."""
        with self._writes.begin() as session:
            user = session.get(tables.User, user_id)
            if user is not None:
                session.execute(delete(tables.Athlete).where(tables.Athlete.id == user.athlete_id))

    def replace_password(self, user_id: int, password_hash: str, keep_digest: str | None) -> None:
        """A new password, and every token made under the old one gone in the same transaction.

        Other browsers' sessions and all API tokens: whoever knew the old password
        may have made them. Only this browser's session (``keep_digest``) stays.
        """
        token = tables.Token
        query = delete(token).where(token.user_id == user_id)
        if keep_digest is not None:
            query = query.where(token.digest != keep_digest)
        with self._writes.begin() as session:
            user = session.get(tables.User, user_id)
            if user is not None:
                user.password_hash = password_hash
            session.execute(query)

    def account_of_user(self, user_id: int) -> Account | None:
        with self._sessions() as session:
            user = session.get(tables.User, user_id)
            return None if user is None else Account(user.id, user.athlete_id, user.email)

    def account_of_email(self, email: str) -> Account | None:
        """Whose records the CLI's ``--athlete EMAIL`` means (spelt in any case, as at sign-in)."""
        query = select(tables.User).where(tables.User.email == email_key(email))
        with self._sessions() as session:
            user = session.scalar(query)
            return None if user is None else Account(user.id, user.athlete_id, user.email)

    # Tokens (browser sessions and personal API tokens)

    def add_token(
        self, user_id: int, kind: str, digest: str, label: str | None, expires_at: datetime | None
    ) -> int:
        with self._writes.begin() as session:
            token = tables.Token(
                user_id=user_id, kind=kind, digest=digest, label=label, expires_at=expires_at
            )
            session.add(token)
            session.flush()
            return token.id

    def account_for_token(self, digest: str, kind: str, now: datetime) -> Account | None:
        """The account a live token of this kind belongs to; expired tokens count as none."""
        query = (
            select(tables.User, tables.Token.expires_at)
            .join(tables.Token, tables.Token.user_id == tables.User.id)
            .where(tables.Token.digest == digest, tables.Token.kind == kind)
        )
        with self._sessions() as session:
            row = session.execute(query).first()
        if row is None:
            return None
        user, expires_at = row
        if expires_at is not None and expires_at <= now:
            return None
        return Account(user.id, user.athlete_id, user.email)

    def delete_token(self, digest: str) -> None:
        with self._writes.begin() as session:
            session.execute(delete(tables.Token).where(tables.Token.digest == digest))

    def tokens(self, user_id: int, kind: str) -> list[tuple[int, str | None, datetime]]:
        """(id, label, created) of a user's tokens of one kind, newest first."""
        token = tables.Token
        query = (
            select(token.id, token.label, token.created_at)
            .where(token.user_id == user_id, token.kind == kind)
            .order_by(token.id.desc())
        )
        with self._sessions() as session:
            return [(row.id, row.label, row.created_at) for row in session.execute(query)]

    def revoke_token(self, user_id: int, token_id: int) -> bool:
        with self._writes.begin() as session:
            token = session.get(tables.Token, token_id)
            if token is None or token.user_id != user_id:
                return False
            session.delete(token)
            return True

    # Coaches

    def grant_coach(self, athlete_id: int, coach_email: str) -> bool:
        """Let the user with ``coach_email`` read this athlete; False when there is no such user."""
        with self._writes.begin() as session:
            coach = session.scalar(select(tables.User).where(tables.User.email == coach_email))
            if coach is None or coach.athlete_id == athlete_id:
                return False
            connection = session.connection()
            grants = table_of(tables.CoachGrant)
            statement = insert_or_skip(connection.dialect, grants, ["athlete_id", "coach_id"])
            connection.execute(
                statement.values(
                    athlete_id=athlete_id, coach_id=coach.id, created_at=tables.utc_now()
                )
            )
            return True

    def revoke_coach(self, athlete_id: int, coach_id: int) -> bool:
        """Take a coach's access away; False when this athlete never granted it."""
        grant = tables.CoachGrant
        query = select(grant).where(grant.athlete_id == athlete_id, grant.coach_id == coach_id)
        with self._writes.begin() as session:
            row = session.scalar(query)
            if row is None:
                return False
            session.delete(row)
            return True

    def coaches_of(self, athlete_id: int) -> list[tuple[int, str]]:
        """(user id, email) of the coaches this athlete granted access to."""
        query = (
            select(tables.User.id, tables.User.email)
            .join(tables.CoachGrant, tables.CoachGrant.coach_id == tables.User.id)
            .where(tables.CoachGrant.athlete_id == athlete_id)
            .order_by(tables.User.email)
        )
        with self._sessions() as session:
            return [(row.id, row.email) for row in session.execute(query)]

    def coached_by(self, coach_id: int) -> list[Coached]:
        query = (
            select(tables.User.athlete_id, tables.User.email)
            .join(tables.CoachGrant, tables.CoachGrant.athlete_id == tables.User.athlete_id)
            .where(tables.CoachGrant.coach_id == coach_id)
            .order_by(tables.User.email)
        )
        with self._sessions() as session:
            return [Coached(row.athlete_id, row.email) for row in session.execute(query)]

    # Sign-in attempts (the rate limit) and server secrets

    def record_attempts(self, keys: list[str]) -> list[int]:
        """One sign-in attempt per key, committed before anyone counts it (see login.sign_in)."""
        with self._writes.begin() as session:
            rows = [tables.LoginAttempt(key=key) for key in keys]
            session.add_all(rows)
            session.flush()
            return [row.id for row in rows]

    def attempts_since(self, key: str, since: datetime) -> int:
        attempt = tables.LoginAttempt
        query = select(func.count()).where(attempt.key == key, attempt.at >= since)
        with self._sessions() as session:
            return int(session.scalar(query) or 0)

    def forget_attempts(self, ids: list[int], key: str | None = None) -> None:
        """Take attempts back (never checked, or a right password), and all of ``key``'s."""
        attempt = tables.LoginAttempt
        condition: ColumnElement[bool] = attempt.id.in_(ids)
        if key is not None:
            condition = or_(condition, attempt.key == key)
        with self._writes.begin() as session:
            session.execute(delete(attempt).where(condition))

    def forget_attempts_before(self, before: datetime) -> None:
        """Attempts older than the window count for nothing: dropped to keep the table small."""
        with self._writes.begin() as session:
            session.execute(delete(tables.LoginAttempt).where(tables.LoginAttempt.at < before))

    def secret(self, name: str) -> str:
        """A random server secret, made once and shared by every process (first writer wins)."""
        with self._writes.begin() as session:
            connection = session.connection()
            secrets_table = table_of(tables.AppSecret)
            statement = insert_or_skip(connection.dialect, secrets_table, ["name"])
            connection.execute(statement.values(name=name, value=secrets.token_urlsafe(48)))
            value = session.scalar(
                select(tables.AppSecret.value).where(tables.AppSecret.name == name)
            )
            assert value is not None
            return value
