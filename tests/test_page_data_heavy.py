"""Two people import years of Daylio at once; a third person's page still draws meanwhile.

The server lets only session.SCRIPTS_AT_ONCE script runs go at a time (app.py holds a turn for
each run). Each page here runs under AppTest through a small entrypoint that holds a turn
exactly as app.py does, so the two imports hold both turns unless the Data page gives its
turn back during the heavy work.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from tests.hostile_files import ROOT

STARTED: list[str] = []  # the entrypoint below appends each run's name once it holds a turn

ENTRYPOINT = """
import runpy
import tests.test_page_data_heavy as probe
from ui import session
with session.script_turn():
    probe.STARTED.append({name!r})
    runpy.run_path({page!r}, run_name="__main__")
"""


def _app(tmp_path: Path, name: str, page: str):
    from streamlit.testing.v1 import AppTest

    script = tmp_path / f"entry_{name}.py"
    script.write_text(ENTRYPOINT.format(name=name, page=str(ROOT / "pages" / f"{page}.py")))
    return AppTest.from_file(str(script), default_timeout=120)


def _years_of_daylio() -> bytes:
    from bench.bench_import import daylio_export

    lines = daylio_export(10).splitlines(keepends=True)
    return lines[0] + b"".join(lines[1:]) * 8  # eight entries a day for ten years


def test_other_pages_draw_while_two_people_import_years_of_data(app_journal, tmp_path, monkeypatch):
    from tracker.importers import worker

    data = _years_of_daylio()
    importers = [_app(tmp_path, f"import{n}", "data") for n in (1, 2)]
    for at in importers:
        at.run()
        at.file_uploader[0].set_value(("daylio_export.csv", data, "text/csv"))

    # Each preview waits, inside its heavy work, until the third page has drawn: the test
    # then depends on turns alone, never on which of them happens to be faster.
    inside = threading.Semaphore(0)
    release = threading.Event()
    real_preview = worker.preview_upload

    def held_preview(*args, **kwargs):
        inside.release()
        release.wait(120)
        return real_preview(*args, **kwargs)

    monkeypatch.setattr(worker, "preview_upload", held_preview)
    STARTED.clear()
    finished: dict[str, float] = {}

    def run(name: str, at) -> None:
        at.run()
        finished[name] = time.monotonic()

    threads = [
        threading.Thread(target=run, args=(f"import{n}", at), daemon=True)
        for n, at in enumerate(importers, start=1)
    ]
    for thread in threads:
        thread.start()
    try:
        # Both imports started with a turn each, and are now in their heavy work.
        assert inside.acquire(timeout=60) and inside.acquire(timeout=60)
        assert sorted(STARTED) == ["import1", "import2"]

        other = _app(tmp_path, "today", "today")
        run("today", other)  # needs a turn: only there if the imports gave theirs back
        assert not other.exception
        assert other.title and "today" in finished
        assert "import1" not in finished and "import2" not in finished
    finally:
        release.set()
        for thread in threads:
            thread.join(120)

    assert "import1" in finished and "import2" in finished
    for at in importers:
        assert not at.exception
        assert any("This Daylio file holds" in info.value for info in at.info)
    assert app_journal.checkins() == []  # previews write nothing
