"""What a person hears after acting: the one write path (:func:`saving`), kind messages
instead of tracebacks, toasts that survive a rerun, and celebrations of small wins."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING

import streamlit as st

from tracker import DatabaseProblem, InvalidEntry, NotFound
from tracker.store import fault_message
from ui.cache import journey
from ui.text import plain

if TYPE_CHECKING:
    from ui.session import Context

_log = logging.getLogger("tracker")


def celebrate(ctx: Context) -> None:
    """Celebrate each new small win once: a kind toast for recent ones.

    Wins older than a week (say, after an import or on the demo) are recorded
    quietly: they show in the small-wins feed without a toast. No balloons: they fly
    as images a screen reader can't name (issue 20); the toast says it in words.
    """
    journal = ctx.journal
    seen = journal.celebrated_keys()
    fresh = [win for win in journey(ctx).wins if win.key not in seen]
    recent_enough = dt.date.today() - dt.timedelta(days=7)
    if not fresh:
        return
    # A win another open tab celebrated a moment ago is not newly marked: stay quiet here.
    marked = journal.mark_all_celebrated((win.key, win.day, win.text) for win in fresh)
    cheer = [win for win in fresh if win.key in marked and win.day >= recent_enough]
    for win in cheer[:3]:
        st.toast(plain(win.text), icon="🎉")


def after_write(message: str | None = None, *, icon: str = "🌿") -> None:
    """Queue a toast for the next run. (Cached numbers need no renewal: the write changed
    the person's data versions, see ``Context.data_versions``.)"""
    if message:
        st.session_state["pending_toast"] = (message, icon)


def show_pending_toast() -> None:
    # A toast shown just before st.rerun() is often lost; show it on the next run.
    pending = st.session_state.pop("pending_toast", None)
    if pending:
        st.toast(plain(pending[0]), icon=pending[1])  # may hold names: plain text


@contextlib.contextmanager
def saving(
    done: str | None = None,
    *,
    icon: str = "🌿",
    later: str | None = None,
    rerun: bool = True,
    then_open: str | None = None,
) -> Iterator[None]:
    """The one way a page writes to a journal::

        with feedback.saving("Goal added. One small step at a time."):
            journal.add_goal(...)

    When the block succeeds, ``done`` is queued as a toast for the next run and the page
    runs again (cached numbers renew themselves: the write changed the person's data
    versions, see ``Context.data_versions``), where new small wins are celebrated. When
    it fails (the entry is invalid, the record was deleted in another tab, the disk is
    full, the journal is busy), the kind message shows instead, nothing was saved, and
    the form keeps what was typed: no rerun. In a widget callback, where Streamlit
    reruns by itself, pass ``later`` (see :func:`kindly`) and ``rerun=False``. A write
    that ends on another page (say, a new journal opening Today) passes ``then_open``.
    """
    with kindly(later):
        yield
        after_write(done, icon=icon)
        if then_open:
            st.switch_page(then_open)
        if rerun:
            st.rerun()


@contextlib.contextmanager
def kindly(later: str | None = None) -> Iterator[None]:
    """Show a domain error as a gentle message instead of a traceback; nothing was saved.

    In a button callback (it runs before the page draws) pass ``later``, a session-state
    key: the message waits there for :func:`show_later` at the right spot on the page.
    """
    try:
        yield
    except (InvalidEntry, NotFound) as problem:
        _warn(str(problem), "💬", later)
    except sqlite3.OperationalError as error:
        # Another writer held the journal past the busy timeout (a very busy shared
        # server). The transaction rolled back; what the person typed is still on screen.
        if "locked" not in str(error) and "busy" not in str(error):
            _warn(_fault_text(error), "🛟", later)
            return
        _warn(
            "The journal is busy for a moment, so this wasn't saved yet. "
            "Everything you typed is still here: please press the button again.",
            "⏳",
            later,
        )
    except sqlite3.DatabaseError as error:  # a damaged file
        _warn(_fault_text(error), "🛟", later)
    except DatabaseProblem as problem:  # the file could not be opened for this write
        _warn(f"{problem} {KEPT}", "🛟", later)


KEPT = "Everything you typed is still here."


def _fault_text(error: sqlite3.DatabaseError) -> str:
    """A calm message for a disk that is full or a file that is read-only or damaged:
    the write rolled back, and the form keeps what was typed. Other errors go on up."""
    message = fault_message(error)
    if message is None:
        raise error
    return f"{message} {KEPT}"


def calm_database_fault(error: Exception) -> bool:
    """Streamlit's ``on_script_error`` (asgi.py): a database fault in the middle of a page
    (disk full, a read-only or damaged file) shows a calm message instead of a traceback
    naming server paths. The run stops there, and Streamlit keeps every widget's value
    for the next run. Other errors are shown as usual."""
    if isinstance(error, DatabaseProblem):
        message = str(error)
    elif isinstance(error, sqlite3.Error):
        message = fault_message(error)
    else:
        message = None
    if message is None:
        return False
    _log.warning("A page stopped on a database fault: %r", error)
    st.error(f"{message} {KEPT}", icon="🛟")
    return True


def _warn(text: str, icon: str, later: str | None) -> None:
    if later:
        st.session_state[later] = (text, icon)
    else:
        st.warning(plain(text), icon=icon)  # may quote what was typed: plain text


def show_later(key: str) -> None:
    """The gentle message a callback left under ``key`` (see :func:`kindly`), once."""
    waiting = st.session_state.pop(key, None)
    if waiting:
        st.warning(plain(waiting[0]), icon=waiting[1])
