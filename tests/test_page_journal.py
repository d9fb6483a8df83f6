"""Your journal page through AppTest: every entry grouped by day, search narrowing to
one entry, filters, opening and editing entries, setbacks reread, the support plan."""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import run_page
from tracker import open_store

TODAY = dt.date.today()


@pytest.fixture
def filled(app_journal):
    """Robin's journal: three days, one with two check-ins, a setback, self-care, a goal."""
    j = app_journal
    walk = j.add_activity("Walk", emoji="🚶")
    goal = j.add_goal("Stretch")
    d1, d2, d3 = (TODAY - dt.timedelta(days=n) for n in (5, 3, 1))
    ids = {
        "cafe": j.add_checkin(d1, 4, "Coffee at the Café with Zoë", activities=[walk.id]).id,
        "morning": j.add_checkin(d2, 2, "Rough morning", logged_at=f"{d2}T08:05:00").id,
        "evening": j.add_checkin(d2, 3, "Better by evening", logged_at=f"{d2}T21:30:00").id,
        "late": j.add_checkin(d3, 5, "Walked by the sea", goals_done=[goal.id]).id,
    }
    j.add_setback(d2, "An argument at work", "Talking to my sister", "Take a breath first")
    return {"journal": j, "walk": walk.id, "days": (d1, d2, d3), **ids}


def journal_page() -> AppTest:
    return run_page("journal")


def text_of(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_every_check_in_newest_first_grouped_by_day_with_its_day(filled):
    at = journal_page()
    assert not at.exception
    shown = text_of(at)
    d1, d2, d3 = filled["days"]
    headings = [f"**{d:%A %-d %B %Y}**" for d in (d3, d2, d1)]
    positions = [shown.index(h) for h in headings]
    assert positions == sorted(positions)  # newest day first
    # A day with two check-ins shows their times; the setback and self-care of the day too.
    assert "08:05" in shown and "21:30" in shown
    assert "An argument at work" in shown and "Talking to my sister" in shown
    assert "🚶 Walk" in shown and "Stretch: done" in shown.replace("\\", "")
    assert any("4 check-ins on 3 days" in c.value for c in at.caption)


def test_searching_narrows_to_one_entry_whatever_the_case_and_accents(filled):
    at = journal_page()
    at.text_input(key="journal_search").input("cafe zoe").run()
    shown = text_of(at)
    assert "Coffee at the Café with Zoë" in shown
    assert "Rough morning" not in shown and "Walked by the sea" not in shown
    assert any("Found 1 check-in on 1 day" in c.value for c in at.caption)
    assert [b.key for b in at.button if b.key.startswith("journal_open_")] == [
        f"journal_open_{filled['cafe']}"
    ]


def test_nothing_found_says_so_kindly(filled):
    at = journal_page()
    at.text_input(key="journal_search").input("elephant").run()
    assert any("Nothing matches" in i.value for i in at.info)


def test_filters_by_mood_self_care_and_dates(filled):
    at = journal_page()
    at.pills(key="journal_moods").set_value([2, 3]).run()
    shown = text_of(at)
    assert "Rough morning" in shown and "Better by evening" in shown
    assert "Walked by the sea" not in shown
    at.pills(key="journal_moods").set_value([]).run()
    at.selectbox(key="journal_activity").set_value(filled["walk"]).run()
    assert "Coffee at the Café" in text_of(at) and "Rough morning" not in text_of(at)
    at.selectbox(key="journal_activity").set_value(None).run()
    d1, d2, d3 = filled["days"]
    at.date_input(key="journal_dates").set_value((d2, d3)).run()
    assert "Coffee at the Café" not in text_of(at) and "Walked by the sea" in text_of(at)


def test_an_entry_is_opened_edited_and_deleted_from_the_journal(filled, app_db):
    at = journal_page()
    entry = filled["late"]
    at.button(key=f"journal_open_{entry}").click().run()
    at.text_area(key=f"journal_edit_{entry}_note").input("Walked by the sea, twice")
    at.pills(key=f"journal_edit_{entry}_selfcare").set_value([filled["walk"]])
    at.button(key=f"journal_edit_{entry}_save").click().run()
    assert not at.exception
    with open_store(app_db) as store:
        journal = store.journal(filled["journal"].person_id)
        assert journal.checkin(entry).note == "Walked by the sea, twice"
        assert journal.day_activities(filled["days"][2]) == {filled["walk"]}
    assert "Walked by the sea, twice" in text_of(at)

    at.button(key=f"journal_open_{entry}").click().run()
    at.button(key=f"journal_edit_{entry}_delete").click().run()
    at.button(key=f"journal_delete_{entry}_all").click().run()
    with open_store(app_db) as store:
        journal = store.journal(filled["journal"].person_id)
        assert [c.id for c in journal.checkins()] == [
            filled["evening"],
            filled["morning"],
            filled["cafe"],
        ]
        assert journal.day_log_counts(filled["days"][2]) == (0, 0)


def test_a_long_journal_comes_in_pages(app_journal):
    for n in range(25):
        app_journal.add_checkin(TODAY - dt.timedelta(days=n), 3, f"day number {n}")
    at = journal_page()
    shown = text_of(at)
    assert "day number 0" in shown and "day number 9" in shown and "day number 10" not in shown
    [pages] = at.pagination
    pages.set_value(3).run()
    assert "day number 20" in text_of(at) and "day number 0" not in text_of(at)


def test_setbacks_are_reread_newest_first_and_edited(filled, app_db):
    journal = filled["journal"]
    older = journal.add_setback(TODAY - dt.timedelta(days=40), "Lost my job", "My group")
    at = journal_page()
    at.segmented_control(key="journal_section").set_value("Setbacks").run()
    shown = text_of(at)
    assert shown.index("An argument at work") < shown.index("Lost my job")
    assert "Take a breath first" in shown  # all three reflections
    assert any("2 setback notes" in c.value for c in at.caption)
    at.button(key=f"journal_setback_open_{older.id}").click().run()
    at.text_area(key=f"journal_setback_{older.id}_next").input("Call the group sooner")
    moved = TODAY - dt.timedelta(days=38)  # remembered better: it was two days later
    at.date_input(key=f"journal_setback_{older.id}_day").set_value(moved)
    at.button(key=f"journal_setback_{older.id}_save").click().run()
    with open_store(app_db) as store:
        edited = store.journal(journal.person_id).setback(older.id)
        assert (edited.try_next, edited.day) == ("Call the group sooner", moved)
    at.button(key=f"journal_setback_open_{older.id}").click().run()
    at.button(key=f"journal_setback_{older.id}_delete").click().run()
    at.button(key=f"journal_setback_{older.id}_delete_yes").click().run()
    with open_store(app_db) as store:
        assert len(store.journal(journal.person_id).setbacks()) == 1


def test_one_setback_note_reads_right(app_journal):
    app_journal.add_setback(TODAY, "A hard day")
    at = journal_page()
    at.segmented_control(key="journal_section").set_value("Setbacks").run()
    assert any(c.value.startswith("1 setback note.") for c in at.caption)


def test_an_empty_journal_says_what_will_be_here(app_journal):
    at = journal_page()
    assert not at.exception
    assert any("will collect here" in i.value for i in at.info)


def test_the_support_plan_says_to_call_the_local_emergency_number_until_one_is_entered(
    app_journal, monkeypatch
):
    monkeypatch.delenv("TRACKER_CRISIS_LINE", raising=False)
    at = journal_page()
    at.segmented_control(key="journal_section").set_value("Support plan").run()
    assert "call your local emergency number" in text_of(at)
    at.text_input(key="journal_plan_crisis").input("My line 555")
    at.button(key="journal_plan_save").click().run()
    assert "My line 555" in text_of(at)


def test_each_person_searches_only_their_own_journal(app_db):
    with open_store(app_db) as store:
        robin = store.journal(store.add_person("Robin").id)
        sam = store.journal(store.add_person("Sam").id)
        robin.add_checkin(TODAY, 3, "robin walks")
        sam.add_checkin(TODAY, 3, "sam walks")
    at = run_page("journal", person_id=robin.person_id)
    at.text_input(key="journal_search").input("walks").run()
    assert "robin walks" in text_of(at) and "sam walks" not in text_of(at)


def test_the_support_plan_is_never_shown_through_a_share_link(app_journal):
    from tracker import sharing

    app_journal.add_checkin(TODAY, 1, "a hard one")
    app_journal.save_support_plan(
        [{"name": "Secret Ana", "how": "call 0123"}], "Private tea", "Private line 555"
    )
    _, token = sharing.create_share(app_journal, "Jordan", list(sharing.SCOPES), "1 week")
    at = AppTest.from_file("../pages/shared.py", default_timeout=30)
    at.query_params["t"] = token
    at.run()
    assert not at.exception
    everything = " ".join(str(e.value) for e in [*at.markdown, *at.text, *at.caption])
    assert "a hard one" in everything  # notes were shared...
    for private in ("Secret Ana", "0123", "Private tea", "Private line 555"):
        assert private not in everything  # ...the support plan never is


def test_a_search_also_finds_the_words_in_setback_notes(filled):
    at = journal_page()
    at.text_input(key="journal_search").input("SISTER").run()
    [found] = [e for e in at.expander if e.label.startswith("In your setback notes")]
    assert found.label == "In your setback notes: 1 match"
    assert "Talking to my sister" in " ".join(m.value for m in found.markdown)
