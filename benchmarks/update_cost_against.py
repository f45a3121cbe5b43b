"""Server CPU per live update: this checkout against another commit, measured alternately in one run.

A change that saves a tenth of a millisecond an update hides in the noise of two separate runs:
on the 2-core VM the same code measured 5.2 and 5.7 ms a 3-3-3 update ten minutes apart. So both
servers run at once, each pinned to the server core (only the one being measured has a learner),
and one simulated learner (benchmarks/streamlit_protocol.py) takes turns on them, round after
round, each turn with the same seed for both. Printed: each turn's server CPU per update, each
server's mean, and the ratio this checkout / the base.

    python benchmarks/update_cost_against.py 97657bb --dataset 3-3-3 --seconds 12 --rounds 4
    python benchmarks/update_cost_against.py HEAD --base-without uvloop   # what one library brings

``--base-without MODULE`` runs the base server as if MODULE were not installed (an import of it
fails as for a missing module, and Streamlit falls back), so one dependency's worth is measured
with the same code on both sides.

The base commit is checked out into a temporary git worktree, removed at the end. Only
127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from benchmarks.checkout import checked_out  # noqa: E402
from benchmarks.machine import cpu_model  # noqa: E402
from benchmarks.protocol_load import DATASETS, Servers, probe, run_class  # noqa: E402
from conftest import without_modules  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the commit to compare against (any git revision)")
    parser.add_argument("--dataset", choices=sorted(DATASETS), default="3-3-3")
    parser.add_argument("--seconds", type=float, default=12.0, help="measuring time per turn")
    parser.add_argument("--rounds", type=int, default=4, help="turns on each server")
    parser.add_argument("--server-core", type=int, default=0)
    parser.add_argument("--base-without", action="append", default=[], metavar="MODULE",
                        help="run the base server as if this module were not installed (repeatable)")
    args = parser.parse_args(argv)
    client_cores = (os.sched_getaffinity(0) - {args.server_core}) or {args.server_core}
    with checked_out(args.base, ROOT) as base_root:
        compare(args, base_root, client_cores)
    return 0


def compare(args, base_root: Path, client_cores: set[int]) -> None:
    """Both servers, the learner taking turns on them: each turn's cost, the means and the ratio."""
    hidden = Path(tempfile.mkdtemp(prefix="update-cost-hidden-"))
    base_env = without_modules(hidden, *args.base_without)
    servers = {}
    try:
        for name, root, env in (("base", base_root, base_env), ("this", ROOT, None)):
            servers[name] = Servers(0, {args.server_core}, ttl=120, root=root, env=env)
        os.sched_setaffinity(0, client_cores)
        print(f"{args.dataset}, one learner; servers on core {args.server_core}, learner on cores "
              f"{sorted(client_cores)}; {os.cpu_count()} cores, {cpu_model()}; base {args.base}"
              + "".join(f" without {module}" for module in args.base_without))
        for name, server in servers.items():
            print(f"  {name}'s event loop: {event_loop_of(server.pids[0])}")
        costs = {name: [] for name in servers}
        for server in servers.values():
            asyncio.run(probe(server.url))  # imports and caches warm
        for turn in range(args.rounds):
            for name, server in servers.items():
                result = asyncio.run(run_class(server.url, 1, DATASETS[args.dataset], args.seconds, 1000 * (turn + 1),
                                               server.pids))
                costs[name].append(result.server_ms_per_update)
                print(f"  round {turn + 1} {name}: {result.server_ms_per_update:5.2f} ms/update at "
                      f"{result.rates[0]:5.2f} updates/s, {result.faults_per_update:4.0f} page faults/update, "
                      f"errors {len(result.problems)}", flush=True)
        for name, values in costs.items():
            print(f"  {name}: mean {statistics.mean(values):5.2f}, median {statistics.median(values):5.2f} ms/update "
                  f"({', '.join(f'{v:.2f}' for v in values)})")
        print(f"  this / base: {statistics.mean(costs['this']) / statistics.mean(costs['base']):.3f} (means), "
              f"{statistics.median(costs['this']) / statistics.median(costs['base']):.3f} (medians: a turn disturbed "
              "by something else on the machine moves them less)")
    finally:
        for server in servers.values():
            server.stop()
        shutil.rmtree(hidden, ignore_errors=True)


def event_loop_of(pid: int) -> str:
    """Which event loop a server runs: uvloop's compiled module is mapped into a process that loaded it."""
    return "uvloop" if "uvloop" in Path(f"/proc/{pid}/maps").read_text() else "asyncio's own"


if __name__ == "__main__":
    sys.exit(main())
