"""Helpers every stage may use and that know nothing of PACE: the content-hashed cache, parallel map, digests,
the theme's folder."""
