"""The app's page-wide aids: readable caption colours, chart descriptions for screen
readers, and the web app manifest in the page head."""

from __future__ import annotations

import streamlit as st

# --- on the phone's home screen -----------------------------------------------------------

# Streamlit has no API for the document head: this adds the manifest link (and the icon and
# colour phones read) once per browser tab. Paths are relative to the page, so they work
# under a base path too; static/ is served at app/static/ (.streamlit/config.toml).
_APP_HEAD_JS = """
export default function () {
  if (document.querySelector('link[rel="manifest"]')) return;
  const add = (tag, attributes) => {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    document.head.appendChild(element);
  };
  const base = new URL("app/static/", document.baseURI).href;
  add("link", { rel: "manifest", href: base + "manifest.json" });
  add("link", { rel: "apple-touch-icon", href: base + "apple-touch-icon.png" });
  add("meta", { name: "theme-color", content: "#365f6c" });
  add("meta", { name: "mobile-web-app-capable", content: "yes" });
  add("meta", { name: "apple-mobile-web-app-capable", content: "yes" });
  add("meta", { name: "apple-mobile-web-app-title", content: "Journal" });
}
"""


# Streamlit draws captions (and help text such as an uploader's limits) in the body text
# at 60 % opacity, 3.5:1 on this background; WCAG AA asks 4.5:1 for small text. No theme
# option sets it, so one app-wide rule does (issue 20), on every page and the shared view.
READABLE_CSS = """
<style>
[data-testid="stCaptionContainer"], [data-testid="stFileUploaderDropzoneInstructions"] span {
  color: #566063; opacity: 1;
}
</style>
"""


def accessible_page() -> None:
    """The app's own WCAG 2.1 AA aid on every page: readable caption colours. (Each chart
    names itself for screen readers, described by its summary: ui/chart_view.js.)"""
    st.html(READABLE_CSS)


def app_head() -> None:
    """Link the web app manifest from the page head, so "Add to Home Screen" gives an app
    icon that opens Today full screen. Takes no room on the page."""
    st.html("<style>.st-key-app_head { display: none; }</style>")
    head = st.components.v2.component("app_head", js=_APP_HEAD_JS, isolate_styles=False)
    head(key="app_head")
