"""Peers: the people who shared their journey with you, one card each."""

import datetime as dt

import streamlit as st

import ui
from tracker import sharing

ctx = ui.page_setup()
journal = ctx.journal
today = dt.date.today()

st.title("👥 People you support", anchor=False)
st.caption("Links people shared with you. You see only what each of them chose to share.")

with st.expander("➕ Add a link someone sent you", expanded=False):
    pasted = st.text_input("Paste the link", key="peers_link")
    label = st.text_input("Their name (optional)", max_chars=60, key="peers_label")
    if st.button("Save link", key="peers_save"):
        with ui.kindly():
            sharing.save_link(journal, pasted, label or None)
            del st.session_state["peers_link"], st.session_state["peers_label"]
            ui.after_write("Saved.")
            st.rerun()

links = sharing.saved_links(journal)
if not links:
    st.info("When someone shares a link with you, save it here to follow along.", icon="🤝")
for link in links:
    # Checking a card is not a visit: the owner's view count stays for real visits.
    view = sharing.open_share(ctx.store, link.token, record_view=False)
    with st.container(border=True):
        if view is None:
            st.markdown(f"**{ui.plain(link.label or 'A shared link')}**")
            st.caption("This link is no longer active.")
        else:
            shared = ui.shared_journey(ctx.store, view)
            st.markdown(f"**{ui.plain(view.owner_name)}**")
            if "mood" in view.scopes and shared.journey.days_logged:
                st.write(ui.plain(shared.journey.headline))
                last = shared.journey.daily.index.max().date()
                gap = (today - last).days
                st.caption(
                    "Checked in today"
                    if gap == 0
                    else f"Last check-in {gap} day{'s' if gap != 1 else ''} ago"
                )
            new_wins = [w for w in shared.wins if (today - w.day).days <= 7]
            for win in new_wins[:3]:
                st.write(f"🎉 {ui.plain(win.text)}")
            st.link_button("Open their journey", ui.share_link(link.token))
        if st.button("Remove", key=f"peers_remove_{link.id}"):
            sharing.remove_saved_link(journal, link.id)
            ui.after_write("Removed from your list.")
            st.rerun()
