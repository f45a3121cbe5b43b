"""A deployed server never shows a visitor a traceback or the server's paths (issue 12)."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit import config
from streamlit.testing.v1 import AppTest

RUN_REPLICAS = Path(__file__).resolve().parents[2] / "deploy" / "run_replicas.sh"


def deployed_error_details() -> str:
    """The value deploy/run_replicas.sh gives Streamlit's client.showErrorDetails."""
    found = re.findall(r"--client\.showErrorDetails[ =](\S+)", RUN_REPLICAS.read_text())
    assert len(found) == 1, "deploy/run_replicas.sh should set client.showErrorDetails once"
    return found[0]


def failing_page():
    raise ValueError("could not read /srv/dashboard/secret_settings.toml")


def test_an_error_on_a_deployed_server_shows_neither_its_message_nor_its_traceback():
    before = config.get_option("client.showErrorDetails")
    config.set_option("client.showErrorDetails", deployed_error_details())
    try:
        at = AppTest.from_function(failing_page, default_timeout=30)
        at.run()
    finally:
        config.set_option("client.showErrorDetails", before)
    shown = at.exception[0]
    assert "/srv/dashboard" not in shown.message and "secret_settings" not in shown.message
    assert not shown.stack_trace
    assert "redacted" in shown.message  # Streamlit's own words: the details are in the server's log
