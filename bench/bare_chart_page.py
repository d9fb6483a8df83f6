"""The page of bench/bare_chart_app.py: a title and a two-point chart, drawn by the app's
chart component."""

import plotly.graph_objects as go
import streamlit as st

from tracker.charts import Chart
from ui import chart_view

st.title("A bare page")
chart_view.draw(Chart(go.Figure(go.Scatter(x=[1, 2], y=[1, 2])), "Two points."))
