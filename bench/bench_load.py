"""Load: N simulated visitors against one `streamlit run app.py`, in Streamlit's own protocol.

What a browser does, read from streamlit/web/server/starlette/starlette_websocket.py and
runtime/app_session.py (Streamlit 1.67), and checked against the frames Chromium sends:

- It opens ``ws://HOST/_stcore/stream`` offering the subprotocols ``streamlit``, then
  optionally an XSRF token and a session id to resume. The server accepts the first
  entry; the token only matters for reading a sign-in cookie, the session id only for a
  reconnect. A new visitor without sign-in offers just ``streamlit``.
- Its first message is a ``BackMsg`` with ``rerun_script``: a ``ClientState`` holding
  the page's URL path as ``page_name`` (``journey``), empty widget states and
  ``context_info`` (time zone, locale, URL). Nothing runs until it arrives.
- The server answers with ``ForwardMsg``s: ``new_session`` at the start of every run,
  ``navigation`` (every page with its ``page_script_hash``), ``delta``s (each element,
  with its widget id), and ``script_finished``. A run ended by ``st.rerun()`` finishes
  with ``FINISHED_EARLY_FOR_RERUN`` and the next run follows by itself.
- A click is one more ``rerun_script`` carrying widget states: a button is
  ``trigger_value = true``; ``st.feedback`` is ``string_value = "<index>"``.

Each visitor: open Journey, open Today, save check-ins (a face and the Save button; a
save counts as confirmed when its run shows a toast), open Journey again. Every wait is
bounded, and only 127.0.0.1 is used.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import sqlite3
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench.report import Section, Table, median, ms, p95
from bench.server import ROOT, Server, rss_mib, serve

if TYPE_CHECKING:  # websockets is checked for at run time (see run)
    from websockets.asyncio.client import ClientConnection, connect

VISITORS = (1, 10, 50)
SAVES_PER_VISITOR = 2
RUN_TIMEOUT_S = 60.0
PHASE_TIMEOUT_S = 300.0
RAMP_S = 5.0  # visitors arrive spread over this many seconds
THINK_S = (0.5, 1.5)  # a person reads or taps between actions
P95_TARGET_S = 2.0
ACTIONS = ("open Journey", "open Today", "save check-in", "open Journey after saving")


class VisitError(Exception):
    """Something a visitor would have seen go wrong (an error, no confirmation, a timeout)."""


@dataclass
class Run:
    widgets: dict[str, tuple[str, object]] = field(default_factory=dict)
    toasts: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)


@dataclass
class Phase:
    visitors: int
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    scripts: int = 0
    saves_sent: int = 0
    saves_confirmed: int = 0
    rss_before: float | None = None
    rss_peak: float | None = None
    seconds: float = 0.0
    stored: int = 0


class Visitor:
    """One browser tab, speaking Streamlit's websocket protocol."""

    def __init__(self, websocket: ClientConnection, url: str, phase: Phase) -> None:
        self.ws = websocket
        self.url = url
        self.phase = phase
        self.pages: dict[str, str] = {}  # url path -> page_script_hash

    async def rerun(self, page: str, widgets: Sequence[WidgetState] = ()) -> Run:
        message = BackMsg()
        state = message.rerun_script
        state.page_name = page
        state.page_script_hash = self.pages.get(page, "")
        state.widget_states.widgets.extend(widgets)
        context = state.context_info
        context.timezone, context.timezone_offset, context.locale = "UTC", 0, "en-US"
        context.url = f"{self.url}/{page}"
        await self.ws.send(message.SerializeToString())
        run = Run()
        deadline = time.monotonic() + RUN_TIMEOUT_S
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise VisitError(f"no answer within {RUN_TIMEOUT_S:.0f} s")
            data = await asyncio.wait_for(self.ws.recv(), remaining)
            reply = ForwardMsg.FromString(data)
            kind = reply.WhichOneof("type")
            if kind == "new_session":
                run = Run()  # a new script run starts (after st.rerun, the one that counts)
            elif kind == "navigation":
                self.pages = {
                    p.url_pathname: p.page_script_hash for p in reply.navigation.app_pages
                }
            elif kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
                _collect(run, reply.delta.new_element)
            elif kind == "page_not_found":
                raise VisitError(f"page not found: {page}")
            elif kind == "script_finished":
                self.phase.scripts += 1
                if reply.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    if run.exceptions:
                        raise VisitError(f"the page showed an error: {run.exceptions[0]}")
                    return run


def _collect(run: Run, element: Element) -> None:
    kind = element.WhichOneof("type")
    proto = getattr(element, kind)
    if kind == "exception":
        run.exceptions.append(proto.message[:120])
    elif kind == "toast":
        run.toasts.append(proto.body)
    widget_id = getattr(proto, "id", "")
    if widget_id:
        run.widgets[widget_id] = (kind, proto)


def _find(run: Run, kind: str, key_prefix: str) -> str:
    for widget_id, (found, _) in run.widgets.items():
        if found == kind and widget_id.rsplit("-", 1)[-1].startswith(key_prefix):
            return widget_id
    raise VisitError(f"no {kind} with key {key_prefix}… on the page")


def save_states(run: Run, face: int) -> list[WidgetState]:
    """A face picked (0-4) and the Save button pressed, as the browser sends them."""
    mood, save = WidgetState(), WidgetState()
    mood.id = _find(run, "feedback", "today_mood_")
    mood.string_value = str(face)
    save.id = _find(run, "button", "today_save")
    save.trigger_value = True
    return [mood, save]


def _connect(server: Server) -> connect:
    from websockets.asyncio.client import connect

    return connect(
        server.ws_url,
        subprotocols=["streamlit"],
        origin=server.url,
        max_size=None,
        open_timeout=RUN_TIMEOUT_S,
    )


async def warm_up(server: Server) -> None:
    """The first visitor of a server pays for its imports; this one is not counted."""
    async with _connect(server) as websocket:
        visitor = Visitor(websocket, server.url, Phase(0))
        await visitor.rerun("journey")
        await visitor.rerun("today")


async def visit(number: int, server: Server, phase: Phase) -> None:
    rng = random.Random(number)
    await asyncio.sleep(rng.uniform(0, RAMP_S) if phase.visitors > 1 else 0)

    async def act(name: str, coro: Awaitable[Run]) -> Run:
        start = time.perf_counter()
        run = await coro
        phase.latencies[name].append(time.perf_counter() - start)
        await asyncio.sleep(rng.uniform(*THINK_S))
        return run

    try:
        async with _connect(server) as websocket:
            visitor = Visitor(websocket, server.url, phase)
            await act(ACTIONS[0], visitor.rerun("journey"))
            today = await act(ACTIONS[1], visitor.rerun("today"))
            for _ in range(SAVES_PER_VISITOR):
                widgets = save_states(today, rng.randrange(5))
                phase.saves_sent += 1
                today = await act(ACTIONS[2], visitor.rerun("today", widgets))
                if not today.toasts:
                    raise VisitError("a save showed no confirmation")
                phase.saves_confirmed += 1
            await act(ACTIONS[3], visitor.rerun("journey"))
    except VisitError as error:
        phase.errors[str(error)] += 1
    except (TimeoutError, OSError) as error:
        phase.errors[f"{type(error).__name__}: {error}"[:120]] += 1
    except Exception as error:  # a closed socket, a protocol error: count it, keep going
        phase.errors[f"{type(error).__name__}: {error}"[:120]] += 1


def _checkins(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT count(*) FROM checkins").fetchone()[0]


async def _watch_memory(server: Server, phase: Phase, stop: asyncio.Event) -> None:
    while not stop.is_set():
        now = server.rss_mib()
        if now is not None:
            phase.rss_peak = max(phase.rss_peak or 0.0, now)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.25)


async def run_phase(server: Server, db_path: Path, visitors: int) -> Phase:
    phase = Phase(visitors, rss_before=rss_mib(server.process.pid))
    before = _checkins(db_path)
    stop = asyncio.Event()
    watcher = asyncio.create_task(_watch_memory(server, phase, stop))
    start = time.perf_counter()
    tasks = [asyncio.create_task(visit(n, server, phase)) for n in range(visitors)]
    done, pending = await asyncio.wait(tasks, timeout=PHASE_TIMEOUT_S)
    for task in pending:
        task.cancel()
        phase.errors[f"visit still running after {PHASE_TIMEOUT_S:.0f} s"] += 1
    await asyncio.gather(*pending, return_exceptions=True)
    phase.seconds = time.perf_counter() - start
    stop.set()
    await watcher
    phase.stored = _checkins(db_path) - before
    return phase


def run(db_path: Path, workdir: Path, counts: tuple[int, ...] = VISITORS) -> Section:
    section = Section(
        "4. Load: simulated visitors on one server",
        f"One `streamlit run app.py` for a person with 10 years of data; N visitors speak "
        f"Streamlit's websocket protocol (`/_stcore/stream`, protobuf `BackMsg` / "
        f"`ForwardMsg`; see `bench/bench_load.py`). Each visitor opens Journey, opens Today, "
        f"saves {SAVES_PER_VISITOR} check-ins (a face and the Save button, confirmed by the "
        f"toast), and opens Journey again (its caches were cleared by the saves). Visitors "
        f"arrive over {RAMP_S:g} s and pause {THINK_S[0]:g}–{THINK_S[1]:g} s between "
        "actions. One visit before the runs warms the server up (imports) and is not "
        "counted. Latency: from sending the action to its `script_finished` (after "
        "`st.rerun()`, the run that follows). The local app has one journal per server, so "
        "every visitor writes to the same person, and each save clears the shared cache for "
        f"everyone. Target at N = 50: p95 of all actions under {P95_TARGET_S:g} s, no errors, "
        "every check-in stored.",
    )
    try:
        import websockets  # noqa: F401 - Streamlit 1.67 requires it; we use it directly
    except ImportError:
        section.intro += (
            "\n\nNot run: the `websockets` package is missing; add it to requirements-dev.txt."
        )
        section.misses.append("load benchmark (no websockets package)")
        return section
    latency = Table(["Visitors", "Action", "Count", "p50", "p95", "Slowest"], title="Latency")
    totals = Table(
        [
            "Visitors",
            "Wall time",
            "Script runs/s",
            "Server RSS before → peak",
            "Errors",
            "Check-ins sent / confirmed / stored",
            "p95 (all actions)",
            "Result",
        ],
        title="Per run",
    )
    section.tables += [totals, latency]
    with serve(ROOT / "app.py", db_path, workdir / "load-app.log") as server:
        asyncio.run(warm_up(server))
        for count in counts:
            phase = asyncio.run(run_phase(server, db_path, count))
            _report(section, totals, latency, phase, target=count == max(VISITORS))
    return section


def _report(section: Section, totals: Table, latency: Table, phase: Phase, *, target: bool) -> None:
    every = [value for values in phase.latencies.values() for value in values]
    for action in ACTIONS:
        values = phase.latencies.get(action, [])
        if values:
            latency.add(
                phase.visitors,
                action,
                len(values),
                ms(median(values)),
                ms(p95(values)),
                ms(max(values)),
            )
    errors = sum(phase.errors.values())
    all_stored = phase.stored == phase.saves_sent == phase.saves_confirmed
    everyone_saved = phase.saves_sent == phase.visitors * SAVES_PER_VISITOR
    worst = p95(every) if every else None
    ok = not errors and all_stored and everyone_saved and worst is not None and worst < P95_TARGET_S
    rss = f"{phase.rss_before or 0:.0f} → {phase.rss_peak or 0:.0f} MiB"
    totals.add(
        phase.visitors,
        f"{phase.seconds:.1f} s",
        f"{phase.scripts / phase.seconds:.1f}" if phase.seconds else "—",
        rss,
        errors,
        f"{phase.saves_sent} / {phase.saves_confirmed} / {phase.stored}",
        ms(worst),
        section.verdict(ok, f"load at N = {phase.visitors}") if target else "— (target at 50)",
    )
    for message, count in phase.errors.most_common(5):
        section.notes.append(f"N = {phase.visitors}: {count}× {message}")
