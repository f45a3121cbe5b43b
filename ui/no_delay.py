"""The server sends each message to a browser at once, not when the browser next acknowledges.

Streamlit 1.67 makes its listening socket with ``socket.socket(family)``, whose protocol number
is 0, and asyncio turns off Nagle's algorithm (``TCP_NODELAY``) only on sockets made with
``IPPROTO_TCP``: so every browser's connection keeps Nagle on. A run's messages are several
websocket frames written one after another (a run's start, each element, its end); Nagle holds
each small frame until the browser has acknowledged the one before, and a browser that has
nothing to send delays its acknowledgement (40 ms on Linux, up to 200 ms on Windows). So once a
connection settles into delayed acknowledgements, which happens to some tabs and not others,
every update of a live page reached its tab up to one delayed acknowledgement late: the
protocol client measured a 3-3-3 update's latency (request to its run finished) at 0.045 s in
one session and 0.008 s in the next, on a server whose run had ended 7 ms after the request
(benchmarks/protocol_load.py; docs/classroom.md).

uvloop (a dependency of the dashboard, not on Windows; Streamlit runs on it when it is installed)
turns Nagle off on each connection itself; asyncio's own loop, where uvloop is missing, needs this.

``install`` turns Nagle off on the server's listening sockets, whose connections inherit it
(Linux copies ``TCP_NODELAY`` to an accepted socket), and on the connections already accepted
(those of the session whose first run imports ``ui``). It finds them among the process's open
files: Streamlit offers no hook that runs before its first connection. Other sockets of the
process (a connection the server itself made) are left as they are.
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterator

#: Where Linux lists a process's open files.
OPEN_FILES = "/proc/self/fd"
_installed = False


def install() -> None:
    """Turn Nagle's algorithm off on the server's sockets (once per process; Linux only)."""
    global _installed
    if _installed:
        return
    with contextlib.suppress(OSError):  # a socket that cannot say or take the option: sent as before, never an error
        send_at_once(server_sockets())
    _installed = True


def send_at_once(sockets: list[socket.socket]) -> None:
    """Turn Nagle's algorithm off on each of these sockets, and close them (they are duplicates)."""
    for sock in sockets:
        with contextlib.suppress(OSError):  # a connection closing meanwhile
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.close()


def server_sockets(folder: str = OPEN_FILES) -> list[socket.socket]:
    """The process's listening TCP sockets and the connections they accepted, each a duplicate
    to set options on and close. Empty where the process's open files cannot be listed."""
    listening, connected = [], []
    for sock in _tcp_sockets(folder):
        try:
            (listening if sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN) else connected).append(sock)
        except OSError:  # closed meanwhile
            sock.close()
    ports = {sock.getsockname()[1] for sock in listening}
    accepted = []
    for sock in connected:
        with contextlib.suppress(OSError):  # a connection closing meanwhile
            if sock.getsockname()[1] in ports:
                accepted.append(sock)
                continue
        sock.close()
    return listening + accepted


def _tcp_sockets(folder: str) -> Iterator[socket.socket]:
    try:
        descriptors = [int(name) for name in os.listdir(folder)]
    except OSError:
        return
    for descriptor in descriptors:
        try:
            if not os.readlink(os.path.join(folder, str(descriptor))).startswith("socket:"):
                continue
            sock = socket.socket(fileno=os.dup(descriptor))
        except OSError:  # closed meanwhile, or not a socket after all
            continue
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
            yield sock
        else:
            sock.close()
