"""The room watcher's rounds, with a real store and fake sessions: who is pushed, how often, who is dropped.

Each test calls ``check_once`` by hand (no thread, no sleeping): what a round decides depends
only on the store and on what the sessions answer.
"""

from __future__ import annotations

import concurrent.futures

import pytest

from rooms_fixtures import make_store, redis_url  # noqa: F401  (fixtures)
from ui.classroom.room_watcher import RoomWatcher
from ui.server_push import Outcome, SessionRef

SETTINGS = {"dataset": "XOR", "hidden_nodes": 3, "seed": 7}
QUESTION = {"kind": "largest_hidden_output", "choices": ["1", "2", "3"]}


class Sessions:
    """Fake sessions: each push is recorded and answered with the session's next outcome (RERUN by default)."""

    def __init__(self):
        self.pushed: list[SessionRef] = []
        self.answers: dict[str, list[Outcome]] = {}
        self.gone: set[str] = set()

    def push(self, target: SessionRef) -> concurrent.futures.Future:
        self.pushed.append(target)
        future = concurrent.futures.Future()
        waiting = self.answers.get(target.session_id)
        future.set_result(waiting.pop(0) if waiting else Outcome.RERUN)
        return future

    def alive(self, session_id: str) -> bool:
        return session_id not in self.gone


class CountingReads:
    """The store's ``versions``, counting the calls and the rooms asked for."""

    def __init__(self, store):
        self.store, self.calls = store, []

    def __call__(self, codes):
        self.calls.append(list(codes))
        return self.store.versions(codes)


def watcher_for(store, sessions: Sessions, **options) -> tuple[RoomWatcher, CountingReads]:
    reads = CountingReads(store)
    return RoomWatcher(reads, push=sessions.push, alive=sessions.alive, **options), reads


def students(watcher: RoomWatcher, store, code: str, count: int, prefix: str = "s") -> list[SessionRef]:
    refs = [SessionRef(f"{prefix}{n}", f"fragment-{prefix}{n}") for n in range(count)]
    for ref in refs:
        watcher.follow(code, ref, store.view(code).version)
    return refs


def test_nothing_changes_so_nobody_is_pushed_and_each_round_reads_every_room_in_one_call(make_store):
    store, sessions = make_store(), Sessions()
    watcher, reads = watcher_for(store, sessions)
    (first, _), (second, _) = store.create_room(SETTINGS), store.create_room(SETTINGS)
    students(watcher, store, first, 30, "a")
    students(watcher, store, second, 20, "b")
    for _ in range(5):
        assert watcher.check_once() == {}
    assert sessions.pushed == []
    assert reads.calls == [sorted([first, second])] * 5


def test_a_question_pushes_each_student_of_that_room_once_and_no_one_else(make_store):
    store, sessions = make_store(), Sessions()
    watcher, _ = watcher_for(store, sessions)
    (asked, key), (quiet, _) = store.create_room(SETTINGS), store.create_room(SETTINGS)
    in_asked = students(watcher, store, asked, 30, "a")
    students(watcher, store, quiet, 5, "q")
    store.ask(asked, key, QUESTION)
    outcomes = watcher.check_once()
    assert outcomes == {ref.session_id: Outcome.RERUN for ref in in_asked}
    assert sorted(sessions.pushed, key=lambda ref: ref.session_id) == sorted(in_asked, key=lambda ref: ref.session_id)
    for _ in range(3):  # their pages have not drawn the question yet: no second push for the same change
        assert watcher.check_once() == {}
    assert len(sessions.pushed) == 30


def test_a_page_that_drew_the_change_follows_it_and_the_next_change_pushes_it_again(make_store):
    store, sessions = make_store(), Sessions()
    watcher, _ = watcher_for(store, sessions)
    code, key = store.create_room(SETTINGS)
    (ref,) = students(watcher, store, code, 1)
    question_id = store.ask(code, key, QUESTION)
    watcher.check_once()
    watcher.follow(code, ref, store.view(code).version)  # the pushed run drew the question
    assert watcher.check_once() == {}
    store.reveal(code, key, question_id, {"answer": "1"})
    assert watcher.check_once() == {ref.session_id: Outcome.RERUN}
    assert sessions.pushed == [ref, ref]


def test_answers_and_joins_push_nobody(make_store):
    store, sessions = make_store(), Sessions()
    watcher, _ = watcher_for(store, sessions)
    code, key = store.create_room(SETTINGS)
    question_id = store.ask(code, key, QUESTION)
    students(watcher, store, code, 3)
    for n in range(3):
        store.answer(code, store.join(code, f"late {n}"), question_id, "1")
    assert watcher.check_once() == {} and sessions.pushed == []


def test_a_busy_session_is_pushed_again_at_the_next_round_until_it_takes_the_push(make_store):
    store, sessions = make_store(), Sessions()
    watcher, _ = watcher_for(store, sessions)
    code, key = store.create_room(SETTINGS)
    (ref,) = students(watcher, store, code, 1)
    sessions.answers[ref.session_id] = [Outcome.BUSY, Outcome.BUSY]
    store.push_settings(code, key, {**SETTINGS, "seed": 9})
    assert [watcher.check_once() for _ in range(4)] == [
        {ref.session_id: Outcome.BUSY}, {ref.session_id: Outcome.BUSY}, {ref.session_id: Outcome.RERUN}, {}]


def test_a_closed_room_pushes_its_pages_once_so_they_say_it_ended(make_store):
    store, sessions = make_store(), Sessions()
    watcher, reads = watcher_for(store, sessions)
    code, key = store.create_room(SETTINGS)
    refs = students(watcher, store, code, 2)
    store.close_room(code, key)
    assert watcher.check_once() == {ref.session_id: Outcome.RERUN for ref in refs}
    assert watcher.check_once() == {}


@pytest.mark.parametrize("outcome", [Outcome.GONE, Outcome.NO_FRAGMENT, Outcome.NO_SERVER])
def test_a_session_that_cannot_be_pushed_any_more_is_dropped(make_store, outcome):
    store, sessions = make_store(), Sessions()
    watcher, _ = watcher_for(store, sessions)
    code, key = store.create_room(SETTINGS)
    left, stays = students(watcher, store, code, 2)
    sessions.answers[left.session_id] = [outcome]
    store.ask(code, key, QUESTION)
    watcher.check_once()
    assert list(watcher.following()) == [stays.session_id]


def test_sessions_whose_tab_has_gone_are_dropped_without_a_push(make_store):
    store, sessions = make_store(), Sessions()
    watcher, _ = watcher_for(store, sessions)
    code, _ = store.create_room(SETTINGS)
    refs = students(watcher, store, code, 3)
    sessions.gone.add(refs[1].session_id)
    watcher.check_once()
    assert sorted(watcher.following()) == [refs[0].session_id, refs[2].session_id]
    assert sessions.pushed == []


def test_a_session_follows_one_room_the_one_its_page_drew_last(make_store):
    store, sessions = make_store(), Sessions()
    watcher, reads = watcher_for(store, sessions)
    (old, _), (new, new_key) = store.create_room(SETTINGS), store.create_room(SETTINGS)
    watcher.follow(old, SessionRef("s", "class page"), store.view(old).version)
    watcher.follow(new, SessionRef("s", "sidebar"), store.view(new).version)
    store.ask(new, new_key, QUESTION)
    assert watcher.check_once() == {"s": Outcome.RERUN}
    assert sessions.pushed == [SessionRef("s", "sidebar")] and reads.calls == [[new]]


def test_the_registry_is_bounded_and_makes_room_by_dropping_gone_sessions_first(make_store):
    store, sessions = make_store(), Sessions()
    watcher, _ = watcher_for(store, sessions, max_followers=3)
    code, _ = store.create_room(SETTINGS)
    refs = students(watcher, store, code, 3)
    version = store.view(code).version
    assert not watcher.has_room_for("new")
    assert not watcher.follow(code, SessionRef("new", "f"), version)
    assert watcher.follow(code, refs[0], version), "a session already followed may always follow anew"
    sessions.gone.add(refs[1].session_id)
    assert watcher.follow(code, SessionRef("new", "f"), version)
    assert sorted(watcher.following()) == sorted(["new", refs[0].session_id, refs[2].session_id])
