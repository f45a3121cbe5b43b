"""ui/no_delay: the server's listening socket and its connections send each message at once."""

from __future__ import annotations

import socket

from ui import no_delay


def nagle_is_off(sock: socket.socket) -> bool:
    return bool(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))


def listening_as_streamlit_does() -> socket.socket:
    """A listening socket made as Streamlit 1.67 makes its own: protocol number 0, so asyncio
    leaves Nagle on for the connections it accepts."""
    listener = socket.socket(socket.AF_INET)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    return listener


def test_the_servers_listening_socket_and_its_connections_send_at_once_and_other_connections_are_left_alone():
    listener = listening_as_streamlit_does()
    browser_end = socket.create_connection(listener.getsockname())  # a connection this process made
    accepted, _ = listener.accept()
    try:
        assert not nagle_is_off(accepted) and not nagle_is_off(browser_end)  # what Streamlit leaves

        found = no_delay.server_sockets()
        names = {(sock.getsockname(), sock.getpeername() if not sock.getsockopt(
            socket.SOL_SOCKET, socket.SO_ACCEPTCONN) else None) for sock in found}
        assert (listener.getsockname(), None) in names
        assert (accepted.getsockname(), accepted.getpeername()) in names
        assert (browser_end.getsockname(), browser_end.getpeername()) not in names
        no_delay.send_at_once(found)

        assert nagle_is_off(listener) and nagle_is_off(accepted)
        assert not nagle_is_off(browser_end)
        later_end = socket.create_connection(listener.getsockname())
        later, _ = listener.accept()  # a connection accepted afterwards inherits it
        assert nagle_is_off(later)
        later.close(), later_end.close()
    finally:
        for sock in (accepted, browser_end, listener):
            sock.close()


def test_the_sockets_found_are_duplicates_whose_closing_leaves_the_servers_open():
    listener = listening_as_streamlit_does()
    try:
        no_delay.send_at_once(no_delay.server_sockets())
        client = socket.create_connection(listener.getsockname())  # the listener still accepts
        accepted, _ = listener.accept()
        accepted.close(), client.close()
    finally:
        listener.close()


def test_a_process_whose_open_files_cannot_be_listed_has_no_server_sockets(tmp_path):
    assert no_delay.server_sockets(str(tmp_path / "missing")) == []


def test_a_socket_that_cannot_take_the_option_never_stops_the_page_from_loading(monkeypatch):
    def failing(*_args):
        raise OSError("Bad file descriptor")

    monkeypatch.setattr(no_delay, "_installed", False)
    monkeypatch.setattr(no_delay, "server_sockets", failing)
    no_delay.install()  # importing ui runs this in the first run of every page: no error may escape
    assert no_delay._installed
