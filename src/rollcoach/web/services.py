"""What every request needs, made once per app: settings, the stores and the signer."""

from dataclasses import dataclass

from rollcoach.history.accounts import Accounts
from rollcoach.history.db import open_store
from rollcoach.history.import_jobs import ImportJobs
from rollcoach.history.store import Store
from rollcoach.web.import_runner import ImportRunner, import_runner
from rollcoach.web.security import PasswordSlots, Signer
from rollcoach.web.settings import WebSettings

SIGNING_KEY_ROW = "web-secret"


@dataclass(frozen=True)
class Services:
    settings: WebSettings
    store: Store
    accounts: Accounts
    jobs: ImportJobs
    signer: Signer
    password_slots: PasswordSlots
    imports: ImportRunner
    single_athlete: int | None = None

    @property
    def accounts_on(self) -> bool:
        return self.settings.auth == "accounts"

    def close(self) -> None:
        """Stop the imports (bounded, they resume later), then close the database."""
        self.imports.stop()
        self.store.close()


def build_services(settings: WebSettings) -> Services:
    """Open (and migrate) the database; the secret comes from settings or the database."""
    store = open_store(settings.database_url)
    accounts = Accounts(store.engine)
    if settings.secret_key is not None:
        secret = settings.secret_key.get_secret_value()
    else:
        secret = accounts.secret(SIGNING_KEY_ROW)
    # Single mode has one athlete for the life of the process: look it up once, not per request.
    single = store.default_athlete() if settings.auth == "single" else None
    slots = PasswordSlots(settings.password_checks)
    jobs = ImportJobs(store.engine)
    imports = import_runner(settings, store, jobs)
    return Services(settings, store, accounts, jobs, Signer(secret), slots, imports, single)
