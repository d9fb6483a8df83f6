"""Journey: the long view (charts arrive with the analytics)."""

import streamlit as st

import ui

ctx = ui.page_setup()
st.title("📈 Your journey")
daily = ui.frames(ctx).checkins.groupby("day")["mood"].mean()
st.line_chart(daily)
