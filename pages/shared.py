"""Shared with you: a read-only view of exactly what someone chose to share.

Needs no sign-in and no journal of your own: the link's token is the key. Every
path that is not an active link shows the same page, which reveals nothing.
"""

import streamlit as st

from tracker import sharing
from tracker.analytics import wins_feed
from ui import cache, feedback, session, widgets
from ui.text import plain

session.run_through_entrypoint()
feedback.show_pending_toast()
store = session.open_db()
session.sign_out_in_sidebar()
token = st.query_params.get("t", "")
# Count a view once per visit, not on every rerun of the page.
seen_key = f"shared_seen_{sharing.hash_token(token)[:16]}"
view = sharing.open_share(store, token, record_view=seen_key not in st.session_state)
if view is None:
    st.title("🌱 This link is no longer active")
    st.write(
        "The person who shared it may have ended it, or it may have run out. "
        "If you think it should still work, ask them for a new one."
    )
    st.stop()
st.session_state[seen_key] = True

result = cache.shared_journey(store, view)
owner = plain(view.owner_name)  # a name the owner typed: shown as text, never as markup
st.title(f"🤝 {owner}'s journey")
st.caption(
    f"Shared with you, read-only, as it is today. It shows only what {owner} chose to share."
)

if "mood" in view.scopes:
    st.markdown(f"#### {plain(result.journey.headline)}")
    if result.journey.days_logged:
        widgets.chart(result.charts["journey"])
        widgets.chart(result.charts["bounce_back"])
    else:
        st.caption("No check-ins yet.")

if "goals" in view.scopes or "selfcare" in view.scopes:
    st.subheader("Habits growing stronger")
    if result.journey.habits:
        widgets.chart(result.charts["strength"])
        widgets.habit_list(result.journey.habits)
    else:
        st.caption("No habits with a rhythm yet.")

if "selfcare" in view.scopes:
    st.subheader("Self-care")
    days = {name: n for name, n in result.journey.activity_days.items() if n}
    if days:
        for name, count in sorted(days.items(), key=lambda item: -item[1])[:10]:
            st.write(f"• {plain(name)}: {count} day{'s' if count != 1 else ''}")
    else:
        st.caption("No self-care logged yet.")

if "wins" in view.scopes:
    st.subheader("Small wins")
    widgets.wins_list(wins_feed(result.wins))
    if not result.wins:
        st.caption("Small wins will show here.")

if "notes" in view.scopes:
    st.subheader("Notes and reflections")
    for day, text in result.notes[:15]:
        st.caption(f"{day:%-d %b %Y}")
        st.text(text)  # written by the owner: shown as text, never as markup
    if not result.notes:
        st.caption("No notes yet.")

st.divider()
st.subheader(f"Leave {owner} a word of encouragement")
st.caption('"I\'ve been there too" can mean a lot. Keep it short and kind.')
if st.session_state.get("shared_sent") == view.share_id:
    st.success("Sent. Thank you for cheering them on.")
else:
    author = st.text_input("Your name", max_chars=sharing.MAX_AUTHOR, key="shared_author")
    message = st.text_area("Message", max_chars=sharing.MAX_MESSAGE, key="shared_message")
    if st.button("Send", type="primary", key="shared_send"):
        with feedback.saving():
            sharing.leave_encouragement(store, view, author, message)
            st.session_state["shared_sent"] = view.share_id

widgets.offer_to_save_link(store, token, view)
