"""Shared test settings: Hypothesis runs at least 2,000 examples per property."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "rollcoach", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("rollcoach")
