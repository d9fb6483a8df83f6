"""The benchmark report: sections of markdown tables, with the machine they ran on."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import statistics
import subprocess
from dataclasses import dataclass, field
from importlib import metadata

PASS = "PASS"
MISS = "MISS"
INFO = "info"


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    title: str = ""

    def add(self, *cells: object) -> None:
        self.rows.append([str(cell) for cell in cells])

    def markdown(self) -> str:
        lines = []
        if self.title:
            lines += [f"**{self.title}**", ""]
        lines.append("| " + " | ".join(self.header) + " |")
        lines.append("|" + "|".join(" --- " for _ in self.header) + "|")
        lines += [
            "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in self.rows
        ]
        return "\n".join(lines)


@dataclass
class Section:
    """One benchmark: a short intro, its tables, and notes (findings, errors) after them."""

    title: str
    intro: str = ""
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def verdict(self, ok: bool, what: str) -> str:
        """PASS or MISS for one row; a miss is remembered for the summary."""
        if not ok:
            self.misses.append(what)
        return PASS if ok else MISS

    def markdown(self) -> str:
        parts = [f"## {self.title}"]
        if self.intro:
            parts.append(self.intro)
        parts += [table.markdown() for table in self.tables]
        parts += self.notes
        return "\n\n".join(parts)


# --- numbers ------------------------------------------------------------------------------


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    """The 95th percentile (inclusive method, so small samples stay within their range)."""
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[94]


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    value = seconds * 1000
    return f"{value:.1f} ms" if value < 10 else f"{value:,.0f} ms"


def secs(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds:.2f} s"


# --- the machine ----------------------------------------------------------------------------


def _first(path: str, prefix: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith(prefix):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _chromium_version() -> str:
    try:
        found = subprocess.run(
            ["/usr/bin/chromium", "--version"], capture_output=True, text=True, timeout=20
        )
        return found.stdout.strip() or "unknown"
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"


def machine() -> Table:
    """What the numbers were measured on: they only mean something next to this."""
    mem_kib = _first("/proc/meminfo", "MemTotal").split()[0]
    memory = f"{int(mem_kib) / 1024**2:.1f} GiB" if mem_kib.isdigit() else "unknown"
    table = Table(["", ""])
    table.add("CPUs (`nproc`)", len(os.sched_getaffinity(0)))
    table.add("CPU model", _first("/proc/cpuinfo", "model name"))
    table.add("Memory", memory)
    table.add("OS", platform.platform())
    table.add("Python", platform.python_version())
    table.add(
        "Streamlit / pandas / plotly",
        f"{_version('streamlit')} / {_version('pandas')} / {_version('plotly')}",
    )
    table.add("Chromium", _chromium_version())
    table.add("Date", dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"))
    return table


INTRO = """\
# Benchmarks

Made by `make bench` (`python -m bench`), which rewrites this file. Each table gives
the target from issue 7 and PASS or MISS. Numbers only mean something next to the
machine they ran on, so it comes first. `python -m bench --quick` is a fast smoke run
that prints the report without writing this file; `python -m bench --only browser` runs
the browser section alone and writes it in place of its section here.

The data is made by `bench/data.py` through the app's own store: one demo person with 1
or 10 years of daily entries and 20 goals (counts below). Databases, server logs and the
profiles of misses are left in `bench/results/` (git-ignored).

The load average is noted at the start and the end: above the number of CPUs, other work
shared the machine during the run, and the times are higher than on a quiet machine."""


def render(machine_table: Table, data_table: Table, sections: list[Section], seconds: float) -> str:
    misses = [miss for section in sections for miss in section.misses]
    summary = (
        "Every target met."
        if not misses
        else f"{len(misses)} target(s) missed: " + "; ".join(misses) + "."
    )
    parts = [
        INTRO,
        "## Machine\n\n" + machine_table.markdown(),
        "## Data\n\n" + data_table.markdown(),
        f"**Summary.** {summary} The whole run took {seconds / 60:.1f} minutes.",
        *[section.markdown() for section in sections],
    ]
    return "\n\n".join(parts) + "\n"


def splice(previous: str, section: Section, prefix: str, note: str) -> str:
    """``previous`` (the README of an earlier full run) with ``section`` put in place of the
    section of the same title, followed by ``note`` (when and how it was run), and the
    summary's list of misses brought up to date: the old misses starting with ``prefix``
    (all of this section's) give way to its new ones."""
    body = section.markdown() + "\n\n" + note + "\n\n"
    start = previous.find(f"## {section.title}")
    if start < 0:
        text = previous.rstrip("\n") + "\n\n" + body
    else:
        end = previous.find("\n## ", start + 1)
        text = previous[:start] + body + (previous[end + 1 :] if end >= 0 else "")
    found = re.search(r"\*\*Summary\.\*\* (.*?)(?= The whole run took)", text)
    if found is None:
        return text.rstrip("\n") + "\n"
    old = found.group(1)
    kept = []
    if "missed: " in old:
        kept = [m for m in old.split("missed: ", 1)[1].rstrip(".").split("; ") if m]
    misses = [m for m in kept if not m.startswith(prefix)] + section.misses
    summary = (
        "Every target met."
        if not misses
        else f"{len(misses)} target(s) missed: " + "; ".join(misses) + "."
    )
    return (text[: found.start(1)] + summary + text[found.end(1) :]).rstrip("\n") + "\n"
