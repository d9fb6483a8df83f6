"""Page script time: every page under AppTest, next to its floor, with a profile of each miss.

For each page in ``pages/`` and each data size: AppTest runs the page once to warm
Streamlit's caches, then times ``at.run()`` reruns. The floor (bench/replay.py) draws
the same elements from values computed beforehand and is timed the same way.
"""

from __future__ import annotations

import contextlib
import cProfile
import os
import pstats
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, local_script_runner

from bench import replay
from bench.report import Section, Table, median, ms
from bench.server import ROOT
from tracker import open_store, sharing

PAGES_DIR = ROOT / "pages"
FLOOR_PAGE = Path(__file__).resolve().parent / "floor_pages" / "replay_floor.py"
TARGET_S = 0.150
FLOOR_RATIO = 2.0
TIMEOUT_S = 180
# Pages with nothing of their own to draw that grows with years of data.
SKIPPED = {
    "welcome": "the first-visit page: it needs no person and no data",
    "home": "the address `/`: it only sends a person on to Journey, Today or Welcome",
}


@dataclass
class PageResult:
    page: str
    years: int
    first: float | None = None
    samples: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    floor_note: str = ""
    error: str = ""

    @property
    def median(self) -> float | None:
        return median(self.samples) if self.samples else None

    @property
    def floor_median(self) -> float | None:
        return median(self.floor) if self.floor else None

    @property
    def ratio(self) -> float | None:
        if self.median is None or not self.floor_median:
            return None
        return self.median / self.floor_median

    @property
    def ok(self) -> bool:
        return (
            not self.error
            and self.median is not None
            and self.median < TARGET_S
            and self.ratio is not None
            and self.ratio <= FLOOR_RATIO
        )


def page_files(only: set[str] | None = None) -> list[Path]:
    return sorted(
        p for p in PAGES_DIR.glob("*.py") if p.stem not in SKIPPED and (not only or p.stem in only)
    )


def prepare_sharing(db_path: Path, person_id: int) -> dict[str, dict[str, str]]:
    """Give the sharing pages what they need: a link showing everything (opened by the
    shared view) that the person also keeps on their Peers page. Returns query params."""
    with open_store(db_path) as store:
        journal = store.journal(person_id)
        _, token = sharing.create_share(journal, "Jordan", list(sharing.SCOPES), None)
        sharing.save_link(journal, f"http://127.0.0.1:8501/shared?t={token}", "Sam")
    return {"shared": {"t": token}}


def clear_caches() -> None:
    """Empty Streamlit's caches, as the app does after every write (ui.feedback.after_write)."""
    st.cache_data.clear()
    st.cache_resource.clear()


@contextlib.contextmanager
def compiling_once() -> Iterator[None]:
    """AppTest compiles the page file again on every run (a new ScriptCache each time);
    the server compiles it once. Share one cache, so that reruns time what a server runs."""
    shared = ScriptCache()
    fresh = local_script_runner.ScriptCache
    local_script_runner.ScriptCache = lambda: shared  # type: ignore[assignment]
    try:
        yield
    finally:
        local_script_runner.ScriptCache = fresh  # type: ignore[assignment]


def _app(script: Path, query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(script), default_timeout=TIMEOUT_S)
    for name, value in query.items():
        at.query_params[name] = value
    return at


def _problem(at: AppTest) -> str:
    if at.exception:
        return at.exception[0].message.splitlines()[0][:200]
    return ""


def _time_reruns(at: AppTest, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        samples.append(time.perf_counter() - start)
    return samples


def measure(script: Path, years: int, query: dict[str, str], runs: int) -> PageResult:
    """The page's first run (empty caches), its reruns, and its floor's reruns."""
    result = PageResult(script.stem, years)
    clear_caches()
    at = _app(script, query)
    with replay.recording_figures() as figures:
        start = time.perf_counter()
        at.run()
        result.first = time.perf_counter() - start
    result.error = _problem(at)
    if result.error:
        return result
    result.samples = _time_reruns(at, runs)
    result.error = _problem(at)

    replay.STAGED = replay.capture(at._tree, figures)
    floor = AppTest.from_file(str(FLOOR_PAGE), default_timeout=TIMEOUT_S)
    floor.run()
    if floor.exception:
        result.floor_note = f"floor failed: {floor.exception[0].message.splitlines()[0][:200]}"
        return result
    result.floor = _time_reruns(floor, runs)
    result.floor_note = _compare(at, floor, replay.STAGED.left_out)
    replay.STAGED = None
    return result


def _compare(page: AppTest, floor: AppTest, left_out: Counter) -> str:
    wanted, drawn = replay.element_counts(page._tree), replay.element_counts(floor._tree)
    notes = []
    if left_out:
        notes.append("floor leaves out " + ", ".join(f"{n}× {k}" for k, n in left_out.items()))
    missing = wanted - drawn - left_out
    extra = drawn - wanted
    if missing or extra:
        notes.append(f"floor differs: missing {dict(missing)}, extra {dict(extra)}")
    return "; ".join(notes)


# --- profiling a miss --------------------------------------------------------------------


def profile(script: Path, query: dict[str, str], reruns: int = 5) -> pstats.Stats:
    """cProfile of warm reruns. AppTest runs each script on its own thread, so a profiler
    is started inside every new thread (threading.setprofile) and the results merged."""
    at = _app(script, query)
    at.run()
    profilers: list[cProfile.Profile] = []

    def start_in_thread(frame: object, event: str, arg: object) -> None:
        threading.setprofile(None)  # only the first call of each new thread lands here
        profiler = cProfile.Profile()
        profilers.append(profiler)
        profiler.enable()

    threading.setprofile(start_in_thread)
    try:
        for _ in range(reruns):
            at.run()
            threading.setprofile(start_in_thread)
    finally:
        threading.setprofile(None)
    stats = None
    for profiler in profilers:
        profiler.disable()
        if stats is None:
            stats = pstats.Stats(profiler)
        else:
            stats.add(profiler)
    assert stats is not None, "no script thread was profiled"
    return stats


def _where(filename: str) -> str:
    """A short place name: a project file, a library package, or a builtin."""
    if filename == "~":
        return "builtins"
    path = Path(filename)
    parts = path.parts
    if "site-packages" in parts:
        package = parts[parts.index("site-packages") + 1]
        return package.lstrip("_").removesuffix(".py").replace("plotly_utils", "plotly")
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return f"stdlib {path.stem}" if path.is_absolute() else filename


def _is_project(place: str) -> bool:
    return place.endswith(".py") and not place.startswith("bench")


def summarize_profile(stats: pstats.Stats, reruns: int) -> list[Table]:
    """Two views: project code by cumulative time, and every package by its own time."""
    entries = stats.stats  # type: ignore[attr-defined]
    total = max(stats.total_tt, 1e-9)  # type: ignore[attr-defined]
    project = Table(["Project code (cumulative)", "Share of run", "Calls per run"])
    rows = []
    for (filename, line, name), (_, ncalls, _, cumtime, _) in entries.items():
        place = _where(filename)
        if _is_project(place) and name != "<module>":
            rows.append((cumtime, f"`{place}:{line} {name}`", ncalls))
    for cumtime, label, ncalls in sorted(rows, reverse=True)[:10]:
        project.add(label, f"{cumtime / total:.0%}", f"{ncalls / reruns:g}")
    own: Counter = Counter()
    for (filename, _, name), (_, _, tottime, _, _) in entries.items():
        place = _where(filename)
        if place == "builtins":
            place = name.strip("<>{}").removeprefix("built-in method ").removeprefix("method ")
        own[place] += tottime
    packages = Table(["Own time by package or builtin", "Share of run"])
    for place, tottime in own.most_common(10):
        packages.add(f"`{place}`", f"{tottime / total:.0%}")
    return [project, packages]


# --- the section ---------------------------------------------------------------------------


def run(
    dbs: dict[int, tuple[Path, int]],
    runs: int = 20,
    *,
    profile_misses: bool = True,
    only: set[str] | None = None,
    profile_dir: Path | None = None,
) -> Section:
    """``dbs`` maps years of data to (a database of its own, the person's id)."""
    section = Section(
        "1. Page script time (AppTest)",
        f"Median of {runs} `at.run()` reruns after one warm-up run, for a person with 1 and "
        "10 years of data. *Floor*: the same elements drawn from values computed beforehand "
        "(`bench/replay.py`, `bench/floor_pages/replay_floor.py`), timed the same way. "
        "*First run*: the warm-up, with Streamlit's caches empty (for information). "
        "AppTest compiles the page file again on every run while a server compiles it "
        "once, so the benchmark shares one compiled-script cache across runs. "
        f"Target: under {TARGET_S * 1000:.0f} ms and within {FLOOR_RATIO:g}× of the floor. "
        "Not measured: "
        + "; ".join(f"`{name}` ({why})" for name, why in SKIPPED.items())
        + ". The shared view opens a link showing everything; the Peers page keeps that link.",
    )
    table = Table(["Page", "Data", "First run", "Median", "Floor", "× floor", "Target", "Result"])
    section.tables.append(table)
    results: list[PageResult] = []
    queries = {years: prepare_sharing(path, person) for years, (path, person) in dbs.items()}
    with compiling_once():
        for script in page_files(only):
            for years, (path, _) in sorted(dbs.items()):
                os.environ["TRACKER_DB"] = str(path)
                query = queries[years].get(script.stem, {})
                try:
                    result = measure(script, years, query, runs)
                except Exception as error:  # report it and carry on with the other pages
                    result = PageResult(
                        script.stem, years, error=f"{type(error).__name__}: {error}"
                    )
                results.append(result)
                _add_row(section, table, result)
        clear_caches()
        if profile_misses:
            _profile_misses(section, results, dbs, queries, profile_dir)
    return section


def _add_row(section: Section, table: Table, result: PageResult) -> None:
    ratio = f"{result.ratio:.2f}×" if result.ratio is not None else "—"
    where = f"`{result.page}` at {result.years} y"
    table.add(
        f"`{result.page}`",
        f"{result.years} y",
        ms(result.first),
        ms(result.median),
        ms(result.floor_median),
        ratio,
        f"< {TARGET_S * 1000:.0f} ms, ≤ {FLOOR_RATIO:g}×",
        section.verdict(result.ok, where),
    )
    if result.error:
        section.notes.append(f"{where} failed: {result.error}")
    if result.floor_note:
        section.notes.append(f"{where}: {result.floor_note}.")


def _profile_misses(
    section: Section,
    results: list[PageResult],
    dbs: dict[int, tuple[Path, int]],
    queries: dict[int, dict[str, dict[str, str]]],
    profile_dir: Path | None,
    reruns: int = 5,
) -> None:
    """Profile each page that missed, once, with the most data it missed at."""
    worst: dict[str, PageResult] = {}
    for result in results:
        missed = not result.ok and not result.error and result.samples
        if missed and (result.page not in worst or result.years > worst[result.page].years):
            worst[result.page] = result
    if not worst:
        return
    section.notes.append(
        "### Where the time goes in each miss\n\n"
        f"cProfile over {reruns} warm reruns, at the largest data size the page missed at. "
        "Profiling slows everything down, so read the shares, not the milliseconds. "
        "*Cumulative* includes everything a function calls; *own time* is summed per "
        "library, so it shows which library the time ends up in. The full profiles are in "
        "`bench/results/profile-*.prof` (`python -m pstats`)."
    )
    for result in worst.values():
        path, _ = dbs[result.years]
        os.environ["TRACKER_DB"] = str(path)
        script = PAGES_DIR / f"{result.page}.py"
        try:
            stats = profile(script, queries[result.years].get(result.page, {}), reruns)
        except Exception as error:  # a profile is a help, not a result: note and go on
            section.notes.append(f"Could not profile `{result.page}`: {error}")
            continue
        if profile_dir is not None:  # for a closer look: python -m pstats <file>
            stats.dump_stats(profile_dir / f"profile-{result.page}-{result.years}y.prof")
        section.notes.append(
            f"**`{result.page}`, {result.years} years** (median {ms(result.median)}, "
            f"floor {ms(result.floor_median)})\n\n"
            + "\n\n".join(t.markdown() for t in summarize_profile(stats, reruns))
        )
        clear_caches()
