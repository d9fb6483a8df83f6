"""The supporter's overview on a phone: three people who shared with them, the one who
might welcome a word first, an ended link without data, and a word sent with one tap."""

import datetime as dt

import pytest
from e2e_support import expect_toast, goto, main, screenshot, sideways_overflow, wait_idle
from playwright.sync_api import expect

from tracker import sharing

pytestmark = pytest.mark.browser


@pytest.fixture
def supporter(app_server):
    """Casey (in a setback since 3 days ago), Eli (quiet for 9 days), Dana (doing well),
    and a revoked link from Fay; the supporter, made last, is the journal the app opens."""
    today = dt.date.today()
    with app_server.store() as store:
        tokens = {}
        for name, last, low in (("Dana", 0, None), ("Eli", 9, None), ("Casey", 0, 3)):
            journal = store.journal(store.add_person(name).id)
            for back in range(40, last - 1, -1):
                mood = 1 if low is not None and back <= low else 4
                journal.add_checkin(today - dt.timedelta(days=back), mood)
            if low is not None:
                journal.add_setback(today - dt.timedelta(days=low), "A hard day.")
            _, tokens[name] = sharing.create_share(journal, "Kim", ["mood", "wins"])
        fay = store.journal(store.add_person("Fay").id)
        fay.add_checkin(today, 4)
        share, tokens["Fay"] = sharing.create_share(fay, "Kim", ["mood"])
        sharing.revoke_share(fay, share.id)
        me = store.add_person("Kim the supporter")
        for name, token in tokens.items():
            sharing.save_link(store.journal(me.id), token, name)
    return me


def test_three_people_at_a_glance_on_a_phone_and_a_word_in_one_tap(app_server, new_page, supporter):
    page = new_page(phone=True)
    goto(page, "/peers")
    rows = main(page).locator("[class*='st-key-peers_row_']")
    expect(rows).to_have_count(4)
    firsts = [text.split("\n")[0] for text in rows.all_inner_texts()]
    assert [line.split(" ·")[0].strip() for line in firsts] == ["Casey", "Eli", "Dana", "Fay"]
    expect(rows.nth(0)).to_contain_text("finding their way back from a setback")
    expect(rows.nth(1)).to_contain_text("Last check-in 9 days ago")
    expect(rows.nth(2)).to_contain_text("Checked in today")
    expect(rows.nth(3)).to_contain_text("This link has ended")
    expect(rows.nth(3).get_by_role("button", name="💌 Send encouragement")).to_have_count(0)
    assert sideways_overflow(page) == []
    screenshot(page, "peers-overview-phone")

    rows.nth(0).get_by_role("button", name="💌 Send encouragement").click()
    wait_idle(page)
    expect_toast(page, "Sent Casey a word of encouragement.")
    expect(rows.nth(0).get_by_role("button", name="💌 Sent")).to_be_disabled()
    with app_server.store() as store:
        casey = next(p for p in store.people() if p.name == "Casey")
        [note] = sharing.encouragements(store.journal(casey.id))
    assert note.author == "Kim the supporter"
