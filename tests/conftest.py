"""Shared fixtures: the repository root, and a real browser against `streamlit run`.

Browser tests use Debian's Chromium (/usr/bin/chromium) driven by Playwright;
Playwright's own browser download is never used (it cannot work offline).
Screenshots go to ``test-artifacts/`` at the repository root.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def url(app_test) -> dict:
    """An AppTest's query parameters, one value each: what its address bar holds."""
    return {name: (value[-1] if isinstance(value, list) else value) for name, value in app_test.query_params.items()}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_streamlit(script: str = "dashboard.py", port: int | None = None, extra_args=()) -> tuple[subprocess.Popen, str]:
    """Start `streamlit run` on 127.0.0.1 and wait until it answers its health check."""
    port = port or free_port()
    process = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", script,
            "--server.address", "127.0.0.1",
            "--server.port", str(port),
            "--server.headless", "true",
            "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
            *extra_args,
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {process.stderr.read().decode(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("streamlit did not answer its health check within 60 s")


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)


@pytest.fixture(scope="session")
def streamlit_url():
    """One `streamlit run dashboard.py` server shared by the browser tests."""
    process, url = start_streamlit()
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (see .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab (its own Streamlit session) at a desktop size."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def wait_for_app(page, timeout_ms: int = 30000) -> None:
    """Wait until Streamlit has finished running the script for the current page."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]')""", timeout=timeout_ms
    )
