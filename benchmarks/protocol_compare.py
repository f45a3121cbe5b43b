"""What a real browser tab and the protocol client each ask of the server on the live page, side by side.

One Chromium tab and one simulated learner (benchmarks/streamlit_protocol.py), one after the other
on one server (in the order given), each training on the live page: everything the tab sent on its
websocket (by kind, with the rerun requests' sizes), its HTTP requests, what came back (message kinds,
kB per update), how the server's runs ended, its timer's own pace (a setInterval at the tick, beside
the page's), and the server's CPU per fragment run. Where ``protocol_load.py --browser`` says the
two disagree, this says in what.

    python benchmarks/protocol_compare.py --dataset 3-3-3 --seconds 30 --order client-first
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from benchmarks.machine import cpu_model  # noqa: E402
from benchmarks.protocol_load import (DATASETS, LIVE_PAGE, START_KEY, TICK_SECONDS, TIMER_FIRINGS,  # noqa: E402
                                      WARM_UP_SECONDS, Servers, cpu_list, cpu_seconds, probe)
from benchmarks.streamlit_protocol import Learner  # noqa: E402


def summary(name: str, sent: list[bytes], received: list[bytes], http: collections.Counter, server_cpu: float,
            seconds: float) -> None:
    kinds, sizes = collections.Counter(), []
    for payload in sent:
        message = BackMsg()
        message.ParseFromString(payload)
        kind = message.WhichOneof("type")
        if kind == "rerun_script":
            kind += " (timer)" if message.rerun_script.is_auto_rerun else " (other)"
            sizes.append(len(payload))
        kinds[kind] += 1
    answers, endings = collections.Counter(), collections.Counter()
    for payload in received:
        message = ForwardMsg()
        message.ParseFromString(payload)
        answers[message.WhichOneof("type")] += 1
        if message.WhichOneof("type") == "script_finished":
            endings[ForwardMsg.ScriptFinishedStatus.Name(message.script_finished)] += 1
    runs = endings["FINISHED_FRAGMENT_RUN_SUCCESSFULLY"]
    print(f"  {name}: sent {dict(kinds)}, rerun requests {min(sizes, default=0)}-{max(sizes, default=0)} bytes; "
          f"HTTP requests {sum(http.values())} {dict(http) if http else ''}")
    print(f"      received {dict(answers)}, {sum(map(len, received)) / max(runs, 1) / 1000:.1f} kB per update; "
          f"runs ended {dict(endings)}")
    print(f"      {runs / seconds:5.2f} fragment runs/s, server {1000 * server_cpu / max(runs, 1):5.2f} ms per fragment run",
          flush=True)


def browser_side(url: str, pid: int, query: str, seconds: float) -> None:
    from playwright.sync_api import sync_playwright

    from benchmarks.live_updates import wait_for_app
    from conftest import launch_chromium

    sent, received, http, measuring = [], [], collections.Counter(), [False]

    def watch(socket) -> None:
        socket.on("framesent", lambda payload: measuring[0] and sent.append(payload))
        socket.on("framereceived", lambda payload: measuring[0] and received.append(payload))

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.set_default_timeout(120_000)
            page.on("websocket", watch)
            page.on("request", lambda request: measuring[0] and http.update([request.url.split("?")[0][-40:]]))
            page.goto(f"{url}/{LIVE_PAGE}?{query}")
            wait_for_app(page)
            page.locator(f".st-key-{START_KEY} button").first.click()
            page.get_by_role("button", name="Pause", exact=True).wait_for()
            page.wait_for_timeout(WARM_UP_SECONDS * 1000)
            measuring[0], before, start = True, cpu_seconds([pid]), time.perf_counter()
            # The page's own pace beside the fragment's timer; Playwright delivers the frames meanwhile.
            times = page.evaluate(TIMER_FIRINGS, [TICK_SECONDS, seconds])
            server_cpu, elapsed, measuring[0] = cpu_seconds([pid]) - before, time.perf_counter() - start, False
        finally:
            browser.close()
    gaps = sorted(later - earlier for earlier, later in zip(times, times[1:]))
    summary("real browser", sent, received, http, server_cpu, elapsed)
    print(f"      a {TICK_SECONDS:g} s setInterval on the page fired {len(times) / elapsed:5.2f} times/s (gaps: median "
          f"{statistics.median(gaps):.0f} ms, longest {gaps[-1]:.0f} ms)")


def client_side(url: str, pid: int, query: str, seconds: float) -> None:
    async def scenario():
        learner = Learner(url, LIVE_PAGE, query, keep_requests=True)
        await learner.open()
        await learner.press(START_KEY)
        await asyncio.sleep(WARM_UP_SECONDS)
        requests_before, updates_before = len(learner.requests), len(learner.record.updates)
        bytes_before, cpu_before, start = learner.record.bytes_received, cpu_seconds([pid]), time.perf_counter()
        await asyncio.sleep(seconds)
        server_cpu, elapsed = cpu_seconds([pid]) - cpu_before, time.perf_counter() - start
        requests = learner.requests[requests_before:]
        runs = len(learner.record.updates) - updates_before
        received = learner.record.bytes_received - bytes_before
        await learner.close()
        return requests, runs, received, server_cpu, elapsed, learner.record.problems()

    requests, runs, received, server_cpu, elapsed, problems = asyncio.run(scenario())
    sizes = [len(BackMsg(rerun_script=request).SerializeToString()) for request in requests]
    timers = sum(request.is_auto_rerun for request in requests)
    print(f"  protocol client: sent {{'rerun_script (timer)': {timers}, 'rerun_script (other)': {len(requests) - timers}}}, "
          f"rerun requests {min(sizes, default=0)}-{max(sizes, default=0)} bytes; no HTTP requests")
    print(f"      received {received / max(runs, 1) / 1000:.1f} kB per update; problems {problems or 'none'}")
    print(f"      {runs / elapsed:5.2f} fragment runs/s, server {1000 * server_cpu / max(runs, 1):5.2f} ms per fragment run",
          flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", choices=sorted(DATASETS), default="3-3-3")
    parser.add_argument("--seconds", type=float, default=30.0, help="measuring time for each side")
    parser.add_argument("--order", choices=["browser-first", "client-first"], default="browser-first")
    parser.add_argument("--server-cores", default="0", help="cores for the server (the browser and client get the others)")
    args = parser.parse_args(argv)
    server_cores = cpu_list(args.server_cores)
    servers = Servers(0, server_cores, ttl=5)
    os.sched_setaffinity(0, (os.sched_getaffinity(0) - server_cores) or os.sched_getaffinity(0))
    query = "&".join(filter(None, ["seed=7", DATASETS[args.dataset]]))
    print(f"{args.dataset} on the live page, {args.order}; {os.cpu_count()} cores, {cpu_model()}; "
          f"load average {Path('/proc/loadavg').read_text().split()[0]}")
    try:
        asyncio.run(probe(servers.url))
        sides = [browser_side, client_side] if args.order == "browser-first" else [client_side, browser_side]
        for side in sides:
            side(servers.url, servers.pids[0], query, args.seconds)
            time.sleep(2)
    finally:
        servers.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
