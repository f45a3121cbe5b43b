"""The protocol client (benchmarks/streamlit_protocol.py) asks as a real browser asks: the same widget states.

A browser sends every widget's state with each rerun request, the fragment's timer requests too,
and the server reads each of them back on every run; the load client must send the same, or it
costs the server less than a class of real tabs. Chromium's timer requests are captured off its
websocket on the live page and compared with the client's on the same server, same address:
the same widgets (ids), each with the same kind of value and the same value, and the same
context_info. Then once more on a tiny app with one widget of every type the dashboard uses.
"""

from __future__ import annotations

import asyncio
import concurrent.futures

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg

from benchmarks.protocol_load import DATASETS, LIVE_PAGE, START_KEY
from benchmarks.streamlit_protocol import Learner
from conftest import start_streamlit, state_by_id, stop_streamlit, wait_for_app
from every_widget_app import every_widget_app
from ui.live.drawn import ECHO_KEY

#: Timer requests to see from each side, once the page has been drawn, before comparing the last.
TIMER_REQUESTS = 3


def browser_timer_requests(browser, url: str, page: str, query: str, start_selector: str | None) -> list:
    """The rerun requests with ``is_auto_rerun`` a Chromium tab sent on ``page``?``query`` after
    pressing the Start button (``start_selector``), as the server received them."""
    sent, sockets = [], []
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.set_default_timeout(120_000)

    def watch(socket):
        sockets.append(socket)
        socket.on("framesent", lambda payload: sent.append(payload))

    tab.on("websocket", watch)
    tab.goto(f"{url}/{page}?{query}")
    wait_for_app(tab)
    if start_selector:
        tab.locator(start_selector).first.click()
    wait_for_timer_requests(sockets, sent, 1)
    # A timer request means the browser has the run that declared the timer (the page's first, or the one
    # Start asked for): once that run is over and every element drawn (a widget whose code is still loading
    # is a placeholder, and sends no state until it mounts), only the requests from there on are compared.
    wait_for_app(tab)
    settled = len(sent)
    wait_for_timer_requests(sockets, sent, TIMER_REQUESTS, after=settled)
    context.close()
    return timer_requests(sent[settled:])


def wait_for_timer_requests(sockets: list, sent: list, count: int, after: int = 0) -> None:
    """Wait, frame by frame, until ``count`` timer requests are among the frames sent from ``after`` on
    (each frame is in ``sent`` before its wait returns: that listener came first)."""
    while len(timer_requests(sent[after:])) < count:
        sockets[-1].wait_for_event("framesent", timeout=120_000)


def timer_requests(frames) -> list:
    requests = []
    for frame in frames:
        message = BackMsg()
        message.ParseFromString(frame if isinstance(frame, bytes) else frame.encode())
        if message.WhichOneof("type") == "rerun_script" and message.rerun_script.is_auto_rerun:
            requests.append(message.rerun_script)
    return requests


def client_timer_requests(url: str, page: str, query: str, start_key: str | None) -> list:
    """The same from the protocol client, on the same server."""
    async def scenario():
        learner = Learner(url, page, query, keep_requests=True)
        await learner.open()
        if start_key:
            await learner.press(start_key)
        await learner.wait_until(lambda: len([r for r in learner.requests if r.is_auto_rerun]) >= TIMER_REQUESTS,
                                 timeout=120)
        await learner.close()
        assert learner.record.problems() == []
        return [request for request in learner.requests if request.is_auto_rerun]

    # In a thread of its own: Playwright's sync API keeps an event loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        return thread.submit(lambda: asyncio.run(asyncio.wait_for(scenario(), 240))).result()


def assert_client_asks_as_the_browser_does(browser, url, page, query, start_selector, start_key, at_least):
    seen = browser_timer_requests(browser, url, page, query, start_selector)
    sent = client_timer_requests(url, page, query, start_key)
    assert len(seen) >= TIMER_REQUESTS and len(sent) >= TIMER_REQUESTS
    browser_request, client_request = seen[-1], sent[-1]
    browser_states, client_states = state_by_id(browser_request), state_by_id(client_request)
    assert len(browser_states) >= at_least  # the page's widgets were drawn and sent: not an empty comparison
    for states in (browser_states, client_states):  # the update each tab last drew: its own count (ui/live/drawn.py)
        for widget_id, (kind, _) in states.items():
            if widget_id.endswith(f"-{ECHO_KEY}"):
                assert kind == "string_value"
                states[widget_id] = (kind, "a count")
    assert client_states == browser_states
    assert client_request.context_info == browser_request.context_info
    for field in ("query_string", "page_script_hash", "page_name", "fragment_id"):
        assert getattr(client_request, field) == getattr(browser_request, field), field


@pytest.mark.parametrize("query", ["seed=7", f"seed=7&{DATASETS['mnist']}", "seed=7&lang=ru"],
                         ids=["3-3-3", "mnist", "russian"])
def test_the_client_sends_the_live_pages_widget_states_as_chromium_does(browser, dashboard, query):
    assert_client_asks_as_the_browser_does(browser, dashboard, LIVE_PAGE, query, f".st-key-{START_KEY} button",
                                           START_KEY, at_least=14)


@pytest.fixture(scope="module")
def every_widget_server(tmp_path_factory):
    script = tmp_path_factory.mktemp("every_widget") / "every_widget.py"
    script.write_text(every_widget_app(tick_seconds=0.2))
    process, url = start_streamlit(str(script))
    yield url
    stop_streamlit(process)


def test_the_client_encodes_every_widget_type_the_dashboard_uses_as_chromium_does(browser, every_widget_server):
    assert_client_asks_as_the_browser_does(browser, every_widget_server, "", "", None, None, at_least=19)
