"""A classroom at once: N browser sessions training live against one server, twice.

Each session is its own headless Chromium context (its own Streamlit session)
on the live page, with its own seed in the URL; it presses Start and trains
for a fixed time. Then the script reports, per wave:

* errors seen: exceptions or error boxes on the page, JavaScript errors,
  lost connections, tracebacks in the server's log;
* pages that stopped updating (no new picture in the last few seconds);
* chart updates per second per session (each new "Samples seen" count is
  one live update of the counters, heatmaps and error curve);
* whether each session's weights stayed its own: each page starts with
  exactly the wih nn/ builds from its seed, and ends with a wih unlike any
  other session's;
* the server's memory (VmRSS from /proc/<pid>/status) at the start and after
  the wave, once its sessions are gone.

After the second wave the server's memory is compared with after the first:
the goal is within 10%, meaning nothing (threads, state, pictures) leaks
from one class to the next. Streamlit keeps a disconnected session for
``server.disconnectedSessionTTL`` seconds and frees it on its next write, so
between waves the script waits that long and opens one short probe tab.

Quick run (about 2 minutes)::

    python benchmarks/classroom_load.py --sessions 4 --seconds 15 --ttl 5

The classroom goal (20 sessions, 60 s, two waves; about 10 minutes). ``--ttl`` only
shortens the wait for the first wave's sessions to expire (the configured 600 s would add
ten minutes); it does not change what is measured::

    python benchmarks/classroom_load.py --sessions 20 --seconds 60 --ttl 30

The same load on a 20-line ``run_every`` app with none of this project's code, to tell
Streamlit's own limits from the dashboard's::

    python benchmarks/classroom_load.py --bare-fragment --sessions 6 --seconds 15 --ttl 3

Against replicas behind nginx (see deploy/run_replicas.sh), summing their memory::

    python benchmarks/classroom_load.py --url http://127.0.0.1:8080 --pid-file deploy/run/*.pid

Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import os
import re
import sys
import tempfile
import threading
import time
import tomllib
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from conftest import CHROMIUM, CHROMIUM_FLAGS, start_streamlit, wait_for_app  # noqa: E402

#: Every student has their own browser in front of them, so no page here may be treated as
#: a background tab (Chromium would slow its timers, and so its live updates, to 1 a second).
FOREGROUND_FLAGS = [
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]

LIVE_PAGE = "Watch_it_learn"

# --bare-fragment: the same load on a Streamlit app with none of this project's code, a
# Start button and a run_every fragment that counts (WORK seconds of busy work per tick),
# to tell Streamlit's own limits from the dashboard's.
BARE_FRAGMENT_APP = """
import os, time
import streamlit as st

if st.button("Start", key="live_start"):
    st.session_state.running = True
st.session_state.setdefault("samples", 0)

@st.fragment(run_every=0.15 if st.session_state.get("running") else None)
def tick():
    if st.session_state.get("running"):
        began = time.perf_counter()
        while time.perf_counter() - began < float(os.environ.get("WORK", "0.05")):
            pass
        st.session_state.samples += 20
    st.html(f'<div class="live-counter" data-name="Samples seen"><div class="value">{st.session_state.samples}</div></div>')

tick()
"""
START_BUTTON = ".st-key-live_start button"
#: A page with no update in the last third of its wave (at least this long) has stopped updating.
MIN_STALL_SECONDS = 5.0

# Runs inside each page: remember when the "Samples seen" counter changes (once per live
# update), so the page itself keeps the record and Python reads it at the end.
# The live page's counters: one HTML block (ui/live/view.py), or st.metric in older versions.
SAMPLES_SEEN_SELECTOR = '.live-counter[data-name="Samples seen"] .value, [data-testid="stMetricValue"]'

WATCH_UPDATES_JS = """
() => {
  const SAMPLES_SEEN = '""" + SAMPLES_SEEN_SELECTOR + """';
  window.__classroom = {updates: [], lastSamples: null, disconnects: 0};
  const record = window.__classroom;
  const check = () => {
    const counter = document.querySelector(SAMPLES_SEEN);
    const samples = counter ? counter.innerText : null;
    // The counter changes with every live update; a tiny heatmap may look the same twice.
    if (samples !== null && record.lastSamples !== null && samples !== record.lastSamples) {
      record.updates.push(performance.now());
    }
    if (samples !== null) record.lastSamples = samples;
    if (document.querySelector('[data-testid="stConnectionStatus"], [data-testid="stAppConnectionError"]')) {
      record.disconnects += 1;
    }
  };
  new MutationObserver(check).observe(document.body,
    {subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['src']});
}
"""

# Small weight matrices are tables whose cells' titles hold each exact weight
# ("hidden 1 ← input 1: 0.1234"); large ones (MNIST) are a picture.
WIH_SHOWN_JS = """
() => {
  const cells = [...document.querySelectorAll('td[title^="hidden "]')].map(cell => cell.title);
  if (cells.length) return cells.join('|');
  const picture = document.querySelector('img[alt="wih as colours"]');
  return picture ? picture.src : '';
}
"""

READ_PAGE_JS = """
() => {
  const record = window.__classroom;
  return {
    updates: record.updates,
    now: performance.now(),
    disconnects: record.disconnects,
    samples: record.lastSamples,
    weights: (""" + WIH_SHOWN_JS + """)(),
    exceptions: [...document.querySelectorAll('[data-testid="stException"]')].map(e => e.innerText.slice(0, 300)),
    errors: [...document.querySelectorAll('[data-testid="stAlertContentError"]')].map(e => e.innerText.slice(0, 300)),
    speedHelp: document.querySelector('.live-counter[data-name="Samples / s"]')?.title || "",
  };
}
"""


@dataclass
class Session:
    number: int
    seed: int
    page: object
    context: object
    console_errors: list = field(default_factory=list)
    starts_as_its_seed_says: bool | None = None  # None: the weights are a picture, not readable
    replica: str = ""  # behind deploy/nginx.conf: which replica nginx chose


@dataclass
class SessionResult:
    seed: int
    updates_per_second: float
    stalled: bool
    samples: str
    weights_hash: str
    starts_as_its_seed_says: bool | None
    replica: str
    problems: list
    tick_note: str = ""  # the speed counter's note when the page's updates are slowed (ui/live/tick.py)


# -- the server's memory ----------------------------------------------------------------------


def rss_megabytes(pids) -> float:
    """Resident memory of these processes, from /proc (psutil is not installed)."""
    total_kb = 0
    for pid in pids:
        status = Path(f"/proc/{pid}/status").read_text()
        total_kb += int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1))
    return total_kb / 1024


def cpu_seconds(pids) -> float:
    """CPU time (user + system) these processes have used, from /proc/<pid>/stat."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def load_average() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def configured_ttl() -> int:
    config = ROOT / ".streamlit" / "config.toml"
    if config.exists():
        return int(tomllib.loads(config.read_text()).get("server", {}).get("disconnectedSessionTTL", 120))
    return 120


class ServerLog:
    """Drains the server's stderr (so it never blocks) and keeps every traceback, whole."""

    def __init__(self, stream):
        self.tracebacks: list[str] = []
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream):
        current = None
        for raw in iter(stream.readline, b""):
            line = raw.decode(errors="replace").rstrip()
            if current is not None:
                current.append(line)
                if line and not line.startswith(" "):  # the exception's own line ends it
                    self.tracebacks.append("\n".join(current))
                    current = None
            elif "Traceback" in line:
                current = [line]


# -- one wave -----------------------------------------------------------------------------------


def open_sessions(browser, url: str, count: int, first_seed: int, dataset: str, page_path: str) -> list[Session]:
    sessions = []
    for number in range(count):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        session = Session(number, first_seed + number, page, context)
        page.on("pageerror", lambda error, s=session: s.console_errors.append(str(error)[:300]))
        query = urllib.parse.urlencode({"seed": session.seed, **({"dataset": dataset} if dataset else {})})
        response = page.goto(f"{url}/{page_path}?{query}", timeout=60_000)
        session.replica = response.headers.get("x-classroom-replica", "") if response else ""
        wait_for_app(page, timeout_ms=60_000)
        page.wait_for_selector(f'td[title^="hidden "], img[alt="wih as colours"], {START_BUTTON}', timeout=60_000)
        page.evaluate(WATCH_UPDATES_JS)
        session.starts_as_its_seed_says = starts_as_its_seed_says(page.evaluate(WIH_SHOWN_JS), session.seed, dataset)
        sessions.append(session)
    for session in sessions:
        session.page.click(START_BUTTON, timeout=30_000)
    return sessions


def starts_as_its_seed_says(shown: str, seed: int, dataset: str) -> bool | None:
    """Whether the page's starting wih is the one nn/ builds from this seed (to the 4 decimals shown)."""
    if not shown or shown.startswith("data:"):
        return None
    from ui.live.settings import LIVE_SETTINGS
    from ui.session import build_lab

    values, _ = LIVE_SETTINGS.check_all({**LIVE_SETTINGS.defaults(), "seed": seed, **({"dataset": dataset} if dataset else {})})
    wih = build_lab(values).network.wih
    expected = [float(cell.rsplit(": ", 1)[1]) for cell in shown.split("|")]
    return len(expected) == wih.size and max(abs(a - b) for a, b in zip(expected, wih.ravel())) <= 5e-5


def read_sessions(sessions: list[Session], seconds: float) -> list[SessionResult]:
    results = []
    for session in sessions:
        state = session.page.evaluate(READ_PAGE_JS)
        window_start = state["now"] - seconds * 1000
        recent = [t for t in state["updates"] if t >= window_start]
        stall_ms = max(MIN_STALL_SECONDS, seconds / 3) * 1000
        stalled = not state["updates"] or state["now"] - state["updates"][-1] > stall_ms
        problems = (
            [f"exception: {text}" for text in state["exceptions"]]
            + [f"error box: {text}" for text in state["errors"]]
            + [f"javascript: {text}" for text in session.console_errors]
            + (["lost its connection to the server"] if state["disconnects"] else [])
        )
        results.append(
            SessionResult(
                seed=session.seed,
                updates_per_second=len(recent) / seconds,
                stalled=stalled,
                samples=state["samples"] or "?",
                weights_hash=hashlib.sha256(state["weights"].encode()).hexdigest()[:12] if state["weights"] else "",
                starts_as_its_seed_says=session.starts_as_its_seed_says,
                replica=session.replica,
                problems=problems,
                tick_note=" ".join(re.findall(r"every [0-9.]+ s", state.get("speedHelp") or "")[:1]),
            )
        )
    return results


def close_sessions(sessions: list[Session]) -> None:
    for session in sessions:
        session.context.close()


def reap_disconnected_sessions(browser, url: str, ttl: int) -> None:
    """Wait until the wave's sessions have expired, then make Streamlit write its session
    store once (a short visit), which is when it frees expired sessions."""
    time.sleep(ttl + 2)
    context = browser.new_context()
    page = context.new_page()
    page.goto(url, timeout=60_000)
    wait_for_app(page, timeout_ms=60_000)
    context.close()
    time.sleep(3)


def run_wave(browser, url, args, wave: int, server_log, pids) -> tuple[list[SessionResult], list[str]]:
    first_seed = 1000 * wave
    tracebacks_before = len(server_log.tracebacks) if server_log else 0
    opening = time.monotonic()
    sessions = open_sessions(browser, url, args.sessions, first_seed, args.dataset,
                             "" if args.bare_fragment else LIVE_PAGE)
    print(f"  wave {wave}: opened {len(sessions)} sessions and pressed Start in {time.monotonic() - opening:.0f} s")
    started, cpu_before = time.monotonic(), cpu_seconds(pids) if pids else 0.0
    while time.monotonic() - started < args.seconds:
        sessions[0].page.wait_for_timeout(1000)  # lets Playwright deliver page events meanwhile
    results = read_sessions(sessions, args.seconds)
    if pids:
        busy = (cpu_seconds(pids) - cpu_before) / (time.monotonic() - started)
        print(f"  wave {wave}: server CPU {busy:.2f} cores while training; machine load average {load_average()}")
    close_sessions(sessions)
    server_problems = server_log.tracebacks[tracebacks_before:] if server_log else []
    # Streamlit logs a traceback when a browser goes away in the middle of a send; that is
    # a closed tab, not an error a learner sees. Counted apart.
    closed = [text for text in server_problems if "WebSocketDisconnected" in text]
    if closed:
        print(f"  wave {wave}: {len(closed)} websocket-closed tracebacks in the server log (tabs closing; not counted)")
    return results, [text for text in server_problems if text not in closed]


def report_wave(wave: int, results: list[SessionResult], server_problems: list[str]) -> dict:
    print(f"\nWave {wave}: {len(results)} sessions")
    print(f"  {'seed':>6} {'updates/s':>10} {'samples seen':>13} {'wih at the end':>15} {'wih at start':>13}  replica / problems")
    for result in results:
        flag = "  STOPPED UPDATING" if result.stalled else ""
        start = {True: "its seed's", False: "WRONG", None: "(a picture)"}[result.starts_as_its_seed_says]
        print(f"  {result.seed:>6} {result.updates_per_second:>10.2f} {result.samples:>13} "
              f"{result.weights_hash:>15} {start:>13}  {result.replica}  {'; '.join(result.problems)}{flag}")
    rates = sorted(result.updates_per_second for result in results)
    notes = collections.Counter(result.tick_note or "not slowed" for result in results)
    print("  updates asked for at the end (ui/live/tick.py): "
          + ", ".join(f"{note}: {count}" for note, count in sorted(notes.items())))
    hashes = [result.weights_hash for result in results]
    summary = {
        "errors": sum(len(result.problems) for result in results) + len(server_problems),
        "stalled": sum(result.stalled for result in results),
        "min_rate": rates[0],
        "median_rate": rates[len(rates) // 2],
        # Own weights: each started from its own seed's network (as nn/ builds it) and
        # ended different from every other session's.
        "own_weights": None if not any(hashes) else len(set(hashes)) == len(hashes) and "" not in hashes
        and all(result.starts_as_its_seed_says is not False for result in results),
    }
    for traceback in server_problems[:3]:
        print("  server log:\n    " + traceback.replace("\n", "\n    "))
    print(f"  errors seen: {summary['errors']}   pages that stopped updating: {summary['stalled']}")
    print(f"  chart updates per second per session: min {summary['min_rate']:.2f}, "
          f"median {summary['median_rate']:.2f}")
    print(f"  each session's weights its own (started from its seed's wih, ended unlike any other): "
          f"{summary['own_weights']}")
    return summary


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=4, help="browser sessions per wave (default 4)")
    parser.add_argument("--seconds", type=float, default=15, help="seconds each wave trains (default 15)")
    parser.add_argument("--waves", type=int, default=2, help="waves of sessions, one after another (default 2)")
    parser.add_argument("--dataset", default="", help="dataset URL word for every session, e.g. 5x5-digits or mnist")
    parser.add_argument("--ttl", type=int, default=None,
                        help="server.disconnectedSessionTTL for the server started here, or with --url "
                        "the running servers' value (default: .streamlit/config.toml's)")
    parser.add_argument("--bare-fragment", action="store_true",
                        help="load a 20-line app (a Start button and a run_every fragment) instead of the dashboard")
    parser.add_argument("--url", default=None, help="use a running app (127.0.0.1 only) instead of starting one")
    parser.add_argument("--pid-file", nargs="*", default=[], help="with --url: files holding the server pids to measure")
    args = parser.parse_args(argv)

    ttl = args.ttl if args.ttl is not None else configured_ttl()
    server, server_log = None, None
    if args.url:
        if urllib.parse.urlsplit(args.url).hostname not in ("127.0.0.1", "localhost"):
            parser.error("--url must be on 127.0.0.1: this load test never leaves the machine")
        url = args.url.rstrip("/")
        pids = [int(Path(name).read_text().split()[0]) for name in args.pid_file]
    else:
        script = "dashboard.py"
        if args.bare_fragment:
            bare = tempfile.NamedTemporaryFile("w", suffix="_bare_fragment.py", delete=False)
            bare.write(BARE_FRAGMENT_APP)
            bare.close()
            script = bare.name
        server, url = start_streamlit(script, extra_args=["--server.disconnectedSessionTTL", str(ttl)])
        server_log = ServerLog(server.stderr)
        pids = [server.pid]

    from playwright.sync_api import sync_playwright

    print(f"Classroom load test: {args.sessions} sessions x {args.seconds:g} s x {args.waves} waves "
          f"against {url} (disconnectedSessionTTL {ttl} s; {os.cpu_count()} cores, load average {load_average()})")
    summaries, memory = [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_FLAGS + FOREGROUND_FLAGS, headless=True
            )
            try:
                reap_disconnected_sessions(browser, url, ttl=0)  # first visit: imports and caches warm
                memory_start = rss_megabytes(pids) if pids else None
                for wave in range(1, args.waves + 1):
                    results, server_problems = run_wave(browser, url, args, wave, server_log, pids)
                    if pids:
                        print(f"  server memory with the sessions still open: {rss_megabytes(pids):.0f} MB")
                    reap_disconnected_sessions(browser, url, ttl)
                    memory.append(rss_megabytes(pids) if pids else None)
                    summaries.append(report_wave(wave, results, server_problems))
                    if pids:
                        print(f"  server memory after the wave's sessions are gone: {memory[-1]:.0f} MB "
                              f"(at the start: {memory_start:.0f} MB)")
            finally:
                browser.close()
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
        if args.bare_fragment and not args.url:
            os.unlink(script)

    print("\nSummary")
    errors = sum(summary["errors"] for summary in summaries)
    stalled = sum(summary["stalled"] for summary in summaries)
    own = all(summary["own_weights"] is not False for summary in summaries)
    print(f"  errors seen: {errors}; pages that stopped updating: {stalled}; weights stayed each session's own: {own}")
    ok = errors == 0 and stalled == 0 and own
    if len(memory) >= 2 and memory[0]:
        ratio = memory[-1] / memory[0]
        print(f"  server memory: start {memory_start:.0f} MB, after wave 1 {memory[0]:.0f} MB, "
              f"after wave {len(memory)} {memory[-1]:.0f} MB: ratio {ratio:.3f} (goal <= 1.10)")
        ok = ok and ratio <= 1.10
    print(f"  goal met: {ok}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
