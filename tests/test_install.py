"""A non-editable install builds a starter site in any folder: the theme ships inside the package."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment (no system packages) with the project installed from a wheel.

    The wheel is built from a copy of the checkout, so the build leaves nothing in the worktree;
    the dependencies come from PyPI through pip's cache.
    """
    work = tmp_path_factory.mktemp("install")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "pace_site", source / "pace_site", ignore=ignore)
    shutil.copytree(ROOT / "themes", source / "themes", ignore=ignore)
    wheels = work / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(source)],
                   check=True, capture_output=True)
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    wheel = next(wheels.glob("pace_site-*.whl"))
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)], check=True, capture_output=True)
    return venv / "bin"


def test_the_wheel_carries_the_theme_and_the_starter(installed: Path) -> None:
    probe = ("import pace_site.render.render as r, pace_site.commands.scaffold as s; "
             "print(r.DEFAULT_THEME); print(s.STARTER)")
    theme, starter = subprocess.run([str(installed / "python"), "-c", probe], cwd="/", check=True,
                                    capture_output=True, text=True).stdout.split()
    site_packages = str(installed.parent / "lib")
    assert theme.startswith(site_packages) and (Path(theme) / "templates" / "base.html").is_file()
    assert starter.startswith(site_packages) and (Path(starter) / "site.yml").is_file()


def test_new_site_then_build_from_inside_it(installed: Path, tmp_path: Path) -> None:
    subprocess.run([str(installed / "pace-site"), "new", "site", "my-site", "--title", "Our PACE"], cwd=tmp_path,
                   check=True, capture_output=True)
    site = tmp_path / "my-site"
    result = subprocess.run([str(installed / "pace-site"), "build"], cwd=site, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    home = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert "Our PACE" in home
    newsletter = site / "site/authorities/sample-authority/newsletters/2024-11/index.html"
    assert "Replace this" in newsletter.read_text(encoding="utf-8")
    assert (site / "site" / "assets" / "site.css").is_file()
    assert b"plotly.js (basic" in (site / "site" / "assets" / "plotly.min.js").read_bytes()[:200]
