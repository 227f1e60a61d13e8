"""Templates of the files `pace-site new` writes (Jinja, rendered by pace_site.scaffold)."""
