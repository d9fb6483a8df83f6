"""The Data page under AppTest: imports with a preview, mood mapping, and deleting data."""

from pathlib import Path

from tests.conftest import run_page
from tracker import backup

FIXTURES = Path(__file__).parent / "fixtures"


def upload(at, name: str, mime: str = "text/csv"):
    at.file_uploader[0].set_value((name, (FIXTURES / name).read_bytes(), mime))
    return at.run()


def test_a_daylio_file_is_previewed_before_anything_is_written(app_journal):
    at = upload(run_page("data"), "daylio_v2_full_date.csv")

    assert not at.exception
    assert any("This Daylio file holds" in i.value for i in at.info)
    assert app_journal.checkins() == []  # a preview writes nothing

    at.button(key="data_import").click().run()
    assert len(app_journal.checkins()) > 0
    assert any(s.value.startswith("Added") for s in at.success)


def test_unknown_mood_labels_are_asked_for_before_importing(app_journal):
    at = upload(run_page("data"), "daylio_custom_moods.csv")
    assert "data_import" not in [b.key for b in at.button]
    labels = [s.label for s in at.selectbox if s.key.startswith("data_mood_")]
    assert "fine" in labels and "so-so" in labels

    at.selectbox(key="data_mood_fine").set_value(4)
    at.selectbox(key="data_mood_so-so").set_value(3)
    at.button(key="data_mood_apply").click().run()
    at.button(key="data_import").click().run()

    moods = sorted(c.mood for c in app_journal.checkins())
    assert 3 in moods and 4 in moods


def test_a_file_with_a_bad_row_imports_nothing_and_names_the_row(app_journal):
    at = upload(run_page("data"), "daylio_bad_rows.csv")
    assert any("row" in w.value.lower() for w in at.warning)
    assert "data_import" not in [b.key for b in at.button]
    assert app_journal.checkins() == []


def test_a_backup_restores_through_the_same_preview(app_journal, tmp_path):
    import datetime as dt

    app_journal.add_checkin(dt.date(2026, 1, 5), 4, "kept")
    saved = backup.backup_bytes(app_journal)
    app_journal.delete_checkin(app_journal.checkins()[0].id)

    at = run_page("data")
    at.radio(key="data_source").set_value("backup").run()
    at.file_uploader[0].set_value(("backup.json", saved, "application/json"))
    at.run()
    at.button(key="data_import").click().run()
    assert [c.note for c in app_journal.checkins()] == ["kept"]


def test_deleting_needs_the_typed_name(app_journal, app_db):
    app_journal.add_activity("Walk")
    at = run_page("data")
    at.text_input(key="data_delete_confirm").input("not my name")
    at.button(key="data_delete").click().run()
    assert any("doesn't match" in w.value for w in at.warning)
    assert app_journal.activities()

    at.text_input(key="data_delete_confirm").input("Robin")
    at.button(key="data_delete").click().run()
    assert app_journal.store.people() == []


def test_new_activities_can_be_sorted_in_the_preview_and_the_rest_come_in_neutral(app_journal):
    at = upload(run_page("data"), "daylio_v2_full_date.csv")
    names = at.multiselect(key="data_kinds_selfcare").options
    assert names, "the preview offers the file's new activities to sort"
    care, watch = names[0], names[-1]
    at.multiselect(key="data_kinds_selfcare").set_value([care]).run()
    at.multiselect(key="data_kinds_watch").set_value([watch]).run()
    at.button(key="data_import").click().run()
    kinds = {a.name: a.kind for a in app_journal.activities()}
    assert kinds.pop(care) == "selfcare" and kinds.pop(watch) == "watch"
    assert set(kinds.values()) <= {"neutral"}


def test_a_file_without_a_header_row_is_imported_only_once_confirmed(app_journal):
    at = upload(run_page("data"), "daylio_no_header.csv")
    assert not at.exception
    assert any("no header row" in i.value for i in at.info)
    assert "data_import" not in [b.key for b in at.button]
    at.checkbox(key="data_confirm_no_header").check().run()
    at.button(key="data_import").click().run()
    assert [c.mood for c in app_journal.checkins(newest_first=False)] == [1, 4]
