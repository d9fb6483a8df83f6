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

shared = cache.shared_journey(store, view)
content = shared.content  # what this link shows: the same as its report (tracker.sharing)
owner = plain(view.owner_name)  # a name the owner typed: shown as text, never as markup
st.title(f"🤝 {owner}'s journey")
st.caption(
    f"Shared with you, read-only, as it is today. It shows only what {owner} chose to share."
)

for section in content.sections:
    st.subheader(sharing.SECTION_TITLES[section])
    if section == "mood":
        st.markdown(f"#### {plain(content.journey.headline)}")
        if "journey" in content.charts:
            widgets.chart(shared.charts["journey"])
            widgets.chart(shared.charts["bounce_back"])
        else:
            st.caption("No check-ins yet.")
    elif section == "habits":
        if content.habits:
            widgets.chart(shared.charts["strength"])
            # Each habit's strength now, with its runs in small print: one element for all.
            st.markdown(
                "\n\n".join(
                    f"**{plain(name)}**{f' · {strength}' if strength else ''}  \n"
                    f":small[:gray[{plain(runs)}]]"
                    for name, strength, runs in content.habit_lines
                )
            )
        else:
            st.caption("No habits with a rhythm yet.")
    elif section == "selfcare":
        for name, count in content.selfcare_days[:10]:
            st.write(f"• {plain(name)}: {count} day{'s' if count != 1 else ''}")
        if not content.selfcare_days:
            st.caption("No self-care logged yet.")
    elif section == "helps":
        for sentence in content.helps:
            st.write(f"• {plain(sentence)}")
        st.caption("Patterns in these entries, not proof of cause.")
    elif section == "wins":
        widgets.wins_list(wins_feed(content.wins))
        if not content.wins:
            st.caption("Small wins will show here.")
    elif section == "notes":
        for day, text in content.notes[:15]:
            st.caption(f"{day:%-d %b %Y}")
            st.text(text)  # written by the owner: shown as text, never as markup
        if not content.notes:
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
