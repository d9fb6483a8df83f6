"""Editing an activity on the Self-care page: what is changed is saved, what is emptied
is cleared, and the rest stays (Journal.update_activity keeps the fields not given)."""

from tests.conftest import run_page


def test_renaming_on_the_page_keeps_the_emoji_kind_and_rhythm(app_journal):
    walk = app_journal.add_activity("Walk", emoji="🚶", category="body", times=3, per_days=7)
    at = run_page("selfcare")
    at.text_input(key=f"selfcare_edit_{walk.id}_name").input("Walk outside")
    at.button(key=f"selfcare_edit_{walk.id}_save").click().run()

    assert not at.exception
    saved = app_journal.activity(walk.id)
    assert (saved.name, saved.emoji, saved.category, saved.times, saved.per_days) == (
        "Walk outside",
        "🚶",
        "body",
        3,
        7,
    )


def test_emptying_the_emoji_kind_and_rhythm_on_the_page_clears_them(app_journal):
    walk = app_journal.add_activity("Walk", emoji="🚶", category="body", times=3, per_days=7)
    at = run_page("selfcare")
    prefix = f"selfcare_edit_{walk.id}"
    at.text_input(key=f"{prefix}_emoji").input("")
    at.selectbox(key=f"{prefix}_category").set_value("")
    at.toggle(key=f"{prefix}_habit").set_value(False).run()
    at.button(key=f"{prefix}_save").click().run()

    assert not at.exception
    saved = app_journal.activity(walk.id)
    assert (saved.name, saved.emoji, saved.category, saved.times, saved.per_days) == (
        "Walk",
        None,
        None,
        None,
        None,
    )
