"""What the live page's words cost each live update in Russian, against the same update in English.

    python -m benchmarks.live_words            (a few seconds)

For the small teaching sets the page redraws on every live update (3-3-3, XOR, 5x5 digits: a
table of every sample) and for MNIST, the same session state (the network after some training)
is worded in English and in Russian, in alternating order, many times: the counters
(ui.live.view.live_counters and counters_html), the table of every sample
(ui.live.samples.samples_table_html) and the slowed-updates note (ui.live.tick.PageTick.note).
Printed: microseconds per update in each language (median of paired rounds, CPU time of this
thread) and their ratio. The Russian words go through gettext's catalogue and ui.i18n.numbers
(Babel's signs), the table's cells through Python's formatting with the language's decimal
sign; English skips the catalogue.

For scale: the same script prints the time of one live update's training (``speed`` samples of
``TrainingRun.train``) for the small sets. The machine may be shared: the ratio is what counts.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.machine import cpu_model  # noqa: E402
from ui.i18n import speaking  # noqa: E402
from ui.live.samples import samples_table_html, shows_samples  # noqa: E402
from ui.live.settings import LIVE_SETTINGS  # noqa: E402
from ui.live.tick import Load, PageTick  # noqa: E402
from ui.live.view import counters_html, live_counters  # noqa: E402
from ui.session import build_lab  # noqa: E402

DATASETS = {"3-3-3": "3-3-3: the book's first network", "XOR": "XOR", "5x5 digits": "5x5 digits", "MNIST": "MNIST"}
ROUNDS, REPEATS = 15, 40


def words_of_one_update(lab, tick) -> None:
    counters_html(live_counters(lab, tick.note()))
    if shows_samples(lab):
        samples_table_html(lab)


def cpu_per_update(lab, tick, language: str) -> float:
    with speaking(language):
        started = time.thread_time()
        for _ in range(REPEATS):
            words_of_one_update(lab, tick)
        return (time.thread_time() - started) / REPEATS


def main() -> None:
    print(f"CPU: {cpu_model()}, {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}")
    print(f"{'data set':12} {'English µs':>11} {'Russian µs':>11} {'ratio':>6}   training one update µs")
    tick = PageTick("benchmark", seconds=0.3, load=Load(12, 0.012))  # a slowed tick: its note is written too
    for label, dataset in DATASETS.items():
        lab = build_lab({**LIVE_SETTINGS.defaults(), "dataset": dataset,
                         "hidden_nodes": 10 if dataset == "MNIST" else 3})
        lab.running = True
        lab.run.train(200 if dataset == "MNIST" else 2000)
        for language in ("en", "ru"):  # warm: catalogues compiled, Babel's data loaded
            words_of_one_update(lab, tick) if language == "en" else cpu_per_update(lab, tick, language)
        english, russian = [], []
        for number in range(ROUNDS):
            order = ("en", "ru") if number % 2 else ("ru", "en")
            for language in order:
                (english if language == "en" else russian).append(cpu_per_update(lab, tick, language))
        en, ru = statistics.median(english), statistics.median(russian)
        training = ""
        if dataset != "MNIST":
            started = time.thread_time()
            lab.run.train(lab.speed)
            training = f"{1e6 * (time.thread_time() - started):.0f} ({lab.speed} samples)"
        print(f"{label:12} {1e6 * en:11.0f} {1e6 * ru:11.0f} {ru / en:6.2f}   {training}")




if __name__ == "__main__":
    main()
