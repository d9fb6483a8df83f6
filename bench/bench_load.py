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
  ``trigger_value = true``; a segmented control is ``string_array_value`` with the
  picked option as shown; a selectbox
  is ``string_value`` with the option as shown (its ``format_func`` text, which
  ``SelectboxSerde`` maps back), so a journal is picked by its person's name.

Each visitor: open Journey, open Today, save check-ins (a face and the Save button; a
save counts as confirmed when its run shows a toast), open Journey again. Two scenarios:
every visitor on one shared journal (the worst case: each save renews the cache everyone
reads), and one journal per visitor, picked first in the sidebar's "Whose journal"
(``nav_person``), as a group on one server uses it. Every wait is bounded, and only
127.0.0.1 is used.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import sqlite3
import time
import urllib.request
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Awaitable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench.data import copy_db
from bench.report import Section, Table, median, ms, p95
from bench.server import ROOT, Server, serve
from tracker.records import MOOD_FACES, MOOD_LABELS

Journal = tuple[int, str]  # (person id, name)

if TYPE_CHECKING:  # websockets is checked for at run time (see run)
    from websockets.asyncio.client import ClientConnection

VISITORS = (1, 10, 50)
SAVES_PER_VISITOR = 2
RUN_TIMEOUT_S = 60.0
PHASE_TIMEOUT_S = 300.0
RAMP_S = 5.0  # visitors arrive spread over this many seconds
THINK_S = (0.5, 1.5)  # a person reads or taps between actions
P95_TARGET_S = 2.0
ACTIONS = ("open Journey", "open Today", "save check-in", "open Journey after saving")
PICK = "open own journal (Journey)"
OWN_ACTIONS = (ACTIONS[0], PICK, *ACTIONS[1:])


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
    confirmed_for: Counter = field(default_factory=Counter)  # person id -> confirmed saves
    misplaced: int = 0  # check-ins stored under another journal than the visitor's


class Visitor:
    """One browser tab, speaking Streamlit's websocket protocol."""

    def __init__(self, websocket: ClientConnection, url: str, phase: Phase) -> None:
        self.ws = websocket
        self.url = url
        self.phase = phase
        self.pages: dict[str, str] = {}  # url path -> page_script_hash
        self.journal: str | None = None  # the name picked in "Whose journal", if any
        self.last: Run | None = None

    async def rerun(self, page: str, widgets: Sequence[WidgetState] = ()) -> Run:
        message = BackMsg()
        state = message.rerun_script
        state.page_name = page
        state.page_script_hash = self.pages.get(page, "")
        # A browser sends every widget's value with each rerun, the sidebar picker's too.
        picker = self.journal is not None and not any(_is_picker(w.id) for w in widgets)
        if picker and self.last is not None and _journal_shown(self.last) is not None:
            state.widget_states.widgets.append(pick_state(self.last, self.journal))
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
                    self.last = run
                    if self.journal is not None and _journal_shown(run) != self.journal:
                        raise VisitError("the page showed another journal than the one picked")
                    return run

    async def pick(self, page: str, name: str) -> Run:
        """Choose ``name`` in the sidebar's "Whose journal"; the app reruns on it."""
        assert self.last is not None, "open a page first: the picker's id comes from it"
        self.journal = name
        return await self.rerun(page, [pick_state(self.last, name)])


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


def _is_picker(widget_id: str) -> bool:
    return widget_id.rsplit("-", 1)[-1] == "nav_person"


def _journal_shown(run: Run) -> str | None:
    """The name the sidebar's "Whose journal" shows as chosen in this run."""
    for widget_id, (kind, proto) in run.widgets.items():
        if kind == "selectbox" and _is_picker(widget_id) and proto.HasField("default"):
            return proto.options[proto.default]
    return None


def pick_state(run: Run, name: str) -> WidgetState:
    """The sidebar's "Whose journal" set to ``name``, as the browser sends it."""
    state = WidgetState()
    state.id = _find(run, "selectbox", "nav_person")
    state.string_value = name
    return state


def save_states(run: Run, face: int) -> list[WidgetState]:
    """A face picked (0-4) and the Save button pressed, as the browser sends them. The
    faces are a segmented control: its value is the picked option's text ("🙂 good")."""
    mood, save = WidgetState(), WidgetState()
    mood.id = _find(run, "button_group", "today_mood_")
    mood.string_array_value.data.append(f"{MOOD_FACES[face + 1]} {MOOD_LABELS[face + 1]}")
    save.id = _find(run, "button", "today_save")
    save.trigger_value = True
    return [mood, save]


def has_form(run: Run) -> bool:
    """Today shows its form until today's check-in; after it, "Add another check-in"."""
    return any(
        kind == "button" and widget_id.endswith("-today_save")
        for widget_id, (kind, _) in run.widgets.items()
    )


def add_another_state(run: Run) -> WidgetState:
    """The quieter "Add another check-in" pressed: Today shows its form again."""
    state = WidgetState()
    state.id = _find(run, "button", "today_add_another")
    state.trigger_value = True
    return state


def _first_page_cookies(url: str) -> str:
    """Load the page as a browser does first, and keep its cookies: behind nginx
    (`make serve`) one cookie keeps the visitor on one worker."""
    with urllib.request.urlopen(url + "/", timeout=RUN_TIMEOUT_S) as answer:
        answer.read()
        cookies = answer.headers.get_all("Set-Cookie") or []
    return "; ".join(cookie.split(";", 1)[0] for cookie in cookies)


@contextlib.asynccontextmanager
async def _connect(server: Server) -> AsyncIterator[ClientConnection]:
    from websockets.asyncio.client import connect

    cookies = await asyncio.to_thread(_first_page_cookies, server.url)
    async with connect(
        server.ws_url,
        subprotocols=["streamlit"],
        origin=server.url,
        max_size=None,
        open_timeout=RUN_TIMEOUT_S,
        additional_headers={"Cookie": cookies} if cookies else None,
    ) as websocket:
        yield websocket


async def warm_up(server: Server, visits: int = 1) -> None:
    """The first visitor of a server pays for its imports; these are not counted. Behind
    nginx each visit lands on a worker picked by its cookie: 8 visits leave a worker of
    two cold only once in 128 runs."""

    async def one() -> None:
        async with _connect(server) as websocket:
            visitor = Visitor(websocket, server.url, Phase(0))
            await visitor.rerun("journey")
            await visitor.rerun("today")

    await asyncio.gather(*(one() for _ in range(visits)))


async def visit(number: int, server: Server, phase: Phase, journal: Journal, pick: bool) -> None:
    """One visitor's session; with ``pick``, it first opens its own journal in the sidebar."""
    rng = random.Random(number)
    await asyncio.sleep(rng.uniform(0, RAMP_S) if phase.visitors > 1 else 0)
    person_id, name = journal

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
            if pick:
                await act(PICK, visitor.pick("journey", name))
            today = await act(ACTIONS[1], visitor.rerun("today"))
            for _ in range(SAVES_PER_VISITOR):
                if not has_form(today):  # checked in today already: add another
                    today = await visitor.rerun("today", [add_another_state(today)])
                widgets = save_states(today, rng.randrange(5))
                phase.saves_sent += 1
                today = await act(ACTIONS[2], visitor.rerun("today", widgets))
                if not today.toasts:
                    raise VisitError("a save showed no confirmation")
                phase.saves_confirmed += 1
                phase.confirmed_for[person_id] += 1
            await act(ACTIONS[3], visitor.rerun("journey"))
    except VisitError as error:
        phase.errors[str(error)] += 1
    except (TimeoutError, OSError) as error:
        phase.errors[f"{type(error).__name__}: {error}"[:120]] += 1
    except Exception as error:  # a closed socket, a protocol error: count it, keep going
        phase.errors[f"{type(error).__name__}: {error}"[:120]] += 1


def journals(db_path: Path) -> list[Journal]:
    """Every person in the database as ``(id, name)``, in id order."""
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT id, name FROM people ORDER BY id").fetchall()


def _checkins(db_path: Path) -> Counter:
    """Check-ins per person id."""
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT person_id, count(*) FROM checkins GROUP BY person_id")
        return Counter(dict(rows.fetchall()))


async def _watch_memory(server: Server, phase: Phase, stop: asyncio.Event) -> None:
    while not stop.is_set():
        now = server.rss_mib()
        if now is not None:
            phase.rss_peak = max(phase.rss_peak or 0.0, now)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.25)


async def run_phase(
    server: Server, db_path: Path, owners: Sequence[Journal], *, pick: bool
) -> Phase:
    """``len(owners)`` visitors at once; visitor i writes to ``owners[i]``."""
    phase = Phase(len(owners), rss_before=server.rss_mib())
    before = _checkins(db_path)
    stop = asyncio.Event()
    watcher = asyncio.create_task(_watch_memory(server, phase, stop))
    start = time.perf_counter()
    tasks = [
        asyncio.create_task(visit(n, server, phase, owner, pick)) for n, owner in enumerate(owners)
    ]
    done, pending = await asyncio.wait(tasks, timeout=PHASE_TIMEOUT_S)
    for task in pending:
        task.cancel()
        phase.errors[f"visit still running after {PHASE_TIMEOUT_S:.0f} s"] += 1
    await asyncio.gather(*pending, return_exceptions=True)
    phase.seconds = time.perf_counter() - start
    stop.set()
    await watcher
    added = _checkins(db_path)
    added.subtract(before)
    phase.stored = sum(added.values())
    # A confirmed save should land in its visitor's journal and nowhere else.
    people = set(added) | set(phase.confirmed_for)
    phase.misplaced = sum(max(added[p] - phase.confirmed_for[p], 0) for p in people)
    return phase


# The two ways to run the app: `make run` (one Streamlit process, for a person's own
# machine) and `make serve` (nginx in front of a worker per CPU, for a group). The target
# at N = 50 is about a group, so it is judged on `make serve`; `make run` is shown beside.
SETUPS = (
    ("make run", "one Streamlit process", 0),
    ("make serve", f"nginx and {os.cpu_count() or 1} workers", os.cpu_count() or 1),
)
GROUP_SETUP = "make serve"


def run(
    db_path: Path, group_db: Path, workdir: Path, counts: tuple[int, ...] = VISITORS
) -> Section:
    """Both scenarios on both setups: ``db_path`` holds one person (10 years),
    ``group_db`` one journal for each visitor of every run (``sum(counts)``) and one more
    to land on. Each server gets its own copy of its database."""
    section = Section(
        "4. Load: simulated visitors on one server",
        "N visitors speak Streamlit's websocket protocol "
        "(`/_stcore/stream`, protobuf `BackMsg` / `ForwardMsg`; see `bench/bench_load.py`), "
        "after loading the page's address once for its cookies, as a browser does. "
        f"Each visitor opens Journey, opens Today, saves {SAVES_PER_VISITOR} check-ins (a face "
        "and the Save button, confirmed by the toast), and opens Journey again (its caches "
        f"were renewed by the saves). Visitors arrive over {RAMP_S:g} s and pause "
        f"{THINK_S[0]:g}–{THINK_S[1]:g} s between actions. Visits before the runs warm each "
        "server up (imports) and are not counted. Latency: from sending the action to its "
        "`script_finished` (after `st.rerun()`, the run that follows). Check-ins are counted "
        "per person in SQLite after each run: *stored elsewhere* counts check-ins that landed "
        "in another journal than the visitor's. Server memory is the sum over its processes.\n\n"
        "Two setups, as the README describes them:\n\n"
        "- **`make run`**: one `streamlit run app.py`, for a person's own machine. Python "
        "runs one thread at a time, so one process uses one CPU.\n"
        f"- **`make serve`**: how to host the app for a group: nginx in front of "
        f"{os.cpu_count() or 1} Streamlit workers (one per CPU), a cookie keeping each "
        "visitor on one worker (`hosting/`).\n\n"
        "Two scenarios, each on a server of its own:\n\n"
        "- **One journal per visitor** (how a group shares a server): the database holds "
        f"{sum(counts)} people with a year of daily data each, plus one more; every visitor "
        "lands on Journey (the app's default journal, the same for all), then picks its own "
        'journal in the sidebar\'s "Whose journal" (*open own journal*: the app reruns '
        "Journey on it, with nothing cached for that person yet), and every later action "
        "stays on it. Each run uses people no earlier run on that server touched.\n"
        "- **Worst case: one shared journal**: one person with 10 years of data, and every "
        "visitor writes to it, so each save renews the cached journal every other visitor "
        "reads.\n\n"
        f"Target for both at N = 50, judged on `{GROUP_SETUP}` (the setup for a group): p95 "
        f"of all actions under {P95_TARGET_S:g} s, no errors, every check-in stored (in the "
        "visitor's journal). The `make run` rows are for comparison.",
    )
    try:
        import websockets  # noqa: F401 - Streamlit 1.67 requires it; we use it directly
    except ImportError:
        section.intro += (
            "\n\nNot run: the `websockets` package is missing; add it to requirements-dev.txt."
        )
        section.misses.append("load benchmark (no websockets package)")
        return section

    group = journals(group_db)
    if len(group) < sum(counts) + 1:
        raise ValueError(f"{group_db.name} holds {len(group)} people; {sum(counts) + 1} needed")
    scenarios = [
        ("one journal per visitor", group_db, OWN_ACTIONS, True),
        ("worst case: one shared journal", db_path, ACTIONS, False),
    ]
    for setup, how, workers in SETUPS:
        for label, source, actions, pick in scenarios:
            name = f"{setup.split()[1]}-{'own' if pick else 'shared'}"
            path = copy_db(source, workdir / f"load-{name}.db")
            totals, latency = _tables(f"`{setup}` ({how}), {label}")
            section.tables += [totals, latency]
            with serve(
                ROOT / "app.py", path, workdir / f"load-{name}.log", workers=workers
            ) as server:
                asyncio.run(warm_up(server, visits=8 if workers else 1))
                used = 0
                for count in counts:
                    if pick:
                        owners, used = group[used : used + count], used + count
                    else:
                        owners = journals(path)[:1] * count
                    phase = asyncio.run(run_phase(server, path, owners, pick=pick))
                    judged = max(VISITORS) if setup == GROUP_SETUP else None
                    _report(section, totals, latency, phase, actions, f"{setup}, {label}", judged)
    return section


def _tables(label: str) -> tuple[Table, Table]:
    totals = Table(
        [
            "Visitors",
            "Wall time",
            "Script runs/s",
            "Server RSS before → peak",
            "Errors",
            "Check-ins sent / confirmed / stored / stored elsewhere",
            "p95 (all actions)",
            "Result",
        ],
        title=f"{label.capitalize()}: per run",
    )
    latency = Table(
        ["Visitors", "Action", "Count", "p50", "p95", "Slowest"],
        title=f"{label.capitalize()}: latency",
    )
    return totals, latency


def _report(
    section: Section,
    totals: Table,
    latency: Table,
    phase: Phase,
    actions: Sequence[str],
    label: str,
    target_at: int | None,
) -> None:
    """One run's rows; ``target_at``: the visitor count whose run is judged (None: none)."""
    every = [value for values in phase.latencies.values() for value in values]
    for action in actions:
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
    ok = (
        not errors
        and all_stored
        and everyone_saved
        and not phase.misplaced
        and worst is not None
        and worst < P95_TARGET_S
    )
    rss = f"{phase.rss_before or 0:.0f} → {phase.rss_peak or 0:.0f} MiB"
    target = phase.visitors == target_at
    totals.add(
        phase.visitors,
        f"{phase.seconds:.1f} s",
        f"{phase.scripts / phase.seconds:.1f}" if phase.seconds else "—",
        rss,
        errors,
        f"{phase.saves_sent} / {phase.saves_confirmed} / {phase.stored} / {phase.misplaced}",
        ms(worst),
        section.verdict(ok, f"load at N = {phase.visitors} ({label})")
        if target
        else "— (for comparison)"
        if target_at is None
        else f"— (target at {target_at})",
    )
    for message, count in phase.errors.most_common(5):
        section.notes.append(f"{label.capitalize()}, N = {phase.visitors}: {count}× {message}")
