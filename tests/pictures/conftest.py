"""The web tests' app fixtures, for the route and Today thumbnail tests."""

from tests.web.conftest import database_url, databases, make_app, postgres_admin, single

__all__ = ["database_url", "databases", "make_app", "postgres_admin", "single"]
