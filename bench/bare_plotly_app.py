"""A bare page with one tiny plotly chart: what any plotly chart costs in the browser
(Streamlit loads plotly.js, 4.7 MB, when a page first shows a chart)."""

import plotly.graph_objects as go
import streamlit as st

st.title("A bare page")
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2], y=[1, 2])), width="stretch")
