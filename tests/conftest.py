"""Shared fixtures: time budgets decided, the repository root, and a real browser against `streamlit run`.

Training "for a time budget" (a live update, a workshop tick) would train as many
samples as the machine manages in the time, so every test replaces the budget's clock
(``nn.training.clock``) with one that decides it: by default a budget runs out at its
first clock check, so each live update trains exactly one slice of samples, on any
machine. Browser tests run a real server in another process, on the real clock.

Browser tests use Debian's Chromium (/usr/bin/chromium) driven by Playwright;
Playwright's own browser download is never used (it cannot work offline).
Screenshots go to ``test-artifacts/`` at the repository root.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

import nn.training
from tests import one_parse_at_a_time

one_parse_at_a_time.install()  # before any test starts a thread that parses

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


class SteppingClock:
    """A clock for ``nn.training.clock`` that moves ``step`` seconds each time it is read.

    A time budget of ``b`` seconds then ends at its ceil(b / step)-th clock check, whatever
    the machine's speed or load (pick ``b / step`` not a whole number, so rounding cannot decide).
    """

    def __init__(self, step: float):
        self.step, self.now = step, 0.0

    def __call__(self) -> float:
        self.now += self.step
        return self.now


@pytest.fixture(autouse=True)
def time_budgets_run_out_at_the_first_check(monkeypatch):
    """Every training time budget ends after one slice of ``nn.training.SAMPLES_PER_CLOCK_CHECK`` samples."""
    monkeypatch.setattr(nn.training, "clock", SteppingClock(step=3600.0))


def url(app_test) -> dict:
    """An AppTest's query parameters, one value each: what its address bar holds."""
    return {name: (value[-1] if isinstance(value, list) else value) for name, value in app_test.query_params.items()}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_streamlit(script: str = "dashboard.py", port: int | None = None, extra_args=(),
                    root: Path = ROOT, env: dict | None = None) -> tuple[subprocess.Popen, str]:
    """Start `streamlit run` on 127.0.0.1 and wait until it answers its health check (``root``: the checkout
    whose app it runs, this one unless a report measures another; ``env``: variables set for the server only)."""
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
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {}), "PYTHONUNBUFFERED": "1"},
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


def without_modules(folder: Path, *modules: str) -> dict:
    """Variables for a server that runs as if ``modules`` were not installed: an import of one fails as for a
    missing module (Streamlit then runs on asyncio's own event loop where uvloop is hidden, for example).
    ``folder`` holds the stand-ins."""
    for module in modules:
        (folder / f"{module}.py").write_text(f"raise ModuleNotFoundError('hidden', name={module!r})\n")
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH")]))}


def stop_streamlit(process: subprocess.Popen) -> None:
    """Stop a server :func:`start_streamlit` started: politely, then for certain."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def state_by_id(request) -> dict[str, tuple[str, object]]:
    """A rerun request's (a ClientState's) widget states: id -> (the kind of value, the value), as a test compares them."""
    states = {}
    for widget in request.widget_states.widgets:
        kind = widget.WhichOneof("value")
        value = getattr(widget, kind) if kind else None
        if kind in ("string_array_value", "double_array_value", "int_array_value"):
            value = list(value.data)
        elif kind == "file_uploader_state_value":
            value = str(value)
        states[widget.id] = (kind, value)
    return states


#: How long a browser test waits for anything on a page (an element, a click, a condition) before it gives
#: up, unless it says otherwise: Playwright's own 30 s is too short for a loaded machine, or one twice as
#: slow as this one, where a script run can take tens of seconds. It decides nothing but when to give up.
PATIENCE_MS = 90_000

#: To shake out races by hand: ``BROWSER_SLOWDOWN=6 python -m pytest tests/browser`` runs every tab's
#: JavaScript 6 times slower (Chromium's own CPU throttling), as on a slow phone or a loaded CI machine.
#: A test that fails only then acts before the page is ready for it. Unset (as in CI): full speed.
SLOWDOWN_VARIABLE = "BROWSER_SLOWDOWN"


def launch_chromium(playwright):
    """Debian's Chromium, whose every new context waits :data:`PATIENCE_MS` (and is slowed down by
    ``$BROWSER_SLOWDOWN``, if set)."""
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
    slowdown = float(os.environ.get(SLOWDOWN_VARIABLE) or 1)

    def new_context(*args, open_context=chromium.new_context, **kwargs):
        context = open_context(*args, **kwargs)
        context.set_default_timeout(PATIENCE_MS)
        if slowdown > 1:
            slow_down_every_tab(context, slowdown)
        return context

    chromium.new_context = new_context
    return chromium


def slow_down_every_tab(context, rate: float) -> None:
    """Every tab opened in this context from now on runs its JavaScript ``rate`` times slower."""
    def new_page(open_page=context.new_page):
        tab = open_page()
        context.new_cdp_session(tab).send("Emulation.setCPUThrottlingRate", {"rate": rate})
        return tab

    context.new_page = new_page


@pytest.fixture
def no_file_watcher():
    """Streamlit's sessions made in this process watch no files (a test's AppSession or Runtime), as a server
    started with ``--server.fileWatcherType none`` does."""
    from streamlit import config
    watcher = config.get_option("server.fileWatcherType")
    config.set_option("server.fileWatcherType", "none")
    yield
    config.set_option("server.fileWatcherType", watcher)


@pytest.fixture(scope="session")
def streamlit_url():
    """One `streamlit run dashboard.py` server shared by the browser tests."""
    process, url = start_streamlit()
    yield url
    stop_streamlit(process)


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


#: True once the run Streamlit knows of is over and drawn: the page is connected to its server, Streamlit's
#: own script state (``initial`` before the first run, ``running`` during one) says notRunning, no
#: "Running..." is shown, and no element is still a grey placeholder. (The status widget alone says little:
#: Streamlit shows it only once a run has lasted half a second, so its absence is also what a page looks
#: like in a run's first half second. The placeholders are there because Streamlit loads the code of each
#: kind of element (a page link, a chart) the first time a browser shows one: a fresh browser context
#: shows the menu's links up to two seconds after the run that sent them, one link after another.)
RUN_IS_OVER = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-connection-state') === 'CONNECTED'
         && app.getAttribute('data-test-script-state') === 'notRunning'
         && !document.querySelector('[data-testid="stStatusWidget"]')
         && !document.querySelector('[data-testid="stSkeleton"]');
}"""


def wait_for_app(page, timeout_ms: int = 90_000) -> None:
    """Wait until Streamlit has finished running the script for the current page.

    It waits for the run Streamlit knows of: after page.goto, the page's first run. Right after a click
    or a key, the browser has not yet heard that the server began the run it asked for, so this can
    return at once: wait first for what that run changes (a text, the address bar, a button's label).
    The limit is only how long to wait before giving up: a run takes well under a second here,
    but on a shared 2-core machine under load (or one twice as slow) it can take tens of seconds.
    """
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_function(RUN_IS_OVER, timeout=timeout_ms)


@pytest.fixture(scope="module")
def dashboard():
    """`streamlit run dashboard.py` for one test module (a module may define its own, with a fixed tick).

    Not the session's ``streamlit_url``: a process chooses one tick for all its live pages, and
    sessions other tests trained count for 15 s, so a test that checks the tick has a server of its own."""
    process, url = start_streamlit()
    yield url
    stop_streamlit(process)


@pytest.fixture(scope="module")
def class_server(tmp_path_factory):
    """`streamlit run` with the class rooms in a temporary folder (a module may define its own)."""
    from ui.classroom import rooms

    process, url = start_streamlit(env={rooms.DATA_DIR_VARIABLE: str(tmp_path_factory.mktemp("rooms"))})
    yield url
    stop_streamlit(process)


def press(tab, key: str) -> None:
    """Click the button with this widget key once the page has finished its run (a run in
    progress can show a fading copy of an element beside its new one)."""
    wait_for_app(tab)
    tab.locator(f".st-key-{key} button:visible").first.click()


#: True once the page's layout has stopped moving: the run is over and drawn (:data:`RUN_IS_OVER`), its
#: fonts and pictures have loaded (a fallback font, or a picture not yet in, gives other sizes), and the
#: page's sizes (the window's content, the main area's, every chart's) are the same at four looks in a
#: row. Charts are drawn after the run, at the width their column had, and drawn again when it changes
#: (a scroll bar appearing as the page grows): a page measured before that may look wider than it is.
LAYOUT_STILL_WHEN = """() => {
  const drawn = (%s)() && document.fonts.status === 'loaded'
                && [...document.images].every(picture => picture.complete);
  const main = document.querySelector('[data-testid="stMain"]');
  const sizes = JSON.stringify([document.scrollingElement.scrollWidth, document.scrollingElement.scrollHeight,
      main && main.scrollWidth, main && main.scrollHeight, document.querySelectorAll('*').length,
      [...document.querySelectorAll('.js-plotly-plot')].map(chart => {
          const box = chart.getBoundingClientRect();
          return [box.width, box.height, chart.querySelector('svg.main-svg')?.getAttribute('width')];
      })]);
  const seen = window.__layoutLooks || (window.__layoutLooks = {sizes: null, looks: 0});
  seen.looks = drawn && sizes === seen.sizes ? seen.looks + 1 : 0;
  seen.sizes = sizes;
  return seen.looks >= 3;
}"""
LAYOUT_IS_STILL = LAYOUT_STILL_WHEN % RUN_IS_OVER
#: The same while the live page trains: its updates never leave the run over for long, and change the
#: pictures' and counters' contents, not their sizes. Every element drawn (no placeholder) is still asked.
LAYOUT_IS_STILL_WHILE_TRAINING = LAYOUT_STILL_WHEN % """() => !document.querySelector('[data-testid="stSkeleton"]')"""


def wait_for_layout_still(page, timeout_ms: int = 90_000, training: bool = False) -> None:
    """Wait until the page's layout has stopped moving (:data:`LAYOUT_IS_STILL`, looked at every 250 ms),
    before measuring it: what is measured is then what a learner sees once the page is drawn, on a machine
    of any speed. (It waits for the page to be still, not for a length of time: the limit is only when to
    give up.) ``training``: the live page is training (:data:`LAYOUT_IS_STILL_WHILE_TRAINING`)."""
    if not training:
        wait_for_app(page, timeout_ms)
    page.evaluate("() => { window.__layoutLooks = null; }")
    page.wait_for_function(LAYOUT_IS_STILL_WHILE_TRAINING if training else LAYOUT_IS_STILL,
                           polling=250, timeout=timeout_ms)


class FullRuns:
    """The full script runs a tab asks its server for, and those the server finishes, read from the tab's
    own websocket (Streamlit's messages). For an action whose run draws nothing new to wait for (a number
    typed and entered: the box already shows it), :meth:`awaited` waits for exactly that run to be over.
    A fragment's runs (a page's poll of its room, the live page's updates) are neither counted nor waited
    for. Made before the tab opens its page (it watches the websocket the page opens)."""

    def __init__(self, page):
        self.page, self.socket = page, None
        self.asked = 0      # full runs the tab has asked for: rerun requests for no fragment
        self.answered = 0   # how many of those it had asked for when a full run last finished
        page.on("websocket", self._watch)

    def _watch(self, socket) -> None:
        if socket.url.endswith("/_stcore/stream"):
            self.socket = socket
            socket.on("framesent", self._sent)
            socket.on("framereceived", self._received)

    def _sent(self, payload) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        message = BackMsg()
        message.ParseFromString(payload)
        if message.WhichOneof("type") == "rerun_script" and not message.rerun_script.fragment_id:
            self.asked += 1

    def _received(self, payload) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        message = ForwardMsg()
        message.ParseFromString(payload)
        # a run cut short by a newer request (FINISHED_EARLY_FOR_RERUN) is followed by that request's run
        if message.WhichOneof("type") == "script_finished" and message.script_finished in (
                ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR):
            self.answered = self.asked

    def _wait_until(self, condition, timeout_ms: int) -> None:
        """Wait for the websocket's frames (each one counted by the handlers above) until ``condition()``."""
        while not condition():
            self.socket.wait_for_event("framereceived" if self.asked > self.answered else "framesent",
                                       timeout=timeout_ms)

    @contextmanager
    def awaited(self, timeout_ms: int = 90_000):
        """``with runs.awaited(): box.press("Enter")``: after the block, wait until the full run its action
        asked for has finished and is drawn (:func:`wait_for_app`). Before the block, every full run asked
        for earlier is awaited too, so a run finishing after the action is not taken for the action's."""
        self._wait_until(lambda: self.answered == self.asked, timeout_ms)
        asked_before = self.asked
        yield
        self._wait_until(lambda: self.asked > asked_before and self.answered == self.asked, timeout_ms)
        wait_for_app(self.page, timeout_ms)


#: True once nothing drawn is moving or left over from the mouse: no CSS animation or transition under way
#: (a tooltip fading in or out, an element fading back in after a run redrew it), no tooltip shown, and no
#: chart with a hover label. Finished animations that hold their last frame do not count.
PICTURE_IS_STILL = """() => !document.getAnimations().some(animation => animation.playState === 'running')
  && ![...document.querySelectorAll('[data-testid="stTooltipContent"]')].some(tip => tip.getClientRects().length)
  && !document.querySelector('.js-plotly-plot .hoverlayer > *')"""


def wait_for_picture(page, timeout_ms: int = 90_000) -> None:
    """Wait until a screenshot shows the page as a learner sees it once it is drawn: laid out and still
    (:func:`wait_for_layout_still`), with no tooltip, chart hover label or fade left (move the mouse away
    first: ``page.mouse.move(5, 5)``). It waits for those, not for a length of time: the limit is only when
    to give up."""
    wait_for_layout_still(page, timeout_ms)
    page.wait_for_function(PICTURE_IS_STILL, timeout=timeout_ms)


def wait_for_shortcut(page, button_key: str, key: str) -> None:
    """Wait until the page's keyboard script has bound ``key`` to the button ``button_key`` (it marks the
    button aria-keyshortcuts as it does): a key pressed before that does nothing."""
    page.wait_for_function("""([selector, key]) => { const buttons = [...document.querySelectorAll(selector)];
        return buttons.length && buttons.every(b => b.getAttribute('aria-keyshortcuts') === key); }""",
                           arg=[f".st-key-{button_key} button", key])


def screenshot_whole_page(tab, path) -> None:
    """The whole page, not only what fits the window: Streamlit scrolls inside its own container, which a
    full-page screenshot does not unroll, so the window is made as tall as the page for the picture
    (its width, which decides the layout, stays)."""
    size = tab.viewport_size
    height = tab.evaluate("""() => Math.max(...[...document.querySelectorAll(
        '[data-testid="stMain"], [data-testid="stAppViewContainer"], [data-testid="stSidebarContent"]')]
        .map(element => element.scrollHeight), window.innerHeight)""")
    tab.set_viewport_size({"width": size["width"], "height": min(height, 16_000)})
    tab.wait_for_timeout(500)
    tab.screenshot(path=path)
    tab.set_viewport_size(size)


def message_text(element) -> str:
    """The text a learner reads in a message (st.error, st.caption, ...) whose Markdown body went through
    ui.plain_text: CommonMark's backslash escapes undone, the invisible word joiners left out."""
    body = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", element.value)
    return body.replace("\u2060", "").replace("  \n", "\n")
