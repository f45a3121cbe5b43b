"""ui/no_delay against a real `streamlit run`: every browser's connection has Nagle's algorithm off,
the one open when a page first imports ``ui`` and the ones accepted after.

Without it a live page's update could reach its tab one delayed acknowledgement late (40 ms on
Linux, 200 ms on Windows), in some sessions and not others (ui/no_delay.py). What a test can
see without timing anything is the cause: the tiny app reports the option on the server's own
sockets, as the server process sees them. Both event loops Streamlit may run on are checked:
asyncio's own (uvloop hidden, as on a server installed without it), where every socket has
the option only because of ui/no_delay, and uvloop, which sets it on each connection itself but
not on the listening socket.
"""

from __future__ import annotations


import pytest

from benchmarks.streamlit_protocol import Learner
from conftest import start_streamlit, without_modules
from double_delivery import last_markdown, run, stop

APP = """
import socket

import streamlit as st

import ui  # installs ui/no_delay, as every page of the dashboard does
from ui.no_delay import server_sockets

listening = connections = nagle_off = 0
for sock in server_sockets():
    if sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN):
        listening += 1
    else:
        connections += 1
    nagle_off += bool(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
    sock.close()
st.write(f"listening {listening} connections {connections} sending at once {nagle_off}")
"""


@pytest.fixture(params=["asyncio's own loop", "uvloop"])
def app(request, tmp_path):
    (tmp_path / "app.py").write_text(APP)
    hidden = tmp_path / "hidden"
    hidden.mkdir()
    env = without_modules(hidden, "uvloop") if request.param == "asyncio's own loop" else None
    process, url = start_streamlit(str(tmp_path / "app.py"), env=env)
    yield url
    stop(process)


def test_the_first_tabs_connection_and_every_later_one_send_each_message_at_once(app):
    async def scenario():
        first, second = Learner(app, keep_text=True), Learner(app, keep_text=True)
        await first.open()  # its run imports ui: its connection was accepted before
        await second.open()  # accepted after: it inherits the listening socket's option
        await first.close(), await second.close()
        return first, second

    first, second = run(scenario())
    pattern = r"^listening (\d+) connections (\d+) sending at once (\d+)$"
    for tab, at_least in ((first, 1), (second, 2)):
        assert tab.record.problems() == []
        listening, connections, at_once = map(int, last_markdown(tab, pattern).groups())
        assert listening >= 1 and connections >= at_least
        assert at_once == listening + connections
