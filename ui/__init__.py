"""Streamlit helpers shared by the pages: session state, settings, charts, widgets.

The maths lives in ``nn``; nothing here re-derives it.
"""

import sys as _sys

from ui.memory_picture import start_if_asked as _start_memory_picture_if_asked

if "streamlit" in _sys.modules:  # a Streamlit server (it loads streamlit before any page); not a tool that
    # uses only the class-room store, which must not load Streamlit
    from ui.event_batches import install as _install_event_batches
    from ui.flush_yields import install as _install_flush_yields
    from ui.memory import give_back_freed_memory as _give_back_freed_memory
    from ui.no_delay import install as _install_no_delay
    from ui.runner_handover import install as _install_runner_handover
    from ui.style_only_html import install as _install_style_only_html
    from ui.theme_once import install as _install_theme_once
    from ui.timer_requests import install as _install_timer_requests

    _install_no_delay()  # each message leaves at once, not after the browser's delayed acknowledgement
    _install_runner_handover()  # a finished run's last messages reach the browser on a busy server too
    _install_timer_requests()  # a fragment timer's request waits for the run in progress: no update thrown away
    _install_theme_once()  # each run's theme read from the configuration once, not by every run
    _install_event_batches()  # a run's events reach the event loop in one or two wakeups, not one an event
    _install_style_only_html()  # st.html's style-only check answered from the body's start, not by scanning it
    _install_flush_yields()  # the runtime's flush yields to the event loop every few milliseconds, not every message
    _give_back_freed_memory()  # no new glibc arenas for later script threads (training asks again)

_start_memory_picture_if_asked()  # a debugging aid for the server's memory: off unless DASHBOARD_MEMORY_PICTURE is set
