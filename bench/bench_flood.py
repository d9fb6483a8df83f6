"""The owner's pages when encouragement floods in: script time of Share and Journey.

One person with a month of check-ins receives 3,000 encouragements through 15 links
(sent through the app's own API, a few an hour, so the per-link limits let them all
in), then AppTest times the owner's Share and Journey pages: one warm-up run, then
reruns. With ``--browser``, also the whole page in headless Chromium against a real
server (open the app, then time Share from the click to the drawn page). Run it alone:

    .venv/bin/python bench/bench_flood.py [--messages 3000] [--runs 5] [--browser]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker import open_store, sharing  # noqa: E402

LINKS = 15


def flood(db: Path, messages: int) -> int:
    """A journal with ``messages`` encouragements; returns the person's id."""
    today = dt.date.today()
    with open_store(db) as store:
        person = store.add_person("Robin")
        journal = store.journal(person.id)
        for back in range(30):
            journal.add_checkin(today - dt.timedelta(days=back), 2 + back % 3)
        per_link = -(-messages // LINKS)
        start = dt.datetime.now() - dt.timedelta(minutes=15 * per_link + 60)
        sent = 0
        with store.transaction():
            for link in range(LINKS):
                _, token = sharing.create_share(journal, f"Peer {link}", ["mood"], now=start)
                view = sharing.open_share(store, token, now=start, record_view=False)
                assert view is not None
                for n in range(min(per_link, messages - sent)):
                    moment = start + dt.timedelta(minutes=15 * n)
                    sharing.leave_encouragement(
                        store, view, f"Peer {link}", "Proud of you", now=moment
                    )
                    sent += 1
        return person.id


def time_page(page: str, person_id: int, runs: int) -> tuple[float, float, int]:
    """(first run, median of the reruns) in seconds, and how many elements the page sent
    to the browser (what makes the browser slow: each costs a few milliseconds)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=300)
    at.session_state["person_id"] = person_id
    began = time.perf_counter()
    at.run()
    first = time.perf_counter() - began
    assert not at.exception, at.exception
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        at.run()
        samples.append(time.perf_counter() - began)
    elements = sum(1 for _ in _walk(at._tree))
    return first, statistics.median(samples), elements


def _walk(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _walk(child)


def time_in_browser(db: Path, runs: int) -> list[float]:
    """Seconds from following the sidebar's Share link to the page drawn, per run (each
    a new visitor)."""
    from playwright.sync_api import sync_playwright

    from bench.server import CHROMIUM, CHROMIUM_ARGS, serve

    idle = "[data-testid='stApp'][data-test-script-state='notRunning']"
    samples = []
    with (
        serve(ROOT / "app.py", db, db.with_suffix(".log")) as server,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for _ in range(runs):
            context = browser.new_context(base_url=server.url)
            context.set_default_timeout(120_000)
            page = context.new_page()
            page.goto("/")
            page.wait_for_selector(idle)
            began = time.perf_counter()
            page.get_by_test_id("stSidebarNav").get_by_role("link", name="Share").click()
            page.get_by_text("Encouragement you received").wait_for()
            page.wait_for_selector(idle)
            samples.append(time.perf_counter() - began)
            context.close()
        browser.close()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--browser", action="store_true", help="also time it in Chromium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "flood.db"
        os.environ["TRACKER_DB"] = str(db)
        began = time.perf_counter()
        person_id = flood(db, args.messages)
        print(f"{args.messages:,} encouragements stored in {time.perf_counter() - began:.1f} s")
        for page in ("share", "journey"):
            first, rerun, elements = time_page(page, person_id, args.runs)
            print(
                f"{page:8} first run {first:6.2f} s   rerun median {rerun:6.2f} s   "
                f"{elements:,} elements"
            )
        if args.browser:
            samples = time_in_browser(db, min(args.runs, 3))
            median = statistics.median(samples)
            print(f"share    in Chromium {median:6.2f} s (median of {len(samples)} visits)")


if __name__ == "__main__":
    main()
