"""Where one live update's server CPU goes: py-spy samples of the server under one simulated learner.

    python benchmarks/profile_update.py --dataset 3-3-3 --seconds 15
    python benchmarks/profile_update.py --dataset mnist --seconds 15

Starts `streamlit run dashboard.py` pinned to core 0, opens the live page with one learner
(benchmarks/streamlit_protocol.py) on the other core, presses Start, and after a warm-up
samples every thread of the server with py-spy (``pip install py-spy``; it is a profiler
for development, not a dependency of the dashboard). Prints the server's CPU per update
(from /proc, over the same seconds) and, for the functions that take the most samples,
milliseconds per update, counting only samples where the thread was working (py-spy's
leaves out samples whose innermost frame is a wait: select, a lock, a sleeping poller).

py-spy's sampling costs the server a little; the /proc figure is printed for comparison with
benchmarks/protocol_load.py's, which runs without it.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from benchmarks.protocol_load import DATASETS, LIVE_PAGE, START_KEY, Servers, cpu_seconds  # noqa: E402
from benchmarks.streamlit_protocol import Learner  # noqa: E402

RATE = 200  # samples per second
#: Frames where a thread waits, not works (py-spy with --nonblocking cannot always tell).
IDLE_LEAVES = re.compile(r"^(EpollSelector\.select|Condition\.wait|Event\.wait|_worker|"
                         r"PollingPathWatcher\._schedule\.<locals>\.task|Queue\.get|SimpleQueue\.get) ")


def summarise(raw: str, updates: int, top: int) -> list[str]:
    """py-spy's raw output (one stack a line, ';'-joined frames, then a count) -> report lines."""
    inclusive, own = collections.Counter(), collections.Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        frames = [re.sub(r":\d+\)$", ")", frame) for frame in stack.split(";")[1:]]  # [0] is the thread
        if not frames or IDLE_LEAVES.match(frames[-1]):
            continue
        total += int(count)
        for frame in set(frames):
            inclusive[frame] += int(count)
        if frames:
            own[frames[-1]] += int(count)
    per_update = 1000 / RATE / max(updates, 1)
    lines = [f"  sampled (working threads): {total * per_update:6.2f} ms per update"]
    lines.append("  inclusive ms per update (functions of this project, Streamlit's, PIL's, numpy's, protobuf's):")
    for frame, count in inclusive.most_common():
        if len(lines) > top + 2:
            break
        if re.search(r"\((ui|nn|pages|1_Watch|streamlit|PIL|numpy|google)[/_.]", frame) or "Watch_it_learn" in frame:
            lines.append(f"    {count * per_update:6.2f}  {frame}")
    lines.append("  own time, ms per update:")
    lines += [f"    {count * per_update:6.2f}  {frame}" for frame, count in own.most_common(15)]
    return lines


async def profile(url: str, query: str, seconds: float, pid: int, output: str, count: int = 1) -> tuple[int, float]:
    learners = [Learner(url, LIVE_PAGE, "&".join(filter(None, [f"seed={5 + n}", query]))) for n in range(count)]
    for learner in learners:
        await learner.open()
    await asyncio.gather(*(learner.press(START_KEY) for learner in learners))
    await asyncio.sleep(5)  # past the first, slower updates
    updates_before, cpu_before = sum(len(learner.record.updates) for learner in learners), cpu_seconds([pid])
    spy = await asyncio.create_subprocess_exec(
        "py-spy", "record", "--pid", str(pid), "--duration", str(int(seconds)), "--rate", str(RATE),
        "--format", "raw", "--output", output, "--threads", "--nonblocking",
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, error = await spy.communicate()
    if spy.returncode:
        raise SystemExit(f"py-spy failed: {error.decode(errors='replace')[-500:]}")
    updates = sum(len(learner.record.updates) for learner in learners) - updates_before
    cpu = cpu_seconds([pid]) - cpu_before
    await asyncio.gather(*(learner.close() for learner in learners))
    for learner in learners:
        if learner.record.problems():
            print("  problems:", learner.record.problems())
    return updates, cpu


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", choices=sorted(DATASETS), default="3-3-3")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--top", type=int, default=40, help="functions listed")
    parser.add_argument("--learners", type=int, default=1,
                        help="simulated learners pressing Start together: a class's updates, which no page streams")
    args = parser.parse_args(argv)
    if shutil.which("py-spy") is None:
        raise SystemExit("py-spy is missing: pip install py-spy")
    servers = Servers(0, {0}, ttl=5)
    os.sched_setaffinity(0, (os.sched_getaffinity(0) - {0}) or {0})
    try:
        with tempfile.TemporaryDirectory() as folder:
            output = str(Path(folder) / "profile.txt")
            updates, cpu = asyncio.run(profile(servers.url, DATASETS[args.dataset], args.seconds, servers.pids[0], output,
                                           args.learners))
            raw = Path(output).read_text()
    finally:
        servers.stop()
    print(f"{args.dataset}, {args.learners} learner(s): {updates} updates in {args.seconds:g} s ({updates / args.seconds:.1f}/s); server CPU "
          f"{1000 * cpu / max(updates, 1):.1f} ms per update (/proc, py-spy attached)")
    print("\n".join(summarise(raw, updates, args.top)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
