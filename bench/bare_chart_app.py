"""A bare page with one tiny chart drawn the app's way (chart_view.py: its own component
and the plotly.js bundle it serves): the least any page of the app with a chart can take.

`streamlit run bench/bare_chart_app.py` runs ``app`` below, as asgi.py does for the app,
so the bundle's route is there; the page itself is bare_chart_page.py.
"""

from pathlib import Path

import streamlit as st

from ui import chart_view

PAGE = Path(__file__).resolve().with_name("bare_chart_page.py")

app = st.App(str(PAGE), routes=[chart_view.bundle_route()])
