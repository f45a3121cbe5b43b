"""How live is the live page? Measured in a real browser against `streamlit run`.

    python benchmarks/live_updates.py            # about two minutes
    python benchmarks/live_updates.py --seconds 5 --repeats 1   # quicker, noisier
    python benchmarks/live_updates.py --phone 4 --seconds 10     # the live cases as on a phone
    python benchmarks/live_updates.py --phone 4 --against a1ae552 --rounds 2   # ... against another commit

Prints, each against a baseline measured in the same run:

* chart updates per second seen by headless Chromium while training (goals for one learner:
  >= 15 for the small teaching sets, >= 10 for 784-100-10 MNIST at speed 200; at full speed
  an update trains longer, so fewer), with the server on the first core and the browser on
  the others;
* training samples per second with the page open and drawing, against the
  same training chunks run in this process with no drawing (goal: ratio >= 0.5);
* how soon Pause takes effect: the last change of the "Samples seen" counter after the press
  (goal: within 0.3 s), and when the button reads Start again;
* seconds from `streamlit run` to the front door fully drawn, against a
  one-line Streamlit app started the same way (goal: ratio <= 1.5).

``--phone RATE`` runs the live cases as a learner on a phone would: a 390 x 844 touch screen whose
sidebar starts folded (opened to press Start and Pause, folded while watching), and the browser's
JavaScript and drawing RATE times slower than this machine's (Chrome's CPU throttling, as in its
DevTools; 4 is about a mid-range phone against a desktop core). The unthrottled rate is printed
beside it, measured in the same run. There is no start-up figure then. With ``--against REV``, each case
runs on this checkout's server and on REV's (checked out into a temporary git worktree), alternately,
for ``--rounds`` rounds, so a change is judged within one run.

The machine may be shared: figures vary from run to run; the ratios less so.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from benchmarks.checkout import checked_out  # noqa: E402
from benchmarks.machine import server_and_client_cores  # noqa: E402
from conftest import launch_chromium, start_streamlit, wait_for_app  # noqa: E402

# Records the time of every change of the error curve (it is redrawn on every live update).
WATCH_UPDATES = """() => {
    window.__updates = [];
    let last = null;
    const check = () => {
        const curve = document.querySelector('img.error-curve');
        if (curve && curve.src !== last) { last = curve.src; window.__updates.push(performance.now()); }
    };
    new MutationObserver(check).observe(document.body, {subtree: true, childList: true, attributes: true});
}"""

CASES = (
    # (name, link to the live page, settings for the headless baseline)
    ("3-3-3, default speed (20 samples/update)", "", dict(speed=20)),
    ("5x5 digits 25-8-5, default speed", "dataset=5x5-digits&hidden_nodes=8", dict(dataset="5x5 digits", hidden_nodes=8)),
    ("5x5 digits 25-10-5, max speed", "dataset=5x5-digits&hidden_nodes=10&speed=5000",
     dict(dataset="5x5 digits", hidden_nodes=10, speed=5000)),
    ("MNIST 784-100-10, speed 200", "dataset=mnist&hidden_nodes=100&learning_rate=0.1&speed=200",
     dict(dataset="MNIST", hidden_nodes=100, learning_rate=0.1, speed=200)),
    ("MNIST 784-100-10, max speed", "dataset=mnist&hidden_nodes=100&learning_rate=0.1&speed=5000",
     dict(dataset="MNIST", hidden_nodes=100, learning_rate=0.1, speed=5000)),
)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process (Linux /proc)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def process_tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            children.setdefault(parent, []).append(int(entry))
    tree, stack = [], [root]
    while stack:
        pid = stack.pop()
        tree.append(pid)
        stack += children.get(pid, [])
    return tree


def browser_cpu_seconds(server_pid: int) -> float:
    """CPU time of this process's children other than the server: Chromium and Playwright's driver."""
    server = set(process_tree(server_pid))
    total = 0.0
    for pid in process_tree(os.getpid())[1:]:
        if pid not in server:
            try:
                total += cpu_seconds(pid)
            except OSError:
                pass
    return total


# Presses Pause and watches for 2 s: when the "Samples seen" counter last changed and when the
# button read Start again, in milliseconds after the press (0: it never changed after the press).
PAUSE_AND_WATCH = """() => new Promise(resolve => {
    const counter = () => document.querySelector('.live-counter[data-name="Samples seen"] .value')?.innerText;
    const button = () => document.querySelector('.st-key-live_start button');
    let shown = counter(), lastChange = 0, startShown = null;
    const pressed = performance.now();
    const check = () => {
        const now = performance.now() - pressed;
        if (counter() !== shown) { shown = counter(); lastChange = now; }
        if (startShown === null && button()?.innerText.includes('Start')) { startShown = now; }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
    button().click();
    setTimeout(() => { observer.disconnect(); check(); resolve([lastChange, startShown]); }, 2000);
})"""


def samples_seen(page) -> int:
    return int(page.locator('.live-counter[data-name="Samples seen"] .value').inner_text().replace(",", ""))


@dataclass
class LiveInBrowser:
    """One browser tab on the live page, training."""

    #: Chart updates per second the page drew.
    updates_per_second: float
    #: Samples trained per second, as the page's counter showed them.
    samples_per_second: float
    #: CPU milliseconds per drawn update: the server's, and the browser's (Chromium and Playwright's driver).
    server_ms: float
    browser_ms: float
    #: Rerun requests (the fragment's timer) the tab sent per second: its setInterval fires only when
    #: the page's main thread is free, so a tab that takes long to draw asks less often.
    requests_per_second: float
    #: After Pause: seconds to the last change of the samples counter, and to the button reading Start (or None).
    paused_seconds: float
    start_shown_seconds: float | None


#: A phone's screen (as the accessibility tests' phone): the sidebar starts folded.
PHONE = dict(viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True, has_touch=True)


def set_sidebar(page, open_: bool) -> None:
    """Unfold or fold the sidebar as a learner on a phone does (a click on a control waits for it to be still)."""
    control = '[data-testid="stExpandSidebarButton"]' if open_ else '[data-testid="stSidebarCollapseButton"] button'
    page.locator(control).first.click()
    page.wait_for_selector(f'[data-testid="stSidebar"][data-collapsed="{str(not open_).lower()}"]', state="attached")


def live_in_browser(browser, url: str, server_pid: int, query: str, seconds: float,
                    phone_slowdown: float | None = None) -> LiveInBrowser:
    """The live page open and training in a fresh tab for ``seconds``, then Pause.

    ``phone_slowdown``: on a phone's screen, the tab's CPU that many times slower (see ``--phone``)."""
    context = browser.new_context(**(PHONE if phone_slowdown else {"viewport": {"width": 1400, "height": 1000}}))
    page = context.new_page()
    if phone_slowdown:
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": phone_slowdown})
    page.set_default_timeout(120_000)
    # The websocket messages the tab sent (rerun requests: a browser sends little else), delivered to
    # this thread whenever it next talks to Playwright: counted between two such calls.
    sent = []
    page.on("websocket", lambda socket: socket.on("framesent", lambda payload: sent.append(len(payload))))
    page.goto(f"{url}/Watch_it_learn?{query}")
    wait_for_app(page)
    page.wait_for_selector("img.error-curve")
    if phone_slowdown:
        set_sidebar(page, True)
    page.get_by_role("button", name="Start", exact=True).click()
    page.get_by_role("button", name="Pause", exact=True).wait_for()
    if phone_slowdown:
        set_sidebar(page, False)  # to watch the pictures
    time.sleep(2)  # past the first, slower updates (MNIST loads its test images once)
    page.evaluate(WATCH_UPDATES)
    start_samples, start, start_sent = samples_seen(page), time.perf_counter(), len(sent)
    server_cpu, browser_cpu = cpu_seconds(server_pid), browser_cpu_seconds(server_pid)
    time.sleep(seconds)
    end_samples, end, end_sent = samples_seen(page), time.perf_counter(), len(sent)
    server_cpu, browser_cpu = cpu_seconds(server_pid) - server_cpu, browser_cpu_seconds(server_pid) - browser_cpu
    updates = page.evaluate("window.__updates")
    if phone_slowdown:
        set_sidebar(page, True)  # to reach Pause; the pictures go on updating meanwhile
    last_change, start_shown = page.evaluate(PAUSE_AND_WATCH)
    context.close()
    rate = (len(updates) - 1) / ((updates[-1] - updates[0]) / 1000) if len(updates) > 2 else 0.0
    count = max(len(updates), 1)
    requests = (end_sent - start_sent) / (end - start)
    return LiveInBrowser(rate, (end_samples - start_samples) / (end - start), 1000 * server_cpu / count,
                         1000 * browser_cpu / count, requests, last_change / 1000,
                         None if start_shown is None else start_shown / 1000)


def headless_training(settings: dict, seconds: float) -> float:
    """Samples per second training the same chunks in this process, drawing nothing."""
    from ui.live.settings import LIVE_SETTINGS
    from ui.live.training import train_budget
    from ui.session import build_lab

    lab = build_lab({**LIVE_SETTINGS.defaults(), **settings})
    lab.run.train(50)  # warm up
    trained, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        trained += lab.run.train(lab.speed, time_budget=train_budget(lab))
    return trained / (time.perf_counter() - start)


def first_page_drawn(browser, script: str, ready_selector: str) -> float:
    """Seconds from `streamlit run` to the first page fully drawn in a fresh browser tab."""
    started = time.perf_counter()
    process, url = start_streamlit(script)
    try:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(120_000)
        page.goto(url)
        wait_for_app(page)
        page.wait_for_selector(ready_selector)
        drawn = time.perf_counter() - started
        context.close()
        return drawn
    finally:
        stop(process)


def start_on(server_cores: set[int], browser_cores: set[int], root: Path) -> tuple[subprocess.Popen, str]:
    """`streamlit run` for ``root``'s dashboard, pinned to the server's cores (this process goes back to the browser's)."""
    os.sched_setaffinity(0, server_cores)
    try:
        return start_streamlit(root=root)
    finally:
        os.sched_setaffinity(0, browser_cores)


def on_phones(browser, servers: dict, slowdown: float, seconds: float, rounds: int = 1) -> None:
    """Each live case on a phone (``slowdown`` times slower), then on the desktop tab, one after the other;
    on each server (``servers``: label -> (process, url)) in turn, the order reversed every other round."""
    for name, query, _ in CASES:
        print(f"  {name:42s}")
        for turn in range(rounds):
            for label in (list(servers) if turn % 2 == 0 else list(reversed(servers))):
                process, url = servers[label]
                phone = live_in_browser(browser, url, process.pid, query, seconds, phone_slowdown=slowdown)
                desktop = live_in_browser(browser, url, process.pid, query, seconds)
                print_phone_and_desktop(f"{label} " if len(servers) > 1 else "", slowdown, phone, desktop)


def print_phone_and_desktop(label: str, slowdown: float, phone: LiveInBrowser, desktop: LiveInBrowser) -> None:
    for where, live in ((f"{label}phone, CPU {slowdown:g}x slower", phone), (f"{label}desktop", desktop)):
        print(
            f"    {where:30s} {live.updates_per_second:4.1f} chart updates/s, {live.requests_per_second:4.1f} "
            f"requests/s (CPU per update: server {live.server_ms:4.0f} ms, browser {live.browser_ms:4.0f} ms)   "
            f"Pause: last sample counted {live.paused_seconds:.2f} s after the press, Start shown after "
            + ("never" if live.start_shown_seconds is None else f"{live.start_shown_seconds:.2f} s"), flush=True
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="measuring time per live case")
    parser.add_argument("--repeats", type=int, default=3, help="start-up measurements per app")
    parser.add_argument("--phone", type=float, metavar="RATE",
                        help="the live cases on a phone's screen with the browser RATE times slower, against desktop")
    parser.add_argument("--against", metavar="REV", help="with --phone: also on this commit's server, alternately")
    parser.add_argument("--rounds", type=int, default=1, help="with --against: turns on each server per case")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    # A student's browser runs on their own device.
    server_cores, browser_cores = server_and_client_cores()
    os.sched_setaffinity(0, browser_cores)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)

        print(f"Live updates (headless Chromium on cores {sorted(browser_cores)}, server on {sorted(server_cores)}, "
              "page open and training):")
        if args.phone:
            with checked_out(args.against, ROOT) if args.against else contextlib.nullcontext() as base:
                roots = {"this": ROOT, **({args.against: base} if args.against else {})}
                servers = {}
                try:
                    for label, root in roots.items():
                        servers[label] = start_on(server_cores, browser_cores, root)
                    on_phones(browser, servers, args.phone, args.seconds, args.rounds if args.against else 1)
                finally:
                    for process, _ in servers.values():
                        stop(process)
                    browser.close()
            return
        process, url = start_on(server_cores, browser_cores, ROOT)
        try:
            results = [(name, live_in_browser(browser, url, process.pid, query, args.seconds)) for name, query, _ in CASES]
        finally:
            stop(process)
        for (name, live), (_, _, settings) in zip(results, CASES):
            headless = headless_training(settings, min(args.seconds, 5.0))
            print(
                f"  {name:42s} {live.updates_per_second:4.1f} chart updates/s (CPU per update: server "
                f"{live.server_ms:4.0f} ms, browser {live.browser_ms:4.0f} ms)   training "
                f"{live.samples_per_second:7,.0f} samples/s drawn vs {headless:7,.0f} headless (ratio "
                f"{live.samples_per_second / headless:.2f})   Pause: last sample counted {live.paused_seconds:.2f} s "
                "after the press, Start shown after "
                + ("never" if live.start_shown_seconds is None else f"{live.start_shown_seconds:.2f} s")
            )

        print("Start-up (`streamlit run` to first page drawn, median of "
              f"{args.repeats}, alternating):")
        with tempfile.TemporaryDirectory() as folder:
            one_line = Path(folder) / "one_line_app.py"
            one_line.write_text('import streamlit as st\nst.write("Hello")\n')
            ours, baseline = [], []
            for _ in range(args.repeats):
                baseline.append(first_page_drawn(browser, str(one_line), "text=Hello"))
                ours.append(first_page_drawn(browser, "dashboard.py", "[data-testid=stImage] img"))
        ours_s, baseline_s = statistics.median(ours), statistics.median(baseline)
        print(f"  dashboard.py {ours_s:5.2f} s   one-line app {baseline_s:5.2f} s   ratio {ours_s / baseline_s:.2f}")
        browser.close()


if __name__ == "__main__":
    main()
