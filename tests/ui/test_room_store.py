"""The room store: the same tests on SQLite and on a real redis-server."""

from __future__ import annotations

import threading
from collections import Counter

import pytest

from rooms_fixtures import Clock, make_store, redis_url  # noqa: F401  (fixtures)
from ui.classroom import rooms
from ui.classroom.rooms import base
from ui.classroom.rooms.base import RoomError
from ui.classroom.rooms.rate_limit import RateLimit

SETTINGS = {"dataset": "XOR", "hidden_nodes": 3, "seed": 7}
QUESTION = {"kind": "largest_hidden_output", "choices": ["1", "2", "3"]}


def refused(reason: str):
    class Check:
        def __enter__(self):
            self.context = pytest.raises(RoomError)
            self.info = self.context.__enter__()
            return self.info

        def __exit__(self, *exc):
            handled = self.context.__exit__(*exc)
            assert self.info.value.reason == reason, self.info.value
            return handled

    return Check()


def test_a_room_code_is_short_and_has_no_letters_that_read_alike():
    codes = {base.make_code() for _ in range(2000)}
    # drawn at random from 22**6 codes: two of 2,000 coincide in about 2% of runs, ten practically never
    assert len(codes) > 1990
    assert all(len(code) == base.CODE_LENGTH for code in codes)
    used = set("".join(codes))
    assert used <= set(base.CODE_ALPHABET)
    assert not used & set("0O1lI")


def test_a_code_is_found_whatever_its_case_and_spacing(make_store):
    store = make_store()
    code, _ = store.create_room(SETTINGS)
    typed = f" {code[:3].lower()} - {code[3:]} "
    assert store.view(typed).code == code
    store.join(typed, "Ann")
    assert store.view(code).students == 1


def test_the_teacher_key_is_128_random_bits_and_only_its_hash_is_stored(make_store):
    store = make_store()
    code, key = store.create_room(SETTINGS)
    record = store._load_room(code)
    assert len(base.key_hash(key)) == 64 and record["key_hash"] == base.key_hash(key)
    assert key not in repr(record)
    assert len(key) >= 22  # token_urlsafe(16): 16 bytes = 128 bits
    assert key not in repr(store.view(code))
    assert store.is_teacher(code, key) and not store.is_teacher(code, key[:-1] + "x")


def test_a_late_joiner_reads_the_settings_the_teacher_pushed(make_store):
    teacher, student = make_store(), make_store()  # two processes
    code, key = teacher.create_room(SETTINGS)
    assert teacher.view(code).settings_version == 1
    assert teacher.push_settings(code, key, {**SETTINGS, "seed": 9}) == 2
    student.join(code, "Late")
    view = student.view(code)
    assert view.settings == {**SETTINGS, "seed": 9} and view.settings_version == 2


def test_ask_answer_reveal_and_tally(make_store):
    store = make_store()
    code, key = store.create_room(SETTINGS)
    students = [store.join(code, f"S{n}") for n in range(4)]
    question_id = store.ask(code, key, QUESTION)
    assert store.view(code).question == QUESTION and not store.view(code).revealed
    for student, answer in zip(students, ["1", "2", "2", "3"]):
        store.answer(code, student, question_id, answer)
    store.answer(code, students[0], question_id, "2")  # a change of mind replaces the answer
    assert store.view(code).answers == 4
    assert store.own_answer(code, students[0], question_id) == "2"
    assert store.tally(code, question_id, key) == {"2": 3, "3": 1}
    store.reveal(code, key, question_id, {"answer": "2"})
    view = store.view(code)
    assert view.revealed and view.reveal == {"answer": "2"}
    assert store.tally(code, question_id) == {"2": 3, "3": 1}  # now anyone may see it
    with refused(base.NO_QUESTION):
        store.answer(code, students[1], question_id, "3")  # too late
    next_id = store.ask(code, key, QUESTION)
    assert next_id == question_id + 1 and store.view(code).answers == 0


def test_a_student_cannot_see_the_tally_before_the_reveal(make_store):
    store = make_store()
    code, key = store.create_room(SETTINGS)
    student = store.join(code, "A")
    question_id = store.ask(code, key, QUESTION)
    store.answer(code, student, question_id, "1")
    with refused(base.NOT_TEACHER):
        store.tally(code, question_id)
    with refused(base.NOT_TEACHER):
        store.tally(code, question_id, student)


@pytest.mark.parametrize("action", ["push_settings", "ask", "reveal", "close_room", "is_teacher"])
def test_a_student_key_cannot_act_as_teacher(make_store, action):
    store = make_store()
    code, key = store.create_room(SETTINGS)
    question_id = store.ask(code, key, QUESTION)
    student = store.join(code, "Mallory")
    other_code, other_key = store.create_room(SETTINGS)
    for wrong in (student, "", None, other_key, base.key_hash(key)):
        if action == "is_teacher":
            assert not store.is_teacher(code, wrong)
            continue
        arguments = {"push_settings": ({"seed": 666},), "ask": (QUESTION,), "reveal": (question_id, {"a": 1}),
                     "close_room": ()}[action]
        with refused(base.NOT_TEACHER):
            getattr(store, action)(code, wrong, *arguments)
    view = store.view(code)  # nothing changed
    assert (view.settings, view.settings_version, view.question_id, view.revealed) == (SETTINGS, 1, question_id, False)


def test_only_a_student_of_the_room_may_answer_or_post_a_run(make_store):
    store = make_store()
    code, key = store.create_room(SETTINGS)
    other_code, _ = store.create_room(SETTINGS)
    outsider = store.join(other_code, "Elsewhere")
    question_id = store.ask(code, key, QUESTION)
    for wrong in (outsider, key, "made-up"):
        with refused(base.NOT_STUDENT):
            store.answer(code, wrong, question_id, "1")
        with refused(base.NOT_STUDENT):
            store.post_run(code, wrong, "learning rate 0.3", [0.5, 0.4])
    student = store.join(code, "In")
    store.leave(code, student)
    with refused(base.NOT_STUDENT):
        store.answer(code, student, question_id, "1")  # left the room
    assert store.view(code).answers == 0


def test_a_students_key_gives_back_their_name_only_while_they_are_in_the_room(make_store):
    store = make_store()
    code, key = store.create_room(SETTINGS)
    other_code, _ = store.create_room(SETTINGS)
    ann, anonymous = store.join(code, "Ann"), store.join(code, "")
    outsider = store.join(other_code, "Elsewhere")
    assert store.student_name(code.lower(), ann) == "Ann"
    assert store.student_name(code, anonymous) == ""
    for wrong in (outsider, key, "made-up"):
        assert store.student_name(code, wrong) is None
    store.leave(code, ann)
    assert store.student_name(code, ann) is None
    store.close_room(code, key)
    with refused(base.UNKNOWN_ROOM):
        store.student_name(code, anonymous)


def test_thirty_students_answering_at_once_lose_no_answer_and_count_none_twice(make_store):
    teacher = make_store()
    code, key = teacher.create_room(SETTINGS)
    question_id = teacher.ask(code, key, QUESTION)
    count = 30
    # Each thread its own store object (its own connection), as each server process has.
    stores = [make_store() for _ in range(count)]
    student_keys = [store.join(code, f"Student {n}") for n, store in enumerate(stores)]
    ready = threading.Barrier(count)
    failures = []

    def answer(n: int):
        ready.wait()
        try:
            for attempt in range(3):  # each answers three times; only the last counts
                stores[n].answer(code, student_keys[n], question_id, str((n + attempt) % 3 + 1))
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(error)

    threads = [threading.Thread(target=answer, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    expected = Counter(str((n + 2) % 3 + 1) for n in range(count))
    assert teacher.view(code).answers == count
    assert teacher.tally(code, question_id, key) == dict(expected)
    assert sum(teacher.tally(code, question_id, key).values()) == count


def test_thirty_students_joining_at_once_into_a_room_of_twenty_five_leave_it_exactly_full(make_store):
    teacher = make_store(max_students=25)
    code, _ = teacher.create_room(SETTINGS)
    stores = [make_store(max_students=25) for _ in range(30)]
    ready = threading.Barrier(30)
    outcomes = []

    def join(store):
        ready.wait()
        try:
            store.join(code, "x")
            outcomes.append("joined")
        except RoomError as error:
            outcomes.append(error.reason)

    threads = [threading.Thread(target=join, args=(store,)) for store in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Counter(outcomes) == {"joined": 25, base.ROOM_FULL: 5}
    assert teacher.view(code).students == 25


def test_a_room_takes_sixty_students_and_then_says_it_is_full(make_store):
    store = make_store()
    assert store.max_students == base.MAX_STUDENTS == 60
    code, _ = store.create_room(SETTINGS)
    for n in range(60):
        store.join(code, f"{n}")
    with refused(base.ROOM_FULL) as error:
        store.join(code, "one too many")
    assert error.value.figures["limit"] == 60


def test_the_store_holds_a_limited_number_of_rooms(make_store):
    store = make_store(max_rooms=3)
    codes = [store.create_room(SETTINGS)[0] for _ in range(3)]
    with refused(base.TOO_MANY_ROOMS):
        store.create_room(SETTINGS)
    assert len(set(codes)) == 3


def test_a_name_too_long_and_values_too_large_are_refused(make_store):
    store = make_store()
    code, key = store.create_room(SETTINGS)
    with refused(base.NAME_TOO_LONG) as error:
        store.join(code, "n" * (base.MAX_NAME_LENGTH + 1))
    assert error.value.figures == {"limit": base.MAX_NAME_LENGTH, "length": base.MAX_NAME_LENGTH + 1}
    assert store.view(code).students == 0
    store.join(code, "n" * base.MAX_NAME_LENGTH)
    huge = {"text": "x" * base.MAX_VALUE_BYTES}
    for action in (lambda: store.push_settings(code, key, huge), lambda: store.ask(code, key, huge),
                   lambda: store.create_room(huge)):
        with refused(base.VALUE_TOO_LARGE):
            action()
    student = store.join(code, "s")
    question_id = store.ask(code, key, QUESTION)
    with refused(base.BAD_ANSWER):
        store.answer(code, student, question_id, "9" * (base.MAX_ANSWER_LENGTH + 1))
    for curve in ([0.1] * (base.MAX_CURVE_POINTS + 1), [], [float("nan")], ["abc"]):
        with refused(base.BAD_RUN):
            store.post_run(code, student, "lr", curve)


def test_an_unknown_code_is_refused_clearly(make_store):
    store = make_store()
    for code in ("ACDEFG", "", "toolongcode", "<b>x</b>"):
        with refused(base.UNKNOWN_ROOM):
            store.join(code, "A")
        with refused(base.UNKNOWN_ROOM):
            store.view(code)


def test_a_room_expires_after_hours_idle_and_activity_keeps_it(make_store):
    store = make_store()
    clock = make_store.clock
    code, key = store.create_room(SETTINGS)
    student = store.join(code, "A")
    clock.advance(hours=base.IDLE_HOURS - 0.5)
    question_id = store.ask(code, key, QUESTION)  # activity: the idle time starts again
    clock.advance(hours=base.IDLE_HOURS - 0.5)
    store.answer(code, student, question_id, "1")
    clock.advance(hours=base.IDLE_HOURS - 0.5)
    assert store.view(code).answers == 1  # still there: never idle for the full time
    clock.advance(hours=1)
    with refused(base.UNKNOWN_ROOM):
        store.view(code)
    with refused(base.UNKNOWN_ROOM):
        store.ask(code, key, QUESTION)


def test_idle_rooms_free_their_places_for_new_ones(make_store):
    store = make_store(max_rooms=2)
    store.create_room(SETTINGS)
    store.create_room(SETTINGS)
    make_store.clock.advance(hours=base.IDLE_HOURS + 1)
    code, _ = store.create_room(SETTINGS)  # the two idle rooms were dropped
    assert store.view(code).settings == SETTINGS


def test_posted_runs_come_back_with_their_names_one_per_student(make_store):
    store = make_store()
    code, key = store.create_room(SETTINGS)
    ann, bob = store.join(code, "Ann"), store.join(code, "Bob")
    store.post_run(code, ann, "learning rate 0.3", [0.5, 0.3])
    make_store.clock.advance(seconds=1)
    store.post_run(code, bob, "learning rate 30", [0.5, 0.9])
    make_store.clock.advance(seconds=1)
    store.post_run(code, ann, "learning rate 0.6", [0.5, 0.2, 0.1])  # replaces Ann's first
    runs = store.runs(code)
    assert [(run.name, run.label, run.curve) for run in runs] == [
        ("Bob", "learning rate 30", (0.5, 0.9)), ("Ann", "learning rate 0.6", (0.5, 0.2, 0.1))]
    assert sorted(store.student_names(code)) == ["Ann", "Bob"]


def test_a_closed_room_is_gone_for_everyone(make_store):
    store = make_store()
    code, key = store.create_room(SETTINGS)
    student = store.join(code, "A")
    store.close_room(code, key)
    with refused(base.UNKNOWN_ROOM):
        store.view(code)
    with refused(base.UNKNOWN_ROOM):
        store.answer(code, student, 1, "1")



def test_different_settings_close_the_open_question_and_its_answers_stay_with_it(make_store):
    teacher, student_store = make_store(), make_store()  # two processes
    code, key = teacher.create_room(SETTINGS)
    ann, bob = student_store.join(code, "Ann"), student_store.join(code, "Bob")
    question_id = teacher.ask(code, key, QUESTION)
    student_store.answer(code, ann, question_id, "2")
    assert student_store.view(code).question_open
    teacher.push_settings(code, key, {**SETTINGS, "seed": 9})  # another network: the question was about the old one
    view = student_store.view(code)
    assert view.question == QUESTION and view.question_id == question_id and not view.revealed
    assert view.question_on_earlier_network and not view.question_open
    assert (view.question_settings_version, view.settings_version) == (1, 2)
    with refused(base.NO_QUESTION):
        student_store.answer(code, bob, question_id, "1")
    with refused(base.NO_QUESTION):
        student_store.answer(code, ann, question_id, "3")  # nor changed
    with refused(base.NO_QUESTION):
        teacher.reveal(code, key, question_id, {"answer": "2"})
    assert teacher.tally(code, question_id, key) == {"2": 1} and view.answers == 1
    with refused(base.NOT_TEACHER):
        student_store.tally(code, question_id, ann)  # never revealed: the teacher's alone, as before
    teacher.push_settings(code, key, {**SETTINGS, "seed": 9})  # the same again: the old question stays closed
    assert student_store.view(code).question_on_earlier_network
    next_id = teacher.ask(code, key, QUESTION)  # a new question, on the network the class has now
    view = student_store.view(code)
    assert view.question_open and view.question_settings_version == view.settings_version == 3
    assert view.answers == 0 and teacher.tally(code, next_id, key) == {}
    student_store.answer(code, bob, next_id, "1")
    assert teacher.tally(code, next_id, key) == {"1": 1}


def test_the_same_settings_again_keep_the_open_question_open(make_store):
    store = make_store()
    code, key = store.create_room(SETTINGS)
    student = store.join(code, "Ann")
    question_id = store.ask(code, key, QUESTION)
    assert store.push_settings(code, key, dict(SETTINGS)) == 2  # every student's network starts again, no more
    view = store.view(code)
    assert view.question_open and view.question_settings_version == 2
    store.answer(code, student, question_id, "1")
    store.reveal(code, key, question_id, {"answer": "1"})
    assert store.view(code).revealed and not store.view(code).question_on_earlier_network



def test_settings_that_only_hide_or_lock_controls_keep_the_question_and_another_value_closes_it(make_store):
    store = make_store()
    room = {"values": {"dataset": "XOR", "hidden_nodes": 3, "learning_rate": 0.3, "bias": False}, "hide": [],
            "lock": []}
    code, key = store.create_room(room)
    question_id = store.ask(code, key, QUESTION)
    store.push_settings(code, key, {**room, "hide": ["bias"], "lock": ["learning_rate"]})  # the same network
    assert store.view(code).question_open
    store.push_settings(code, key, {**room, "values": {**room["values"], "learning_rate": 0.31}})
    assert store.view(code).question_on_earlier_network
    with refused(base.NO_QUESTION):
        store.answer(code, store.join(code, "Ann"), question_id, "1")
    store.push_settings(code, key, room)  # back to the first network: the closed question stays closed
    assert store.view(code).question_on_earlier_network

def test_a_revealed_question_stays_revealed_and_says_it_was_about_the_earlier_network(make_store):
    store = make_store()
    code, key = store.create_room(SETTINGS)
    student = store.join(code, "Ann")
    question_id = store.ask(code, key, QUESTION)
    store.answer(code, student, question_id, "1")
    store.reveal(code, key, question_id, {"answer": "1"})
    store.push_settings(code, key, {**SETTINGS, "seed": 9})
    view = store.view(code)
    assert view.revealed and view.reveal == {"answer": "1"} and view.question_on_earlier_network
    assert store.tally(code, question_id) == {"1": 1}  # anyone may still see it


def test_a_question_made_from_settings_the_room_no_longer_has_is_not_asked(make_store):
    store = make_store()
    code, key = store.create_room(SETTINGS)
    made_on = store.view(code).settings_version
    store.push_settings(code, key, {**SETTINGS, "seed": 9})  # another tab of the teacher, meanwhile
    with refused(base.NETWORK_CHANGED):
        store.ask(code, key, QUESTION, settings_version=made_on)
    assert store.view(code).question is None
    question_id = store.ask(code, key, QUESTION, settings_version=made_on + 1)
    assert store.view(code).question_open and question_id == 1


def test_a_rooms_file_made_before_questions_had_a_network_keeps_its_open_question_open(tmp_path):
    import sqlite3
    from ui.classroom.rooms.sqlite_store import FILE_NAME, SQLiteRoomStore

    old = sqlite3.connect(tmp_path / FILE_NAME)  # the rooms table as it was made before
    old.executescript("""
        CREATE TABLE rooms (code TEXT PRIMARY KEY, key_hash TEXT NOT NULL, touched REAL NOT NULL,
            settings TEXT NOT NULL, settings_version INTEGER NOT NULL DEFAULT 1,
            question_id INTEGER NOT NULL DEFAULT 0, question TEXT, revealed INTEGER NOT NULL DEFAULT 0, reveal TEXT);
    """)
    key = "k" * 22
    old.execute("INSERT INTO rooms (code, key_hash, touched, settings, settings_version, question_id, question) "
                "VALUES ('ACDEFG', ?, ?, '{}', 3, 1, ?)", (base.key_hash(key), 1_000_000.0, '{"kind": "x"}'))
    old.commit()
    old.close()
    store = SQLiteRoomStore(tmp_path, clock=Clock())
    student = store.join("ACDEFG", "Ann")
    assert store.view("ACDEFG").question_open
    store.answer("ACDEFG", student, 1, "1")
    store.push_settings("ACDEFG", key, {"seed": 9})
    assert store.view("ACDEFG").question_on_earlier_network
    SQLiteRoomStore(tmp_path, clock=Clock()).close()  # opening it again changes nothing
    store.close()


def test_a_redis_room_made_before_questions_had_a_network_keeps_its_open_question_open(redis_url):
    import redis
    from ui.classroom.rooms.redis_store import RedisRoomStore

    store = RedisRoomStore(redis_url, prefix="test-old-room:", clock=Clock())
    code, key = store.create_room(SETTINGS)
    question_id = store.ask(code, key, QUESTION)
    client = redis.Redis.from_url(redis_url)
    client.hdel(f"test-old-room:room:{code}", "question_settings_version")  # as an older server left it
    client.close()
    student = store.join(code, "Ann")
    assert store.view(code).question_open
    store.answer(code, student, question_id, "1")
    store.push_settings(code, key, {**SETTINGS, "seed": 9})
    assert store.view(code).question_on_earlier_network
    with refused(base.NO_QUESTION):
        store.answer(code, student, question_id, "2")
    store.close_room(code, key)
    store.close()

def test_the_versions_of_many_rooms_come_in_one_read_and_change_with_push_ask_and_reveal_only(make_store):
    teacher, watcher = make_store(), make_store()  # the watcher is another process's store
    first, first_key = teacher.create_room(SETTINGS)
    second, second_key = teacher.create_room(SETTINGS)
    closed, closed_key = teacher.create_room(SETTINGS)
    teacher.close_room(closed, closed_key)
    unknown = "ACDEFG" if "ACDEFG" not in (first, second, closed) else "ACDEFH"
    start = watcher.versions([first, second.lower(), closed, unknown])
    assert start == {first: base.RoomVersion(1, 0, False), second: base.RoomVersion(1, 0, False)}
    assert start[first] == watcher.view(first).version

    student = teacher.join(first, "A")
    question_id = teacher.ask(first, first_key, QUESTION)
    teacher.answer(first, student, question_id, "1")  # answers and joins change nothing a student's page draws
    teacher.join(second, "B")
    assert watcher.versions([first, second]) == {
        first: base.RoomVersion(1, question_id, False), second: base.RoomVersion(1, 0, False)}
    teacher.reveal(first, first_key, question_id, {"answer": "1"})
    teacher.push_settings(second, second_key, {**SETTINGS, "seed": 9})
    assert watcher.versions([first, second]) == {
        first: base.RoomVersion(1, question_id, True), second: base.RoomVersion(2, 0, False)}
    assert watcher.versions([]) == {}


def test_a_room_idle_too_long_has_no_version_and_reading_versions_keeps_no_room_alive(make_store):
    store = make_store()
    code, key = store.create_room(SETTINGS)
    make_store.clock.advance(hours=base.IDLE_HOURS - 0.5)
    assert code in store.versions([code])  # reading it does not touch it ...
    make_store.clock.advance(hours=1)
    assert store.versions([code]) == {}  # ... so it expires all the same
    with refused(base.UNKNOWN_ROOM):
        store.view(code)


def test_versions_are_asked_for_at_most_as_many_rooms_as_the_store_holds(make_store):
    store = make_store(max_rooms=2)
    with pytest.raises(ValueError, match="at most 2 rooms"):
        store.versions(["ACDEFG", "ACDEFH", "ACDEFJ"])


def test_the_environment_chooses_the_backend(monkeypatch, tmp_path, redis_url):
    monkeypatch.setenv(rooms.DATA_DIR_VARIABLE, str(tmp_path / "rooms"))
    monkeypatch.delenv(rooms.STORE_VARIABLE, raising=False)
    store = rooms.open_store()
    assert type(store).__name__ == "SQLiteRoomStore" and store.path.parent == tmp_path / "rooms"
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    monkeypatch.setenv(rooms.STORE_VARIABLE, redis_url)
    store = rooms.open_store()
    assert type(store).__name__ == "RedisRoomStore"
    store.close()
    monkeypatch.setenv(rooms.STORE_VARIABLE, "postgres://x")
    with pytest.raises(ValueError, match=rooms.STORE_VARIABLE):
        rooms.open_store()


def test_a_rate_limit_allows_a_burst_then_one_action_per_interval():
    clock = Clock()
    limit = RateLimit(burst=3, seconds_per_action=2.0, clock=clock)
    assert [limit.allow() for _ in range(4)] == [True, True, True, False]
    assert limit.wait_seconds() == pytest.approx(2.0)
    clock.advance(seconds=1.9)
    assert not limit.allow()
    clock.advance(seconds=0.2)
    assert limit.allow() and not limit.allow()
    clock.advance(seconds=100)
    assert [limit.allow() for _ in range(4)] == [True, True, True, False]  # never more than the burst


def test_the_store_imports_no_streamlit():
    import subprocess
    import sys

    code = ("import sys, ui.classroom.rooms.sqlite_store, ui.classroom.rooms.redis_store, "
            "ui.classroom.rooms.rate_limit; print('streamlit' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


@pytest.mark.parametrize("text, seconds", [("", 1.0), ("2", 2.0), ("0.5", 0.5), ("0.1", 1.0), ("soon", 1.0), ("nan", 1.0)])
def test_the_poll_interval_comes_from_the_environment_within_its_range(monkeypatch, text, seconds):
    from ui.classroom.room_session import POLL_VARIABLE, poll_seconds

    monkeypatch.setenv(POLL_VARIABLE, text)
    assert poll_seconds() == seconds
