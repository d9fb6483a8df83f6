"""The app as it is served (`make run`, and each worker of `make serve`):
`streamlit run asgi.py` runs app.py, with two guards around it.

- Only requests to the hosts the app is served on are answered (DNS rebinding; see
  hosting/allowed_hosts.py).
- A database fault during a page (disk full, a damaged or read-only file) ends in a
  calm message instead of a traceback with server paths (feedback.calm_database_fault).

It also serves plotly.js for the charts (ui/chart_view.py), under a name that changes
with its content and with a year-long cache header, behind the same host check; and a
page opened at its own address (/journey) is told where the server is and, if it has
charts, fetches plotly.js while Streamlit starts (hosting/page_head.py).
"""

import streamlit as st
from starlette.middleware import Middleware

from hosting.allowed_hosts import AllowedHostsMiddleware
from hosting.page_head import PageHeadMiddleware
from ui import chart_view, feedback, session


def page_head() -> Middleware:
    """The hints in the head of a page opened at its own address (tests use it too)."""
    return Middleware(
        PageHeadMiddleware,
        pages=session.PAGES,
        chart_pages=chart_view.PAGES_WITH_CHARTS,
        bundle_path=chart_view.bundle_path,
        chart_modules=chart_view.component_chunks,
    )


middleware = [Middleware(AllowedHostsMiddleware)]
if chart_view.DESIGN != "streamlit-head":  # the benchmark's comparison (chart_view.DESIGN)
    middleware.append(page_head())

app = st.App(
    "app.py",
    routes=[chart_view.bundle_route()],
    middleware=middleware,
    on_script_error=feedback.calm_database_fault,
)
