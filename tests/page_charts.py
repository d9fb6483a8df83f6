"""The charts a page drew under AppTest (chart_view.py's component), as plotly figures.

AppTest can't run the component's JavaScript: each chart is an ``UnknownElement`` of type
``bidi_component`` whose data holds the figure's JSON, exactly what the browser draws.
"""

from __future__ import annotations

import json

CHART_COMPONENT = "tracker_chart"


def chart_elements(at) -> list:
    """The page's chart elements, in page order (other components left out)."""
    return [e for e in at.get("bidi_component") if e.proto.component_name == CHART_COMPONENT]


def figures(at) -> list[dict]:
    """Each chart's figure as plotly.js receives it: ``{"data": [...], "layout": {...}}``."""
    return [json.loads(json.loads(e.proto.json)["figure"]) for e in chart_elements(at)]


def figure_texts(at) -> str:
    """Every chart's figure JSON in one string, to search for what a chart says."""
    return " ".join(json.dumps(figure, ensure_ascii=False) for figure in figures(at))
