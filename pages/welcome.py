"""First visit: start a journal, or look around with demo data."""

import streamlit as st

from tracker.demo import create_demo_person
from ui import feedback, session

ctx = session.page_setup(require_person=False)
if session.accounts_enabled():
    # With sign-in, your journal is made when you first sign in; no other ones here.
    st.info("You're signed in, and your journal is ready: open Today from the menu.", icon="🌱")
    st.stop()

st.title("🌱 Welcome", anchor=False)
st.write(
    "This is a quiet place to check in with yourself each day: how you feel, the self-care "
    "you did, the small goals you're working on. Hard days belong here too. Over time, the "
    "charts show the bigger picture: dips you came back from, inside a line that keeps rising."
)
st.caption("Everything stays in a file on this computer. Nothing is sent anywhere.")

left, right = st.columns(2)
with left, st.container(border=True):
    st.subheader("Start my journal")
    name = st.text_input(
        "What should we call you?",
        value="",
        max_chars=60,
        placeholder="A first name or nickname",
        key="welcome_name",
    )
    if st.button("Start my journal", type="primary", key="welcome_start"):
        with feedback.saving(then_open=session.PAGES["today"]):
            person = ctx.store.add_person(name or "me")
            st.session_state["person_id"] = person.id
            feedback.after_write(f"Welcome, {person.name}. Your journal is ready.")
with right, st.container(border=True):
    st.subheader("Explore first")
    st.write("Look around a made-up year of entries, setbacks included.")
    if st.button("Explore with demo data", key="welcome_demo"):
        with (
            feedback.saving(
                "Here's a sample journal. Make your own any time from the Welcome page.",
                then_open=session.PAGES["journey"],
            ),
            st.spinner("Making a year of sample entries…"),
        ):
            demo = create_demo_person(ctx.store, years=1)
            st.session_state["person_id"] = demo.person_id
