"""Where one live update's server CPU goes, function by function, counted exactly (not sampled).

    python benchmarks/update_functions.py --dataset 3-3-3 --seconds 20

Starts `streamlit run dashboard.py` pinned to the first core with benchmarks/thread_cpu_probe on
its PYTHONPATH (a ``sitecustomize`` that wraps the functions of :data:`TARGETS`), opens the live page
with one simulated learner (benchmarks/streamlit_protocol.py) on the other core, presses Start,
and after a warm-up prints, per live update (per script run):

* the whole process's CPU (/proc, as benchmarks/protocol_load.py reports it) and the event loop's
  thread's, and what is neither: the script threads and the server's background threads;
* each wrapped function's CPU time on its own thread (``time.thread_time``: only while it ran,
  so unlike py-spy's samples (benchmarks/profile_update.py) time spent waiting for the core is
  not counted) and its calls; nested functions are counted in their callers too;
* Python's garbage collections, by generation (wall time; the server has its core to itself);
* the server's CPU per second with no learner at all, measured first: its background (Streamlit's
  pollers of its config files, uvicorn's tick), part of every figure per update.

The baseline is the whole process's CPU per update measured in the same run, to which each part
is compared (its share). The probe's own wrappers cost about a microsecond a call.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from benchmarks.machine import cpu_model, server_and_client_cores  # noqa: E402
from benchmarks.protocol_load import DATASETS, LIVE_PAGE, START_KEY, Servers, cpu_seconds  # noqa: E402
from benchmarks.streamlit_protocol import Learner  # noqa: E402

#: What is timed: the script run as a whole, Streamlit's steps around the fragment, the live page's
#: parts (as the page imports them; ui/live/), and the event loop's handling of a request and of events.
TARGETS = (
    "streamlit.runtime.scriptrunner.script_runner:ScriptRunner._run_script_thread",
    "streamlit.runtime.scriptrunner.script_runner:ScriptRunner._run_script",
    "streamlit.runtime.scriptrunner.script_runner:ScriptRunner._on_script_finished",
    "streamlit.runtime.state.safe_session_state:SafeSessionState.on_script_will_rerun",
    "streamlit.runtime.fragment:deepcopy",  # the fragment's place on the page, copied twice a run
    "streamlit.runtime.scriptrunner_utils.script_run_context:ScriptRunContext.enqueue",
    "ui.session:get_lab",
    "ui.live.tick:PageTick.update",
    "ui.live.training:live_update",
    "ui.live.samples:stall_ui",
    "ui.live.view:counters_ui",
    "ui.live.view:weights_ui",
    "ui.live.samples:samples_ui",
    "ui.live.view:error_curve_ui",
    "ui.live.predict:clear_earlier_runs_ui",
    "ui.live.view:hidden_nodes_ui",
    "ui.live.block:HtmlBlock.send",
    "streamlit.runtime.app_session:AppSession.handle_backmsg",
    "streamlit.runtime.app_session:AppSession._create_scriptrunner",
    "streamlit.runtime.app_session:AppSession._handle_scriptrunner_event_on_event_loop",
    "streamlit.runtime.runtime:Runtime._send_message",
)
PROBE = Path(__file__).resolve().parent / "thread_cpu_probe"
WARM_UP_SECONDS = 5.0


def read_probe(path: Path) -> dict:
    time.sleep(1.2)  # the probe writes each second: the totals up to now
    return json.loads(path.read_text())


async def measure(dataset: str, seconds: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "probe.json"
        env = {"PYTHONPATH": os.pathsep.join([str(PROBE), str(ROOT)]), "NN_PROBE_OUT": str(out),
               "NN_PROBE_TARGETS": ",".join(TARGETS)}
        server_cores, learner_cores = server_and_client_cores()
        servers = Servers(0, server_cores, 120, env=env)
        os.sched_setaffinity(0, learner_cores)
        try:
            await asyncio.sleep(2)
            idle_before = cpu_seconds(servers.pids)
            await asyncio.sleep(10)
            idle_ms_per_second = 1000 * (cpu_seconds(servers.pids) - idle_before) / 10
            learner = Learner(servers.url, LIVE_PAGE, "&".join(filter(None, ["seed=1", DATASETS[dataset]])))
            await learner.open()
            await learner.press(START_KEY)
            await asyncio.sleep(WARM_UP_SECONDS)
            before, cpu_before, updates_before = read_probe(out), cpu_seconds(servers.pids), len(learner.record.updates)
            await asyncio.sleep(seconds)
            after, cpu_after, updates_after = read_probe(out), cpu_seconds(servers.pids), len(learner.record.updates)
            await learner.close()
        finally:
            servers.stop()
    report(dataset, before, after, cpu_after - cpu_before, updates_after - updates_before, idle_ms_per_second)


def report(dataset: str, before: dict, after: dict, process_cpu: float, updates: int, idle_ms_per_second: float) -> None:
    def grown(name: str) -> tuple[int, float]:
        calls, cpu = after["functions"].get(name, (0, 0.0))
        calls_before, cpu_before = before["functions"].get(name, (0, 0.0))
        return calls - calls_before, cpu - cpu_before

    runs = grown("ScriptRunner._run_script")[0]
    whole = 1000 * process_cpu / runs
    loop = 1000 * (after["event_loop_cpu"] - before["event_loop_cpu"]) / runs
    print(f"{dataset} on the live page, one learner; server on its own core; {os.cpu_count()} cores, {cpu_model()}; "
          f"load average {Path('/proc/loadavg').read_text().split()[0]}")
    print(f"  {runs} script runs ({updates} updates counted by the learner)")
    print(f"  whole process  {whole:6.3f} ms per run (the baseline)")
    print(f"  event loop     {loop:6.3f} ms per run   {loop / whole:5.1%}")
    print(f"  the rest       {whole - loop:6.3f} ms per run   {(whole - loop) / whole:5.1%}  (script threads, background)")
    print(f"  background with no learner: {idle_ms_per_second:.2f} ms of CPU a second")
    print("  function (thread CPU, nested counted in callers)        ms per run   share   calls per run")
    for name in sorted(after["functions"], key=lambda name: -grown(name)[1]):
        calls, cpu = grown(name)
        print(f"    {name:54s} {1000 * cpu / runs:7.3f}   {1000 * cpu / runs / whole:5.1%}   {calls / runs:6.2f}")
    for generation in ("0", "1", "2"):
        count = after["gc"][generation][0] - before["gc"][generation][0]
        spent = after["gc"][generation][1] - before["gc"][generation][1]
        print(f"    garbage collections, generation {generation}: {count} ({1000 * spent / runs:.3f} ms per run)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dataset", choices=sorted(DATASETS), default="3-3-3")
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    asyncio.run(measure(args.dataset, args.seconds))


if __name__ == "__main__":
    main()
