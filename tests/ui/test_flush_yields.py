"""ui/flush_yields: Streamlit's own runtime sends a session's queued messages in a few rounds of the event
loop, not one round a message (each round, on a busy server, waits for the interpreter's lock)."""

from __future__ import annotations

import asyncio

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime import runtime as streamlit_runtime
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.runtime import Runtime, RuntimeConfig
from streamlit.runtime.session_manager import SessionClient

from conftest import ROOT
from double_delivery import run
from ui import flush_yields
from ui.flush_yields import MOST_CALLS_A_ROUND, YIELD_EVERY_SECONDS, FlushYields


class Clock:
    """A clock that moves only when told to."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class RoundCounter:
    """Counts the event loop's rounds: a callback that puts itself back on the loop every round."""

    def __init__(self) -> None:
        self.round, self._counting = 0, True

    def start(self) -> None:
        loop = asyncio.get_running_loop()

        def count_a_round():
            self.round += 1
            if self._counting:
                loop.call_soon(count_a_round)
        loop.call_soon(count_a_round)

    def stop(self) -> None:
        self._counting = False


class CountingClient(SessionClient):
    """A browser tab that notes in which of the event loop's rounds each message reached it."""

    def __init__(self, rounds: RoundCounter) -> None:
        self._rounds = rounds
        self.received_in_rounds: list[int] = []

    def write_forward_msg(self, msg: ForwardMsg) -> None:
        self.received_in_rounds.append(self._rounds.round)


def element(index: int) -> ForwardMsg:
    """A new element at its own place on the page (the browser queue keeps one message per place)."""
    message = ForwardMsg()
    message.metadata.delta_path[:] = [0, index]
    message.delta.new_element.markdown.body = f"element {index}"
    return message


def test_sleep_zero_yields_only_once_the_budget_has_passed():
    clock = Clock()
    yields = FlushYields(clock)

    async def sleeps():
        rounds = RoundCounter()
        rounds.start()
        await asyncio.sleep(0)  # the counter is running
        ran_in_rounds = []
        for _ in range(10):
            ran_in_rounds.append(rounds.round)
            await yields.sleep(0)
            clock.now += 0.6 * YIELD_EVERY_SECONDS
        ran_in_rounds.append(rounds.round)
        rounds.stop()
        return ran_in_rounds
    ran_in_rounds = run(sleeps())
    yielded = [after != before for before, after in zip(ran_in_rounds, ran_in_rounds[1:])]
    # the clock at 0, 0.6, 1.2, ... budgets: the third sleep(0) is the first a budget after the start,
    # and each second one after it a budget after the last yield
    assert yielded == [False, False, True, False, True, False, True, False, True, False]


def test_a_frozen_clock_yields_on_sleep_zero_only_every_hundredth_call_but_a_delay_always_does():
    yields = FlushYields(Clock())

    async def sleeps():
        rounds = RoundCounter()
        rounds.start()
        await asyncio.sleep(0)  # the counter is running
        ran_in_rounds = []
        for _ in range(2 * MOST_CALLS_A_ROUND):
            ran_in_rounds.append(rounds.round)
            await yields.sleep(0)
        ran_in_rounds.append(rounds.round)
        woke = await yields.sleep(0.001, "woke")
        rounds.stop()
        return ran_in_rounds, woke, rounds.round
    ran_in_rounds, woke, after_delay = run(sleeps())
    yielded = [index for index, (before, after) in enumerate(zip(ran_in_rounds, ran_in_rounds[1:]))
               if after != before]
    assert yielded == [MOST_CALLS_A_ROUND - 1, 2 * MOST_CALLS_A_ROUND - 1]  # the 100th and the 200th call
    assert woke == "woke" and after_delay > ran_in_rounds[-1]


def test_every_other_name_is_asyncios_own():
    yields = FlushYields()
    assert yields.Event is asyncio.Event and yields.wait is asyncio.wait
    assert yields.create_task is asyncio.create_task and yields.sleep != asyncio.sleep


def flush_of(messages: int, runtime_asyncio) -> tuple[int, int]:
    """Streamlit's runtime (its own loop coroutine) with ``runtime_asyncio`` as its module's asyncio flushes
    ``messages`` queued messages of one session: (messages the client got, in how many rounds of the loop)."""
    async def flushed():
        runtime = Runtime(RuntimeConfig(script_path=str(ROOT / "dashboard.py"),
                                        media_file_storage=MemoryMediaFileStorage("/media"),
                                        uploaded_file_manager=MemoryUploadedFileManager("/upload")))
        rounds = RoundCounter()
        try:
            await runtime.start()
            client = CountingClient(rounds)
            session = runtime._session_mgr.get_active_session_info(
                runtime.connect_session(client=client, user_info={})).session
            for index in range(messages):
                session._browser_queue.enqueue(element(index))
            rounds.start()
            session._message_enqueued_callback()
            while len(client.received_in_rounds) < messages:
                await asyncio.sleep(0.001)
            rounds.stop()
            return len(client.received_in_rounds), len(set(client.received_in_rounds))
        finally:
            runtime.stop()
            await runtime.stopped
            Runtime._instance = None
    kept = streamlit_runtime.asyncio
    streamlit_runtime.asyncio = runtime_asyncio
    try:
        return run(flushed())
    finally:
        streamlit_runtime.asyncio = kept


def test_streamlit_alone_takes_a_round_of_the_event_loop_for_every_message(no_file_watcher):
    """Why the module exists: the runtime's flush yields after every message, and still does."""
    received, rounds = flush_of(200, asyncio)
    assert received == 200
    assert rounds == 200


def test_with_flush_yields_the_runtime_sends_200_messages_in_two_rounds(no_file_watcher):
    received, rounds = flush_of(200, FlushYields(Clock()))  # the clock stands still: only the count yields
    assert received == 200
    assert rounds == 200 // MOST_CALLS_A_ROUND


def test_install_gives_the_runtime_module_flush_yields_once():
    kept = streamlit_runtime.asyncio
    try:
        streamlit_runtime.asyncio = asyncio
        flush_yields.install()
        installed = streamlit_runtime.asyncio
        flush_yields.install()
        assert isinstance(installed, FlushYields) and streamlit_runtime.asyncio is installed
    finally:
        streamlit_runtime.asyncio = kept
