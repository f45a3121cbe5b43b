"""What revealing a ready lesson's question costs the server, against revealing a step-through question.

    python -m benchmarks.lesson_questions          (under a minute)

For every ready lesson, its question's answer is measured from nothing (ui.classroom.lesson_questions.measure
with its cache emptied: both networks built and trained for the question's samples, then compared), and,
as the baseline, a step-through question about the same network is revealed (ui.classroom.room_questions:
one trace). Printed: CPU seconds of this thread for each (median of rounds; BLAS runs in this thread
while training, nn/fast) and their ratio, and the lesson reveal's wall time. A lesson's reveal is done once
per question by the teacher's page, holding a heavy-job slot; the machine may be shared, so the CPU time
is the figure to compare. The data sets are loaded before anything is timed.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ui.classroom import lesson_questions, room_questions  # noqa: E402
from ui.classroom.lessons import LESSONS  # noqa: E402

ROUNDS = 3


def cpu_seconds(work) -> float:
    start = time.thread_time()
    work()
    return time.thread_time() - start


def lesson_reveal(lesson) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of measuring the lesson's question from nothing."""
    asked = lesson_questions.lesson_asked(lesson)
    cpu, wall = [], []
    for _round in range(ROUNDS):
        lesson_questions._MEASURED.clear()  # from nothing, as the first reveal of the question
        start, start_wall = time.thread_time(), time.perf_counter()
        lesson_questions.measure(asked)
        cpu.append(time.thread_time() - start)
        wall.append(time.perf_counter() - start_wall)
    return statistics.median(cpu), statistics.median(wall)


def step_reveal(lesson) -> float:
    question = next(question for stage in room_questions.ROOM_STAGES
                    if (question := room_questions.make_question(lesson.values, 1, stage)) is not None)
    return statistics.median(cpu_seconds(lambda: room_questions.true_answer(question)) for _round in range(ROUNDS))


def main() -> None:
    for lesson in LESSONS:
        step_reveal(lesson)  # loads the lesson's data set (MNIST: once per process), untimed
    print(f"{'lesson':24} {'samples':>8} {'lesson reveal CPU':>18} {'(wall)':>8} {'step reveal CPU':>16} {'ratio':>7}")
    for lesson in LESSONS:
        (heavy, wall), light = lesson_reveal(lesson), step_reveal(lesson)
        print(f"{lesson.slug:24} {lesson.question.samples:8,} {heavy:17.3f}s {wall:7.3f}s {light:15.4f}s "
              f"{heavy / max(light, 1e-6):6.0f}x")


if __name__ == "__main__":
    main()
