"""Issue 12, "Markdown in user text": with every name in the journal hostile, no page
hands Streamlit a piece of markdown that is still an image, a link, HTML, a directive,
a shortcode or LaTeX: in text, captions, toasts, alerts, labels, options and tables.

(tests/browser/test_e2e_injection.py makes the real attempt in Chromium and counts
requests; this walks every element each page sends, under AppTest.)
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from tests.conftest import run_page
from tests.hostile_text import live_markup, rich, seed
from tests.page_charts import figures
from tracker import open_store
from ui.text import plain

HOST = "evil.test"
# Proto fields Streamlit renders as markdown (labels, bodies, tooltips, options...).
MARKDOWN_FIELDS = {"label", "body", "help", "text", "content", "selected_content", "options"}
# Shown as plain text by Streamlit: selectbox and multiselect options, st.text, st.code.
PLAIN = {("Selectbox", "options"), ("MultiSelect", "options"), ("Text", "body"), ("Code", "body")}


def markdown_texts(message: Message, owner: str = "") -> list[tuple[str, str]]:
    """(where, text) for every string Streamlit renders as markdown in ``message``."""
    kind = type(message).__name__
    found = []
    for field, value in message.ListFields():
        if field.message_type is not None:
            children = value if field.is_repeated else [value]
            for child in children:
                found += markdown_texts(child, kind)
        elif field.name in MARKDOWN_FIELDS and (kind, field.name) not in PLAIN:
            for text in value if field.is_repeated else [value]:
                if isinstance(text, str):
                    found.append((f"{owner}.{kind}.{field.name}", text))
    return found


def walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from walk(child)


def live_anywhere(at: AppTest) -> list[tuple[str, str, list[str]]]:
    """Every piece of markdown on the page that holds live markup, with where it is."""
    assert not at.exception, at.exception
    problems = []
    for node in walk(at._tree):
        proto = getattr(node, "proto", None)
        if isinstance(proto, Message):
            for where, text in markdown_texts(proto):
                kinds = live_markup(text)
                if kinds:
                    problems.append((where, text, kinds))
    for table in at.table:  # st.table renders each cell as markdown
        for cell in table.value.astype(str).to_numpy().ravel():
            if live_markup(cell):
                problems.append(("Table cell", cell, live_markup(cell)))
    for spec in figures(at):  # plotly reads <a href>, <b>... in its text
        for trace in spec["data"]:
            for key in ("name", "text", "hovertext"):
                values = trace.get(key)
                for value in values if isinstance(values, list) else [values]:
                    if isinstance(value, str) and ("<a" in value or "<img" in value):
                        problems.append((f"plotly {key}", value, ["HTML in a figure"]))
    return problems


def hostile_shown(at: AppTest) -> bool:
    """The page did show the hostile names (as text): the test looked at something."""
    return any(
        HOST in text
        for node in walk(at._tree)
        if isinstance(getattr(node, "proto", None), Message)
        for _, text in markdown_texts(node.proto)
    )


@pytest.fixture
def hostile(app_db):
    with open_store(app_db) as store:
        return seed(store, HOST)


@pytest.mark.parametrize(
    "page", ["today", "journey", "goals", "selfcare", "share", "peers", "data"]
)
def test_every_page_shows_hostile_names_as_plain_text(hostile, page):
    at = run_page(page, person_id=hostile["person_id"])
    assert live_anywhere(at) == []
    assert hostile_shown(at)


def test_the_shared_page_shows_a_hostile_journal_as_plain_text(hostile):
    at = AppTest.from_file("../pages/shared.py", default_timeout=30)
    at.query_params["t"] = hostile["token"]
    at.run()
    assert live_anywhere(at) == []
    assert hostile_shown(at)
    assert figures(at)  # the charts (with habit names) were drawn


def test_toasts_and_warnings_with_a_hostile_name_stay_plain(hostile):
    at = run_page("share", person_id=hostile["person_id"])
    at.text_input(key="share_label").input(rich(HOST, "x")[:60]).run()
    at.button(key="share_create").click().run()
    assert [t for t in at.toast if HOST in t.value]  # "Link for ... is ready."
    assert live_anywhere(at) == []


def test_a_goal_step_and_unit_in_widget_labels_stay_plain(hostile, app_db):
    with open_store(app_db) as store:
        goals = store.journal(hostile["person_id"]).goals()
    measured = next(g for g in goals if g.is_measurable)
    at = run_page("goals", person_id=hostile["person_id"])
    assert any(HOST in c.label for c in at.checkbox)  # the one-off goal's step
    strip = at.get("button_group")
    day_strip = next(b for b in strip if b.key == f"goals_strip_{measured.id}")
    day_strip.set_value(dt.date.today()).run()  # opens the day: "Amount (<unit>)"
    assert any(HOST in n.label for n in at.number_input)
    assert live_anywhere(at) == []


@pytest.mark.parametrize(
    "text",
    [
        "![x](http://evil.test/p)",
        "<img src=x onerror=alert(1)>",
        "[a](javascript:alert(1))",
        "<https://evil.test/a>",
        "see https://evil.test/b or www.evil.test",
        ":violet[colour] :smile: :material/home: :+1:",
        "note:violet stays, me@evil.test is no link",
        "$\\frac{1}{2}$ &lt;b&gt;",
        "1. list\n- item\n# heading\n> quote\n---",
        "`code` **bold** ~~gone~~ | a | b |",
    ],
)
def test_plain_leaves_nothing_live(text):
    assert live_markup(plain(text)) == []
    # ... and reads as written: undo the escapes and the invisible joiners.
    shown = re.sub(r"\\(.)", r"\1", plain(text).replace("\u2060", "").replace("  \n", "\n"))
    assert shown == text
