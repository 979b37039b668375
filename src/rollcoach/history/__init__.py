"""Run history: the database of activities, check-ins, sessions and profile."""
