"""Who is journaling and where: page setup, accounts, the person picker, navigation,
script turns, and the app's own address for links."""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from tracker import DatabaseProblem, Journal, Store, reminders
from tracker.records import Person
from tracker.store import READ_ONLY, DataVersions, default_db_path, open_store
from ui.feedback import show_pending_toast
from ui.text import plain

_log = logging.getLogger("tracker")

# Python runs one thread at a time. With dozens of visitors, dozens of script threads
# fighting over the GIL spent more time switching than working (bench/README.md, load);
# letting a few run at once and the rest wait their turn makes every run finish sooner.
SCRIPTS_AT_ONCE = 2
_script_turns = threading.BoundedSemaphore(SCRIPTS_AT_ONCE)

_app_run = threading.local()  # .active: this thread's script run was started by app.py


@contextlib.contextmanager
def script_turn() -> Iterator[None]:
    """Hold one of the server's few script turns for a whole script run (app.py)."""
    with _script_turns:
        _app_run.active = True
        try:
            yield
        finally:
            _app_run.active = False


# A big import gives its script turn back while it reads and writes (see heavy_work), so
# it never keeps other visitors' pages waiting; this many may run at once (memory).
HEAVY_AT_ONCE = 2
_heavy_turns = threading.BoundedSemaphore(HEAVY_AT_ONCE)


@contextlib.contextmanager
def heavy_work() -> Iterator[None]:
    """Slow work of one visitor (previewing or importing years of data) without holding
    one of the few script turns every page needs; its turn is taken back afterwards."""
    holding = getattr(_app_run, "active", False)
    if holding:
        _script_turns.release()
    try:
        with _heavy_turns:
            yield
    finally:
        if holding:
            _script_turns.acquire()


PAGES = {
    "home": "pages/home.py",
    "welcome": "pages/welcome.py",
    "today": "pages/today.py",
    "journey": "pages/journey.py",
    "goals": "pages/goals.py",
    "selfcare": "pages/selfcare.py",
    "share": "pages/share.py",
    "data": "pages/data.py",
    "shared": "pages/shared.py",
    "peers": "pages/peers.py",
    "journal": "pages/journal.py",
}


@dataclass
class Context:
    store: Store
    person: Person | None

    @functools.cached_property
    def journal(self) -> Journal:
        # Cached: each store.journal() call looks the person up again.
        assert self.person is not None, "page_setup(require_person=True) guarantees a person"
        return self.store.journal(self.person.id)

    @property
    def db_path(self) -> str:
        return str(self.store.path)

    @property
    def data_versions(self) -> DataVersions:
        """The key of this person's cached numbers (read each time: one tiny query, and
        a write earlier in the same run is seen)."""
        assert self.person is not None
        return self.store.data_versions(self.person.id)


def accounts_enabled() -> bool:
    """Sign-in is on when `.streamlit/secrets.toml` has an [auth] section."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False
    except Exception:  # a malformed secrets file: stay local rather than crash
        return False


def db_path() -> Path:
    return default_db_path()


def open_db() -> Store:
    """A connection for this script run (SQLite objects can't cross Streamlit's threads)."""
    try:
        return open_store(db_path())
    except DatabaseProblem as problem:
        # The page says it calmly; the host's log says what SQLite said (never journal text).
        _log.warning("The journal at %s can't be opened: %r", db_path(), problem.__cause__)
        st.error(plain(str(problem)), icon="🛟")
        st.stop()
        raise  # unreachable: st.stop() raises


def page_setup(*, require_person: bool = True) -> Context:
    """Open the database and find the person this visit is for.

    Local use: one person on this machine, chosen in the session (the newest
    non-demo journal by default). With accounts on: the signed-in user.
    """
    run_through_entrypoint()
    show_pending_toast()
    store = open_db()
    if store.read_only:
        st.warning(READ_ONLY, icon="🛟")
    person = signed_in_person(store) if accounts_enabled() else choose_local_person(store.people())
    if person is None and require_person:
        st.info("Welcome! Let's start your journal first.", icon="🌱")
        if st.button("Start here", type="primary"):
            switch_to("welcome")
        st.stop()
    if person is not None:
        st.session_state["person_id"] = person.id
    sign_out_in_sidebar()
    return Context(store=store, person=person)


def run_through_entrypoint() -> None:
    """Make sure app.py's navigation is in charge.

    Until app.py has called st.navigation once in a server process, Streamlit treats
    `pages/` the old way: a first request for /today (a bookmark, a restored tab, a share
    link, a new worker behind `make serve`) runs the page file alone, without app.py, and
    the session gets the raw file list as navigation. Such a run is told apart by app.py
    not having started it (see script_turn); turning the mode off and rerunning sends it
    through app.py. Per run, not by the mode's flag alone: several first visitors at
    once all start in the old mode, and only the first would see the flag still set.
    Streamlit keeps the mode on a class attribute; the browser test
    test_a_deep_link_opened_first_after_a_restart_gets_the_apps_navigation guards this.
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    if getattr(_app_run, "active", False):
        return
    run = get_script_run_ctx()
    if run is None or Path(run.main_script_path).name != "app.py":
        return  # a page run as the app itself (AppTest of one page)
    PagesManager.uses_pages_directory = False
    st.rerun()


def shared_view_alone() -> bool:
    """Run the shared view on its own when this run is for it, and say so.

    A peer's link stands alone: a navigation of its own with no menu, no journal picker
    and no way to the owner's pages. (Home is listed, hidden, only so that the shared
    view keeps its own address: the default page's address is "/".)
    """
    shared = st.Page(PAGES["shared"], title="Shared with you", visibility="hidden")
    if not opens_page(shared):
        return False
    home = st.Page(PAGES["home"], title="Home", icon="🌱", default=True, visibility="hidden")
    st.navigation([shared, home], position="hidden").run()
    return True


def opens_page(page: st.Page) -> bool:
    """Whether this script run is for ``page``, known before ``st.navigation`` is built
    (so the shared view can get a navigation of its own). Resolved as st.navigation
    resolves it: the page asked for by hash (a rerun, a switch), else by URL path."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    run = get_script_run_ctx()
    if run is None:
        return False
    manager = run.pages_manager
    if manager.intended_page_script_hash:
        return manager.intended_page_script_hash == page._script_hash
    return manager.intended_page_name == page.url_path


def choose_local_person(people: list[Person]) -> Person | None:
    """The journal this browser session is on; the newest own (non-demo) one by default."""
    if not people:
        return None
    wanted = st.session_state.get("person_id")
    for person in people:
        if person.id == wanted:
            return person
    own = [p for p in people if not p.is_demo]
    return (own or people)[-1]


def signed_in_person(store: Store) -> Person | None:
    if not st.user.is_logged_in:
        st.title("Resilience Tracker", anchor=False)
        st.write("Sign in to open your journal. Only you can see it unless you share a chart.")
        st.button("Sign in", type="primary", on_click=st.login)
        st.stop()
    # Who you are is the provider's issuer + subject; an e-mail can be claimed unverified.
    issuer, subject = str(st.user.get("iss") or ""), str(st.user.get("sub") or "")
    if not issuer or not subject:
        st.warning(
            "Your sign-in didn't say who you are, so no journal was opened. Please sign out "
            "and in again; if this keeps happening, the host's sign-in settings need a look.",
            icon="🔑",
        )
        sign_out_in_sidebar()
        st.stop()
    email = verified_email()
    name = str(st.user.get("name") or (email or "").split("@")[0] or "me")[:60]
    return store.person_for_identity(issuer, subject, verified_email=email, name=name)


def verified_email() -> str | None:
    """The signed-in person's e-mail, only when their provider says it verified it."""
    verified = st.user.get("email_verified")
    # Some providers send the claim as the string "true".
    if verified is True or str(verified).lower() == "true":
        return str(st.user.get("email") or "") or None
    return None


def sign_out_in_sidebar() -> None:
    """With sign-in on, who is signed in and a "Sign out" button, on every page."""
    if not accounts_enabled() or not st.user.is_logged_in:
        return
    with st.sidebar:
        shown = st.user.get("name") or verified_email()
        if shown:
            st.caption(f"Signed in as {plain(str(shown))}")
        st.button("Sign out", key="sign_out", icon=":material/logout:", on_click=st.logout)


def switch_to(page: str) -> None:
    st.switch_page(PAGES[page])


# --- sharing ----------------------------------------------------------------------------


def share_link(token: str) -> str:
    """The full link to the shared view. ``TRACKER_PUBLIC_URL`` wins when the app sits
    behind a proxy; otherwise the address this browser used."""
    base = os.environ.get("TRACKER_PUBLIC_URL", "").rstrip("/")
    if not base:
        parts = urllib.parse.urlsplit(st.context.url or "http://127.0.0.1:8501/")
        base = f"{parts.scheme}://{parts.netloc}"
    return f"{base}/shared?t={token}"


# --- a daily reminder --------------------------------------------------------------------


def app_address() -> str:
    """The app's address for links: ``TRACKER_PUBLIC_URL`` when set, else this browser's."""
    base = os.environ.get("TRACKER_PUBLIC_URL", "").strip().rstrip("/")
    if not base:
        parts = urllib.parse.urlsplit(st.context.url or reminders.LOCAL_ADDRESS)
        base = f"{parts.scheme}://{parts.netloc}"
    return base


_LOOPBACK = {"127.0.0.1", "localhost", "::1", "0.0.0.0", ""}


def links_reach_others() -> bool:
    """Whether a share link made here opens on someone else's device: the app has a public
    address (``TRACKER_PUBLIC_URL``) or was reached on one. A personal install (`make run`)
    listens on 127.0.0.1 only, so its links open on this computer alone."""
    host = urllib.parse.urlsplit(share_link("x")).hostname or ""
    return host not in _LOOPBACK and not host.startswith("127.")


def sidebar_person_picker(people: list[Person]) -> None:
    """Local mode with several journals on this machine (say, yours and the demo): switch."""
    if people and all(p.is_demo for p in people):
        st.sidebar.page_link(PAGES["welcome"], label="Start my own journal", icon="🌱")
    if len(people) < 2:
        return
    current = choose_local_person(people)
    assert current is not None
    ids = [p.id for p in people]
    names = {p.id: p.name for p in people}
    with st.sidebar:
        chosen = st.selectbox(
            "Whose journal",
            ids,
            index=ids.index(current.id),
            format_func=names.__getitem__,
            key="nav_person",
        )
    if chosen != current.id:
        st.session_state["person_id"] = chosen
        st.rerun()
