#!/usr/bin/env python3
"""Build the PACE reports site: `python build.py build`, `python build.py check`, `python build.py --help`."""

from pace_site.commands.cli import cli

if __name__ == "__main__":
    cli()
