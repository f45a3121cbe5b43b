"""One simulated learner: Streamlit's websocket protocol spoken as a browser tab speaks it, nothing drawn.

A browser tab opens ``/_stcore/stream`` (subprotocol "streamlit") and sends a ``BackMsg``
``rerun_script`` with the page's name and query string. The server runs the script and answers
with ``ForwardMsg``s: ``new_session`` when a run starts, ``navigation`` naming the page's
script hash (which later requests send back) (``metadata.run.fragment_ids`` says
whether it is a fragment's run), ``delta``s (the elements), ``auto_rerun`` when a fragment is
declared with ``run_every``, ``page_info_changed`` when the page rewrites its address (the
browser's later requests carry the new query string), and ``script_finished``. On ``auto_rerun`` the browser starts a
timer that sends ``rerun_script`` with that ``fragment_id`` and ``is_auto_rerun`` every
``interval`` seconds, whether or not the last one has been answered (the server folds requests
that arrive during a run into the next run), one timer per fragment: an ``auto_rerun`` with
another interval replaces it, one with the same interval leaves it running (a fragment's own run
may send one too: ui/live/timer.py); a full run's ``new_session`` clears the timers.
Messages marked ``cacheable`` are remembered by their hash and named in the next request's
``cached_message_hashes``, so the server may send a ``ref_hash`` instead, as it does to a browser;
as the browser's cache does, a message is forgotten once more than ``max_cached_message_age``
(from ``new_session``) runs it took part in have finished without using it, so the list a
request carries stays a few runs long rather than growing with every update.

``Learner`` does the same with the installed Streamlit's own protobuf classes over
``websockets`` (a Streamlit dependency), and counts what a learner would see: completed
fragment runs (live updates: those cut short after sending their elements count too, as the
page changed all the same), each one's latency (the first request it served to its
``script_finished``), exceptions and error boxes shown, and a lost connection. A fragment run
that draws over its own elements again (a streamed live page: ui/live/stream.py) is one update
per drawing: one ends when an element comes to a place the run has already drawn, at its last
element, and the first of them answers the request (its latency).

Widget states: as a browser does, ``Learner`` keeps the state of every widget the page has drawn
(benchmarks/widget_states.py: each type's value encoded as Streamlit's frontend encodes it, the
values it changes itself, widgets no longer drawn forgotten) and sends them all with every rerun
request, the fragment's timer requests included, with a ``context_info`` like a browser's (its
time zone, locale, address and colour scheme); a click (a trigger) goes only with the request
that carries it. The server reads every one of them back on each run, as it does a browser's.
"""

from __future__ import annotations

import asyncio
import collections
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from benchmarks.widget_states import WidgetStates

#: Alert.format of st.error (streamlit/proto/Alert.proto).
ERROR_ALERT = 1
#: How a widget's id starts when it has a user key (streamlit/elements/lib/utils.py).
KEYED_ID_PREFIX = "$$ID-"


@dataclass
class Record:
    """What one learner saw."""

    #: perf_counter times at which fragment runs (live updates) finished.
    updates: list[float] = field(default_factory=list)
    #: For each update that answered a request: (when it finished, as in ``updates``; seconds from the
    #: first request it served). A streamed run's later updates answer none.
    latencies: list[tuple[float, float]] = field(default_factory=list)
    full_runs: int = 0
    #: Fragment runs finished (a streamed run draws several updates).
    fragment_runs: int = 0
    #: Fragment runs stopped early for a newer request before they sent any element: by the
    #: app's own st.rerun, or on a busy server by the next request. Not updates (a run stopped
    #: after sending its elements changed the page: it counts as an update).
    interrupted: int = 0
    exceptions: list[str] = field(default_factory=list)
    error_boxes: list[str] = field(default_factory=list)
    #: Why the connection ended before the learner closed it, or "".
    lost: str = ""
    bytes_received: int = 0
    #: perf_counter time of the latest message from the server.
    last_message_at: float = 0.0

    def problems(self) -> list[str]:
        return ([f"exception: {text}" for text in self.exceptions] + [f"error box: {text}" for text in self.error_boxes]
                + ([f"connection lost: {self.lost}"] if self.lost else []))


class Learner:
    """One browser tab's session on one page of a running Streamlit server."""

    def __init__(self, base_url: str, page: str = "", query: str = "", keep_text: bool = False,
                 locale: str = "en-US", color_scheme: str = "light", keep_requests: bool = False):
        parts = urllib.parse.urlsplit(base_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        self.stream_url = f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"
        #: The address a browser's context_info names: the page's, without its query string.
        self._page_base_url = f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}/"
        self.page, self.query = page, query
        #: The cookies the page's first response set, sent with the websocket as a browser sends them
        #: (deploy/'s nginx names the learner's replica in one); and the replica that answered, if it said.
        self.cookies: dict[str, str] = {}
        self.replica: str | None = None
        #: What the browser says of itself in each request's context_info (headless Chromium's here:
        #: its locale, no dark mode; the time zone is the machine's, UTC).
        self.locale, self.color_scheme = locale, color_scheme
        #: Every drawn widget's state, sent with each request as a browser sends it.
        self.widget_states = WidgetStates()
        #: With ``keep_requests``, every rerun request sent (its ClientState), in order: a test compares them with a browser's.
        self.requests: list | None = [] if keep_requests else None
        self.record = Record()
        self.page_script_hash = ""
        #: The server's id of this tab's session (its first message says).
        self.session_id = ""
        #: Widget ids by their user key, from the elements the server sent.
        self.widget_ids: dict[str, str] = {}
        #: The label each keyed widget had when the server last drew it (a button's "Start" / "Pause").
        self.labels: dict[str, str] = {}
        #: The fragment each keyed widget was last drawn in ("" outside any): a click on it reruns that fragment.
        self.widget_fragments: dict[str, str] = {}
        #: With ``keep_text``, the body of every st.html and every markdown or heading element (st.write,
        #: st.subheader ...) the server sent, in order: a test reads what the page showed; a benchmark's long run keeps nothing.
        self.html: list[str] | None = [] if keep_text else None
        self.markdown: list[str] | None = [] if keep_text else None
        #: With ``keep_text``, the text of every st.code and every st.text element, in order.
        self.code: list[str] | None = [] if keep_text else None
        self.text: list[str] | None = [] if keep_text else None
        #: Whether each keyed widget was drawn disabled, when it was last drawn.
        self.disabled: dict[str, bool] = {}
        #: The browser's message cache: hash -> [finished runs counted when it was last used, its
        #: fragment's id, the message itself (only with ``keep_text``), whether it is an element].
        self._cache: dict[str, list] = {}
        self._finished_runs = 0
        self._max_cached_message_age = 2  # Streamlit's default; each new_session says
        self._run_fragment_ids: list[str] = []
        self._timers: dict[str, asyncio.Task] = {}
        #: Times of requests not yet taken up by a run, and of those the current fragment run serves.
        self._waiting: list[float] = []
        self._serving: list[float] = []
        #: Whether the run in progress is a fragment's own, and how many elements it has sent.
        self._fragment_run, self._run_deltas = False, 0
        #: ... of which elements (a fragment's container is a delta but shows nothing new).
        self._run_elements = 0
        #: Where the fragment run's current drawing has put elements, and when its latest came.
        self._drawn_at: set[tuple[int, ...]] = set()
        self._last_element_at = 0.0
        #: The run_every of each fragment's running auto-rerun timer, in seconds.
        self.intervals: dict[str, float] = {}
        self._full_run_done = asyncio.Event()
        self._heartbeat_acked = asyncio.Event()
        #: The time of a request whose run ``rerun_fragment`` waits for, and the event it waits on.
        self._awaited: float | None = None
        self._awaited_done = asyncio.Event()
        #: Whether a run has taken up the awaited request: the next run to finish (not cut short)
        #: answers it, also when that run is the one an st.rerun() in the first started.
        self._awaited_taken = False
        self._timers_stopped = False
        #: How many of the next auto_rerun messages to lose, as Streamlit's race under load loses a
        #: full run's last messages (docs/classroom.md): the page is then left with no timer.
        self.lose_timers = 0
        #: The latest messages each way but a timer's requests (time, what): what a learner last saw when a run has no end.
        self.recent: collections.deque = collections.deque(maxlen=16)
        self._socket = None
        self._reader: asyncio.Task | None = None
        self._closing = False

    # -- what a learner does ------------------------------------------------------------------

    async def open(self, timeout: float = 60) -> None:
        """Open the page as a new tab does and wait for its first run to finish."""
        await asyncio.to_thread(self._load_page, timeout)
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        # Large ForwardMsgs (pictures) pass; Streamlit's own limit is server.maxMessageSize.
        self._socket = await connect(self.stream_url, subprotocols=["streamlit"], max_size=None,
                                     compression=None, open_timeout=timeout,
                                     additional_headers={"Cookie": cookie} if cookie else None)
        self._reader = asyncio.create_task(self._read())
        await self._rerun_and_wait(timeout)

    def _load_page(self, timeout: float) -> None:
        """GET the page's HTML as a browser's first request does, keeping the cookies it sets."""
        url = self._page_base_url + self.page + (f"?{self.query}" if self.query else "")
        with urllib.request.urlopen(url, timeout=timeout) as response:
            self.replica = response.headers.get("X-Classroom-Replica")
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, value = header.split(";", 1)[0].partition("=")
                self.cookies[name.strip()] = value.strip()

    async def go(self, page: str, query: str = "", timeout: float = 60) -> None:
        """Open another page in this tab (the same session), as a page link does, and wait for its run."""
        self.page, self.query, self.page_script_hash = page, query, ""
        self.widget_states.forget_all()  # the browser keeps no widget of the page it leaves
        await self._rerun_and_wait(timeout)

    async def change(self, key: str, value, timeout: float = 60) -> None:
        """Give the widget with this key a new value, encoded as a browser encodes that widget's type (a
        choice as the widget shows it: "0.3" on a select_slider; a list for a multiselect or a range),
        kept for every later request, and wait for the full rerun."""
        await self._rerun_and_wait(timeout, values={key: value})

    async def press(self, key: str, timeout: float = 60) -> None:
        """Click the button with this key and wait for the run: a full rerun with its trigger set, or,
        for a button drawn inside a fragment, a rerun of that fragment (as a browser sends it)."""
        widget_id = self.widget_ids.get(key)
        if widget_id is None:
            raise LookupError(f"no widget with key {key!r} on the page; keys seen: {sorted(self.widget_ids)}")
        fragment_id = self.widget_fragments.get(key, "")
        if not fragment_id:
            await self._rerun_and_wait(timeout, trigger=widget_id)
            return
        self._awaited_done.clear()
        await self._send_rerun(fragment_id=fragment_id, trigger=widget_id, awaited=True, auto=False)
        await asyncio.wait_for(self._awaited_done.wait(), timeout)
        if self.record.lost:
            raise ConnectionError(self.record.lost)

    async def rerun_fragment(self, fragment_id: str, press: str | None = None, timeout: float = 60,
                             values: dict | None = None) -> None:
        """Send one of the fragment's timer requests, with a pending click on ``press`` if given, and
        wait until the run that takes it up has finished.

        A browser sends a click a moment after it happens (its widget manager batches updates in a
        zero-delay timeout), and a request sent meanwhile carries every widget's state, the pending
        click included: a fragment's timer that fires in between sends the click with that
        fragment's rerun, and the click's own full rerun follows. ``values``: widgets' new values
        (by key) that the request carries as well, as a browser's does while a change is pending.
        """
        widget_id = None if press is None else self.widget_ids[press]
        self._awaited_done.clear()
        await self._send_rerun(fragment_id=fragment_id, trigger=widget_id, awaited=True, values=values)
        await asyncio.wait_for(self._awaited_done.wait(), timeout)
        if self.record.lost:
            raise ConnectionError(self.record.lost)

    async def send_timer_request(self, fragment_id: str) -> None:
        """Send one request as the fragment's timer does, without waiting for its run."""
        await self._send_rerun(fragment_id=fragment_id)

    async def sync(self, timeout: float = 60) -> None:
        """Wait until the server has handled every message this tab sent so far: it handles a tab's
        messages in order, and answers a heartbeat with an acknowledgement."""
        self._heartbeat_acked.clear()
        message = BackMsg()
        message.app_heartbeat = True
        await self._socket.send(message.SerializeToString())
        await asyncio.wait_for(self._heartbeat_acked.wait(), timeout)

    def stop_timers(self) -> None:
        """Send no more timer requests, now or after later runs declare timers (``intervals`` still
        follows them): a test then sends each request itself."""
        self._timers_stopped = True
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()

    async def wait_until(self, condition, timeout: float) -> bool:
        """Keep answering the server until ``condition()`` holds (True) or ``timeout`` passes (False)."""
        deadline = time.perf_counter() + timeout
        while not condition():
            if time.perf_counter() > deadline or self.record.lost:
                return condition()
            await asyncio.sleep(0.02)
        return True

    async def close(self) -> None:
        self._closing = True
        for timer in self._timers.values():
            timer.cancel()
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)

    @property
    def cached_hashes(self) -> list[str]:
        """The hashes of the messages this tab has cached: what its next request names."""
        return sorted(self._cache)

    # -- requests -----------------------------------------------------------------------------

    async def _rerun_and_wait(self, timeout: float, trigger: str | None = None, values: dict | None = None) -> None:
        self._full_run_done.clear()
        await self._send_rerun(trigger=trigger, values=values)
        await asyncio.wait_for(self._full_run_done.wait(), timeout)
        if self.record.lost:
            raise ConnectionError(self.record.lost)

    async def _send_rerun(self, fragment_id: str = "", trigger: str | None = None, awaited: bool = False,
                          auto: bool = True, values: dict | None = None) -> None:
        for key, value in (values or {}).items():  # kept for later requests, as the browser keeps them
            self.widget_states.change(self.widget_ids[key], value)
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        if self.page_script_hash:
            state.page_script_hash = self.page_script_hash
        else:  # the browser names the page by its address until the server has named it
            state.page_name = self.page
        state.cached_message_hashes.extend(self.cached_hashes)
        if fragment_id:
            state.fragment_id = fragment_id
            state.is_auto_rerun = auto
        state.widget_states.SetInParent()  # present, if empty, as the browser's first request has it
        state.widget_states.widgets.extend(self.widget_states.states.values())
        if trigger:
            widget = state.widget_states.widgets.add()
            widget.id = trigger
            widget.trigger_value = True
        context = state.context_info
        context.timezone, context.timezone_offset = "UTC", 0
        context.locale, context.color_scheme, context.is_embedded = self.locale, self.color_scheme, False
        context.url = self._page_base_url + self.page
        if self.requests is not None:
            self.requests.append(state)
        sent_at = time.perf_counter()
        if trigger or not fragment_id:  # a timer's requests would crowd out the rest
            self.recent.append((sent_at, f"sent rerun {'fragment' if fragment_id else 'full'}{' click' if trigger else ''}"))
        self._waiting.append(sent_at)
        if awaited:
            self._awaited, self._awaited_taken = sent_at, False
        await self._socket.send(message.SerializeToString())

    async def _auto_rerun(self, fragment_id: str, interval: float) -> None:
        """The browser's setInterval: a fragment rerun every ``interval`` seconds."""
        next_at = time.perf_counter() + interval
        while True:
            await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
            next_at += interval
            await self._send_rerun(fragment_id=fragment_id)

    # -- answers ------------------------------------------------------------------------------

    async def _read(self) -> None:
        try:
            async for data in self._socket:
                self.record.bytes_received += len(data)
                self.record.last_message_at = time.perf_counter()
                message = ForwardMsg()
                message.ParseFromString(data)
                self._handle(message)
        except Exception as error:  # a closed or broken connection
            if not self._closing:
                self.record.lost = f"{type(error).__name__}: {error}"
        if not self._closing and not self.record.lost:
            self.record.lost = "the server closed the connection"
        self._full_run_done.set()  # nobody waits for a run that cannot come

    def _handle(self, message: ForwardMsg) -> None:
        kind = message.WhichOneof("type")
        if kind in ("new_session", "script_finished", "auto_rerun", "session_status_changed"):
            detail = {"new_session": lambda: "fragment" if message.metadata.run.fragment_ids else "full",
                      "script_finished": lambda: ForwardMsg.ScriptFinishedStatus.Name(message.script_finished),
                      "auto_rerun": lambda: f"{message.auto_rerun.interval:g} s",
                      "session_status_changed": lambda: f"running={message.session_status_changed.script_is_running}"}
            self.recent.append((time.perf_counter(), f"{kind} {detail[kind]()}"))
        if kind in ("ref_hash", "delta") and self._fragment_run:
            self._drawn_again(tuple(message.metadata.delta_path))
        if kind == "ref_hash":
            # The server sent a message the browser has cached by its hash: read the cached one.
            cached = self._cache.get(message.ref_hash)
            if cached is None:
                self.record.exceptions.append(f"cached message missing: {message.ref_hash}")
                return
            cached[0] = self._finished_runs
            if cached[2] is None:  # not kept: a delta all the same
                self._run_deltas += 1
                self._run_elements += cached[3]
                return
            kind, message = "delta", cached[2]
        elif message.metadata.cacheable and message.hash:
            if message.hash in self._cache:
                self._cache[message.hash][0] = self._finished_runs
            else:
                self._cache[message.hash] = [self._finished_runs, message.delta.fragment_id,
                                             message if self.html is not None or _is_widget(message) else None,
                                             message.delta.WhichOneof("type") == "new_element"]
        if kind == "new_session":
            self._run_started(message)
        elif kind == "delta":
            self._element(message.delta)
        elif kind == "navigation":  # names the page this run drew; later requests name it too
            self.page_script_hash = message.navigation.page_script_hash
        elif kind == "page_info_changed":  # the page rewrote its address (st.query_params): later requests carry it
            self.query = message.page_info_changed.query_string
        elif kind == "auto_rerun":
            self._start_timer(message.auto_rerun.fragment_id, message.auto_rerun.interval)
        elif kind == "script_finished":
            self._run_finished(message.script_finished)
        elif kind == "heartbeat_ack":
            self._heartbeat_acked.set()
        elif kind == "session_event" and message.session_event.HasField("script_compilation_exception"):
            self.record.exceptions.append(message.session_event.script_compilation_exception.message[:300])

    def _run_started(self, message: ForwardMsg) -> None:
        # The run takes up every request sent so far.
        self._awaited_taken = self._awaited_taken or self._awaited in self._waiting
        self._serving, self._waiting = self._serving + self._waiting, []
        self._fragment_run, self._run_deltas = bool(message.metadata.run.fragment_ids), 0
        self._run_elements = 0
        self._drawn_at = set()
        self._run_fragment_ids = list(message.metadata.run.fragment_ids)
        self.widget_states.run_started()
        if message.new_session.initialize.session_id:
            self.session_id = message.new_session.initialize.session_id
        if message.new_session.page_script_hash:  # the page this run draws (a one-page app has no navigation)
            self.page_script_hash = message.new_session.page_script_hash
        if message.new_session.config.max_cached_message_age > 0:
            self._max_cached_message_age = message.new_session.config.max_cached_message_age
        if not message.metadata.run.fragment_ids:  # a full run: the page is drawn afresh
            for timer in self._timers.values():
                timer.cancel()
            self._timers.clear()
            self.intervals.clear()

    def _element(self, delta) -> None:
        self._run_deltas += 1
        if delta.WhichOneof("type") != "new_element":
            return
        self._run_elements += 1
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "html" and self.html is not None:
            self.html.append(element.html.body)
        elif kind in ("markdown", "heading") and self.markdown is not None:
            self.markdown.append(getattr(element, kind).body)
        elif kind == "code" and self.code is not None:
            self.code.append(element.code.code_text)
        elif kind == "text" and self.text is not None:
            self.text.append(element.text.body)
        if kind == "exception":
            self.record.exceptions.append(f"{element.exception.type}: {element.exception.message}"[:300])
        elif kind == "alert" and element.alert.format == ERROR_ALERT:
            self.record.error_boxes.append(element.alert.body[:300])
        elif kind is not None:
            widget = getattr(element, kind)
            if "id" in widget.DESCRIPTOR.fields_by_name and widget.id:
                self.widget_states.drawn(kind, widget, delta.fragment_id)
            if "id" in widget.DESCRIPTOR.fields_by_name and widget.id.startswith(KEYED_ID_PREFIX):
                # A keyed widget's id is "$$ID-<hash>-<key>".
                key = widget.id.split("-", 2)[2]
                self.widget_ids[key] = widget.id
                self.widget_fragments[key] = delta.fragment_id
                if "disabled" in widget.DESCRIPTOR.fields_by_name:
                    self.disabled[key] = widget.disabled
                if "label" in widget.DESCRIPTOR.fields_by_name:
                    self.labels[key] = widget.label

    def _drawn_again(self, path: tuple[int, ...]) -> None:
        """A fragment run's element comes to ``path``: if the run drew there already, its drawing
        before this one is a whole update (a streamed page)."""
        now = time.perf_counter()
        if path in self._drawn_at:
            self.record.updates.append(self._last_element_at)
            if self._serving:
                self.record.latencies.append((self._last_element_at, self._last_element_at - min(self._serving)))
                self._serving = []
            self._drawn_at = set()
        self._drawn_at.add(path)
        self._last_element_at = now

    def _age_cache(self) -> None:
        """As the browser does when a run finishes: forget the messages of the parts of the page this
        run drew (all of it, or its fragments') that went unused for more than the allowed runs."""
        self._finished_runs += 1
        fragments = self._run_fragment_ids
        for key, (used_in, fragment_id, _message, _is_element) in list(self._cache.items()):
            if fragments and fragment_id not in fragments:
                continue  # outside this fragment run: it aged in none of it
            if self._finished_runs - used_in > self._max_cached_message_age:
                del self._cache[key]

    def _start_timer(self, fragment_id: str, interval: float) -> None:
        if not fragment_id or interval <= 0:
            return
        if self.lose_timers > 0:
            self.lose_timers -= 1
            return
        if self.intervals.get(fragment_id) == interval and fragment_id in self._timers:
            return  # the browser keeps a running timer that already has this interval
        old = self._timers.pop(fragment_id, None)
        if old is not None:
            old.cancel()
        self.intervals[fragment_id] = interval
        if not self._timers_stopped:
            self._timers[fragment_id] = asyncio.create_task(self._auto_rerun(fragment_id, interval))

    def _run_finished(self, status: int) -> None:
        now = time.perf_counter()
        if status != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            self._age_cache()
        if status in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
            self.widget_states.run_finished(self._run_fragment_ids)
        # A fragment run that a newer request cut short after sending its elements changed
        # the page all the same (the server does this to some auto-reruns): an update too. One
        # whose elements the server dropped unsent (the next run's start clears them) did not,
        # though its fragment's container may have come.
        cut_short_after_drawing = (status == ForwardMsg.FINISHED_EARLY_FOR_RERUN and self._fragment_run
                                   and self._run_elements > 0)
        if status == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY or cut_short_after_drawing:
            self.record.fragment_runs += 1
            self.record.updates.append(now)
            if self._serving:
                self.record.latencies.append((now, now - min(self._serving)))
        elif status == ForwardMsg.FINISHED_SUCCESSFULLY:
            self.record.full_runs += 1
            self._full_run_done.set()
        elif status == ForwardMsg.FINISHED_EARLY_FOR_RERUN and self._fragment_run:
            self.record.interrupted += 1
        if status != ForwardMsg.FINISHED_EARLY_FOR_RERUN and self._awaited_taken:
            self._awaited_done.set()
            self._awaited_taken = False
        if status != ForwardMsg.FINISHED_EARLY_FOR_RERUN or cut_short_after_drawing:
            self._serving = []


def _is_widget(message: ForwardMsg) -> bool:
    """Whether the message draws an element with an id (a widget): kept in the cache to be read again."""
    if message.WhichOneof("type") != "delta" or message.delta.WhichOneof("type") != "new_element":
        return False
    kind = message.delta.new_element.WhichOneof("type")
    element = getattr(message.delta.new_element, kind) if kind else None
    return element is not None and "id" in element.DESCRIPTOR.fields_by_name and bool(element.id)
