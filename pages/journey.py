"""Journey: the long view. Setbacks as dips you came back from, inside a rising line."""

import datetime as dt

import streamlit as st

import ui
from tracker import charts

ctx = ui.page_setup()
ui.celebrate(ctx)
result = ui.journey(ctx)

st.title("📈 Your journey", anchor=False)
st.markdown(f"#### {ui.plain(result.headline)}")
ui.encouragement_inbox(ctx)

if not result.days_logged:
    st.info("Check in on the Today page, and your journey will start to draw itself here.")
    if st.button("Go to Today", type="primary", key="journey_to_today"):
        ui.switch_to("today")
    st.stop()

welcome_back = charts.welcome_back_note(
    charts.last_entry_day(result),
    dt.date.today(),
    greet=not result.headline.startswith("Welcome back"),  # said once is enough
)
if welcome_back:
    st.info(welcome_back, icon="🌱")

figures = ui.journey_charts(ctx)
ui.chart(figures["journey"])

st.subheader("Bouncing back")
ui.chart(figures["bounce_back"])

st.subheader("A year in pixels")
years = charts.calendar_years(result.daily)
year = st.selectbox("Year", years, key="journey_year") if len(years) > 1 else years[0]
ui.chart(ui.mood_calendar(ctx, year))

st.subheader("Habits growing stronger")
if result.habits:
    if any(not habit.just_started for habit in result.habits):
        ui.chart(figures["strength"])
    ui.habit_list(result.habits)
else:
    st.caption(
        "Give a goal or a self-care activity a rhythm (like 3 times a week) and its strength "
        "will grow here, day by day."
    )

ui.what_helps_section(ctx)
ui.small_wins_feed(ctx)
