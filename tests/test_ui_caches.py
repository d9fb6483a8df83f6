"""ui.py's cached loaders: keyed by data versions, and holding only the newest."""

import datetime as dt

import ui


def test_a_newer_version_drops_the_older_values_and_a_repeat_is_served_from_cache(
    app_db, app_journal
):
    db, person = str(app_db), app_journal.person_id
    app_journal.add_checkin(dt.date.today(), 3)
    store = app_journal.store
    today = dt.date.today()
    first = store.data_versions(person)
    old_frames, old_journey = (
        ui.load_frames(db, person, first),
        ui.load_journey(db, person, today, first),
    )
    assert ui.load_frames(db, person, first) is old_frames  # cached

    app_journal.add_checkin(dt.date.today() - dt.timedelta(days=1), 4)
    second = store.data_versions(person)
    assert second.journal > first.journal
    assert len(ui.load_journey(db, person, today, second).daily) == 2

    # The older values are gone: asking for them again computes them afresh.
    assert ui.load_frames(db, person, first) is not old_frames
    assert ui.load_journey(db, person, today, first) is not old_journey


def test_an_older_run_catching_up_keeps_the_newer_values(app_db, app_journal):
    db, person = str(app_db), app_journal.person_id
    store = app_journal.store
    first = store.data_versions(person)
    app_journal.add_checkin(dt.date.today(), 3)
    second = store.data_versions(person)
    newest = ui.load_frames(db, person, second)
    ui.load_frames(db, person, first)  # a run that read its version before the write
    assert ui.load_frames(db, person, second) is newest


def test_other_people_keep_their_values(app_db, app_journal):
    db, robin = str(app_db), app_journal.person_id
    store = app_journal.store
    sam = store.journal(store.add_person("Sam").id)
    sams = ui.load_frames(db, sam.person_id, store.data_versions(sam.person_id))
    app_journal.add_checkin(dt.date.today(), 3)
    ui.load_frames(db, robin, store.data_versions(robin))
    assert ui.load_frames(db, sam.person_id, store.data_versions(sam.person_id)) is sams
