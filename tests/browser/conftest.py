"""Fixtures for the end-to-end tests: one server and one Chromium per session, a page per test.

- ``app_server`` (session): `streamlit run app.py` against a temporary database.
- ``browser`` (session): headless Debian chromium driven by Playwright.
- ``new_page(server=None, *, phone=False)`` (function): a page in a new browser
  context, that is a new visitor and a new Streamlit session; closed after the test.
- ``page`` (function): ``new_page()`` on ``app_server`` at desktop width.
- ``person`` (function): a new, empty journal in ``app_server``'s database.
- ``empty_server`` (function): a server of its own on an empty database that no one has
  opened yet, for first-visit journeys (it starts in about a second).
- ``demo_server`` (module): a server whose only journal is a year of demo data.

Fresh data per test: every test makes a new person rather than wiping the database.
The app opens a new session on the newest own (non-demo) journal, so a test's
``person`` is the one its page shows. Seed through ``app_server.store()``; the server's
cached numbers follow every write to the database (schema.m004).

When a test fails, its pages are saved as ``tests/screenshots/FAILED-<test>-<n>.png``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import pytest
from e2e_support import (
    COUNT_DRAWS,
    DESKTOP,
    PHONE,
    RECORD_TOASTS,
    SCREENSHOTS,
    BrowserMissing,
    Server,
    launch_chromium,
    serving,
)
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tracker.demo import create_demo_person
from tracker.records import Person

_names = itertools.count(1)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the test item, so fixtures can see whether it failed.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian chromium, for the whole session."""
    for stale in SCREENSHOTS.glob("FAILED-*.png"):
        stale.unlink()  # failure shots are about this run only
    with sync_playwright() as playwright:
        try:
            launched = launch_chromium(playwright)
        except BrowserMissing as missing:
            # Fail, never skip: a green run must mean the browser journeys were walked.
            pytest.fail(str(missing), pytrace=False)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory, browser: Browser) -> Iterator[Server]:
    """The app served once for the whole session, on a temporary database.

    Opened once at "/" before the tests: until a session has run app.py, Streamlit
    serves `pages/` files on their own to a visitor who opens a deep link (see
    test_e2e_navigation.py); the other tests meet the app as a person who opened it.
    """
    with serving(tmp_path_factory.mktemp("e2e"), warm=browser) as server:
        yield server


@pytest.fixture
def empty_server(tmp_path) -> Iterator[Server]:
    """A server of its own on an empty database, not opened by anyone yet."""
    with serving(tmp_path) as server:
        yield server


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory, browser: Browser) -> Iterator[Server]:
    """A server whose only journal is a year of demo data: every page has something to show."""
    with serving(
        tmp_path_factory.mktemp("demo"),
        seed=lambda store: create_demo_person(store, years=1),
        warm=browser,
    ) as server:
        yield server


@pytest.fixture
def new_page(request, browser: Browser, app_server: Server) -> Iterator[Callable[..., Page]]:
    """Make pages, each in a new browser context (a new visitor, a new Streamlit session)."""
    contexts: list[BrowserContext] = []

    def make(server: Server | None = None, *, phone: bool = False) -> Page:
        context = browser.new_context(
            base_url=(server or app_server).url,
            viewport=PHONE if phone else DESKTOP,
            is_mobile=phone,
            has_touch=phone,
        )
        context.set_default_timeout(15_000)
        context.add_init_script(RECORD_TOASTS)
        context.add_init_script(COUNT_DRAWS)
        contexts.append(context)
        return context.new_page()

    yield make
    report = getattr(request.node, "report_call", None)
    for number, context in enumerate(contexts, start=1):
        if report is not None and report.failed:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            for shown in context.pages:
                shown.screenshot(
                    path=str(SCREENSHOTS / f"FAILED-{request.node.name}-{number}.png"),
                    full_page=True,
                )
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    """A desktop-width page on the session's server, in a fresh browser context."""
    return new_page()


@pytest.fixture
def person(app_server: Server) -> Person:
    """A new, empty journal; new sessions open on it, being the newest own one."""
    with app_server.store() as store:
        return store.add_person(f"Tester {next(_names)}")
