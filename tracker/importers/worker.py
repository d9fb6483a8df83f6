"""Previewing and importing an upload in a separate process, so the server stays free.

Reading years of entries is pure Python work: on a server's thread it holds the GIL that
every other visitor's page and the server's network loop need, and pages slowed to a crawl
while two people previewed big files. A small pool of worker processes does it instead;
the server's thread only waits (which costs nothing). A preview holds no database
connection (see tracker.importers.base), so it travels back whole.
"""

from __future__ import annotations

import atexit
import concurrent.futures
import contextlib
import multiprocessing
import sys
import threading
import types
from collections.abc import Iterator, Mapping
from typing import TypeVar

from tracker.errors import InvalidEntry
from tracker.importers.base import ImportPreview, ImportResult

T = TypeVar("T")

WORKERS = 2
# Every limit in tracker.importers.untrusted keeps this to seconds; this is a last stop.
WORK_SECONDS = 120

_pool: concurrent.futures.ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def preview_upload(
    source: str,
    data: bytes,
    db_path: str,
    person_id: int,
    mood_map: Mapping[str, int] | None = None,
) -> ImportPreview:
    """The preview of ``data`` as a Daylio, Loop or backup file, worked out in a worker."""
    with _no_script_as_main():
        future = _executor().submit(
            _preview, source, data, db_path, person_id, dict(mood_map or {})
        )
    return _wait(
        future, "Reading this file took far too long, so we stopped. Nothing was imported."
    )


def apply_upload(preview: ImportPreview, db_path: str, person_id: int) -> ImportResult:
    """Write a previewed import (one transaction, as ``apply_import``) in a worker."""
    with _no_script_as_main():
        future = _executor().submit(_apply, preview, db_path, person_id)
    return _wait(
        future,
        "The import is taking far longer than it should. Please look at your journal in a "
        "minute before trying again: an import is written whole or not at all.",
    )


def _wait(future: concurrent.futures.Future[T], too_long: str) -> T:
    try:
        return future.result(timeout=WORK_SECONDS)
    except concurrent.futures.TimeoutError:
        raise InvalidEntry(too_long) from None
    except concurrent.futures.process.BrokenProcessPool:
        _forget_pool()
        raise InvalidEntry(
            "Reading this file needed more than this server can give, so we stopped. "
            "Nothing was imported."
        ) from None


def _apply(preview: ImportPreview, db_path: str, person_id: int) -> ImportResult:
    from tracker.importers.base import apply_import
    from tracker.store import open_store

    with open_store(db_path) as store:
        return apply_import(store.journal(person_id), preview)


def _preview(
    source: str, data: bytes, db_path: str, person_id: int, mood_map: dict[str, int]
) -> ImportPreview:
    from tracker import backup
    from tracker.importers.daylio import preview_daylio
    from tracker.importers.loop import preview_loop
    from tracker.store import open_store

    with open_store(db_path) as store:
        journal = store.journal(person_id)
        if source == "daylio":
            return preview_daylio(data, journal, mood_map=mood_map)
        if source == "loop":
            return preview_loop(data, journal)
        return backup.preview_backup(data, journal)


@contextlib.contextmanager
def _no_script_as_main() -> Iterator[None]:
    """While a worker may be started: no page script as ``__main__``.

    Streamlit runs each script as a stand-in ``__main__`` module whose ``__file__`` is
    the script (app.py on a server, the page under AppTest), and a "spawn" child runs
    ``__main__`` again by that path before it does any work: the app's script would run
    in the worker, opening the journal. A bare module names no file, so the child
    starts clean. Only for the moment of the submit (workers start then); Streamlit
    puts its own back at the next script run anyway.
    """
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__spec__", None) is not None:
        yield  # a real program's __main__ (a command, a test run): importable, harmless
        return
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _executor() -> concurrent.futures.ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            # "spawn": forking a server full of threads can copy a held lock into the child.
            context = multiprocessing.get_context("spawn")
            _pool = concurrent.futures.ProcessPoolExecutor(WORKERS, mp_context=context)
            atexit.register(_pool.shutdown)  # before interpreter teardown, not during it
        return _pool


def _forget_pool() -> None:
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool.shutdown(wait=False, cancel_futures=True)
        _pool = None
