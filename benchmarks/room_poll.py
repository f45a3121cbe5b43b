"""What a class room's polling costs the server: N students following one room, each page
reading the room about once a second (the Classroom page's fragment), nothing drawn.

Each student is a simulated browser tab that speaks Streamlit's websocket protocol
(benchmarks/streamlit_protocol.py): it opens the student link ``Classroom?room=CODE``,
presses "Join the class" and then, as a browser does, asks for the page's fragment
every time the server's ``run_every`` timer says. The room has an open question, so
every poll draws the question and its answer buttons. The server runs pinned to
core 0 (``taskset -c 0``, inherited), the students on core 1.

Printed: the server's CPU share of one core while the class polls (goal under 5%),
its CPU per poll, the polls per second per student, and, as a baseline measured in
the same run, the same students on a bare Streamlit app whose fragment has the same
``run_every`` and draws one line (Streamlit's own floor per poll); the ratio of the two.

    python benchmarks/room_poll.py                      # 30 students, 30 s each, polling every 1 s
    python benchmarks/room_poll.py --students 10 --seconds 10
    python benchmarks/room_poll.py --poll 2             # CLASSROOM_POLL_SECONDS=2 for both apps

Only 127.0.0.1 is contacted. The room lives in a temporary SQLite folder, removed at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from benchmarks.protocol_load import cpu_model, cpu_seconds  # noqa: E402
from benchmarks.streamlit_protocol import Learner  # noqa: E402
from conftest import start_streamlit  # noqa: E402

SERVER_CORE, CLIENT_CORE = 0, 1
GOAL_SHARE = 0.05
WARM_UP_SECONDS = 3.0

BARE_POLL_APP = """
import os
import streamlit as st

POLL = float(os.environ.get("CLASSROOM_POLL_SECONDS", "1"))

st.title("Bare poll")
if st.button("Join", key="join"):
    st.session_state.joined = True

@st.fragment(run_every=POLL if st.session_state.get("joined") else None)
def poll():
    st.write("Nothing new.")

poll()
"""


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


async def poll_class(url: str, page: str, query: str, join_key: str, students: int, seconds: float, pid: int):
    learners = [Learner(url, page, query) for _ in range(students)]
    for learner in learners:  # arriving one after another, as a class does
        await learner.open()
        await learner.press(join_key)
    await asyncio.sleep(WARM_UP_SECONDS)
    start, cpu_before = time.perf_counter(), cpu_seconds([pid])
    await asyncio.sleep(seconds)
    end, cpu_used = time.perf_counter(), cpu_seconds([pid]) - cpu_before
    await asyncio.gather(*(learner.close() for learner in learners))
    rates = [sum(start <= t < end for t in learner.record.updates) / (end - start) for learner in learners]
    polls = sum(rates) * (end - start)
    problems = [problem for learner in learners for problem in learner.record.problems()]
    return dict(share=cpu_used / (end - start), ms_per_poll=1000 * cpu_used / polls if polls else float("inf"),
                rates=rates, problems=problems)


def measure(script: str, env: dict, page: str, query: str, join_key: str, args) -> dict:
    server, url = start_server(script, env)
    try:
        return asyncio.run(poll_class(url, page, query, join_key, args.students, args.seconds, server.pid))
    finally:
        server.terminate()
        server.wait(timeout=30)


def report(name: str, result: dict) -> None:
    rates = result["rates"]
    print(f"  {name:<28} server CPU {100 * result['share']:5.2f}% of one core, {result['ms_per_poll']:5.2f} ms per poll;"
          f" polls/s per student min {min(rates):.2f} median {statistics.median(rates):.2f}; "
          f"errors {len(result['problems'])}")
    for problem in result["problems"][:3]:
        print(f"    {problem}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=30, help="students following the room (default 30)")
    parser.add_argument("--seconds", type=float, default=30.0, help="measuring time, after a warm-up (default 30)")
    parser.add_argument("--poll", type=float, default=1.0,
                        help="seconds between polls (CLASSROOM_POLL_SECONDS for the server; default 1)")
    args = parser.parse_args(argv)
    if len(os.sched_getaffinity(0)) < 2:
        raise SystemExit("needs two cores: the server on core 0, the students on core 1")
    os.sched_setaffinity(0, {CLIENT_CORE})

    from ui.classroom.rooms.sqlite_store import SQLiteRoomStore
    from ui.settings.network import LAB_SETTINGS
    from ui.classroom.room_questions import make_question
    from ui.classroom.room_session import room_settings

    print(f"Room polling: {args.students} students x {args.seconds:g} s, a poll every {args.poll:g} s; "
          f"server on core {SERVER_CORE}, "
          f"students on core {CLIENT_CORE}; {cpu_model()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the start")
    with tempfile.TemporaryDirectory() as folder, tempfile.NamedTemporaryFile("w", suffix="_bare_poll.py") as bare:
        bare.write(BARE_POLL_APP)
        bare.flush()
        poll = {"CLASSROOM_POLL_SECONDS": f"{args.poll:g}"}
        baseline = measure(bare.name, poll, "", "", "join", args)
        report("bare fragment (baseline)", baseline)

        store = SQLiteRoomStore(Path(folder))
        values = LAB_SETTINGS.defaults()
        code, key = store.create_room(room_settings(values))
        store.ask(code, key, make_question(values, 1, 2))
        env = {"CLASSROOM_DATA_DIR": folder, "CLASSROOM_STORE": "sqlite", **poll}
        room = measure("dashboard.py", env, "Classroom", f"room={code}", "room_student_page_join", args)
        report("class room (open question)", room)
        joined = store.view(code).students
        store.close()

    print(f"\n  students in the room: {joined} of {args.students}")
    print(f"  server CPU share of one core: {100 * room['share']:.2f}% (goal under {100 * GOAL_SHARE:.0f}%)")
    print(f"  CPU per poll: {room['ms_per_poll']:.2f} ms, {room['ms_per_poll'] / baseline['ms_per_poll']:.2f}x "
          f"a bare Streamlit fragment's {baseline['ms_per_poll']:.2f} ms")
    ok = room["share"] < GOAL_SHARE and not room["problems"] and joined == args.students
    print(f"  goal met: {ok}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
