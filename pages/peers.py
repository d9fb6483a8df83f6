"""Peers: an overview of the people who shared their journey with you, one row each,
those who might welcome a word first."""

import datetime as dt

import streamlit as st

from tracker import peer_overview, sharing
from ui import cache, feedback, session
from ui.text import plain

ctx = session.page_setup()
journal = ctx.journal
today = dt.date.today()
QUICK_WORD = "Thinking of you and cheering you on."

st.title("👥 People you support", anchor=False)
st.caption(
    "Links people shared with you, those who might welcome a word first. You see only what "
    "each of them chose to share."
)

with st.expander("➕ Add a link someone sent you", expanded=False):
    pasted = st.text_input("Paste the link", key="peers_link")
    label = st.text_input("Their name (optional)", max_chars=60, key="peers_label")
    if st.button("Save link", key="peers_save"):
        with feedback.saving("Saved."):
            sharing.save_link(journal, pasted, label or None)
            del st.session_state["peers_link"], st.session_state["peers_label"]

links = sharing.saved_links(journal)
if not links:
    st.info("When someone shares a link with you, save it here to follow along.", icon="🤝")

# "New" means new since the last visit: read once per visit, so that the page's own
# reruns (a tap on a button) don't clear it.
if "peers_looked" not in st.session_state:
    st.session_state["peers_looked"] = sharing.last_looked(journal)
looked: dict = st.session_state["peers_looked"]
sent: set = st.session_state.setdefault("peers_sent", set())

rows, views = [], {}
for link in links:
    # Checking a row is not a visit: the owner's view count stays for real visits.
    view = sharing.open_share(ctx.store, link.token, record_view=False)
    if view is None:
        rows.append(peer_overview.ended_row(link.id, link.label))
        continue
    views[link.id] = (link, view)
    shared = cache.shared_journey(ctx.store, view)
    rows.append(
        peer_overview.person_row(
            link.id,
            view.owner_name,
            view.scopes,
            shared.content.journey,
            list(shared.content.wins),
            looked.get(link.id),
            today,
        )
    )

for row in peer_overview.in_order(rows):
    with st.container(border=True, key=f"peers_row_{row.link_id}"):
        if not row.active:
            st.markdown(f"**{plain(row.name)}** · :gray[ended]")
            st.caption("This link has ended, so nothing of theirs shows here any more.")
            if st.button("Remove", key=f"peers_remove_{row.link_id}"):
                with feedback.saving("Removed from your list."):
                    sharing.remove_saved_link(journal, row.link_id)
            continue
        link, view = views[row.link_id]
        # The trend's last 8 weeks as marks: text, light enough for a dozen rows on a phone.
        spark = f" · :blue[{row.sparkline.strip()}] {row.trend_words}" if row.sparkline else ""
        st.markdown(f"**{plain(row.name)}**{spark}")
        facts = [text for text in (row.checkin_words, row.setback_words) if text]
        if facts:
            st.caption(" · ".join(facts))
        if row.reasons:
            st.markdown(f":small[💬 Might welcome a word: {', '.join(row.reasons)}]")
        if row.new:
            st.markdown(f":small[:blue[New since you last looked: {', '.join(row.new)}]]")
        # One row of buttons, also on a phone (columns would stack there).
        actions = st.container(horizontal=True, gap="small")
        if row.link_id in sent:
            actions.button("💌 Sent", key=f"peers_send_{row.link_id}", disabled=True)
        elif actions.button("💌 Send encouragement", key=f"peers_send_{row.link_id}"):
            with feedback.saving(f"Sent {view.owner_name} a word of encouragement.", icon="💌"):
                sharing.leave_encouragement(ctx.store, view, ctx.person.name, QUICK_WORD)
                sent.add(row.link_id)
        actions.link_button("Open", session.share_link(link.token))
        if actions.button("Remove", key=f"peers_remove_{row.link_id}", type="tertiary"):
            with feedback.saving("Removed from your list."):
                sharing.remove_saved_link(journal, row.link_id)

if views and not st.session_state.get("peers_marked"):
    sharing.mark_looked(journal, views)  # what shows now is no longer new next visit
    st.session_state["peers_marked"] = True
