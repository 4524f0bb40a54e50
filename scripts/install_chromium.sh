#!/usr/bin/env bash
# Install Debian's chromium for the browser tests (tests/web/test_browser.py drives it with
# Playwright; Playwright's own browser download is never used). Called by `make test` when
# /usr/bin/chromium is missing. Needs root or password-less sudo; otherwise it says so and
# the browser tests skip (under CI=true they fail instead).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_chromium: no apt-get here; install chromium by hand for the browser tests" >&2
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    run=()
elif sudo -n true 2>/dev/null; then
    run=(sudo -n)
else
    echo "install_chromium: not root and no sudo; run 'apt-get install chromium' for the browser tests" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -qq
"${run[@]}" apt-get install -y -qq chromium >/dev/null
chromium --version
