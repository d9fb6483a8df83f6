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
.st-key-chart_descriptions { display: none; }
</style>
"""

# A plotly chart is a drawing a screen reader can't read. Each chart here (ui.widgets.chart) is
# followed by the caption that says what it shows: the chart becomes one image, named by
# the heading above it, whose description is that caption. Streamlit has no API for ARIA attributes,
# so one observer per browser tab sets them on every chart as it is drawn.
_CHART_DESCRIPTIONS_JS = """
export default function () {
  if (window.__chartDescriptions) return;
  window.__chartDescriptions = true;
  let summaries = 0;
  // The chart's name: the nearest heading above it ("Bouncing back").
  const heading = holder => {
    let before = holder.previousElementSibling;
    for (; before; before = before.previousElementSibling) {
      const found = before.querySelectorAll("h1, h2, h3, h4");
      if (found.length) return found[found.length - 1].textContent.trim();
    }
    return "";
  };
  const describe = () => {
    for (const chart of document.querySelectorAll("[data-testid='stPlotlyChart']")) {
      const holder = chart.closest("[data-testid='stElementContainer']") || chart;
      const next = holder.nextElementSibling;
      const caption = next && next.querySelector("[data-testid='stCaptionContainer']");
      if (!caption) continue;
      if (!caption.id) caption.id = `chart-summary-${++summaries}`;
      const name = `Chart: ${heading(holder) || "what it shows is below"}`;
      if (chart.getAttribute("aria-describedby") !== caption.id)
        chart.setAttribute("aria-describedby", caption.id);
      if (chart.getAttribute("aria-label") !== name) chart.setAttribute("aria-label", name);
      if (chart.getAttribute("role") !== "img") chart.setAttribute("role", "img");
    }
  };
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; describe(); });
  }).observe(document.body, { childList: true, subtree: true });
  describe();
}
"""


def accessible_page() -> None:
    """The app's own WCAG 2.1 AA aids, on every page: readable caption colours, and each
    chart described by its summary for screen readers. Takes no room on the page."""
    st.html(READABLE_CSS)
    describe = st.components.v2.component(
        "chart_descriptions", js=_CHART_DESCRIPTIONS_JS, isolate_styles=False
    )
    describe(key="chart_descriptions")


def app_head() -> None:
    """Link the web app manifest from the page head, so "Add to Home Screen" gives an app
    icon that opens Today full screen. Takes no room on the page."""
    st.html("<style>.st-key-app_head { display: none; }</style>")
    head = st.components.v2.component("app_head", js=_APP_HEAD_JS, isolate_styles=False)
    head(key="app_head")
