"""The plotly.js the site ships: the smallest official bundle that draws every chart the site uses."""

from __future__ import annotations

import gzip
import hashlib
from functools import cache
from importlib import resources

from pace_site.model.errors import PaceError

BUNDLE = "plotly-basic-4.1.1.min.js.gz"
SHA256 = "99784e3abfb07b142a15e521a439e6d9addceadb3f79553fd24c72774f0649ba"  # of the unpacked file
SOURCE = "plotly.js-basic-dist-min 4.1.1 (pace_site/vendor)"


@cache
def plotly_js() -> bytes:
    """The unpacked bundle, checked against the digest of the file published on npm."""
    packed = (resources.files("pace_site.vendor") / BUNDLE).read_bytes()
    damaged = PaceError(f"the bundled plotly.js ({BUNDLE}) is damaged: reinstall pace-site")
    try:
        script = gzip.decompress(packed)
    except (OSError, EOFError) as error:  # not gzip, or cut short
        raise damaged from error
    if hashlib.sha256(script).hexdigest() != SHA256:
        raise damaged
    return script
