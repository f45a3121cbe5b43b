"""Why a live page loses its timer under load: a class on the live page against a server that says
which of its ScriptRunners' events it ignored (docs/classroom.md, "Why a page could end with no timer").

    python benchmarks/trace_runners.py --learners 30 --seconds 20

Starts `streamlit run dashboard.py` through this file's ``--serve`` mode, which wraps Streamlit's
AppSession (for this diagnosis only) to count, per kind, the events it handles from a ScriptRunner
that is no longer the session's current one (Streamlit ignores those), and the ScriptRunners it
makes while the old one has not said SHUTDOWN. Then runs the class (benchmarks/streamlit_protocol.py)
and prints the learners left with no timer, with the last messages each received, and the counts.
A diagnosis, not a benchmark: how often it happens depends on how loaded the machine is.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def serve(counts_file: str, streamlit_args: list[str]) -> None:
    """`streamlit run ...`, with AppSession counting the events it ignores (written every second)."""
    import threading

    from streamlit.runtime import app_session
    from streamlit.web import cli

    counts: collections.Counter = collections.Counter()
    handle = app_session.AppSession._handle_scriptrunner_event_on_event_loop
    create = app_session.AppSession._create_scriptrunner

    def counted_handle(self, sender, event, forward_msg=None, *args, **kwargs):
        if sender is not self._scriptrunner:
            kind = event.name if forward_msg is None else f"message {forward_msg.WhichOneof('type')}"
            counts[f"ignored {kind}"] += 1
        return handle(self, sender, event, forward_msg, *args, **kwargs)

    def counted_create(self, rerun_data):
        counts["runners made"] += 1
        return create(self, rerun_data)

    def write_counts():
        while True:
            Path(counts_file).write_text(json.dumps(counts))
            time.sleep(1)

    app_session.AppSession._handle_scriptrunner_event_on_event_loop = counted_handle
    app_session.AppSession._create_scriptrunner = counted_create
    threading.Thread(target=write_counts, daemon=True).start()
    sys.argv = ["streamlit", *streamlit_args]
    cli.main()


async def run_class(url: str, count: int, seconds: float) -> list:
    sys.path.insert(0, str(ROOT))
    from benchmarks.streamlit_protocol import Learner

    class TracedLearner(Learner):
        """Keeps the last messages about runs and timers it received."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.last = collections.deque(maxlen=12)

        def _handle(self, message):
            kind = message.WhichOneof("type")
            if kind == "new_session":
                self.last.append(f"new_session {'fragment' if message.metadata.run.fragment_ids else 'FULL'} run")
            elif kind == "auto_rerun":
                self.last.append(f"auto_rerun every {message.auto_rerun.interval:.2f} s")
            elif kind == "script_finished":
                self.last.append(f"script_finished {message.script_finished}")
            super()._handle(message)

    learners = [TracedLearner(url, "Watch_it_learn", f"seed={100 + n}") for n in range(count)]
    for learner in learners:
        await learner.open()
    results = await asyncio.gather(*(learner.press("live_start", timeout=30) for learner in learners),
                                   return_exceptions=True)
    await asyncio.sleep(seconds)
    report = [(n, learner, results[n]) for n, learner in enumerate(learners)
              if not learner.intervals or isinstance(results[n], Exception)]
    await asyncio.gather(*(learner.close() for learner in learners))
    return report


def main(argv=None) -> int:
    if argv is None and len(sys.argv) > 2 and sys.argv[1] == "--serve":
        serve(sys.argv[2], sys.argv[3:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=20.0, help="training time after every learner pressed Start")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args(argv)
    counts_file = tempfile.mktemp(suffix=".json")
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", counts_file, "run", "dashboard.py", "--server.address", "127.0.0.1",
         "--server.port", str(args.port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        print(f"{args.learners} learners, {args.seconds:g} s; {os.cpu_count()} cores, load average "
              f"{Path('/proc/loadavg').read_text().split()[0]}")
        report = asyncio.run(run_class(url, args.learners, args.seconds))
        time.sleep(1.5)
        counts = json.loads(Path(counts_file).read_text()) if Path(counts_file).exists() else {}
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"learners with no timer at the end, or whose Start never finished: {len(report)}")
    for n, learner, result in report:
        start = f"Start: {type(result).__name__}" if isinstance(result, Exception) else "Start finished"
        print(f"  learner {n} ({start}); last messages: {' | '.join(learner.last)}")
    print("server: " + (", ".join(f"{kind} {number}" for kind, number in sorted(counts.items())) or "nothing counted"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
