"""A fragment tells the browser a new interval for its timer from its own run (ui/live/timer.py).

Against `streamlit run` and a tiny app whose fragment, declared with a 0.5 s timer, asks for
0.1 s in its own second run: the browser (benchmarks/streamlit_protocol.py speaks for it) gets
the new interval without any full run, and its timer keeps running.
"""

from __future__ import annotations

import pytest

from benchmarks.streamlit_protocol import Learner
from conftest import start_streamlit, stop_streamlit
from double_delivery import last_markdown, run

RETIMING_APP = """
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui.live.timer import retime_running_fragment

st.session_state.setdefault("own_runs", 0)
st.session_state.setdefault("sent", [])

@st.fragment(run_every=0.5)
def ticking():
    if get_script_run_ctx().fragment_ids_this_run:  # the fragment's own run, not the full run's
        st.session_state.own_runs += 1
        if st.session_state.own_runs == 2:
            st.session_state.sent.append(retime_running_fragment(0.1))
    st.write(f"own runs {st.session_state.own_runs}, sent {st.session_state.sent}")

ticking()
st.session_state.sent.append(retime_running_fragment(0.2))  # in a full run: refused, never sent
"""


@pytest.fixture(scope="module")
def retiming_app(tmp_path_factory):
    script = tmp_path_factory.mktemp("retime") / "retiming_app.py"
    script.write_text(RETIMING_APP)
    process, url = start_streamlit(str(script))
    yield url
    stop_streamlit(process)


def test_a_fragment_changes_its_timers_interval_from_its_own_run_without_a_full_run(retiming_app):
    async def scenario():
        learner = Learner(retiming_app, keep_text=True)
        await learner.open()
        (fragment_id,) = learner.intervals
        declared = learner.intervals[fragment_id]
        await learner.wait_until(lambda: learner.intervals[fragment_id] != declared, timeout=300)
        retimed = learner.intervals[fragment_id]
        await learner.wait_until(lambda: len(learner.record.updates) >= 4, timeout=300)  # the timer goes on
        await learner.close()
        return declared, retimed, learner.record, last_markdown(learner, r"sent \[.*\]").group(0)

    declared, retimed, record, sent = run(scenario())
    assert declared == 0.5
    assert retimed == pytest.approx(0.1)  # (sent as a 32-bit float)
    assert sent == "sent [False, True]"  # refused in the full run; sent from the fragment's own run
    assert record.full_runs == 1  # only the opening run
    assert len(record.updates) >= 4
    assert record.problems() == []
