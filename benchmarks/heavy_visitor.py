"""One visitor doing the most expensive things the pages allow, while a second learner opens a page.

    python benchmarks/heavy_visitor.py                 # about 10 minutes
    python benchmarks/heavy_visitor.py --slots 99      # the same with no server-wide limit, to compare
    python benchmarks/heavy_visitor.py --visits 2      # a second heavy visit: does it add to what the first left?
    python benchmarks/heavy_visitor.py --picture /tmp/pictures --trace   # what the memory holds

The server runs pinned to core 0, the simulated tabs (benchmarks/streamlit_protocol.py) on
core 1. Measured and printed, each as a ratio against a baseline taken in the same run:

* a second learner's page load (the MNIST workshop, full first run) while the heavy visitor's
  tabs run, against the same load on the quiet server (goal: at most 1.5x, median of several);
* the server's memory: at start (after every page and link was opened once and those sessions
  expired: modules and shared caches loaded, as in a lesson), at its peak under load, and five
  minutes after the heavy tabs close (goal: within 10% of start), with the session
  time-to-live of .streamlit/config.toml. With ``--visits 2`` the visit is made again and the
  memory after it compared with the memory after the first: what a first visit leaves that a
  second does not add to is a one-time cost (a module imported, a shared cache filled), not
  a leak per visitor.

``--picture DIR`` has the server write what its memory holds (ui/memory_picture.py) at
each stage into DIR: start, peak (after the page loads were measured), after-N (once the
tabs of visit N have closed and their sessions expired) and after-N-collected (the same
after a full garbage collection and a malloc_trim). ``--trace`` starts the server with
PYTHONTRACEMALLOC=1, so the pictures also say which lines allocated what is held. The
pictures (and tracing even more) take the server's time and memory themselves: measure
figures without them.

The heavy visitor's tabs: three MNIST workshop tabs each training the largest network a link
may ask for (200 hidden nodes, all 60,000 images, 30 epochs; one with rotated copies of
20,000), and one live-page tab training MNIST at 200 hidden nodes and the top speed.
Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
from benchmarks.machine import cpu_model  # noqa: E402
from benchmarks.protocol_load import LIVE_PAGE, START_KEY, Servers, cpu_list, probe, rss_megabytes  # noqa: E402
from benchmarks.streamlit_protocol import Learner  # noqa: E402

MNIST_PAGE = "MNIST_workshop"
HEAVY_TABS = [
    (MNIST_PAGE, "hidden_nodes=200&train_count=60000&epochs=30", "mnist_resume"),
    (MNIST_PAGE, "hidden_nodes=200&train_count=60000&epochs=30&seed=1", "mnist_resume"),
    (MNIST_PAGE, "hidden_nodes=200&train_count=20000&rotations=true&epochs=30", "mnist_resume"),
    (LIVE_PAGE, "dataset=mnist&hidden_nodes=200&speed=5000", START_KEY),
]
LOADS = 5  # page loads measured each way; the median is compared


async def page_load_seconds(url: str) -> float:
    learner = Learner(url, MNIST_PAGE)
    started = time.perf_counter()
    await learner.open(timeout=120)
    seconds = time.perf_counter() - started
    await learner.close()
    return seconds


async def warm_up(url: str) -> None:
    """Open every page and link once without training, so the start is a server whose modules and
    shared caches (the MNIST arrays, the live page's MNIST subset) are loaded, as in a lesson."""
    await page_load_seconds(url)
    for page, query, _ in HEAVY_TABS:
        tab = Learner(url, page, query)
        await tab.open(timeout=180)
        await tab.close()


async def loads(url: str) -> list[float]:
    return [await page_load_seconds(url) for _ in range(LOADS)]


async def heavy_visit(url: str, pids, settle: float, pictures=None) -> tuple[list[float], float, list[str]]:
    """Open the heavy tabs, start them, measure the second learner's loads meanwhile; close the tabs."""
    tabs = []
    for page, query, start_key in HEAVY_TABS:
        tab = Learner(url, page, query)
        await tab.open(timeout=180)
        await tab.press(start_key, timeout=180)
        tabs.append(tab)
    await asyncio.sleep(settle)
    peak = rss_megabytes(pids)
    loaded = await loads(url)
    peak = max(peak, rss_megabytes(pids))
    if pictures:
        pictures.take("peak")
    problems = [problem for tab in tabs for problem in tab.record.problems()]
    for tab in tabs:
        await tab.close()
    return loaded, peak, problems


class Pictures:
    """Asks the server (started with DASHBOARD_MEMORY_PICTURE=folder) for pictures of its memory."""

    def __init__(self, folder: str):
        self.folder = Path(folder).resolve()
        self.folder.mkdir(parents=True, exist_ok=True)
        os.environ["DASHBOARD_MEMORY_PICTURE"] = str(self.folder)  # the server inherits it

    def take(self, label: str, *words: str, timeout: float = 300.0) -> None:
        answer = self.folder / f"{label}.txt"
        answer.unlink(missing_ok=True)
        writing = self.folder / f"{label}.writing"
        writing.write_text(" ".join(words))
        writing.rename(self.folder / f"{label}.request")  # whole: the server never reads it half-written
        deadline = time.monotonic() + timeout
        while not answer.exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        print(f"  memory picture: {answer if answer.exists() else 'none came for ' + label}", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slots", type=int, default=None, help="HEAVY_JOB_SLOTS for the server (default: its own)")
    parser.add_argument("--ttl", type=int, default=None,
                        help="server.disconnectedSessionTTL in seconds (default: .streamlit/config.toml's)")
    parser.add_argument("--after", type=float, default=300.0, help="seconds after the tabs close to measure memory")
    parser.add_argument("--settle", type=float, default=10.0, help="seconds of heavy work before measuring")
    parser.add_argument("--visits", type=int, default=1, help="heavy visits one after another (memory after each)")
    parser.add_argument("--picture", default=None, metavar="DIR",
                        help="the server writes pictures of its memory here (ui/memory_picture.py)")
    parser.add_argument("--trace", action="store_true", help="the server traces Python's allocations (with --picture)")
    parser.add_argument("--server-cores", default="0")
    parser.add_argument("--client-cores", default="1")
    args = parser.parse_args(argv)

    ttl = args.ttl
    if ttl is None:
        config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
        ttl = int(config["server"]["disconnectedSessionTTL"])
    if args.slots is not None:
        os.environ["HEAVY_JOB_SLOTS"] = str(args.slots)  # the server inherits it
    pictures = Pictures(args.picture) if args.picture else None
    if args.trace:
        os.environ["PYTHONTRACEMALLOC"] = "1"  # read when the server's interpreter starts; this one has started
    server_cores, client_cores = cpu_list(args.server_cores), cpu_list(args.client_cores)
    servers = Servers(0, server_cores, ttl)
    os.sched_setaffinity(0, client_cores)
    print(f"server on core(s) {sorted(server_cores)}, tabs on {sorted(client_cores)}; {os.cpu_count()} cores, "
          f"{cpu_model()}; HEAVY_JOB_SLOTS={os.environ.get('HEAVY_JOB_SLOTS', 'default')}, TTL {ttl} s; "
          f"load average {Path('/proc/loadavg').read_text().split()[0]}", flush=True)
    try:
        asyncio.run(probe(servers.url))  # imports and caches warm
        asyncio.run(warm_up(servers.url))
        time.sleep(ttl + 5)  # the warm-up's sessions expire
        asyncio.run(probe(servers.url))
        start_memory = rss_megabytes(servers.pids)
        if pictures:
            pictures.take("start")
        quiet = asyncio.run(loads(servers.url))
        loaded, peak, problems, after_memory = [], 0.0, [], []
        for visit in range(1, args.visits + 1):
            visit_loaded, visit_peak, visit_problems = asyncio.run(
                heavy_visit(servers.url, servers.pids, args.settle, pictures if visit == 1 else None))
            loaded, peak, problems = loaded or visit_loaded, max(peak, visit_peak), problems + visit_problems
            closed_at = time.perf_counter()
            time.sleep(max(0.0, args.after - (time.perf_counter() - closed_at)))
            asyncio.run(probe(servers.url))  # Streamlit drops expired sessions on its next session write
            after_memory.append(rss_megabytes(servers.pids))
            print(f"visit {visit}: peak {visit_peak:.0f} MB, {args.after:.0f} s after its tabs closed "
                  f"{after_memory[-1]:.0f} MB", flush=True)
            if pictures:
                pictures.take(f"after-{visit}")
                pictures.take(f"after-{visit}-collected", "collect", "trim")
    finally:
        servers.stop()
    quiet_median, loaded_median = statistics.median(quiet), statistics.median(loaded)
    print(f"page load, quiet:  median {quiet_median:.2f} s  ({', '.join(f'{s:.2f}' for s in quiet)})")
    print(f"page load, loaded: median {loaded_median:.2f} s  ({', '.join(f'{s:.2f}' for s in loaded)})")
    print(f"  ratio loaded/quiet {loaded_median / quiet_median:.2f} (goal <= 1.5)")
    print(f"server memory: start {start_memory:.0f} MB, peak under load {peak:.0f} MB, "
          f"{args.after:.0f} s after the tabs closed {after_memory[0]:.0f} MB")
    print(f"  ratio after/start {after_memory[0] / start_memory:.3f} (goal <= 1.10); "
          f"load average at the end {Path('/proc/loadavg').read_text().split()[0]}")
    for visit, memory in enumerate(after_memory[1:], start=2):
        print(f"  after visit {visit}: {memory:.0f} MB, ratio to after visit 1 {memory / after_memory[0]:.3f} "
              f"(about 1.0: the first visit's cost is one-time), to start {memory / start_memory:.3f}")
    for problem in problems[:5]:
        print(f"  heavy tab: {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
