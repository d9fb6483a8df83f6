"""ui.cache's loaders: keyed by data versions, and holding only the newest."""

import datetime as dt

from ui import cache


def test_a_newer_version_drops_the_older_values_and_a_repeat_is_served_from_cache(
    app_db, app_journal
):
    db, person = str(app_db), app_journal.person_id
    app_journal.add_checkin(dt.date.today(), 3)
    store = app_journal.store
    today = dt.date.today()
    first = store.data_versions(person)
    old_frames, old_journey = (
        cache.load_frames(db, person, first),
        cache.load_journey(db, person, today, first),
    )
    assert cache.load_frames(db, person, first) is old_frames  # cached

    app_journal.add_checkin(dt.date.today() - dt.timedelta(days=1), 4)
    second = store.data_versions(person)
    assert second.journal > first.journal
    assert len(cache.load_journey(db, person, today, second).daily) == 2

    # The older values are gone: asking for them again computes them afresh.
    assert cache.load_frames(db, person, first) is not old_frames
    assert cache.load_journey(db, person, today, first) is not old_journey


def test_an_older_run_catching_up_keeps_the_newer_values(app_db, app_journal):
    db, person = str(app_db), app_journal.person_id
    store = app_journal.store
    first = store.data_versions(person)
    app_journal.add_checkin(dt.date.today(), 3)
    second = store.data_versions(person)
    newest = cache.load_frames(db, person, second)
    cache.load_frames(db, person, first)  # a run that read its version before the write
    assert cache.load_frames(db, person, second) is newest


def test_other_people_keep_their_values(app_db, app_journal):
    db, robin = str(app_db), app_journal.person_id
    store = app_journal.store
    sam = store.journal(store.add_person("Sam").id)
    sams = cache.load_frames(db, sam.person_id, store.data_versions(sam.person_id))
    app_journal.add_checkin(dt.date.today(), 3)
    cache.load_frames(db, robin, store.data_versions(robin))
    assert cache.load_frames(db, sam.person_id, store.data_versions(sam.person_id)) is sams
