"""Loaded by a server that benchmarks/update_functions.py starts (this folder first on its PYTHONPATH).

Python imports ``sitecustomize`` at start-up, before Streamlit or the app: here it wraps each
callable named in ``NN_PROBE_TARGETS`` ("module:Qualified.name", comma-separated) so that every
call adds the CPU time of its own thread (``time.thread_time``, which counts only the time the
thread ran, not time it waited for the core) and one call to a running total, and it times Python's
garbage collections (``gc.callbacks``). Each second it writes the totals, with the CPU time of
the main thread (the event loop), to the JSON file ``NN_PROBE_OUT``. Only for measuring: a server
started any other way never loads this folder.
"""

import os

if os.environ.get("NN_PROBE_OUT"):
    import functools
    import gc
    import importlib
    import json
    import threading
    import time

    _totals: dict = {}  # label -> [calls, CPU seconds]
    _gc = {0: [0, 0.0], 1: [0, 0.0], 2: [0, 0.0]}  # generation -> [collections, seconds]
    _gc_started = [0.0]

    def _timed(function, label):
        @functools.wraps(function)
        def timed(*args, **kwargs):
            began = time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                total = _totals.setdefault(label, [0, 0.0])
                total[0] += 1
                total[1] += time.thread_time() - began
        return timed

    def _wrap(target: str) -> None:
        module_name, _, qualified = target.partition(":")
        owner = importlib.import_module(module_name)
        *path, name = qualified.split(".")
        for part in path:
            owner = getattr(owner, part)
        setattr(owner, name, _timed(getattr(owner, name), qualified))

    def _time_collections(phase, info):
        if phase == "start":
            _gc_started[0] = time.perf_counter()
        else:
            entry = _gc[info["generation"]]
            entry[0] += 1
            entry[1] += time.perf_counter() - _gc_started[0]

    def _main_thread_cpu() -> float:
        fields = open(f"/proc/self/task/{threading.main_thread().native_id}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def _write_forever(path: str) -> None:
        while True:
            time.sleep(1.0)
            snapshot = {"functions": _totals, "gc": _gc, "event_loop_cpu": _main_thread_cpu()}
            with open(path + ".part", "w") as file:
                json.dump(snapshot, file)
            os.replace(path + ".part", path)

    for _target in filter(None, os.environ.get("NN_PROBE_TARGETS", "").split(",")):
        _wrap(_target)
    gc.callbacks.append(_time_collections)
    threading.Thread(target=_write_forever, args=(os.environ["NN_PROBE_OUT"],), name="thread-cpu-probe",
                     daemon=True).start()
