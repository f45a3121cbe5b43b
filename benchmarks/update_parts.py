"""Where one live update's own CPU goes, part by part, in this process (no server, no browser).

    python benchmarks/update_parts.py --dataset mnist
    python benchmarks/update_parts.py --dataset 3-3-3 --updates 200

Builds the live page's lab from a lesson link's settings (MNIST: 784-100-10 at speed 200),
trains ``--before`` samples, then makes ``--updates`` live updates as the page's fragment
does (ui/live/training.py, ui/live/samples.py, ui/live/view.py, into one ui/live/block.py
block) and prints each part's CPU time per update (``time.thread_time``: the median, and the
mean, which counts MNIST's test accuracy every 1,000 samples), and their sum. Pinned to one
core. What Streamlit does with the element (``send`` runs st.html outside a server, so
without its queue) and Streamlit's own cost of a fragment run are not here: see
``python benchmarks/protocol_load.py --learners 1 --floor``.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from benchmarks.machine import cpu_model  # noqa: E402

#: The same settings as protocol_load.py's DATASETS, as the page's settings.
SETTINGS = {
    "3-3-3": {},
    "5x5-digits": {"dataset": "5x5 digits", "hidden_nodes": 8},
    "mnist": {"dataset": "MNIST", "hidden_nodes": 100, "learning_rate": 0.1, "speed": 200},
}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", choices=sorted(SETTINGS), default="3-3-3")
    parser.add_argument("--updates", type=int, default=100)
    parser.add_argument("--before", type=int, default=3000, help="samples trained before measuring")
    args = parser.parse_args(argv)
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    logging.disable(logging.WARNING)  # st.* outside a server warns on every call

    import streamlit  # noqa: F401 (before ui: ui then makes the server's changes to Streamlit and memory, as under a server)

    from ui.live import samples, training, view
    from ui.live.block import HtmlBlock
    from ui.live.settings import LIVE_SETTINGS
    from ui.session import build_lab

    lab = build_lab({**LIVE_SETTINGS.defaults(), **SETTINGS[args.dataset]})
    lab.running = True
    lab.run.train(args.before)
    times: dict[str, list[float]] = {}

    def part(name, draw, *arguments):
        started = time.thread_time()
        result = draw(*arguments)
        times.setdefault(name, []).append(1000 * (time.thread_time() - started))
        return result

    for _update in range(args.updates):
        block = HtmlBlock()
        part("training (and MNIST's test accuracy)", training.live_update, lab)
        part("stall check", samples.stall_ui, lab)
        part("counters", view.counters_ui, lab, block, "")
        wih_colours = part("weights", view.weights_ui, lab, block, False, False)
        part("samples", samples.samples_ui, lab, block)
        part("error curve", view.error_curve_ui, lab, block, [])
        part("hidden-node pictures", view.hidden_nodes_ui, lab, block, lab.teaching_set, wih_colours)
        part("send (st.html outside a server)", block.send)

    print(f"{args.dataset}: {args.updates} live updates after {args.before:,} samples, one core of "
          f"{os.cpu_count()}, {cpu_model()}; load average {Path('/proc/loadavg').read_text().split()[0]}")
    print(f"  {'part':40s} {'median':>8s} {'mean':>8s}  ms of CPU per update")
    for name, values in times.items():
        print(f"  {name:40s} {statistics.median(values):8.2f} {statistics.fmean(values):8.2f}")
    print(f"  {'all':40s} {sum(statistics.median(v) for v in times.values()):8.2f} "
          f"{sum(statistics.fmean(v) for v in times.values()):8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
