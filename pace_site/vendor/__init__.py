"""plotly.js's official "basic" bundle (scatter, bar, pie; shapes, annotations, patterns), gzipped.

From the npm package plotly.js-basic-dist-min 4.1.1 (MIT, see plotly.js-LICENSE), the plotly.js
version the plotly Python package pins. Kept gzipped (395 KB) so that no file in the repository
is over 1 MiB; it is unpacked at build time, and its SHA-256 checked, so a user needs pip only.
"""
