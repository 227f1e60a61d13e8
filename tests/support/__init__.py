"""Helpers for the tests that are too large to live in a test file (the attacker across dates)."""
