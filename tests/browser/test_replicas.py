"""Two Streamlit replicas behind nginx (deploy/): sticky sessions, websockets and uploads through the proxy.

Needs Debian's nginx package (apt-get install -y nginx).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import urllib.request

import pytest

from conftest import ROOT, free_port, wait_for_app
from nn import NeuralNetwork
from ui.saved_work import network_to_bytes

SCRIPT = ROOT / "deploy" / "run_replicas.sh"


@pytest.fixture(scope="module")
def replicas():
    """deploy/run_replicas.sh on free ports: (nginx's URL, the replicas' ports)."""
    if shutil.which("nginx") is None:
        pytest.fail("nginx is missing: apt-get install -y nginx (Debian package)")
    ports = [free_port(), free_port()]
    env = {**os.environ, "PORT": str(free_port()), "REPLICA_PORTS": " ".join(map(str, ports)),
           "PYTHON": os.environ.get("PYTHON", __import__("sys").executable)}
    subprocess.run([str(SCRIPT), "start"], env=env, check=True, timeout=180)
    try:
        yield f"http://127.0.0.1:{env['PORT']}", ports
    finally:
        subprocess.run([str(SCRIPT), "stop"], env=env, check=True, timeout=60)


def visit(url: str, cookie: str | None = None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get("X-Classroom-Replica"), response.headers.get("Set-Cookie")


def test_new_visitors_are_spread_over_both_replicas_and_each_stays_on_its_own(replicas):
    url, ports = replicas
    first_visits = [visit(url) for _ in range(24)]
    assert {replica for replica, _ in first_visits} == {f"127.0.0.1:{port}" for port in ports}
    for replica, cookie in first_visits[:6]:
        key = re.match(r"(classroom_replica=[0-9a-f]+);", cookie).group(1)
        again = [visit(url, key) for _ in range(8)]
        assert {later for later, _ in again} == {replica}  # sticky
        assert all(new_cookie is None for _, new_cookie in again)  # the key is given once


@pytest.mark.browser
def test_through_nginx_an_upload_and_a_training_step_reach_the_sessions_own_replica(replicas, browser, artifacts, tmp_path):
    url, _ = replicas
    network = NeuralNetwork(3, 5, 3, 0.2, seed=3)
    saved = tmp_path / "network.npz"
    saved.write_bytes(network_to_bytes(network))
    for student in range(2):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(90_000)
        page.goto(f"{url}/Watch_it_learn?seed={student + 5}")
        wait_for_app(page)
        # The upload is an HTTP POST and its use a websocket message: both must reach one replica.
        page.get_by_text("Save or load").click()
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(saved))
        page.get_by_text("Loaded a 3-5-3 network").wait_for()
        assert page.locator(".st-key-live_hidden_nodes input").input_value() == "5"
        page.locator(".st-key-live_step_sample button").first.click()
        page.locator('.live-counter[data-name="Samples seen"] .value').get_by_text("1", exact=True).wait_for()
        page.screenshot(path=artifacts / f"replicas_student_{student + 1}.png", full_page=True)
        context.close()
