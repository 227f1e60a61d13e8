"""The plotly.js every chart page loads (write/plotly_bundle.py): the vendored bundle unpacks and is checked against
its published digest, so a damaged or tampered copy is refused rather than shipped to every reader.

Not named test_plotly_bundle.py: tests/browser/ has a module of that name, and pytest imports test modules by
their base name, so the two would stop each other being collected."""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from pace_site.model.errors import PaceError
from pace_site.write import plotly_bundle
from pace_site.write.plotly_bundle import BUNDLE, SHA256, plotly_js

VENDORED = Path(plotly_bundle.__file__).resolve().parent.parent / "vendor" / BUNDLE


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """Each test unpacks for itself, and leaves no tampered bundle cached for the next."""
    plotly_js.cache_clear()
    yield
    plotly_js.cache_clear()


def installed_as(monkeypatch: pytest.MonkeyPatch, folder: Path, packed: bytes) -> None:
    """Make `packed` the bundle pace-site finds in its package, without touching the vendored file."""
    (folder / BUNDLE).write_bytes(packed)
    monkeypatch.setattr(plotly_bundle, "resources", SimpleNamespace(files=lambda package: folder))


def test_the_vendored_bundle_unpacks_to_the_published_plotly_basic_4_1_1() -> None:
    """Every chart page loads plotly.js basic 4.1.1, byte for byte the file published on npm."""
    script = plotly_js()
    assert script.startswith(b"/**\n* plotly.js (basic - minified) v4.1.1\n")
    assert hashlib.sha256(script).hexdigest() == SHA256


def test_a_tampered_bundle_is_refused_with_advice_to_reinstall(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One byte changed in the unpacked script (a valid gzip file): the build stops and says to reinstall."""
    script = bytearray(gzip.decompress(VENDORED.read_bytes()))
    script[-10] ^= 1
    installed_as(monkeypatch, tmp_path, gzip.compress(bytes(script)))
    with pytest.raises(PaceError, match=r"the bundled plotly.js \(plotly-basic-4.1.1.min.js.gz\) is damaged: "
                                        "reinstall pace-site"):
        plotly_js()


def test_a_faithful_copy_elsewhere_is_accepted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check is of the script, not of the gzip wrapper: the same script packed again is accepted."""
    script = gzip.decompress(VENDORED.read_bytes())
    installed_as(monkeypatch, tmp_path, gzip.compress(script, compresslevel=1, mtime=0))
    assert plotly_js() == script


def test_a_truncated_bundle_is_refused_with_advice_to_reinstall(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A bundle cut short by a failed download or a full disk: the build says to reinstall, as for a tampered one."""
    installed_as(monkeypatch, tmp_path, VENDORED.read_bytes()[:5000])
    with pytest.raises(PaceError, match="reinstall pace-site"):
        plotly_js()
