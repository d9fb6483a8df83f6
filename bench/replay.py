"""Floors for the page benchmark: the same elements, drawn from already computed values.

A page's floor is what Streamlit needs just to draw what the page shows. After the real
page has run under AppTest, :func:`capture` walks its element tree and turns each element
into a ready-to-draw instruction: the same st call, with labels, options, texts, data
frames (decoded from the Arrow bytes the page sent) and the very plotly figure objects
the page passed to ``st.plotly_chart`` (recorded by :func:`recording_figures`), in the
same containers, columns, expanders and popovers. The floor page,
``floor_pages/replay_floor.py``, draws :data:`STAGED` with :func:`draw`.

So a floor follows its page as the page changes, and :func:`element_counts` lets the
benchmark check that the floor drew the same elements as the page.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import plotly.io
import streamlit
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.delta_generator import DeltaGenerator
from streamlit.proto.Block_pb2 import Block as BlockProto
from streamlit.proto.ButtonGroup_pb2 import ButtonGroup as ButtonGroupProto
from streamlit.proto.Feedback_pb2 import Feedback as FeedbackProto
from streamlit.proto.NumberInput_pb2 import NumberInput as NumberInputProto
from streamlit.testing.v1.element_tree import Block, ElementTree

# Transient elements (toasts, balloons) and the event block that holds them are not
# part of what a page draws on every run.
SKIPPED_BLOCKS = {"event", "dialog"}
CHART = "tracker_chart"  # a chart of the app's own component (chart_view.py)


@dataclass
class Node:
    """One st call: ``method(**args)`` on its container; blocks have children."""

    method: str
    args: dict[str, Any] = field(default_factory=dict)
    children: list[Node] | None = None


@dataclass
class Floor:
    main: list[Node]
    sidebar: list[Node]
    left_out: Counter  # element types the floor cannot draw (reported, never silent)


STAGED: Floor | None = None
WIDGETS = {
    "button",
    "download_button",
    "checkbox",
    "toggle",
    "radio",
    "selectbox",
    "multiselect",
    "select_slider",
    "text_input",
    "text_area",
    "number_input",
    "date_input",
    "button_group",
    "feedback",
    "file_uploader",
}


# --- recording the figures a page draws ------------------------------------------------


@contextlib.contextmanager
def recording_figures() -> Iterator[list[Any]]:
    """Keep every figure passed to ``st.plotly_chart`` (module or container call) or to
    the app's own chart component (chart_view.draw: its ``charts.Chart``)."""
    from ui import chart_view

    figures: list[Any] = []
    chart_call = chart_view.draw

    def on_chart(item: Any, *args: Any, **kwargs: Any) -> Any:
        figures.append(item)
        return chart_call(item, *args, **kwargs)

    chart_view.draw = on_chart
    module_call = streamlit.plotly_chart
    had_own = "plotly_chart" in DeltaGenerator.__dict__
    method_call = DeltaGenerator.plotly_chart

    def on_module(figure_or_data: Any, *args: Any, **kwargs: Any) -> Any:
        figures.append(figure_or_data)
        return module_call(figure_or_data, *args, **kwargs)

    def on_container(self: DeltaGenerator, figure_or_data: Any, *args: Any, **kwargs: Any) -> Any:
        figures.append(figure_or_data)
        return method_call(self, figure_or_data, *args, **kwargs)

    streamlit.plotly_chart = on_module
    DeltaGenerator.plotly_chart = on_container
    try:
        yield figures
    finally:
        chart_view.draw = chart_call
        streamlit.plotly_chart = module_call
        if had_own:
            DeltaGenerator.plotly_chart = method_call
        else:
            del DeltaGenerator.plotly_chart


# --- capture ---------------------------------------------------------------------------


def capture(tree: ElementTree, figures: list[Any]) -> Floor:
    """Instructions to draw again everything in ``tree`` (an AppTest's ``_tree``)."""
    state = _Capture(list(figures))
    main: list[Node] = []
    sidebar: list[Node] = []
    for block in tree.children.values():
        if block.type == "main":
            main = state.nodes(block)
        elif block.type == "sidebar":
            sidebar = state.nodes(block)
    return Floor(main, sidebar, state.left_out)


def element_counts(tree: ElementTree) -> Counter:
    """How many elements of each type a run drew (blocks included), to compare floors."""
    counts: Counter = Counter()

    def walk(node: Any) -> None:
        for child in node.children.values():
            if isinstance(child, Block):
                if child.type in SKIPPED_BLOCKS:
                    continue
                counts[f"block:{child.type}"] += 1
                walk(child)
            else:
                counts[child.type] += 1

    walk(tree)
    return counts


class _Capture:
    def __init__(self, figures: list[Any]) -> None:
        self.figures = figures
        self.left_out: Counter = Counter()
        self.unkeyed = 0

    def nodes(self, block: Block) -> list[Node]:
        found = []
        for child in block.children.values():
            node = self.block(child) if isinstance(child, Block) else self.element(child)
            if node is not None:
                found.append(node)
        return found

    def block(self, block: Block) -> Node | None:
        proto = block.proto
        if block.type in SKIPPED_BLOCKS:
            return None
        if block.type == "flex_container" and (
            proto.flex_container.direction == BlockProto.FlexContainer.HORIZONTAL
        ):  # st.columns
            columns = list(block.children.values())
            if columns and all(getattr(c, "type", None) == "column" for c in columns):
                weights = [c.proto.weight for c in columns]  # AppTest keeps the sub-message
                return Node(
                    "columns", {"spec": weights}, [Node("", {}, self.nodes(c)) for c in columns]
                )
        if block.type == "flex_container":
            return Node("container", {"border": proto.flex_container.border}, self.nodes(block))
        if block.type == "expander":
            args = {"label": proto.label, "expanded": proto.expanded}  # the sub-message
            return Node("expander", args, self.nodes(block))
        if block.type == "popover":
            return Node("popover", {"label": proto.popover.label}, self.nodes(block))
        self.left_out[f"block:{block.type}"] += 1
        return None

    def key(self, element: Any) -> str:
        if element.key:
            return element.key
        self.unkeyed += 1
        return f"floor_{self.unkeyed}"

    def element(self, element: Any) -> Node | None:
        kind, proto = element.type, element.proto
        help_text = getattr(proto, "help", "") or None
        if kind in ("title", "header", "subheader"):
            return Node(kind, {"body": proto.body})
        if kind in ("markdown", "caption"):
            return Node(kind, {"body": proto.body, "help": help_text})
        if kind == "divider":
            return Node("divider")
        if kind == "text":
            return Node("text", {"body": proto.body})
        if kind == "code":
            return Node("code", {"body": proto.code_text, "language": proto.language or None})
        if kind in ("success", "info", "warning", "error"):
            return Node(kind, {"body": proto.body, "icon": proto.icon or None})
        if kind == "metric":
            return Node("metric", {"label": proto.label, "value": proto.body, "help": help_text})
        if kind == "progress":
            return Node("progress", {"value": proto.value, "text": proto.text or None})
        if kind == "plotly_chart":
            return Node("plotly_chart", self.figure(proto))
        if kind == "bidi_component" and proto.component_name == "tracker_chart":
            return Node(CHART, {"item": self.chart(proto)})
        if kind == "dataframe":
            frame = convert_arrow_bytes_to_pandas_df(proto.arrow_data.data)
            return Node("dataframe", {"data": frame, "width": "stretch"})
        if kind == "table":
            return Node("table", {"data": convert_arrow_bytes_to_pandas_df(proto.arrow_data.data)})
        if kind == "vega_lite_chart":
            spec = json.loads(proto.spec)
            datasets = {
                d.name: convert_arrow_bytes_to_pandas_df(d.data.data) for d in proto.datasets
            }
            if datasets:
                spec["datasets"] = datasets
            data = convert_arrow_bytes_to_pandas_df(proto.data.data) if proto.data.data else None
            return Node("vega_lite_chart", {"data": data, "spec": spec, "width": "stretch"})
        if kind == "link_button":
            return Node("link_button", {"label": proto.label, "url": proto.url})
        if kind in WIDGETS:
            return self.widget(element, kind, proto, help_text)
        self.left_out[kind] += 1
        return None

    def widget(self, element: Any, kind: str, proto: Any, help_text: str | None) -> Node | None:
        base = {"key": self.key(element)}
        if kind != "feedback":
            base["label"] = proto.label
        if kind == "button":
            return Node("button", {**base, "help": help_text, "type": proto.type or "secondary"})
        if kind == "download_button":
            return Node("download_button", {**base, "data": b"", "on_click": "ignore"})
        if kind in ("checkbox", "toggle"):
            return Node(kind, {**base, "value": proto.default, "help": help_text})
        if kind == "radio":
            options = list(proto.options)
            args = {"options": options, "index": proto.default, "horizontal": proto.horizontal}
            return Node("radio", {**base, **args})
        if kind == "selectbox":
            index = proto.default if proto.HasField("default") else None
            return Node("selectbox", {**base, "options": list(proto.options), "index": index})
        if kind == "multiselect":
            options = list(proto.options)
            chosen = [options[i] for i in proto.default]
            return Node("multiselect", {**base, "options": options, "default": chosen})
        if kind == "select_slider":
            options = list(proto.options)
            value = options[int(proto.default[0])] if proto.default else options[0]
            return Node("select_slider", {**base, "options": options, "value": value})
        if kind in ("text_input", "text_area"):
            args = {"value": proto.default, "max_chars": proto.max_chars or None}
            return Node(kind, {**base, **args, "placeholder": proto.placeholder or None})
        if kind == "number_input":
            cast = int if proto.data_type == NumberInputProto.INT else float
            args = {
                "min_value": cast(proto.min) if proto.has_min else None,
                "max_value": cast(proto.max) if proto.has_max else None,
                "value": cast(proto.default) if proto.HasField("default") else None,
                "step": cast(proto.step),
            }
            return Node("number_input", {**base, **args})
        if kind == "date_input":
            return Node("date_input", {**base, **_dates(proto)})
        if kind == "button_group":
            options = [option.content for option in proto.options]
            multi = proto.click_mode == ButtonGroupProto.MULTI_SELECT
            chosen = [options[i] for i in proto.default]
            method = "pills" if proto.style == ButtonGroupProto.PILLS else "segmented_control"
            args = {
                "options": options,
                "selection_mode": "multi" if multi else "single",
                "default": chosen if multi else (chosen[0] if chosen else None),
            }
            return Node(method, {**base, **args})
        if kind == "feedback":
            names = {FeedbackProto.THUMBS: "thumbs", FeedbackProto.FACES: "faces"}
            return Node("feedback", {**base, "options": names.get(proto.type, "stars")})
        types = [t.lstrip(".") for t in proto.type] or None  # the file uploader
        return Node("file_uploader", {**base, "type": types})

    def figure(self, proto: Any) -> dict[str, Any]:
        """The figure object the page drew, in drawing order; rebuilt from its JSON only
        when the recording and the tree disagree (then the floor says so)."""
        spec = json.loads(proto.spec)
        figure = self.figures.pop(0) if self.figures else None
        traces = len(figure.data) if hasattr(figure, "data") else -1
        if traces != len(spec.get("data", [])):
            self.left_out["plotly_chart (figure rebuilt from its JSON)"] += 1
            figure = plotly.io.from_json(proto.spec)
        config = json.loads(proto.config) if proto.config else None
        return {"figure_or_data": figure, "width": "stretch", "config": config}

    def chart(self, proto: Any) -> Any:
        """The ``charts.Chart`` the page gave chart_view.draw, in drawing order; rebuilt
        from the figure JSON the component got only when the recording disagrees."""
        from tracker.charts import Chart

        figure_json = json.loads(proto.json)["figure"]
        item = self.figures.pop(0) if self.figures else None
        if not isinstance(item, Chart) or len(item.figure.data) != len(
            json.loads(figure_json).get("data", [])
        ):
            self.left_out["chart (figure rebuilt from its JSON)"] += 1
            item = Chart(plotly.io.from_json(figure_json, skip_invalid=True), "")
        return item


def _dates(proto: Any) -> dict[str, Any]:
    def day(text: str) -> dt.date | None:
        return dt.date.fromisoformat(text) if text else None

    value = day(proto.default[0]) if proto.default else None
    return {"value": value, "min_value": day(proto.min), "max_value": day(proto.max)}


# --- drawing ----------------------------------------------------------------------------


def draw(nodes: list[Node], target: Any) -> None:
    """Make the recorded st calls on ``target`` (the streamlit module or a container)."""
    for node in nodes:
        if node.method == CHART:
            from ui import chart_view

            with contextlib.nullcontext() if target is streamlit else target:
                chart_view.draw(**node.args)
        elif node.method == "columns":
            columns = target.columns(node.args["spec"])
            for column, inner in zip(columns, node.children or [], strict=True):
                draw(inner.children or [], column)
        elif node.children is not None:
            draw(node.children, getattr(target, node.method)(**node.args))
        else:
            getattr(target, node.method)(**node.args)


def draw_staged() -> None:
    """The floor page's whole body."""
    if STAGED is None:
        streamlit.error("No floor staged: run this page through `python -m bench`.")
        return
    draw(STAGED.main, streamlit)
    draw(STAGED.sidebar, streamlit.sidebar)
