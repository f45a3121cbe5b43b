"""What the server process's memory holds, written to a file on request: for finding what a visit leaves behind.

Off unless ``DASHBOARD_MEMORY_PICTURE`` names a folder. Then a daemon thread watches that
folder (until it is removed): for each file ``<label>.request`` it writes ``<label>.txt`` and
deletes the request.
A request may hold the words ``collect`` (a full ``gc.collect()`` first) and ``trim``
(glibc's ``malloc_trim(0)`` first), to test whether memory is cyclic garbage or freed
memory the allocator kept. Start the server with ``PYTHONTRACEMALLOC=1`` as well to get
Python's allocations by line, and each picture's difference from the first one.
``benchmarks/heavy_visitor.py --picture DIR`` asks for pictures at each stage of its visit.

A picture, coarse to fine: the kernel's view (``/proc/self/smaps_rollup``, the largest
mappings), glibc's (``malloc_info``: bytes the arenas hold and how much of it is free),
Python's small-object allocator (``sys._debugmallocstats``: arenas, blocks in use),
Streamlit's stores (sessions, media files, deferred downloads, uploads, caches), the
objects the garbage collector tracks by type, the numpy arrays they reach, and, when
tracing, the lines that allocated what is still held. It takes a few seconds (it walks
every object) and is meant for a benchmark's server, not a class's.
"""

from __future__ import annotations

import collections
import ctypes
import ctypes.util
import gc
import io
import os
import re
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Optional

ENVIRONMENT_VARIABLE = "DASHBOARD_MEMORY_PICTURE"
#: How often the folder is looked at for requests.
POLL_SECONDS = 0.5
#: Lines of each ranking written.
TOP = 25

_started = False
_lock = threading.Lock()
_first_snapshot: Optional[tracemalloc.Snapshot] = None


def start_if_asked() -> bool:
    """Watch the folder ``DASHBOARD_MEMORY_PICTURE`` names, once per process; whether it is set."""
    global _started
    folder = os.environ.get(ENVIRONMENT_VARIABLE)
    if not folder:
        return False
    with _lock:
        if not _started:
            Path(folder).mkdir(parents=True, exist_ok=True)
            threading.Thread(target=_answer_forever, args=(Path(folder),), name="memory-picture", daemon=True).start()
            _started = True
    return True


def _answer_forever(folder: Path) -> None:
    while folder.is_dir():  # removing the folder ends the watch
        for request in sorted(folder.glob("*.request")):
            words = request.read_text().split()
            label = request.stem
            try:
                text = picture(collect="collect" in words, trim="trim" in words, label=label)
            except Exception as problem:  # a debugging aid must never take the server down
                text = f"picture failed: {problem!r}\n"
            (folder / f"{label}.txt").write_text(text)
            request.unlink(missing_ok=True)
        time.sleep(POLL_SECONDS)


def picture(*, collect: bool = False, trim: bool = False, label: str = "") -> str:
    """The whole picture as text (see the module's docstring)."""
    global _first_snapshot
    out = io.StringIO()
    out.write(f"# memory picture {label!r} at {time.strftime('%H:%M:%S')}, pid {os.getpid()}\n")
    if collect:
        started = time.perf_counter()
        freed = gc.collect()
        out.write(f"gc.collect() freed {freed} objects first, in {1000 * (time.perf_counter() - started):.0f} ms\n")
    if trim:
        libc = _glibc()
        out.write(f"malloc_trim(0) first: {libc.malloc_trim(0) if libc else 'no glibc'}\n")
    out.write(_kernel_view())
    out.write(_glibc_view())
    out.write(_pymalloc_view())
    out.write(_streamlit_view())
    out.write(_objects_view())
    if tracemalloc.is_tracing():
        snapshot = tracemalloc.take_snapshot()
        if _first_snapshot is None:
            _first_snapshot = snapshot
        out.write(_tracemalloc_view(snapshot))
    return out.getvalue()


# -- the kernel ---------------------------------------------------------------------------------


def _kernel_view() -> str:
    lines = ["\n## kernel (/proc/self)"]
    status = Path("/proc/self/status").read_text()
    lines += [line for line in status.splitlines() if line.startswith(("VmRSS", "VmHWM", "RssAnon", "RssFile",
                                                                     "RssShmem", "Threads"))]
    rollup = Path("/proc/self/smaps_rollup")
    if rollup.exists():
        lines += [line for line in rollup.read_text().splitlines()[1:]
                  if line.split(":")[0] in ("Rss", "Pss", "Anonymous", "Private_Dirty", "Swap")]
    lines.append("largest mappings by resident size (kB, what the mapping is, its size in kB):")
    lines += [f"  {rss:8d}  {name}  ({size} kB)" for rss, name, size in _largest_mappings()[:TOP]]
    return "\n".join(lines) + "\n"


def _largest_mappings() -> list[tuple[int, str, int]]:
    """(resident kB, name, size kB) of every mapping, largest first; nameless ones grouped by size."""
    mappings, current = [], None
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head = re.match(r"^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$", line)
        if head:
            start, end, name = int(head[1], 16), int(head[2], 16), head[3] or "[anonymous]"
            current = [0, name, (end - start) // 1024]
            mappings.append(current)
        elif line.startswith("Rss:") and current is not None:
            current[0] = int(line.split()[1])
    grouped = collections.defaultdict(lambda: [0, 0, 0])
    for rss, name, size in mappings:
        key = (f"{name} of {size} kB" if name == "[anonymous]" else name)
        grouped[key][0] += rss
        grouped[key][1] += 1
        grouped[key][2] += size
    rows = [(rss, f"{key} x{count}", size) for key, (rss, count, size) in grouped.items()]
    return sorted(rows, reverse=True)


# -- glibc's malloc ------------------------------------------------------------------------------


def _glibc():
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        libc.malloc_info, libc.malloc_trim  # noqa: B018: both exist only in glibc
    except (OSError, AttributeError):
        return None
    return libc


def _glibc_view() -> str:
    libc = _glibc()
    if libc is None:
        return "\n## glibc: not here\n"
    libc.fopen.restype = ctypes.c_void_p
    libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
    libc.fclose.argtypes = [ctypes.c_void_p]
    with tempfile.NamedTemporaryFile(suffix=".xml") as file:
        stream = libc.fopen(file.name.encode(), b"w")
        libc.malloc_info(0, stream)
        libc.fclose(stream)
        xml = Path(file.name).read_text()
    heaps = re.findall(r'<heap nr="(\d+)">(.*?)</heap>', xml, re.S)
    lines = ["\n## glibc malloc (malloc_info): per arena, MB held from the system / free inside it"]
    held_total = free_total = 0
    for number, body in heaps:
        held = int(re.search(r'<system type="current" size="(\d+)"', body)[1])
        free = sum(int(size) for size in re.findall(r'<total type="(?:fast|rest)" count="\d+" size="(\d+)"', body))
        held_total, free_total = held_total + held, free_total + free
        if held:
            lines.append(f"  arena {number}: {held / 2**20:7.1f} held, {free / 2**20:7.1f} free")
    tail = xml[xml.rfind("</heap>"):]
    mmapped = re.search(r'<total type="mmap" count="(\d+)" size="(\d+)"', tail)
    lines.append(f"  all arenas: {held_total / 2**20:.1f} MB held, {free_total / 2**20:.1f} MB of it free; "
                 f"blocks in their own mappings: {int(mmapped[1]) if mmapped else '?'} of "
                 f"{int(mmapped[2]) / 2**20 if mmapped else float('nan'):.1f} MB")
    return "\n".join(lines) + "\n"


# -- Python's small-object allocator -------------------------------------------------------------


def _pymalloc_view() -> str:
    """sys._debugmallocstats() writes to the C stderr: caught by pointing fd 2 at a file for a moment."""
    lines = ["\n## pymalloc", f"sys.getallocatedblocks() = {sys.getallocatedblocks()}"]
    with tempfile.TemporaryFile() as file:
        sys.stderr.flush()
        saved = os.dup(2)
        try:
            os.dup2(file.fileno(), 2)
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        file.seek(0)
        stats = file.read().decode(errors="replace")
    wanted = ("# arenas", "# bytes in", "Total", "arenas", "# times")
    lines += ["  " + line for line in stats.splitlines() if line.startswith(wanted) or "bytes in" in line][:30]
    return "\n".join(lines) + "\n"


# -- Streamlit's own stores ----------------------------------------------------------------------


def _streamlit_view() -> str:
    lines = ["\n## Streamlit"]
    try:
        from streamlit import runtime

        if not runtime.exists():
            return "\n## Streamlit: no runtime\n"
        instance = runtime.get_instance()
        sessions = instance._session_mgr.list_sessions()
        active = instance._session_mgr.list_active_sessions()
        lines.append(f"sessions kept {len(sessions)}, connected {len(active)}")
        media = instance.media_file_mgr
        storage = getattr(media, "_storage", None)
        files = getattr(storage, "_files_by_id", {})
        lines.append(f"media files {len(files)} of {sum(len(f.content) for f in files.values()) / 2**20:.1f} MB; "
                     f"deferred downloads {len(getattr(media, '_deferred_callables', {}))}; "
                     f"sessions with files {len(getattr(media, '_files_by_session_and_coord', {}))}")
        stats = instance.stats_mgr.get_stats()
        by_kind = collections.Counter()
        for family in stats.values():
            for stat in family:
                if hasattr(stat, "byte_length"):
                    by_kind[f"{stat.category_name} {stat.cache_name}".strip()] += stat.byte_length
        lines += [f"  {size / 2**20:8.2f} MB  {name}" for name, size in by_kind.most_common(TOP)]
    except Exception as problem:
        lines.append(f"could not read: {problem!r}")
    lines.append("threads: " + ", ".join(sorted(collections.Counter(
        re.sub(r"[-_ ]?\d+.*$", "", thread.name) for thread in threading.enumerate()).elements())))
    return "\n".join(lines) + "\n"


# -- objects -------------------------------------------------------------------------------------


def _objects_view() -> str:
    objects = gc.get_objects()
    by_type = collections.Counter(type(obj).__qualname__ for obj in objects)
    lines = [f"\n## objects the garbage collector tracks: {len(objects)} (gc.garbage {len(gc.garbage)}, "
             f"counts {gc.get_count()})"]
    lines += [f"  {count:8d}  {name}" for name, count in by_type.most_common(TOP)]
    ours = {name: count for name, count in by_type.items()
            if name in ("AppSession", "SessionState", "ScriptRunner", "MnistLab", "Lab", "TrainingRun",
                        "NeuralNetwork", "Figure", "TeachingSet")}
    lines.append(f"  of ours and Streamlit's sessions: {ours}")
    lines.append(_arrays_view(objects))
    held = sorted((obj for obj in objects if type(obj).__qualname__ in HOLDERS_TRACED),
                  key=lambda obj: HOLDERS_TRACED.index(type(obj).__qualname__))
    del objects
    for obj in held[:HOLDERS_SHOWN]:
        lines.append(f"what holds a {type(obj).__qualname__} (object, then what refers to it, up to a root):")
        lines += [f"  <- {hop}" for hop in _holder_chain(obj, exclude={id(held)})]
    del held
    return "\n".join(lines) + "\n"


#: Objects of these types get their chain of holders written (a session's state should go with it).
HOLDERS_TRACED = ("MnistLab", "SessionState", "ScriptRunner")
HOLDERS_SHOWN = 4
#: Objects visited looking for a root, at most (each look costs a walk over every tracked object).
HOLDER_SEARCH_LIMIT = 800


def _holder_chain(target, exclude: set) -> list[str]:
    """One shortest chain of referrers from ``target`` up to a module's globals, a class or a thread's frame.

    Breadth first over ``gc.get_referrers``; the search's own lists, tuples and frames are left out.
    """
    import types

    made = []  # every list the search makes, kept so that their ids stay theirs
    seen = {id(target), id(made)} | exclude
    queue = collections.deque([(target, [])])
    made.append(queue)
    seen.add(id(queue))
    visited = 0
    while queue and visited < HOLDER_SEARCH_LIMIT:
        obj, path = queue.popleft()
        visited += 1
        referrers = gc.get_referrers(obj)
        made.append(referrers)
        seen.add(id(referrers))
        for referrer in referrers:
            if id(referrer) in seen:
                continue
            seen.add(id(referrer))
            if isinstance(referrer, types.FrameType) and referrer.f_code.co_filename == __file__:
                continue
            step = path + [_describe(referrer, obj)]
            if isinstance(referrer, (types.ModuleType, types.FrameType, type)) or (
                    isinstance(referrer, dict) and "__builtins__" in referrer):
                return step
            entry = (referrer, step)
            made.append(entry)
            seen.add(id(entry))  # the search's own tuple refers to the object too
            queue.append(entry)
    return (queue[0][1] if queue else []) + [f"(no root within {HOLDER_SEARCH_LIMIT} objects)"]


def _describe(referrer, referent) -> str:
    import types

    name = type(referrer).__qualname__
    if isinstance(referrer, dict):
        keys = [repr(key)[:40] for key, value in referrer.items() if value is referent][:2]
        if "__builtins__" in referrer:
            return f"globals of {referrer.get('__name__')} [{', '.join(keys)}]"
        return f"dict[{', '.join(keys)}] ({len(referrer)} keys)"
    if isinstance(referrer, types.FrameType):
        return f"frame {referrer.f_code.co_qualname} {referrer.f_code.co_filename}:{referrer.f_lineno}"
    if isinstance(referrer, (types.FunctionType, types.MethodType)):
        return f"{name} {getattr(referrer, '__qualname__', '')}"
    if isinstance(referrer, type):
        return f"class {referrer.__module__}.{referrer.__qualname__}"
    if isinstance(referrer, types.ModuleType):
        return f"module {referrer.__name__}"
    if isinstance(referrer, types.CellType):
        return "cell"
    return f"{name} {getattr(type(referrer), '__module__', '')}"


def _arrays_view(objects) -> str:
    """numpy arrays are not tracked themselves: found as what tracked objects refer to, by their memory's owner."""
    numpy = sys.modules.get("numpy")
    if numpy is None:
        return "numpy not loaded"
    owners: dict[int, tuple] = {}
    for obj in objects:
        for referent in gc.get_referents(obj):
            if isinstance(referent, numpy.ndarray):
                root = referent
                while isinstance(root.base, numpy.ndarray):
                    root = root.base
                if root.base is None and id(root) not in owners:
                    owners[id(root)] = (root.nbytes, root.shape, str(root.dtype), type(obj).__qualname__)
    total = sum(entry[0] for entry in owners.values())
    rows = sorted(owners.values(), key=lambda entry: entry[0], reverse=True)[:TOP]
    return "\n".join([f"numpy arrays owning memory: {len(owners)} of {total / 2**20:.1f} MB; the largest "
                      f"(MB, shape, dtype, type of one holder):"]
                     + [f"  {size / 2**20:8.2f}  {shape} {dtype}  {holder}" for size, shape, dtype, holder in rows])


def _tracemalloc_view(snapshot: tracemalloc.Snapshot) -> str:
    traced, peak = tracemalloc.get_traced_memory()
    lines = [f"\n## tracemalloc: {traced / 2**20:.1f} MB traced (peak {peak / 2**20:.1f} MB), "
             f"its own overhead {tracemalloc.get_tracemalloc_memory() / 2**20:.1f} MB", "held, by line:"]
    lines += [f"  {stat.size / 2**20:8.2f} MB {stat.count:8d} blocks  {stat.traceback}"
              for stat in snapshot.statistics("lineno")[:TOP]]
    if _first_snapshot is not None and _first_snapshot is not snapshot:
        lines.append("since the first picture, by line:")
        lines += [f"  {stat.size_diff / 2**20:+8.2f} MB {stat.count_diff:+8d} blocks  {stat.traceback}"
                  for stat in snapshot.compare_to(_first_snapshot, "lineno")[:TOP]]
    return "\n".join(lines) + "\n"
