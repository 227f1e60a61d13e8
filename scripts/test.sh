#!/usr/bin/env bash
# Set up and run every test, on a fresh Debian machine that has only Python, pip, node and npm.
#   bash scripts/test.sh                 # everything
#   bash scripts/test.sh tests/browser   # arguments go to pytest
# Installs: the project with its test extra (pytest, hypothesis, playwright, pypdf, and the gates: import-linter,
# mypy and its stubs, ruff, radon; pagefind[bin], the search indexer, comes with the project itself), Debian's
# chromium (Playwright's own browser download is not used; the tests launch /usr/bin/chromium), poppler-utils
# (pdftotext and pdftoppm read the printed PDFs) and axe-core from package-lock.json for the accessibility checks.
# Before the tests it runs the gates configured in pyproject.toml, each failing the script: lint-imports (the
# layers), mypy (strict types) and ruff check (style and likely bugs).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

log "Installing the project and its test dependencies"
python3 -m pip install --disable-pip-version-check -q -e '.[test]'

if [ ! -x /usr/bin/chromium ]; then
  log "Installing Debian's chromium for the browser tests"
  apt_install chromium fonts-dejavu-core fonts-liberation
fi

if ! command -v pdftotext >/dev/null 2>&1; then
  log "Installing poppler-utils (pdftotext, pdftoppm) for the print tests"
  apt_install poppler-utils
fi

if [ ! -f node_modules/axe-core/axe.min.js ]; then
  if ! command -v npm >/dev/null 2>&1; then
    log "Installing node and npm"
    apt_install nodejs npm
  fi
  log "Installing axe-core from package-lock.json"
  npm ci --no-audit --no-fund
fi

log "Checking the layers (lint-imports), the types (mypy) and the style (ruff check)"
lint-imports
mypy
ruff check

mkdir -p test-artifacts
log "Running the tests"
exec python3 -m pytest "$@"
