"""The room store on both backends, for the tests that need one: SQLite in a temporary
folder, and Redis on a real `redis-server` (Debian package redis-server) that the tests
start on a free port and stop."""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid

import pytest

from conftest import free_port


class Clock:
    """A clock the test moves by hand (seconds), so expiry needs no sleeping."""

    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, hours: float = 0, seconds: float = 0) -> None:
        self.now += hours * 3600 + seconds


@pytest.fixture(scope="session")
def redis_url():
    """A real redis-server on a free port, nothing saved to disk; stopped after the session."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is missing: apt-get install -y redis-server (Debian package)")
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    import redis

    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    else:
        process.kill()
        pytest.fail("redis-server did not answer within 5 s")
    yield f"redis://127.0.0.1:{port}/0"
    client.close()
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(params=["sqlite", "redis"])
def make_store(request, tmp_path):
    """A function making store objects on one shared backend (each object its own connection,
    as each server process has), all with one test clock: ``make_store(**options)``."""
    clock = Clock()
    made = []
    if request.param == "sqlite":
        from ui.classroom.rooms.sqlite_store import SQLiteRoomStore

        def make(**options):
            made.append(SQLiteRoomStore(tmp_path, clock=clock, **options))
            return made[-1]
    else:
        from ui.classroom.rooms.redis_store import RedisRoomStore

        url = request.getfixturevalue("redis_url")
        prefix = f"test-{uuid.uuid4().hex}:"  # each test its own rooms

        def make(**options):
            made.append(RedisRoomStore(url, prefix=prefix, clock=clock, **options))
            return made[-1]

    make.clock = clock
    make.backend = request.param
    yield make
    for store in made:
        store.close()
