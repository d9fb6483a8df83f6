"""Journey: the long view. Setbacks as dips you came back from, inside a rising line."""

import datetime as dt

import streamlit as st

from tracker import charts
from ui import cache, feedback, session, widgets
from ui.text import plain

ctx = session.page_setup()
feedback.celebrate(ctx)
result = cache.journey(ctx)

st.title("📈 Your journey", anchor=False)
st.markdown(f"#### {plain(result.headline)}")
widgets.encouragement_inbox(ctx)

if not result.days_logged:
    st.info("Check in on the Today page, and your journey will start to draw itself here.")
    if st.button("Go to Today", type="primary", key="journey_to_today"):
        session.switch_to("today")
    st.stop()

welcome_back = charts.welcome_back_note(
    charts.last_entry_day(result),
    dt.date.today(),
    greet=not result.headline.startswith("Welcome back"),  # said once is enough
)
if welcome_back:
    st.info(welcome_back, icon="🌱")

figures = cache.journey_charts(ctx)
widgets.chart(figures["journey"])

st.subheader("Bouncing back")
widgets.chart(figures["bounce_back"])

st.subheader("A year in pixels")
years = charts.calendar_years(result.daily)
year = st.selectbox("Year", years, key="journey_year") if len(years) > 1 else years[0]
widgets.chart(cache.mood_calendar(ctx, year))

st.subheader("Habits growing stronger")
if result.habits:
    if any(not habit.just_started for habit in result.habits):
        widgets.chart(figures["strength"])
    widgets.habit_list(result.habits)
else:
    st.caption(
        "Give a goal or a self-care activity a rhythm (like 3 times a week) and its strength "
        "will grow here, day by day."
    )

widgets.what_helps_section(ctx)
widgets.small_wins_feed(ctx)
