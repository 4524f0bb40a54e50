"""Browser-test tooling: serve an app on a free loopback port in a thread, and launch
Debian's chromium through Playwright (never Playwright's own browser download).

Used by tests/web/test_browser.py and scripts/screenshots.py.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import time
from collections.abc import Iterator
from typing import Any

import uvicorn

# Where the project's set-up (Makefile, .ci/run) installs Debian's chromium.
CHROMIUM = os.environ.get("TACITUS_CHROMIUM", "/usr/bin/chromium")
# What chromium needs on these machines: no sandbox as root, no GPU, and no background
# connections (the network is closed; without these flags it retries them at every start).
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium() -> str | None:
    """The chromium executable, or None when it is not installed."""
    if os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium")


@contextlib.contextmanager
def served(app: Any) -> Iterator[str]:
    """Run `app` with uvicorn on 127.0.0.1 (a free port) in a thread; yields its base URL."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning",
                            lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextlib.contextmanager
def browser() -> Iterator[Any]:
    """A headless Debian chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    executable = chromium()
    if executable is None:
        raise RuntimeError(f"chromium not found at {CHROMIUM}")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True,
                                              args=FLAGS)
        try:
            yield launched
        finally:
            launched.close()
