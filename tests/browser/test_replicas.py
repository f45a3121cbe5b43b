"""Two Streamlit replicas behind nginx (deploy/): sticky sessions, websockets and uploads through the proxy.

Needs Debian's nginx package (apt-get install -y nginx).
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import urllib.request

import pytest
from playwright.sync_api import expect

from benchmarks.streamlit_protocol import Learner
from conftest import ROOT, free_port, press, wait_for_app
from double_delivery import run
from nn import NeuralNetwork
from ui.classroom import rooms
from ui.saved_work import network_to_bytes

SCRIPT = ROOT / "deploy" / "run_replicas.sh"


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    """deploy/run_replicas.sh on free ports: (nginx's URL, the replicas' ports). Both replicas keep
    class rooms in one temporary SQLite folder, as replicas on one machine share theirs."""
    if shutil.which("nginx") is None:
        pytest.fail("nginx is missing: apt-get install -y nginx (Debian package)")
    ports = [free_port(), free_port()]
    env = {**os.environ, "PORT": str(free_port()), "REPLICA_PORTS": " ".join(map(str, ports)),
           "PYTHON": os.environ.get("PYTHON", __import__("sys").executable),
           rooms.DATA_DIR_VARIABLE: str(tmp_path_factory.mktemp("rooms"))}
    subprocess.run([str(SCRIPT), "start"], env=env, check=True, timeout=180)
    try:
        yield f"http://127.0.0.1:{env['PORT']}", ports
    finally:
        subprocess.run([str(SCRIPT), "stop"], env=env, check=True, timeout=60)


def visit(url: str, cookie: str | None = None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get("X-Classroom-Replica"), response.headers.get("Set-Cookie")


def replica_cookie(set_cookie: str) -> str:
    """The ``name=value`` of the replica cookie a response set."""
    return re.match(r"(classroom_replica=[^;]+);", set_cookie).group(1)


def test_new_visitors_are_shared_evenly_and_each_stays_on_its_own(replicas):
    url, ports = replicas
    first_visits = [visit(url) for _ in range(24)]
    reached = [replica for replica, _ in first_visits]
    assert set(reached) == {f"127.0.0.1:{port}" for port in ports}
    assert all(earlier != later for earlier, later in zip(reached, reached[1:]))  # in turn
    for replica, set_cookie in first_visits[:6]:
        assert replica_cookie(set_cookie) == f"classroom_replica={replica}"  # names the replica that answered
        again = [visit(url, replica_cookie(set_cookie)) for _ in range(8)]
        assert {later for later, _ in again} == {replica}  # sticky
        assert all(new_cookie is None for _, new_cookie in again)  # the cookie is given once


@pytest.mark.parametrize("made_up", ["127.0.0.1:22", "10.0.0.1:80", "example.org", "../../etc"])
def test_a_cookie_naming_no_replica_is_never_used_as_an_address(replicas, made_up):
    url, ports = replicas
    replica, set_cookie = visit(url, f"classroom_replica={made_up}")
    assert replica in {f"127.0.0.1:{port}" for port in ports}
    assert replica_cookie(set_cookie) == f"classroom_replica={replica}"  # a cookie that names one, instead


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
        expect(page.locator(".st-key-live_hidden_nodes input")).to_have_value("5")  # drawn by the same run, or the next
        page.locator(".st-key-live_step_sample button").first.click()
        page.locator('.live-counter[data-name="Samples seen"] .value').get_by_text("1", exact=True).wait_for()
        page.screenshot(path=artifacts / f"replicas_student_{student + 1}.png", full_page=True)
        context.close()


def tab_on_replica(browser, url: str, path: str, replica: str | None = None, other_than: str | None = None):
    """A new browser context whose first page lands on ``replica`` (or on any but ``other_than``):
    nginx picks the replica from the context's fresh cookie, so new contexts are tried until one does."""
    for _ in range(30):
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        page = context.new_page()
        page.set_default_timeout(90_000)
        landed = page.goto(f"{url}{path}").headers.get("x-classroom-replica")
        if (replica is None or landed == replica) and landed != other_than:
            wait_for_app(page)
            return context, page, landed
        context.close()
    raise AssertionError(f"30 new visitors never reached the replica wanted ({replica or 'not ' + other_than})")


@pytest.mark.browser
def test_a_teacher_on_one_replica_and_students_on_the_other_share_one_room(replicas, browser, artifacts):
    url, _ = replicas
    contexts = []
    try:
        context, teacher, teacher_replica = tab_on_replica(browser, url, "/Classroom")
        contexts.append(context)
        teacher.get_by_role("button", name="Start a class").wait_for()
        press(teacher, "room_start")
        teacher.locator(".room-code").wait_for()
        code = teacher.locator(".room-code").inner_text().strip()
        students = []
        for name in ("Ann", "Bob"):
            context, student, replica = tab_on_replica(browser, url, f"/Classroom?room={code}",
                                                       other_than=teacher_replica)
            contexts.append(context)
            assert replica != teacher_replica
            student.locator(".st-key-room_student_page_name input").fill(name)
            student.locator(".st-key-room_student_page_name input").press("Tab")
            press(student, "room_student_page_join")
            student.get_by_text(f"You are in class {code} as {name}.").wait_for()
            students.append(student)
        teacher.get_by_text("Students in the class: 2").wait_for()
        press(teacher, "room_ask")  # sample 1, the first stage offered
        for student in students:
            student.get_by_text(re.compile(r"Question 1: ")).wait_for()
        for index, student in enumerate(students):
            press(student, f"room_student_answer_1_{index}")
            student.get_by_text("Your answer:").wait_for()
        teacher.get_by_text("2 of 2 answered").wait_for()
        press(teacher, "room_reveal")
        teacher.get_by_text("The true answer:").wait_for()
        for student in students:
            student.get_by_text("The true answer:").wait_for()
        teacher.screenshot(path=artifacts / "replicas_classroom_teacher.png", full_page=False)
        students[0].screenshot(path=artifacts / "replicas_classroom_student.png", full_page=False)
    finally:
        for context in contexts:
            context.close()


def test_the_load_client_keeps_each_learner_on_the_replica_its_page_came_from(replicas):
    """benchmarks/protocol_load.py's per-replica figures rest on this: a simulated learner loads the page,
    then opens its websocket with the cookie, as a browser does, and a class is shared in turn."""
    url, ports = replicas

    async def open_class():
        learners = [Learner(url, "Watch_it_learn", f"seed={n}") for n in range(4)]
        for learner in learners:
            await learner.open()
        try:
            return [(learner.replica, learner._socket.response.headers.get("X-Classroom-Replica"))
                    for learner in learners]
        finally:
            await asyncio.gather(*(learner.close() for learner in learners))

    pages_and_streams = run(open_class())
    assert all(page == stream for page, stream in pages_and_streams)
    assert sorted(page for page, _ in pages_and_streams) == sorted(2 * [f"127.0.0.1:{port}" for port in ports])
