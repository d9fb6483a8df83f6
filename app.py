"""Resilience Tracker: the entrypoint. Builds navigation; each page does its own setup."""

import streamlit as st

from ui import session, style

st.set_page_config(page_title="Resilience Tracker", page_icon="🌱", layout="centered")
style.accessible_page()  # before the shared view: a peer reads the same captions

# One of a few script turns per server for the whole run (see session.script_turn).
with session.script_turn():
    if session.shared_view_alone():
        st.stop()  # a peer's link: nothing of the owner's app around it
    accounts = session.accounts_enabled()
    with session.open_db() as store:
        people = [] if accounts else store.people()
        person = session.choose_local_person(people)
    first_visit = not accounts and person is None
    shown = "hidden" if first_visit else "visible"

    # "/" is a fixed home that sends a person on (welcome, today or journey), so every other
    # page keeps its own address for bookmarks.
    home = st.Page(
        session.PAGES["home"], title="Home", icon="🌱", default=True, visibility="hidden"
    )
    welcome = st.Page(session.PAGES["welcome"], title="Welcome", icon="🌱", visibility="hidden")
    journey = st.Page(session.PAGES["journey"], title="Journey", icon="📈", visibility=shown)
    today = st.Page(session.PAGES["today"], title="Today", icon="✏️", visibility=shown)
    journal = st.Page(session.PAGES["journal"], title="Your journal", icon="📖", visibility=shown)
    goals = st.Page(session.PAGES["goals"], title="Goals", icon="🎯", visibility=shown)
    selfcare = st.Page(session.PAGES["selfcare"], title="Self-care", icon="🌿", visibility=shown)
    share = st.Page(session.PAGES["share"], title="Share", icon="🤝", visibility=shown)
    data = st.Page(session.PAGES["data"], title="Data", icon="🗂️", visibility=shown)
    peers = st.Page(session.PAGES["peers"], title="Peers", icon="👥", visibility=shown)
    shared = st.Page(session.PAGES["shared"], title="Shared with you", visibility="hidden")

    style.app_head()  # the home-screen manifest link, on every page
    pg = st.navigation(
        [today, journal, journey, goals, selfcare, share, peers, data, home, welcome, shared]
    )
    if not accounts and pg.url_path not in ("shared", "welcome"):
        session.sidebar_person_picker(people)
    pg.run()
