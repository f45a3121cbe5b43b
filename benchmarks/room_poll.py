"""What a class room costs the server: N students following one room, told of changes by server push.

Each student is a simulated browser tab that speaks Streamlit's websocket protocol
(benchmarks/streamlit_protocol.py): it opens the student link ``Classroom?room=CODE``,
presses "Join the class" and then, as a browser does, sends the requests its page's timers
ask for (the room fragment's slow safety poll, ``ui/classroom/following.py``). The room has
an open question. The server runs pinned to core 0 (``taskset -c 0``, inherited), the
students on core 1.

Measured, in one run:

1. **baseline**: the same students on a bare Streamlit app whose fragment reruns every
   ``--poll`` seconds (default 1) and draws one line: Streamlit's own floor for a page that
   learns of changes by polling;
2. **idle room**: the server's CPU share of one core while the class sits in the room with
   the question open (goal under 5%), and the script runs each student's page made meanwhile;
3. **changes**: the teacher asks ``--changes`` new questions (through the store, as a teacher
   on another replica does), a few seconds apart; for each, the delay from the change to each
   student's rerun finishing with the new question drawn (p50, p95), and whether every student
   saw every change.

    python benchmarks/room_poll.py                     # 30 students, 30 s idle, 6 changes
    python benchmarks/room_poll.py --students 10 --seconds 10 --changes 3

Only 127.0.0.1 is contacted. The room lives in a temporary SQLite folder, removed at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from benchmarks.machine import cpu_model  # noqa: E402
from benchmarks.protocol_load import cpu_seconds  # noqa: E402
from benchmarks.streamlit_protocol import Learner  # noqa: E402
from conftest import start_streamlit  # noqa: E402

SERVER_CORE, CLIENT_CORE = 0, 1
GOAL_SHARE = 0.05
WARM_UP_SECONDS = 3.0
#: Longest wait for every student to see one change before the run counts it as missed.
CHANGE_PATIENCE_SECONDS = 60.0
ANSWER_BUTTON = re.compile(r"room_student_answer_(\d+)_0$")

BARE_POLL_APP = """
import os
import streamlit as st

POLL = float(os.environ.get("BARE_POLL_SECONDS", "1"))

st.title("Bare poll")
if st.button("Join", key="join"):
    st.session_state.joined = True

@st.fragment(run_every=POLL if st.session_state.get("joined") else None)
def poll():
    st.write("Nothing new.")

poll()
"""


class Student(Learner):
    """A tab that notes when a full run of its page finished with a question's answer buttons drawn."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        #: question id -> perf_counter time of the first finished run that drew it
        self.saw: dict[int, float] = {}
        self._drawn_question: int | None = None
        #: Script runs of any kind that finished (a fragment's, a page's, stopped early or not).
        self.runs = 0

    def _run_started(self, message) -> None:
        super()._run_started(message)
        self._drawn_question = None

    def _element(self, delta) -> None:
        super()._element(delta)
        if delta.WhichOneof("type") == "new_element":
            element = delta.new_element
            kind = element.WhichOneof("type")
            widget_id = getattr(getattr(element, kind), "id", "") if kind else ""
            if isinstance(widget_id, str) and (found := ANSWER_BUTTON.search(widget_id)):
                self._drawn_question = int(found.group(1))

    def _run_finished(self, status: int) -> None:
        super()._run_finished(status)
        self.runs += 1
        question = self._drawn_question
        if question is not None and question not in self.saw:
            self.saw[question] = time.perf_counter()


def start_server(script: str, env: dict):
    mine = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {SERVER_CORE})  # the server inherits it, every thread of it
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        return start_streamlit(script)
    finally:
        os.environ.clear()
        os.environ.update(saved)
        os.sched_setaffinity(0, mine)


async def idle_share(learners, seconds: float, pid: int) -> dict:
    await asyncio.sleep(WARM_UP_SECONDS)
    runs_before = [learner.runs if isinstance(learner, Student) else len(learner.record.updates)
                   for learner in learners]
    start, cpu_before = time.perf_counter(), cpu_seconds([pid])
    await asyncio.sleep(seconds)
    elapsed, cpu_used = time.perf_counter() - start, cpu_seconds([pid]) - cpu_before
    runs = [(learner.runs if isinstance(learner, Student) else len(learner.record.updates)) - before
            for learner, before in zip(learners, runs_before)]
    return dict(share=cpu_used / elapsed, runs=runs, seconds=elapsed)


async def bare_class(url: str, args, pid: int) -> dict:
    learners = [Learner(url) for _ in range(args.students)]
    for learner in learners:
        await learner.open()
        await learner.press("join")
    result = await idle_share(learners, args.seconds, pid)
    await asyncio.gather(*(learner.close() for learner in learners))
    result["problems"] = [problem for learner in learners for problem in learner.record.problems()]
    return result


async def room_class(url: str, code: str, teacher, args, pid: int) -> dict:
    from ui.classroom.room_questions import make_question
    from ui.settings.network import LAB_SETTINGS

    store, key = teacher
    students = [Student(url, "Classroom", f"room={code}") for _ in range(args.students)]
    for student in students:  # arriving one after another, as a class does
        await student.open()
        await student.press("room_student_page_join")
    result = await idle_share(students, args.seconds, pid)

    values, delays, missed = LAB_SETTINGS.defaults(), [], 0
    for _ in range(args.changes):
        await asyncio.sleep(2.0 + random.uniform(0, 1))  # any phase of the watcher's half-second rounds
        question_id = store.ask(code, key, make_question(values, 1, 2))
        changed_at = time.perf_counter()
        deadline = changed_at + CHANGE_PATIENCE_SECONDS
        while time.perf_counter() < deadline and not all(question_id in s.saw for s in students):
            await asyncio.sleep(0.01)
        for student in students:
            if question_id in student.saw:
                delays.append(student.saw[question_id] - changed_at)
            else:
                missed += 1
    await asyncio.gather(*(student.close() for student in students))
    result.update(delays=delays, missed=missed, joined=store.view(code).students,
                  problems=[problem for student in students for problem in student.record.problems()])
    return result


def measure(script: str, env: dict, scenario, args):
    server, url = start_server(script, env)
    try:
        return asyncio.run(scenario(url, server.pid))
    finally:
        server.terminate()
        server.wait(timeout=30)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=30, help="students following the room (default 30)")
    parser.add_argument("--seconds", type=float, default=30.0, help="idle time measured, after a warm-up (default 30)")
    parser.add_argument("--changes", type=int, default=6, help="questions the teacher asks, one by one (default 6)")
    parser.add_argument("--poll", type=float, default=1.0, help="the baseline's poll, in seconds (default 1)")
    args = parser.parse_args(argv)
    if len(os.sched_getaffinity(0)) < 2:
        raise SystemExit("needs two cores: the server on core 0, the students on core 1")
    os.sched_setaffinity(0, {CLIENT_CORE})

    from ui.classroom.following import SAFETY_SECONDS
    from ui.classroom.room_questions import make_question
    from ui.classroom.room_session import room_settings
    from ui.classroom.rooms.sqlite_store import SQLiteRoomStore
    from ui.settings.network import LAB_SETTINGS

    print(f"Class room: {args.students} students, {args.seconds:g} s idle, {args.changes} changes; server on core "
          f"{SERVER_CORE}, students on core {CLIENT_CORE}; {cpu_model()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the start")
    with tempfile.TemporaryDirectory() as folder, tempfile.NamedTemporaryFile("w", suffix="_bare_poll.py") as bare:
        bare.write(BARE_POLL_APP)
        bare.flush()
        baseline = measure(bare.name, {"BARE_POLL_SECONDS": f"{args.poll:g}"},
                           lambda url, pid: bare_class(url, args, pid), args)

        store = SQLiteRoomStore(Path(folder))
        values = LAB_SETTINGS.defaults()
        code, key = store.create_room(room_settings(values))
        store.ask(code, key, make_question(values, 1, 2))
        env = {"CLASSROOM_DATA_DIR": folder, "CLASSROOM_STORE": "sqlite"}
        room = measure("dashboard.py", env, lambda url, pid: room_class(url, code, (store, key), args, pid), args)
        store.close()

    print(f"\n  baseline, a bare fragment polled every {args.poll:g} s: server CPU {100 * baseline['share']:.2f}% "
          f"of one core; {statistics.median(baseline['runs'])} runs per student in {baseline['seconds']:.0f} s; "
          f"errors {len(baseline['problems'])}")
    print(f"  students in the room: {room['joined']} of {args.students}")
    print(f"  idle room (open question): server CPU {100 * room['share']:.2f}% of one core "
          f"(goal under {100 * GOAL_SHARE:.0f}%), {room['share'] / baseline['share']:.2f}x the baseline; "
          f"script runs per student in {room['seconds']:.0f} s: min {min(room['runs'])}, "
          f"max {max(room['runs'])} (the safety poll: one every {SAFETY_SECONDS:g} s)")
    delays = room["delays"]
    seen = len(delays)
    print(f"  changes seen: {seen} of {args.students * args.changes} ({args.changes} changes x {args.students} "
          f"students); missed {room['missed']}")
    if delays:
        print(f"  delay from the teacher's change to the student's rerun finishing: p50 "
              f"{statistics.median(delays):.3f} s, p95 {percentile(delays, 0.95):.3f} s, max {max(delays):.3f} s")
    for problem in room["problems"][:3]:
        print(f"    {problem}")
    ok = (room["share"] < GOAL_SHARE and not room["problems"] and room["joined"] == args.students
          and room["missed"] == 0)
    print(f"  goal met: {ok}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
