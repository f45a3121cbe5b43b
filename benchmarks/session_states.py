"""What each session of a running Streamlit server is doing, written from inside the server: for a stall.

A stalled page can be one session that no longer answers while its server serves every other:
the server reads the browser's requests and makes no run of them. Python stacks (py-spy) show
nothing then, since no thread is in that session's code. This module is run *inside* the server
(``benchmarks/protocol_load.py --dump-stalls`` has gdb run it in the stalled process) and writes,
for each session, what Streamlit and the dashboard's patches decide a request by: its runner and
that runner's thread, its state, the timer requests held for it (ui/timer_requests.py), the
events waiting for the event loop (ui/event_batches.py), the finished runners whose events are
still to come (ui/runner_handover.py), and the messages not yet sent.

    python benchmarks/session_states.py PID OUT   # gdb into the server PID, write OUT

It is a development tool: gdb stops the server while it runs.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

#: Run in the server (a string: gdb hands it to PyRun_SimpleString). ``__OUT__`` is the file to write.
DESCRIBE = textwrap.dedent("""
    def _describe_sessions(out):
        import threading, time
        from streamlit import runtime
        from ui import event_batches, runner_handover, timer_requests
        lines = [f"sessions at {time.monotonic():.3f} (time.monotonic)"]
        manager = runtime.get_instance()._session_mgr
        for info in manager.list_sessions():
            session = info.session
            d = session.__dict__
            runner = session._scriptrunner
            told_to_stop = getattr(runner, runner_handover._TOLD_TO_STOP, False)
            if runner is None:
                described = "none"
            else:
                thread = runner._script_thread
                described = (f"{id(runner):#x} requests={runner._requests._state.name} "
                             f"told_to_stop={told_to_stop} "
                             f"thread={'none' if thread is None else (thread.name, thread.ident, thread.is_alive())}")
            # the dashboard's patches keep their state in the session under these names
            batch = d.get(event_batches._BATCH)
            finished = d.get(runner_handover._FINISHED_RUNNERS)
            held = d.get(timer_requests.HELD)
            lines.append(
                f"session {session.id} state={session._state.name} runner={described} "
                f"client={'yes' if info.client is not None else 'none'} "
                f"queued_to_send={len(session._browser_queue._queue)} "
                f"client_send_queue={getattr(getattr(info.client, '_send_queue', None), 'qsize', lambda: '?')()} "
                f"held_timer_requests={sorted(held) if held else []} "
                f"batch={'none' if batch is None else (len(batch.pending), batch.timer_set, batch.timer is not None)} "
                f"finished_runners={[hex(id(r)) for r in finished] if finished else []} "
                f"enqueued_callback={'yes' if session._message_enqueued_callback else 'none'} "
                f"fragment_ids={sorted(session._fragment_storage._fragments) if hasattr(session._fragment_storage, '_fragments') else '?'}")
        lines.append("threads: " + ", ".join(f"{t.name}:{t.ident}" for t in threading.enumerate()))
        server = runtime.get_instance()
        objects = server._async_objs
        active = {info.session.id for info in manager.list_active_sessions()}
        lines.append(f"runtime state={server._state} need_send_data={objects.need_send_data.is_set()} "
                     f"has_connection={objects.has_connection.is_set()} must_stop={objects.must_stop.is_set()} "
                     f"active sessions={len(active)}")
        import asyncio, io
        for task in asyncio.all_tasks(objects.eventloop):
            if "_loop_coroutine" in repr(task) or "websocket" in repr(task).lower():
                stack = io.StringIO()
                task.print_stack(limit=12, file=stack)
                lines.append(f"task {task.get_name()} done={task.done()}: " + stack.getvalue())
        with open(out, "w") as file:
            file.write(chr(10).join(lines) + chr(10))
    try:
        _describe_sessions(__OUT__)
    except Exception as error:
        with open(__OUT__, "w") as file:
            file.write(f"could not describe the sessions: {type(error).__name__}: {error}" + chr(10))
""")


def describe(pid: int, out: str) -> str:
    """gdb into the server ``pid``, run DESCRIBE there (it writes ``out``); gdb's own output."""
    code = DESCRIBE.replace("__OUT__", repr(out))
    # gdb's command line takes a C string: escape it as one.
    c_string = code.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    try:
        gdb = subprocess.run(
            ["gdb", "-p", str(pid), "-batch",
             "-ex", "set $gil = (int) PyGILState_Ensure()",
             "-ex", f'call (int) PyRun_SimpleString("{c_string}")',
             "-ex", "call (void) PyGILState_Release($gil)"],
            capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:  # the interpreter's lock never came (its holder stopped by gdb, or stuck)
        return "gdb gave no answer in 120 s: the sessions could not be described"
    return gdb.stdout[-1500:] + gdb.stderr[-1500:]


if __name__ == "__main__":
    print(describe(int(sys.argv[1]), sys.argv[2]))
