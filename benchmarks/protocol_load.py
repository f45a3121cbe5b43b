"""A class of simulated learners on the live page, measuring the server alone (no browser drawing).

Each learner (benchmarks/streamlit_protocol.py) opens the live page with a lesson link's query
string (its own seed), presses Start and asks for the live fragment's reruns at the interval
the server declares, as a browser tab does. The server runs pinned to its own core(s) and
the learners run on the others, so what is measured is what the server can do for a class
whose browsers are on the students' own devices. Printed per run: updates per second per
learner (the slowest and the median), update latency (p50, p95: first request to its run
finished), errors, and the server's CPU (cores busy, and milliseconds per update).

    python benchmarks/protocol_load.py --learners 1 10 30 --dataset 3-3-3 --seconds 30

One server process on core 0, learners on core 1 (the defaults on a 2-core machine). With
``--replicas 2`` it starts deploy/run_replicas.sh (one Streamlit process per core behind nginx)
instead: the replicas need both cores, so the learners share them (the server's figures are
then an upper bound of what it needs). ``--waves 2`` runs the class twice and compares the
server's memory after each wave (goal: within 10%; ``--settle 68`` reads it after the server's
once-a-minute collection and trim, ui/memory.py). ``--browser`` validates the client: one
headless Chromium session and one simulated learner, one after the other on the same
server, each with its update rate and the server CPU per update it causes (``--rounds 2``: twice,
the second time the client first, and the means compared: one pair alone is noisy). The client
says back each update as it arrives, as a browser that draws at once does; a learner alone whose
browser draws every update before its next request is streamed (ui/live/stream.py), one that does
not keeps a run per update, and costs the server more. Headless Chromium on a 2-core VM can take
longer than the fastest tick to draw one: ``--tick 0.1`` fixes a tick it keeps up with, so both
are streamed and compared alike. ``--floor`` also
runs each class against a bare app whose fragment the browser's timer reruns for each update at
the same tick to draw one line (Streamlit's own cost of a run per update), on the same core, and
prints the live page's cost per update against it. A learner alone on the live page is streamed,
many updates a run (ui/live/stream.py): its page can cost less per update than that bare run.

Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from benchmarks import session_states  # noqa: E402
from benchmarks.machine import cpu_model  # noqa: E402
from benchmarks.streamlit_protocol import Learner  # noqa: E402
from conftest import free_port, start_streamlit  # noqa: E402
from ui.live.tick import TICK_VARIABLE  # noqa: E402

LIVE_PAGE = "Watch_it_learn"
START_KEY = "live_start"
#: Lesson links for each data set (the URL words of ui/settings.py). MNIST at speed 200.
DATASETS = {
    "3-3-3": "",
    "5x5-digits": "dataset=5x5-digits&hidden_nodes=8",
    "mnist": "dataset=mnist&hidden_nodes=100&learning_rate=0.1&speed=200",
}
#: Streamlit's floor: a page with the live page's Start button and a fragment at the same tick
#: (one learner's, ui/live/tick.py) that draws one line.
BARE_FRAGMENT_APP = """
import streamlit as st

st.title("Bare fragment")
if st.button("Start", key="live_start"):
    st.session_state.running = True


@st.fragment(run_every=0.05 if st.session_state.get("running") else None)
def update():
    st.session_state.updates = st.session_state.get("updates", 0) + 1
    st.html(f"<p>update {st.session_state.updates}</p>")


update()
"""

#: Seconds after Start before measuring: past the first, slower updates (MNIST loads its test set).
WARM_UP_SECONDS = 3.0


@dataclass
class Result:
    learners: int
    rates: list[float]
    latencies: list[float]
    ticks: list[float]
    problems: list[str]
    server_cores_busy: float
    server_ms_per_update: float
    seconds: float
    #: Full runs the learners' pages made while measured (none asked for after Start: tick
    #: changes, the watchdog's revivals); the learners' own CPU, in cores; the load average.
    full_runs: int = 0
    client_cores_busy: float = 0.0
    load_average: str = ""
    #: The longest any learner went without an update while measured, seconds: a page that stalled shows here.
    longest_gap: float = 0.0
    #: The replica each learner's page reached (deploy/'s nginx says which), in the order of ``rates``;
    #: empty on one process.
    replicas: list[str] = field(default_factory=list)
    #: The server's minor page faults per update: memory the kernel had to map afresh (ui/memory.py).
    faults_per_update: float = 0.0

    def line(self) -> str:
        rates = sorted(self.rates)
        latencies = sorted(self.latencies) or [float("nan")]
        return (f"{self.learners:4d} learners  updates/s per learner: min {rates[0]:5.2f} median "
                f"{statistics.median(rates):5.2f}   latency p50 {percentile(latencies, 50):5.3f} s "
                f"p95 {percentile(latencies, 95):5.3f} s   server CPU {self.server_cores_busy:4.2f} cores, "
                f"{self.server_ms_per_update:5.1f} ms/update, {self.faults_per_update:4.0f} page faults/update   errors {len(self.problems)}   ticks at the end: "
                + (", ".join(f"{tick:g} s x {self.ticks.count(tick)}" for tick in sorted(set(self.ticks))) or "none")
                + f"   longest without an update {self.longest_gap:4.2f} s"
                + f"   full runs meanwhile {self.full_runs}   learners' CPU {self.client_cores_busy:4.2f} cores"
                  f"   load average {self.load_average}" + self.replicas_part())

    def replicas_part(self) -> str:
        """Each replica's learners and their slowest rate, when the learners reached replicas."""
        if not self.replicas:
            return ""
        parts = []
        for replica in sorted(set(self.replicas)):
            rates = [rate for rate, reached in zip(self.rates, self.replicas) if reached == replica]
            parts.append(f"{replica} {len(rates)} learners (min {min(rates):.2f}/s)")
        return "   per replica: " + ", ".join(parts)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share / 100 * (len(ordered) - 1))))]


# -- the server's processes -------------------------------------------------------------------


def cpu_seconds(pids) -> float:
    """User + system CPU time of these processes and all their threads (Linux /proc)."""
    return sum(int(fields[11]) + int(fields[12]) for fields in _stat_fields(pids)) / os.sysconf("SC_CLK_TCK")


def minor_faults(pids) -> int:
    """Minor page faults of these processes so far: pages the kernel mapped in without reading a disk."""
    return sum(int(fields[7]) for fields in _stat_fields(pids))


def _stat_fields(pids):
    """Each process's /proc/PID/stat fields after its name (state first)."""
    return [Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split() for pid in pids]


def own_cpu_seconds() -> float:
    """User + system CPU time of this process (the learners), every thread."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def rss_megabytes(pids) -> float:
    total_kb = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
    return total_kb / 1024


def cpu_list(text: str) -> set[int]:
    """'0' or '0,1' or '0-1' -> {0, 1}."""
    cores = set()
    for part in text.split(","):
        low, _, high = part.partition("-")
        cores.update(range(int(low), int(high or low) + 1))
    return cores


class Servers:
    """One `streamlit run` pinned to ``server_cores``, or deploy/run_replicas.sh's replicas and nginx."""

    def __init__(self, replicas: int, server_cores: set[int], ttl: int, script: str = "dashboard.py",
                 root: Path = ROOT, env: dict | None = None):
        """``root``: the checkout whose app one process runs (this one, unless a benchmark compares another);
        ``env``: variables set for the server processes only."""
        self.replicas, self.process = replicas, None
        if replicas:
            if shutil.which("nginx") is None:
                raise SystemExit("nginx is missing: apt-get install -y nginx")
            ports = [free_port() for _ in range(replicas)]
            self.env = {**os.environ, **(env or {}), "PORT": str(free_port()), "REPLICA_PORTS": " ".join(map(str, ports)),
                        "PYTHON": sys.executable, "STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": str(ttl)}
            subprocess.run([str(ROOT / "deploy" / "run_replicas.sh"), "start"], env=self.env, check=True, timeout=180)
            self.url = f"http://127.0.0.1:{self.env['PORT']}"
            run = ROOT / "deploy" / "run"
            self.pids = [int((run / f"replica-{port}.pid").read_text()) for port in ports]
            #: Each replica's process, by the address the learners' replica cookie names.
            self.replica_pids = {f"127.0.0.1:{port}": pid for port, pid in zip(ports, self.pids)}
            self.pids.append(int((run / "nginx.pid").read_text()))
        else:
            mine = os.sched_getaffinity(0)
            os.sched_setaffinity(0, server_cores)  # the server inherits it, every thread of it
            try:
                self.process, self.url = start_streamlit(
                    script, extra_args=["--server.disconnectedSessionTTL", str(ttl)], root=root, env=env)
            finally:
                os.sched_setaffinity(0, mine)
            self.pids = [self.process.pid]
            self.replica_pids = {None: self.process.pid}

    def stop(self) -> None:
        if self.replicas:
            subprocess.run([str(ROOT / "deploy" / "run_replicas.sh"), "stop"], env=self.env, check=True, timeout=60)
        else:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


# -- a class of learners ----------------------------------------------------------------------


#: With --dump-stalls: a server none of whose learners has had an update for this long has stalled.
STALL_SECONDS = 10.0


def stalled_servers(learners, now: float, since: float) -> set:
    """The servers (a learner's ``replica``, None for one process) none of whose learners has had an update for
    STALL_SECONDS, from ``since`` (when measuring began) on."""
    last_update: dict = {}
    for learner in learners:
        last_update[learner.replica] = max([last_update.get(learner.replica, since), *learner.record.updates])
    return {server for server, last in last_update.items() if now - last >= STALL_SECONDS}


def dump_stack(pid: int, why: str) -> None:
    """Every thread's stack of a stalled server, with py-spy (a development tool), into deploy/run."""
    if shutil.which("py-spy") is None:
        print(f"      {why}: py-spy is missing (pip install py-spy), no dump", flush=True)
        return
    path = ROOT / "deploy" / "run" / f"stall-{pid}-{time.strftime('%H%M%S')}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    dump = subprocess.run(["py-spy", "dump", "--pid", str(pid), "--locals"], capture_output=True, text=True, timeout=60)
    sessions = path.with_name(path.stem + "-sessions.txt")
    gdb = session_states.describe(pid, str(sessions)) if shutil.which("gdb") else "gdb is missing"
    described = sessions.read_text() if sessions.exists() else f"no sessions described:\n{gdb}"
    path.write_text(f"{why}\n{dump.stdout}{dump.stderr}\n{kernel_thread_states(pid)}\n{sockets(pid)}\n"
                    f"# each session (benchmarks/session_states.py)\n{described}\n{native_stacks(pid)}")
    print(f"      {why}: every thread's stack in {path}", flush=True)


def kernel_thread_states(pid: int) -> str:
    """Each thread's state as the kernel sees it: running or asleep, where it sleeps, its nice value."""
    lines = ["# threads as the kernel sees them: tid, name, state, nice, wchan, kernel stack"]
    for task in sorted(Path(f"/proc/{pid}/task").glob("*"), key=lambda task: int(task.name)):
        try:
            # the name may hold spaces: the fields after its closing parenthesis are fixed
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
            name = (task / "comm").read_text().strip()
            wchan = (task / "wchan").read_text().strip()
            stack = " < ".join(line.split(" ", 1)[-1] for line in (task / "stack").read_text().splitlines()[:6])
        except OSError as error:
            lines.append(f"{task.name}: {error}")
            continue
        lines.append(f"{task.name} {name!r} state={fields[0]} nice={fields[16]} wchan={wchan} stack={stack}")
    return "\n".join(lines)


def sockets(pid: int) -> str:
    """The server's connections with the bytes queued each way: a learner that stopped reading leaves the
    server's sends queued; a server that stopped reading leaves the learner's requests queued."""
    ss = subprocess.run(["ss", "-tnp"], capture_output=True, text=True, timeout=30)
    mine = [line for line in ss.stdout.splitlines() if f"pid={pid}," in line]
    return "# the server's connections: state, bytes queued to read, bytes queued to send, ends\n" + "\n".join(mine)


def native_stacks(pid: int) -> str:
    """Every thread's C stack (gdb, a development tool): where a thread waits below Python."""
    if shutil.which("gdb") is None:
        return "# gdb is missing: no C stacks"
    gdb = subprocess.run(["gdb", "-p", str(pid), "-batch", "-ex", "thread apply all bt 30"],
                         capture_output=True, text=True, timeout=120)
    return f"# C stacks (gdb)\n{gdb.stdout}{gdb.stderr[-2000:]}"


async def measuring(learners, seconds: float, replica_pids: dict | None) -> None:
    """Wait ``seconds``; with ``replica_pids`` (--dump-stalls), dump each server whose learners all stalled, once."""
    if not replica_pids:
        await asyncio.sleep(seconds)
        return
    began, dumped = time.perf_counter(), set()
    while (left := seconds - (time.perf_counter() - began)) > 0:
        await asyncio.sleep(min(2.0, left))
        for server in stalled_servers(learners, time.perf_counter(), began) - dumped:
            if server in replica_pids:
                dumped.add(server)
                dump_stack(replica_pids[server], f"no learner of {server or 'the server'} updated for {STALL_SECONDS:g} s")


async def run_class(url: str, count: int, query: str, seconds: float, first_seed: int, pids,
                    page: str = LIVE_PAGE, replica_pids: dict | None = None) -> Result:
    """``replica_pids``: the servers' processes by address, to dump any that stalls (--dump-stalls)."""
    learners = [Learner(url, page, "&".join(filter(None, [f"seed={first_seed + n}", query])))
                for n in range(count)]
    for learner in learners:  # arriving one after another, as a class does
        await learner.open()
    presses = await asyncio.gather(*(learner.press(START_KEY) for learner in learners), return_exceptions=True)
    unfinished = [(learner, press) for learner, press in zip(learners, presses) if isinstance(press, BaseException)]
    if unfinished:  # a press with no end: with --dump-stalls, what each side was doing
        now = time.perf_counter()
        for learner, press in unfinished:
            print(f"      a Start press had no end: {type(press).__name__} on {learner.replica or 'the server'}, "
                  f"session {learner.session_id}, "
                  f"{learner.record.full_runs} full runs, {len(learner.record.updates)} updates, last message "
                  f"{now - learner.record.last_message_at:.1f} s before; timers {learner.intervals}; latest: "
                  + ", ".join(f"{what} ({now - at:.1f} s ago)" for at, what in learner.recent), flush=True)
        for server, pid in (replica_pids or {}).items():
            dump_stack(pid, f"{len(unfinished)} of {len(learners)} Start presses had no end ({server or 'the server'})")
        raise unfinished[0][1]
    await asyncio.sleep(WARM_UP_SECONDS)
    load_average = Path("/proc/loadavg").read_text().split()[0]
    full_runs_before = sum(learner.record.full_runs for learner in learners)
    start, cpu_before, own_before = time.perf_counter(), cpu_seconds(pids), own_cpu_seconds()
    faults_before = minor_faults(pids)
    await measuring(learners, seconds, replica_pids)
    end, cpu_used = time.perf_counter(), cpu_seconds(pids) - cpu_before
    faults = minor_faults(pids) - faults_before
    own_used = own_cpu_seconds() - own_before
    full_runs = sum(learner.record.full_runs for learner in learners) - full_runs_before
    ticks = [round(interval, 3) for learner in learners for interval in learner.intervals.values()]
    await asyncio.gather(*(learner.close() for learner in learners))
    rates = [sum(start <= t < end for t in learner.record.updates) / (end - start) for learner in learners]
    longest_gap = max(longest_without_update(learner.record.updates, start, end) for learner in learners)
    updates = sum(rate * (end - start) for rate in rates)
    latencies = [latency for learner in learners for t, latency in learner.record.latencies if start <= t < end]
    problems = [f"seed {first_seed + n}: {problem}" for n, learner in enumerate(learners)
                for problem in learner.record.problems()]
    return Result(count, rates, latencies, ticks, problems, cpu_used / (end - start),
                  1000 * cpu_used / updates if updates else float("inf"), end - start,
                  full_runs, own_used / (end - start), load_average, longest_gap,
                  reached if all(reached := [learner.replica for learner in learners]) else [],
                  faults / updates if updates else float("inf"))


def longest_without_update(updates: list[float], start: float, end: float) -> float:
    """The longest stretch of ``start`` to ``end`` with none of these update times in it."""
    marks = [start] + sorted(t for t in updates if start <= t < end) + [end]
    return max(later - earlier for earlier, later in zip(marks, marks[1:]))


async def probe(url: str) -> None:
    """One short visit: Streamlit frees expired disconnected sessions on its next session write."""
    learner = Learner(url, LIVE_PAGE)
    await learner.open()
    await learner.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, nargs="+", default=[1, 10, 30], help="class sizes to run, in turn")
    parser.add_argument("--dataset", choices=sorted(DATASETS), default="3-3-3")
    parser.add_argument("--seconds", type=float, default=30.0, help="measuring time per class (after a warm-up)")
    parser.add_argument("--waves", type=int, default=1, help="run each class this many times, comparing memory")
    parser.add_argument("--replicas", type=int, default=0, help="start this many replicas behind nginx (deploy/)")
    parser.add_argument("--server-cores", default="0", help="cores for the one server process (default 0)")
    parser.add_argument("--client-cores", default=None,
                        help="cores for the learners (default: the others; with --replicas, all)")
    parser.add_argument("--ttl", type=int, default=5, help="server.disconnectedSessionTTL, seconds (between waves)")
    parser.add_argument("--settle", type=float, default=0.0,
                        help="seconds more to wait before reading the memory after a wave (ui/memory.py trims "
                             "once a minute)")
    parser.add_argument("--floor", action="store_true",
                        help="also run each class against a bare fragment run per update at the same tick")
    parser.add_argument("--browser", action="store_true",
                        help="validate: one Chromium session, then one simulated learner, on the same server")
    parser.add_argument("--tick", type=float, default=None,
                        help="fix every live page's tick (ui/live/tick.py TICK_VARIABLE): with --browser, one a "
                             "browser draws in time, so that it is streamed as the client is (ui/live/stream.py)")
    parser.add_argument("--dump-stalls", action="store_true",
                        help=f"when no learner of a server has had an update for {STALL_SECONDS:g} s, write every thread's "
                             "stack of that server (py-spy dump) into deploy/run")
    parser.add_argument("--rounds", type=int, default=1,
                        help="with --browser: measure both this many times, alternating which goes first")
    args = parser.parse_args(argv)

    server_cores = cpu_list(args.server_cores)
    every_core = os.sched_getaffinity(0)
    client_cores = (cpu_list(args.client_cores) if args.client_cores
                    else every_core if args.replicas else (every_core - server_cores) or every_core)
    query = DATASETS[args.dataset]
    if args.floor and args.replicas:
        raise SystemExit("--floor measures one server process: leave out --replicas")
    floor = None
    if args.floor:
        bare_app = Path(tempfile.mkdtemp()) / "bare_fragment.py"
        bare_app.write_text(BARE_FRAGMENT_APP)
        floor = Servers(0, server_cores, args.ttl, script=str(bare_app))
    servers = Servers(args.replicas, server_cores, args.ttl,
                      env=None if args.tick is None else {TICK_VARIABLE: str(args.tick)})
    os.sched_setaffinity(0, client_cores)
    where = (f"{args.replicas} replicas behind nginx on cores {sorted(every_core)}" if args.replicas
             else f"one server process on cores {sorted(server_cores)}")
    print(f"{args.dataset} on the live page, {where}; learners on cores {sorted(client_cores)}; "
          f"{os.cpu_count()} cores, {cpu_model()}; load average {Path('/proc/loadavg').read_text().split()[0]}")
    failed = False
    try:
        asyncio.run(probe(servers.url))  # imports and caches warm
        if args.browser:
            validate(servers, query, args.seconds, args.rounds)
            return 0
        for count in args.learners:
            memory = []
            for wave in range(args.waves):
                bare = (asyncio.run(run_class(floor.url, count, "", args.seconds, 1000 * (wave + 1), floor.pids, page=""))
                        if floor else None)
                result = asyncio.run(run_class(servers.url, count, query, args.seconds, 1000 * (wave + 1), servers.pids,
                                               replica_pids=servers.replica_pids if args.dump_stalls else None))
                print(("  " if wave == 0 else f"  wave {wave + 1}: ") + result.line(), flush=True)
                if bare:
                    print(f"      a bare fragment run per update (same tick, same core): {bare.server_ms_per_update:5.1f}"
                          f" ms/update at {statistics.median(bare.rates):5.2f} updates/s per learner; the live page "
                          f"{result.server_ms_per_update / bare.server_ms_per_update:5.2f} times that", flush=True)
                for problem in result.problems[:5]:
                    print(f"      {problem}")
                failed |= bool(result.problems)
                time.sleep(args.ttl + 2)
                asyncio.run(probe(servers.url))  # the expired sessions are dropped now
                time.sleep(args.settle)
                memory.append(rss_megabytes(servers.pids))
            if args.waves > 1:
                print(f"      server memory after each wave: {', '.join(f'{m:.0f} MB' for m in memory)} "
                      f"(last/first {memory[-1] / memory[0]:.3f}; goal <= 1.10)")
    finally:
        servers.stop()
        if floor:
            floor.stop()
    return 1 if failed else 0


#: One learner's tick, the fastest of ui/live/tick.py's TICK_LEVELS: the browser's timer asks for an update this often.
TICK_SECONDS = 0.05


#: A setInterval of ``interval`` seconds run for ``seconds`` in a page: when it fired (ms, the page's clock).
TIMER_FIRINGS = """([interval, seconds]) => new Promise(resolve => {
    const times = [];
    const timer = setInterval(() => times.push(performance.now()), interval * 1000);
    setTimeout(() => { clearInterval(timer); resolve(times); }, seconds * 1000);
})"""


def timer_rate_on_an_empty_page(browser, interval: float, seconds: float = 3.0) -> float:
    """How often a setInterval of ``interval`` seconds fires in this Chromium on a page with nothing to draw:
    a browser's timer requests come from such a timer, which waits while the page's thread is busy drawing."""
    context = browser.new_context()
    page = context.new_page()
    fired = page.evaluate(TIMER_FIRINGS, [interval, seconds])
    context.close()
    return len(fired) / seconds


def validate(servers: Servers, query: str, seconds: float, rounds: int = 1) -> None:
    """The same single session measured by a real browser and by the protocol client, one after the other on
    one server. One pair alone can be 10-20% off either way (a full garbage collection lands in one window or
    the other; the machine's other work): with ``rounds`` > 1 both are measured that many times, the order
    alternating so that neither is always the one measured in the older server process, and the means compared."""
    from playwright.sync_api import sync_playwright

    from benchmarks.live_updates import live_in_browser
    from conftest import launch_chromium

    link = "&".join(filter(None, ["seed=7", query]))
    browser_rates, browser_ms, client_rates, client_ms = [], [], [], []

    def measure_browser() -> None:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                live = live_in_browser(browser, servers.url, servers.pids[0], link, seconds)
                idle_timer = timer_rate_on_an_empty_page(browser, TICK_SECONDS)
            finally:
                browser.close()
        browser_rates.append(live.updates_per_second)
        browser_ms.append(live.server_ms)
        print(f"  real browser:    {live.updates_per_second:5.2f} updates/s, server {live.server_ms:5.1f} ms/update"
              f"   (the tab asked {live.requests_per_second:5.2f} times/s; Chromium's own CPU {live.browser_ms:4.0f} "
              f"ms/update; a {TICK_SECONDS:g} s timer on an empty page fired {idle_timer:5.2f} times/s)", flush=True)

    def measure_client() -> None:
        result = asyncio.run(run_class(servers.url, 1, query, seconds, 7, servers.pids))
        client_rates.append(result.rates[0])
        client_ms.append(result.server_ms_per_update)
        print(f"  protocol client: {result.rates[0]:5.2f} updates/s, server {result.server_ms_per_update:5.1f} ms/update",
              flush=True)

    for round_number in range(rounds):
        for measure in (measure_browser, measure_client)[::1 if round_number % 2 == 0 else -1]:
            measure()
            time.sleep(2)
    rate, cpu = statistics.mean(client_rates) / statistics.mean(browser_rates), statistics.mean(client_ms) / statistics.mean(browser_ms)
    print(f"  ratios client/browser{f' (means of {rounds} rounds)' if rounds > 1 else ''}: rate {rate:.2f}, "
          f"CPU {cpu:.2f}; goal within 10%")


if __name__ == "__main__":
    sys.exit(main())
