"""Where the browser's time per live update goes, measured in headless Chromium while the live page trains.

    python benchmarks/browser_update_cost.py --dataset 3-3-3 --seconds 10                  # threads
    python benchmarks/browser_update_cost.py --dataset 5x5-digits --record profile          # JavaScript
    python benchmarks/browser_update_cost.py --dataset mnist --record trace --save t.json   # every event

Starts `streamlit run dashboard.py` on the first core and headless Chromium on the other (as
benchmarks/live_updates.py does), opens the live page, presses Start and, after a warm-up, records for
``--seconds`` one of these, per update the page drew (the error curve's picture changed):

* ``threads`` (the default): each Chromium thread's CPU time, from /proc; it costs the page nothing;
* ``profile``: the JavaScript's own time by script and function (Chrome DevTools Protocol ``Profiler``,
  sampling every millisecond): DOMPurify's sanitising (purify.es), React's and Streamlit's work;
  "(program)" is the renderer's own work outside JavaScript (parsing, style, layout, paint);
* ``trace``: a trace of every thread (``Tracing``), the renderer's main thread split by event (own
  time: script, HTML parsing, style, layout, paint, the SVG picture's document ...) and the raster
  workers'. Tracing slows the page about fourfold: read its figures as shares, not times.

* ``replay``: the element's bodies captured while it trains (or read from ``--bodies``, captured
  by an earlier run's ``--save-bodies``: another commit's), replayed into the paused page as Streamlit
  draws them (DOMPurify, then ``innerHTML``, one an animation frame), ``--rounds`` times: all of each
  body, its error curve alone (in its container, at its size) and a one-word body, each with Chromium's CPU per
  body (/proc). What the element costs the browser, without the server or Streamlit's frontend. Each replayed
  curve's data picture (``img.error-curve``) gets a data: URL of its own (a comment added to its SVG): a picture
  replayed again would come from the memory cache. Its frame picture (``img.error-curve-frame``: axes and
  words) keeps the URL the page sent, the same from update to update while the axes stay, as on the page.

It prints the size of the live update's element too: characters of HTML and DOM nodes, by tag.
Figures vary from run to run on a shared machine: compare runs taken in alternation.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from benchmarks.live_updates import WATCH_UPDATES, process_tree, start_on, stop  # noqa: E402
from benchmarks.machine import cpu_model, server_and_client_cores  # noqa: E402
from conftest import launch_chromium, wait_for_app  # noqa: E402

#: The live page's address for each data set measured (as benchmarks/live_updates.py's cases).
QUERIES = {"3-3-3": "", "5x5-digits": "dataset=5x5-digits&hidden_nodes=10",
           "mnist": "dataset=mnist&hidden_nodes=100&learning_rate=0.1&speed=200"}

CATEGORIES = ",".join([
    "toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline", "blink", "cc", "gpu", "v8.execute",
    "disabled-by-default-devtools.timeline.frame",
])

#: The live update's element (the st.html holding the error curve): its HTML's size and its nodes by tag.
ELEMENT_STATS = """() => {
    const curve = document.querySelector('img.error-curve');
    const element = curve.closest('[data-testid="stHtml"]') || curve.closest('[data-testid="stElementContainer"]');
    const tags = {};
    for (const node of element.querySelectorAll('*')) tags[node.tagName] = (tags[node.tagName] || 0) + 1;
    const styles = element.querySelectorAll('style').length;
    const withStyle = element.querySelectorAll('[style]').length;
    const images = [...element.querySelectorAll('img')].map(img => img.src.length);
    return {html: element.innerHTML.length, nodes: element.querySelectorAll('*').length, tags, styles, withStyle, images};
}"""


#: Keeps each new body of the live update's element (the error curve's picture changed: a new update).
CAPTURE_BODIES = """() => {
    window.__bodies = [];
    let last = null;
    new MutationObserver(() => {
        const curve = document.querySelector('img.error-curve');
        if (curve && curve.src !== last) {
            last = curve.src;
            window.__bodies.push(curve.closest('[data-testid="stHtml"]').innerHTML);
        }
    }).observe(document.body, {subtree: true, childList: true, attributes: true});
}"""

#: Draws each body (all of it, its error curve alone, or one word) into the element as Streamlit 1.67's
#: Html element does: DOMPurify (its own module, with Streamlit's settings), then innerHTML.
REPLAY_BODIES = """async ([bodies, part]) => {
    const module = performance.getEntriesByType('resource').map(entry => entry.name)
        .find(name => name.includes('/purify.es.'));
    const purify = (await import(module)).t;
    window.__element = window.__element
        || document.querySelector('img.error-curve').closest('[data-testid="stHtml"]');
    // Each replay's curve gets a data: URL not seen before (a comment after its SVG), as on the live page: a URL
    // replayed again is in the memory cache, and its picture's SVG document is not built again. The curve's frame
    // (img.error-curve-frame) keeps its URL: the page sends the same one while the axes stay.
    window.__replays = (window.__replays || 0) + 1;
    const fresh = (body, index) => body.replace(
        /(<img class="error-curve" src="data:image\/svg\+xml;base64,)([^"]*)/,
        (all, head, data) => head + btoa(atob(data) + `<!--replay ${window.__replays}.${index}-->`));
    const parts = {
        all: body => body,
        // the curve's container too: it gives the picture the shape and size it has on the page
        curve: body => (body.match(/<div style="container-type:inline-size">[\s\S]*?<img class="error-curve"[^>]*><\/div><\/div>/)
                        || body.match(/<div style="container-type:inline-size">[\s\S]*?<img class="error-curve"[^>]*><\/div>/)
                        || body.match(/<img class="error-curve"[^>]*>/) || [''])[0],
        word: body => '<p>word</p>',
    };
    for (const body of bodies.map(fresh).map(parts[part])) {
        window.__element.innerHTML = purify.sanitize(body, {USE_PROFILES: {html: true}, FORCE_BODY: true});
        await new Promise(drawn => requestAnimationFrame(() => setTimeout(drawn, 0)));
    }
}"""


def replay(page, bodies: list[str], rounds: int) -> None:
    """Each part of ``bodies`` drawn into the paused page in turn, ``rounds`` times: Chromium's CPU per body."""
    page.mouse.move(1, 1)  # off the buttons: no hover work while drawing
    for turn in range(rounds):
        for part in ("all", "curve", "word"):
            before = chromium_threads()
            page.evaluate(REPLAY_BODIES, [bodies, part])
            spent = collections.Counter()
            for thread, seconds in chromium_threads().items():
                spent[thread[1]] += seconds - before.get(thread, 0.0)
            top = ", ".join(f"{name} {seconds * 1000 / len(bodies):.1f}" for name, seconds in spent.most_common(3))
            print(f"  round {turn + 1}, {part:5s}: {sum(spent.values()) * 1000 / len(bodies):5.1f} ms of CPU a body "
                  f"({top})", flush=True)


def chromium_threads() -> dict[tuple[int, str], float]:
    """CPU seconds of every thread of this process's Chromium children, by (thread id, "process kind/thread name")."""
    ticks = os.sysconf("SC_CLK_TCK")
    threads = {}
    for pid in process_tree(os.getpid())[1:]:
        try:
            if "chrom" not in Path(f"/proc/{pid}/comm").read_text():
                continue
            kind = next((part[7:] for part in Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ").split()
                         if part.startswith("--type=")), "browser")
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/stat") as stat:
                    head, tail = stat.read().rsplit(")", 1)
                fields = tail.split()
                threads[(int(tid), f'{kind}/{head.split("(", 1)[1]}')] = (int(fields[11]) + int(fields[12])) / ticks
        except OSError:
            continue
    return threads


def self_times(events: list[dict]) -> dict[tuple[int, int], collections.Counter]:
    """Own time (microseconds) of each complete ('X') or begin/end trace event name, by (pid, tid)."""
    by_thread = collections.defaultdict(list)
    for event in events:
        if event.get("ph") in ("X", "B", "E") and "ts" in event:
            by_thread[(event["pid"], event["tid"])].append(event)
    result = {}
    for thread, thread_events in by_thread.items():
        spans = []  # (start, end, name)
        open_ = collections.defaultdict(list)
        for event in thread_events:
            if event["ph"] == "X":
                spans.append((event["ts"], event["ts"] + event.get("dur", 0), event["name"]))
            elif event["ph"] == "B":
                open_[event["name"]].append(event["ts"])
            elif open_[event["name"]]:
                spans.append((open_[event["name"]].pop(), event["ts"], event["name"]))
        spans.sort(key=lambda span: (span[0], -span[1]))
        own = collections.Counter()
        stack = []  # [end, name, child time]
        def close(until):
            while stack and stack[-1][0] <= until:
                end, name, children, start = stack.pop()
                own[name] += (end - start) - children
                if stack:
                    stack[-1][2] += end - start
        for start, end, name in spans:
            close(start)
            stack.append([end, name, 0, start])
        close(float("inf"))
        result[thread] = own
    return result


def thread_names(events: list[dict]) -> dict[tuple[int, int], str]:
    names, processes = {}, {}
    for event in events:
        if event.get("ph") == "M" and event["name"] == "thread_name":
            names[(event["pid"], event["tid"])] = event["args"]["name"]
        if event.get("ph") == "M" and event["name"] == "process_name":
            processes[event["pid"]] = event["args"]["name"]
    return {thread: f"{processes.get(thread[0], thread[0])}/{name}" for thread, name in names.items()}


def busy_time(events: list[dict]) -> collections.Counter:
    """Microseconds of top-level tasks each thread ran (events of category 'toplevel', outermost only)."""
    busy = collections.Counter()
    ends = {}
    for event in sorted((e for e in events if e.get("ph") == "X" and "toplevel" in e.get("cat", "")),
                        key=lambda e: e["ts"]):
        thread = (event["pid"], event["tid"])
        if event["ts"] >= ends.get(thread, 0):
            busy[thread] += event.get("dur", 0)
            ends[thread] = event["ts"] + event.get("dur", 0)
    return busy


def js_self_times(profile: dict) -> collections.Counter:
    """Own time (microseconds) of each function in a Profiler profile, keyed "function (script)"."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    own = collections.Counter()
    samples, deltas = profile.get("samples", []), profile.get("timeDeltas", [])
    for index, node_id in enumerate(samples):
        delta = deltas[index + 1] if index + 1 < len(deltas) else 0
        frame = nodes[node_id]["callFrame"]
        script = frame["url"].rsplit("/", 1)[-1]
        own[f'{frame["functionName"] or "(anonymous)"} ({script}:{frame["lineNumber"]}:{frame["columnNumber"]})'] += delta
    return own


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dataset", choices=sorted(QUERIES), default="3-3-3")
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--top", type=int, default=25, help="lines of each table")
    parser.add_argument("--save", metavar="FILE", help="also write the trace's events here (JSON)")
    parser.add_argument("--record", choices=("threads", "trace", "profile"), default="threads",
                        help="each Chromium thread's CPU time (from /proc: costs the page nothing), a trace of "
                             "every thread, or a JavaScript profile (each slows the page: one at a time)")
    parser.add_argument("--replay", action="store_true", help="then pause and replay the element's bodies")
    parser.add_argument("--bodies", metavar="FILE", help="with --replay: replay these bodies (JSON) instead")
    parser.add_argument("--save-bodies", metavar="FILE", help="with --replay: write the bodies captured here")
    parser.add_argument("--rounds", type=int, default=2, help="with --replay: rounds of the three parts")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    server_cores, browser_cores = server_and_client_cores()
    os.sched_setaffinity(0, browser_cores)
    process, url = start_on(server_cores, browser_cores, ROOT)
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            page.goto(f"{url}/Watch_it_learn?{QUERIES[args.dataset]}")
            wait_for_app(page)
            page.wait_for_selector("img.error-curve")
            page.get_by_role("button", name="Start", exact=True).click()
            page.get_by_role("button", name="Pause", exact=True).wait_for()
            time.sleep(3)
            stats = page.evaluate(ELEMENT_STATS)

            browser_session = browser.new_browser_cdp_session()
            collected = []
            browser_session.on("Tracing.dataCollected", lambda message: collected.extend(message["value"]))
            done = []
            browser_session.on("Tracing.tracingComplete", lambda message: done.append(True))
            page_session = context.new_cdp_session(page)
            profile = None
            threads_before = chromium_threads()
            if args.record == "trace":
                browser_session.send("Tracing.start", {"traceConfig": {"includedCategories": CATEGORIES.split(",")},
                                                       "transferMode": "ReportEvents"})
            elif args.record == "profile":
                page_session.send("Profiler.enable")
                page_session.send("Profiler.setSamplingInterval", {"interval": 1000})
                page_session.send("Profiler.start")
            page.evaluate(WATCH_UPDATES)
            if args.replay:
                page.evaluate(CAPTURE_BODIES)
            time.sleep(args.seconds)
            updates = page.evaluate("window.__updates")
            threads_after = chromium_threads()
            if args.record == "trace":
                browser_session.send("Tracing.end")
                while not done:
                    page.wait_for_timeout(100)
            elif args.record == "profile":
                profile = page_session.send("Profiler.stop")["profile"]
            if args.replay:
                page.get_by_role("button", name="Pause", exact=True).click()
                page.get_by_role("button", name="Start", exact=True).wait_for()
                time.sleep(1.5)  # the last update drawn
                bodies = json.loads(Path(args.bodies).read_text()) if args.bodies else page.evaluate("window.__bodies")
                if args.save_bodies:
                    Path(args.save_bodies).write_text(json.dumps(bodies))
                print(f"Replaying {len(bodies)} bodies of {sum(map(len, bodies)) / len(bodies):,.0f} characters "
                      f"each{' from ' + args.bodies if args.bodies else ''}:")
                replay(page, bodies, args.rounds)
            context.close()
            browser.close()
    finally:
        stop(process)

    count = max(len(updates), 1)
    seconds = (updates[-1] - updates[0]) / 1000 if len(updates) > 1 else args.seconds
    print(f"{args.dataset}: {len(updates)} updates drawn in {args.seconds:g} s "
          f"({(len(updates) - 1) / seconds:.1f}/s); {cpu_model()}, server on core(s) {sorted(server_cores)}, "
          f"Chromium on {sorted(browser_cores)}")
    print(f"The update's element: {stats['html']:,} characters of HTML, {stats['nodes']:,} nodes "
          f"({', '.join(f'{tag.lower()} {n}' for tag, n in sorted(stats['tags'].items(), key=lambda t: -t[1]))}); "
          f"{stats['withStyle']} with a style attribute, {stats['styles']} <style>; pictures' data: URLs "
          f"{stats['images']} characters")
    if args.save:
        Path(args.save).write_text(json.dumps(collected))
    if args.record == "threads":
        spent = collections.Counter()
        for thread, seconds_after in threads_after.items():
            spent[thread[1]] += seconds_after - threads_before.get(thread, 0.0)
        print(f"CPU per update by thread name (all Chromium processes; {sum(spent.values()) * 1000 / count:.1f} ms in all):")
        for name, spent_seconds in spent.most_common(args.top):
            print(f"  {spent_seconds * 1000 / count:7.2f}  {name}")
        return
    if profile:
        own = js_self_times(profile)
        by_script = collections.Counter()
        for function, micros in own.items():
            by_script[function.rsplit("(", 1)[1].split(":")[0] or function] += micros
        print("JavaScript profile: own time by script, ms per update:")
        for script, micros in by_script.most_common(args.top):
            print(f"  {micros / 1000 / count:7.2f}  {script}")
        print("by function, ms per update:")
        for function, micros in own.most_common(args.top):
            print(f"  {micros / 1000 / count:7.2f}  {function}")
        return
    names = thread_names(collected)
    busy = busy_time(collected)
    print("Busy threads, ms per update:")
    for thread, micros in busy.most_common(8):
        print(f"  {micros / 1000 / count:7.2f}  {names.get(thread, thread)}")
    own = self_times(collected)
    main_threads = [thread for thread, name in names.items() if name.endswith("CrRendererMain")]
    for thread in sorted(main_threads, key=lambda t: -busy.get(t, 0))[:1]:
        print(f"Renderer main thread ({names[thread]}), own time by event, ms per update:")
        for name, micros in own[thread].most_common(args.top):
            print(f"  {micros / 1000 / count:7.2f}  {name}")
    for thread, name in names.items():
        if ("Compositor" in name or "Raster" in name or "VizCompositor" in name or "CrGpuMain" in name) \
                and busy.get(thread, 0) > 0.02 * busy.get(main_threads[0], 1):
            print(f"{name}, own time by event, ms per update:")
            for event, micros in own[thread].most_common(8):
                print(f"  {micros / 1000 / count:7.2f}  {event}")


if __name__ == "__main__":
    main()
