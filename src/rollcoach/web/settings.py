"""The web app's settings: one class, read from ``ROLLCOACH_*`` environment variables.

Built by :func:`load_settings` when the app is made, never at import time, so
tests and several app processes can each bring their own.
"""

from pathlib import Path
from typing import Literal, Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Values people leave in example configs; a server must not run on them.
PLACEHOLDER_SECRETS = frozenset(
    {"", "change-me", "changeme", "change_me", "secret", "placeholder", "xxx", "todo", "dev"}
)
MIN_SECRET_LENGTH = 32


class WebSettings(BaseSettings):
    """Every setting of ``rollcoach serve``; each is also an environment variable."""

    model_config = SettingsConfigDict(env_prefix="ROLLCOACH_", extra="ignore", frozen=True)

    database_url: str | None = Field(
        default=None,
        description="Any SQLAlchemy URL; default: a SQLite file in the user's data folder.",
    )
    auth: Literal["single", "accounts"] = Field(
        default="single",
        description="single: one athlete, no sign-in (a laptop). accounts: sign-up and sign-in.",
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description=(
            "Signs CSRF tokens and calendar links. Required with accounts (32+ characters, "
            "the same in every process); single mode makes one and keeps it in the database."
        ),
    )
    secure_cookies: bool = Field(
        default=False, description="Mark cookies Secure (set it when served over HTTPS)."
    )
    public_url: str | None = Field(
        default=None,
        description="The address people reach the app at, for calendar subscription links.",
    )
    session_days: int = Field(default=30, ge=1, le=365, description="Sign-ins last this long.")
    login_attempts: int = Field(
        default=5, ge=1, le=100, description="Failed sign-ins allowed per email."
    )
    login_attempts_per_address: int = Field(
        default=50,
        ge=1,
        le=10000,
        description=(
            "Failed sign-ins allowed per client address: higher than per email, because "
            "a club's runners can share one address (a NAT or a proxy)."
        ),
    )
    login_window_minutes: int = Field(
        default=15, ge=1, le=1440, description="The window the failed sign-ins are counted in."
    )
    password_checks: int = Field(
        default=4,
        ge=1,
        le=64,
        description=(
            "Password hashes and checks run at once per process (argon2: 64 MiB and over a "
            "core each); a request finding none free within a second gets 503 and Retry-After."
        ),
    )
    max_upload_mb: int = Field(
        default=512, ge=1, le=10240, description="The largest upload the import page takes."
    )
    upload_dir: Path | None = Field(
        default=None,
        description=(
            "Where uploads wait while their import runs (kept while it is interrupted, to "
            "resume); default: a folder in the user's data folder."
        ),
    )

    @model_validator(mode="after")
    def _refuse_placeholder_secret(self) -> Self:
        """With accounts, a guessable secret would let anyone forge CSRF tokens or links."""
        if self.auth != "accounts":
            return self
        value = self.secret_key.get_secret_value() if self.secret_key else ""
        if value.strip().lower() in PLACEHOLDER_SECRETS or len(value) < MIN_SECRET_LENGTH:
            raise ValueError(
                "ROLLCOACH_SECRET_KEY must be set to a random value of at least "
                f"{MIN_SECRET_LENGTH} characters when ROLLCOACH_AUTH=accounts "
                '(python -c "import secrets; print(secrets.token_urlsafe(48))")'
            )
        return self


def load_settings(**overrides: object) -> WebSettings:
    """The settings from the environment, with ``overrides`` (from CLI flags or tests) on top."""
    return WebSettings(**overrides)  # type: ignore[arg-type]
