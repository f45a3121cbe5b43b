"""How a benchmark splits the machine's cores between the server and its clients."""

from __future__ import annotations

from benchmarks import machine


def test_the_server_gets_the_first_core_and_the_clients_the_others(monkeypatch):
    monkeypatch.setattr(machine.os, "sched_getaffinity", lambda pid: {3, 1, 2})
    assert machine.server_and_client_cores() == ({1}, {2, 3})


def test_on_one_core_both_share_it(monkeypatch):
    monkeypatch.setattr(machine.os, "sched_getaffinity", lambda pid: {5})
    assert machine.server_and_client_cores() == ({5}, {5})
