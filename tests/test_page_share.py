"""Share links from the owner's side and the peer's side, under AppTest."""

import datetime as dt

from streamlit.testing.v1 import AppTest

from tests.conftest import run_page
from tests.page_charts import figure_texts, figures
from tracker import open_store, sharing

HOSTILE = "<img src=x onerror=alert(1)> [x](javascript:alert(1))"


def shared_page(token: str) -> AppTest:
    at = AppTest.from_file("../pages/shared.py", default_timeout=30)
    at.query_params["t"] = token
    return at.run()


def test_creating_a_link_shows_it_once_and_stores_only_a_hash(app_journal, app_db):
    at = run_page("share")
    at.text_input(key="share_label").input("Jordan from group")
    at.checkbox(key="share_scope_selfcare").uncheck()
    at.button(key="share_create").click().run()

    assert not at.exception
    link = at.code[0].value
    assert "/shared?t=" in link
    token = link.split("t=", 1)[1]
    [share] = sharing.list_shares(app_journal)
    assert share.label == "Jordan from group"
    assert share.scopes == ("goals", "mood", "wins") or set(share.scopes) == {
        "mood",
        "goals",
        "wins",
    }
    assert token.encode() not in app_db.read_bytes()


def test_a_link_needs_a_name_and_says_so(app_journal):
    at = run_page("share")
    at.button(key="share_create").click().run()
    assert any("few words" in w.value for w in at.warning)
    assert sharing.list_shares(app_journal) == []


def test_the_shared_view_shows_exactly_the_chosen_sections(app_journal, app_db):
    app_journal.add_checkin(dt.date.today(), 4, "private: slept at my sister's")
    app_journal.add_setback(dt.date.today(), "private reflection")
    _, token = sharing.create_share(app_journal, "Jordan", ["mood"], "1 week")

    at = shared_page(token)
    assert not at.exception
    assert at.title[0].value == "🤝 Robin's journey"
    headers = [h.value for h in at.subheader]
    assert "Small wins" not in headers and "Self-care" not in headers
    assert "Notes and reflections" not in headers
    everything = " ".join(str(e.value) for e in [*at.markdown, *at.text, *at.caption])
    assert "private" not in everything
    assert len(figures(at)) == 2  # mood journey and bounce-back


def test_notes_show_only_when_ticked_and_as_plain_text(app_journal, app_db):
    app_journal.add_checkin(dt.date.today(), 3, HOSTILE)
    _, token = sharing.create_share(app_journal, "Jordan", ["mood", "notes"])

    at = shared_page(token)
    assert "Notes and reflections" in [h.value for h in at.subheader]
    assert HOSTILE in [t.value for t in at.text]  # st.text: never markdown, never HTML


def test_each_visit_is_recorded_once_not_on_every_rerun(app_journal, app_db):
    share, token = sharing.create_share(app_journal, "Jordan", ["mood"])
    at = shared_page(token)
    at.run()
    at.run()
    [summary] = sharing.list_shares(app_journal)
    assert summary.view_count == 1


def test_revoked_expired_and_made_up_links_all_show_the_same_page(app_journal, app_db):
    revoked, revoked_token = sharing.create_share(app_journal, "A", ["mood"])
    sharing.revoke_share(app_journal, revoked.id)
    _, expired_token = sharing.create_share(
        app_journal, "B", ["mood"], "1 day", now=dt.datetime.now() - dt.timedelta(days=2)
    )
    pages = [
        shared_page(token)
        for token in (revoked_token, expired_token, sharing.new_token(), "nonsense", "")
    ]
    shown = [([t.value for t in at.title], [m.value for m in at.markdown]) for at in pages]
    assert all(view == shown[0] for view in shown)
    assert shown[0][0] == ["🌱 This link is no longer active"]
    assert "Robin" not in str(shown[0])


def test_a_peer_leaves_encouragement_and_the_owner_sees_it_as_text(app_journal, app_db):
    _, token = sharing.create_share(app_journal, "Jordan", ["mood", "wins"])
    at = shared_page(token)
    at.text_input(key="shared_author").input("Jordan")
    at.text_area(key="shared_message").input(HOSTILE)
    at.button(key="shared_send").click().run()
    assert any("Thank you" in s.value for s in at.success)

    journey = run_page("journey")
    assert HOSTILE in [t.value for t in journey.text]
    assert any("You are not alone" in h.value for h in journey.subheader)
    assert any("· new" in c.value for c in journey.caption)
    # Seen now: it stays for two weeks, no longer marked new, and can be hidden.
    again = run_page("journey")
    assert HOSTILE in [t.value for t in again.text]
    assert not any("· new" in c.value for c in again.caption)
    [note] = sharing.encouragements(app_journal)
    again.button(key=f"journey_hide_{note.id}").click().run()
    assert HOSTILE not in [t.value for t in again.text]
    share_page = run_page("share")
    assert HOSTILE in [t.value for t in share_page.text]  # listed there, marked hidden


def test_the_owner_can_hide_an_encouragement(app_journal, app_db):
    share, token = sharing.create_share(app_journal, "Jordan", ["mood"])
    with open_store(app_db) as store:
        view = sharing.open_share(store, token)
        note = sharing.leave_encouragement(store, view, "Jordan", "Proud of you")
    at = run_page("share")
    at.button(key=f"share_hide_{note.id}").click().run()
    assert sharing.encouragements(app_journal) == []
    assert sharing.encouragements(app_journal, include_hidden=True)[0].hidden


def test_revoking_from_the_share_page_stops_the_link_at_once(app_journal, app_db):
    share, token = sharing.create_share(app_journal, "Jordan", ["mood"])
    at = run_page("share")
    at.button(key=f"share_revoke_{share.id}").click().run()

    assert shared_page(token).title[0].value == "🌱 This link is no longer active"


def test_the_report_download_offers_a_file_and_explains_a_choice_it_cannot_make(app_journal):
    app_journal.add_checkin(dt.date.today(), 4)
    at = run_page("share")
    assert at.get("download_button"), "the report is offered"

    at.multiselect(key="report_scopes").set_value(["notes"]).run()
    assert not at.exception
    assert not at.get("download_button")
    assert any("notes" in c.value.lower() for c in at.caption)


def everything_said(at: AppTest) -> str:
    return " ".join(
        str(e.value) for e in [*at.markdown, *at.caption, *at.info, *at.success, *at.subheader]
    )


def test_on_a_personal_install_the_report_comes_first_and_no_link_is_offered_to_send(
    app_journal, app_db, monkeypatch
):
    monkeypatch.delenv("TRACKER_PUBLIC_URL", raising=False)
    app_journal.add_checkin(dt.date.today(), 4)
    at = run_page("share")
    said = everything_said(at)
    assert "send the file" in said
    assert "Links open only where this app can be reached" in said
    headers = [h.value for h in at.subheader]
    assert headers.index("Download a report") < headers.index("New link")
    assert headers[headers.index("Download a report") + 1] == (
        "A link, for when your journal is hosted"
    )
    assert at.get("download_button"), "the report is offered"

    at.text_input(key="share_label").input("Jordan")
    at.button(key="share_create").click().run()
    assert "127.0.0.1" in at.code[0].value
    said = everything_said(at)
    assert "send it to them" not in said
    assert "opens only on this computer" in said
    assert [i.icon for i in at.info] == ["💻"]


def test_with_a_public_address_the_link_is_the_way_to_share(app_journal, app_db, monkeypatch):
    monkeypatch.setenv("TRACKER_PUBLIC_URL", "https://journal.example.org/")
    at = run_page("share")
    assert "Anyone with the link can open it, signed in or not" in everything_said(at)
    assert "A link, for when your journal is hosted" not in [h.value for h in at.subheader]
    at.text_input(key="share_label").input("Jordan")
    at.button(key="share_create").click().run()
    assert at.code[0].value.startswith("https://journal.example.org/shared?t=")
    assert any("send it to them" in s.value for s in at.success)
    headers = [h.value for h in at.subheader]
    assert headers.index("New link") < headers.index("Download a report")


def test_the_shared_view_speaks_about_the_person_by_name(app_journal, app_db):
    for back in range(20, 0, -1):
        app_journal.add_checkin(dt.date.today() - dt.timedelta(days=back), 3 + back % 2)
    _, token = sharing.create_share(app_journal, "Jordan", ["mood", "wins"])
    at = shared_page(token)
    said = everything_said(at).replace("\\", "")  # as read, without markdown escapes
    assert "Robin's mood" in said
    assert "Each dot is one of Robin's 20 logged days." in said
    assert "A whole week of check-ins. Showing up for themselves counts." in said
    for word in ("your mood", "you bounced", "your way", "of your"):
        assert word not in said.lower(), word
    # The owner's own Journey still speaks to them.
    journey = run_page("journey")
    assert any("your mood" in m.value for m in journey.markdown)


def test_a_link_speaks_by_the_name_chosen_for_it(app_journal, app_db):
    for back in range(10, 0, -1):
        app_journal.add_checkin(dt.date.today() - dt.timedelta(days=back), 4)
    at = run_page("share")
    assert at.text_input(key="share_shown_name").value == "Robin"
    at.text_input(key="share_label").input("Jordan")
    at.text_input(key="share_shown_name").input("Rob")
    at.button(key="share_create").click().run()
    token = at.code[0].value.split("t=", 1)[1]

    shared = shared_page(token)
    assert shared.title[0].value == "🤝 Rob's journey"
    assert "Each dot is one of Rob's 10 logged days." in everything_said(shared)
    assert "Robin" not in everything_said(shared)


def test_a_peer_sees_self_care_only_never_neutral_activities_or_things_to_watch(
    app_journal, app_db
):
    """What the person keeps an eye on (a drink, a trigger) is theirs alone, even when the
    link shares self-care, wins and notes."""
    walk = app_journal.add_activity("Evening walk")
    beer = app_journal.add_activity("Beer with Tom", kind="watch")
    work = app_journal.add_activity("Night shift", kind="neutral")
    for offset in range(12):
        day = dt.date.today() - dt.timedelta(days=offset)
        done = [walk.id, beer.id, work.id] if offset % 2 else [walk.id]
        app_journal.add_checkin(day, 3 + offset % 2, activities=done)
    scopes = ["mood", "selfcare", "goals", "wins", "notes"]
    _, token = sharing.create_share(app_journal, "Jordan", scopes, "1 week")

    at = shared_page(token)
    assert not at.exception
    shown = everything_said(at) + figure_texts(at)
    assert "Evening walk" in shown
    assert "Beer with Tom" not in shown and "Night shift" not in shown

    report = sharing.scoped_frames(app_journal.frames(), scopes)
    assert report.activities["name"].tolist() == ["Evening walk"]
    assert set(report.activity_logs["activity_id"]) == {walk.id}
