"""Where the default theme is: inside the installed package, or in the checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def find_default_theme() -> Path:
    """The default theme: inside the installed package, else the checkout's themes/default."""
    installed = Path(str(resources.files("pace_site") / "default_theme"))
    if (installed / "templates").is_dir():
        return installed.resolve()
    return Path(__file__).resolve().parent.parent.parent / "themes" / "default"


DEFAULT_THEME = find_default_theme()
