"""pace-site: a static site generator for PACE newsletters, posters and run charts."""

__version__ = "0.1.0"
