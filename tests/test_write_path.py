"""Every write a page makes goes through the one write path, ``ui.feedback.saving``.

So a record deleted in another tab, a full disk or a busy journal ends in a kind message
(not a traceback), what was typed stays, and a saved write renews the page. The first
test reads the pages' code; the others run the path itself in a page.
"""

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from tests.conftest import run_page
from tests.test_page_database_problems import faulty_connections

ROOT = Path(__file__).resolve().parents[1]
PAGE_CODE = sorted([*ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py")])

# Journal, store and sharing methods that change a journal.
WRITE = re.compile(
    r"^(add|update|delete|log_goal|set|save|clear|hide|revoke|create|merge|archive|leave|"
    r"remove|edit)(_|$)"
)
# Bookkeeping done while a page is only being read: no one acted, so there is nothing to
# confirm, and a failure must not cost the page (each is a single idempotent statement).
# What a page writes through: a person's journal, the store, or tracker.sharing.
RECEIVER = re.compile(r"^(journal|mine|ctx\.journal|store|ctx\.store|sharing)$|\.journal\(")
BOOKKEEPING = {"mark_all_celebrated", "mark_encouragements_seen", "mark_looked"}


def _writes_outside_saving(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    def inside_saving(node: ast.AST) -> bool:
        while node in parents:
            node = parents[node]
            if isinstance(node, ast.With) and any(
                isinstance(item.context_expr, ast.Call)
                and ast.unparse(item.context_expr.func) in {"feedback.saving", "saving"}
                for item in node.items
            ):
                return True
        return False

    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name = node.func.attr
        if name in BOOKKEEPING or not WRITE.match(name):
            continue
        if not RECEIVER.search(ast.unparse(node.func.value)):
            continue
        if path.name == "feedback.py" and name == "add_goal":  # the docstring's example
            continue
        if not inside_saving(node):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node.func)}")
    return found


def test_every_write_on_every_page_goes_through_saving():
    outside = [line for path in PAGE_CODE for line in _writes_outside_saving(path)]
    assert outside == []


def test_the_check_finds_a_write_outside_saving(tmp_path):
    page = tmp_path / "page.py"
    page.write_text(
        "if st.button('Done'):\n"
        "    journal.log_goal(1, day, 'done')\n"
        "with feedback.saving('Saved.'):\n"
        "    journal.add_setback(day, 'x', '', '')\n"
    )
    page.rename(ROOT / "ui" / "_write_path_probe.py")
    try:
        assert _writes_outside_saving(ROOT / "ui" / "_write_path_probe.py") == [
            "ui/_write_path_probe.py:2 journal.log_goal"
        ]
    finally:
        (ROOT / "ui" / "_write_path_probe.py").unlink()


@pytest.fixture
def goals_page(app_journal):
    """The Goals page open on a habit, as a person would have it before pressing a button."""
    goal = app_journal.add_goal("Walk", kind="habit", times=3, per_days=7)
    at = run_page("goals")
    at.pills(key=f"goals_strip_{goal.id}").set_value(dt.date.today()).run()
    return at, app_journal, goal


def _button(at, goal, name: str):
    """One of today's log buttons of ``goal``: done, skip, lapsed or clear."""
    return at.button(key=f"goals_log_{goal.id}_{dt.date.today()}_{name}")


# These buttons wrote outside any kind message before the one write path (issue 17).
@pytest.mark.parametrize("label", ["done", "lapsed", "clear"])
def test_a_goal_button_that_hits_a_read_only_journal_says_so_kindly(goals_page, monkeypatch, label):
    at, journal, goal = goals_page
    with monkeypatch.context() as patch:  # the file turned read-only after the page drew
        faulty_connections(patch, "PRAGMA query_only = 1")
        _button(at, goal, label).click().run()
    assert not at.exception
    assert any("read-only" in w.value for w in at.warning), [w.value for w in at.warning]
    assert journal.goal_logs() == []
    assert [t.value for t in at.toast] == []  # nothing claims it was saved


def test_a_saved_write_renews_the_page_and_says_so_once(goals_page):
    at, journal, goal = goals_page
    _button(at, goal, "done").click().run()
    assert not at.exception
    assert [t.value for t in at.toast] == ["Nice. That counts."]
    assert len(journal.goal_logs()) == 1
    at.run()  # the toast is shown once, not on every later run
    assert [t.value for t in at.toast] == []
