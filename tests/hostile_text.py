"""A journal whose every name is hostile markdown, for the page and browser tests of
issue 12 ("Markdown in user text"): images, links, raw HTML, autolinks, bare links,
colour directives, emoji shortcodes and LaTeX, all pointing at ``host``.

``live_markup`` says whether a piece of text that Streamlit renders as markdown still
holds one of those alive (the page tests); the browser tests count real requests.
"""

from __future__ import annotations

import datetime as dt
import re

from tracker import sharing
from tracker.store import Store


def image(host: str, tag: str) -> str:
    return f"![{tag}](http://{host}/{tag})"


def rich(host: str, tag: str) -> str:
    """Every kind of live markup at once (about 150 characters)."""
    return (
        f"![{tag}](http://{host}/{tag}i) <img src='http://{host}/{tag}h'> "
        f"[{tag}](http://{host}/{tag}l) <http://{host}/{tag}a> :violet[{tag}] :smile: $x$"
    )


def short_rich(host: str, tag: str) -> str:
    """An image, an HTML image and a link, within a goal title's 120 characters."""
    return f"![{tag}](http://{host}/{tag}i) <img src='http://{host}/{tag}h'> [{tag}](http://{host}/{tag}l)"


def seed(store: Store, host: str, *, today: dt.date | None = None) -> dict:
    """Robin's journal, every name hostile, with enough days for charts, strength, what
    helps, wins, a share link, an encouragement and a saved link from a hostile peer.
    Returns ``{"person_id", "token", "peer_token"}``."""
    today = today or dt.date.today()
    # The peer first: a new browser session opens the newest journal, Robin's.
    peer = store.journal(store.add_person(image(host, "q")).id)
    peer_walk = peer.add_activity(image(host, "qa"), category=image(host, "k"))
    for back in range(7):
        peer.add_checkin(today - dt.timedelta(days=back), 3, activities=[peer_walk.id])
    _, peer_token = sharing.create_share(peer, "Robin", list(sharing.SCOPES), "1 week")

    person = store.add_person(image(host, "p"))
    journal = store.journal(person.id)
    walk = journal.add_activity(image(host, "a1"), emoji="🚶", category=image(host, "c"))
    rest = journal.add_activity(
        f"<img src='http://{host}/a2'>", category="rest", times=3, per_days=7
    )
    habit = journal.add_goal(short_rich(host, "g1"), why=rich(host, "w"), times=1, per_days=1)
    measured = journal.add_goal(
        image(host, "g2"),
        unit=image(host, "u"),
        target_type="at_most",
        target_value=2,
        times=1,
        per_days=1,
    )
    journal.add_goal(image(host, "g3"), kind="oneoff", steps=[short_rich(host, "st")])
    for back in range(21):
        day = today - dt.timedelta(days=back)
        chosen = [walk.id] if back % 2 else [rest.id]
        journal.add_checkin(day, 2 + back % 4, rich(host, f"n{back}"), activities=chosen)
        journal.log_goal(habit.id, day, "done")
        journal.log_goal(measured.id, day, "amount", amount=1 + back % 3)
    journal.add_setback(today - dt.timedelta(days=3), rich(host, "sh"), image(host, "sp"))
    _, token = sharing.create_share(journal, image(host, "s"), list(sharing.SCOPES), "1 week")
    view = sharing.open_share(store, token, record_view=False)
    assert view is not None
    sharing.leave_encouragement(store, view, image(host, "e"), rich(host, "m"))

    sharing.save_link(journal, peer_token, image(host, "l"))
    return {"person_id": person.id, "token": token, "peer_token": peer_token}


# What Streamlit's markdown would still turn into a request, a link or markup.
_LIVE = {
    "image or link": re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\("),
    "raw HTML": re.compile(r"(?<!\\)<[A-Za-z!/]"),
    "autolink": re.compile(r"(?<!\\)<https?:"),
    # Streamlit finds bare links and icons after undoing escapes: "https\://" is live too.
    "bare link": re.compile(r"https?\\?:\\?/\\?/|(?i:\bwww)\\?\."),
    "icon": re.compile(r"\\?:material/"),
    "e-mail link": re.compile(r"\w@[\w-]+\.\w"),
    "HTML entity": re.compile(r"(?<!\\)&[#A-Za-z0-9]+;"),
    "LaTeX": re.compile(r"(?<!\\)\$"),
    # Shortcodes come alive even with their first ":" escaped.
    "emoji shortcode": re.compile(r"\\?:smile\\?:"),
    # ":" and a letter start a directive (":violet" alone too: it then vanishes).
    "colour directive": re.compile(r"(?<!\\):violet"),
}


def live_markup(text: str) -> list[str]:
    """The kinds of live markup in ``text`` (empty when it is all plain)."""
    return [kind for kind, pattern in _LIVE.items() if pattern.search(text)]
