"""Text for the page: user and imported text made plain (never markdown or HTML), percents,
and the markdown of entries, days and setbacks."""

from __future__ import annotations

import re
from typing import Any

from tracker.records import MOOD_FACES, MOOD_LABELS, CheckIn


def mood_word(mood: int) -> str:
    return f"{MOOD_FACES[mood]} {MOOD_LABELS[mood]}"


def entry_time(entry: CheckIn) -> str:
    """The time of day a check-in was made ("08:14"), from its logged_at stamp."""
    return entry.logged_at[11:16] if len(entry.logged_at) >= 16 else ""


def entry_markdown(
    entry: CheckIn, *, with_day: bool = False, with_time: bool = False, details: Any = None
) -> str:
    """One check-in as markdown: mood (and day/time), note, the day's self-care and goals."""
    head = f"**{mood_word(entry.mood)}**"
    if with_day:
        head = f"**{entry.day:%a %-d %b %Y}** · " + head
    if with_time and entry_time(entry):
        head += f" · {entry_time(entry)}"
    lines = [head]
    if entry.note:
        lines.append(plain(entry.note))
    if details is not None and details.selfcare:
        lines.append(":small[🌿 " + plain(" · ".join(details.selfcare)) + "]")
    if details is not None and details.goals:
        lines.append(":small[🎯 " + plain(" · ".join(details.goals)) + "]")
    return "  \n".join(lines)


def day_details_markdown(details: Any) -> str:
    """A day's self-care, goals and setback notes (store.DayDetails) as markdown."""
    lines = []
    if details.selfcare:
        lines.append("🌿 " + plain(" · ".join(details.selfcare)))
    if details.goals:
        lines.append("🎯 " + plain(" · ".join(details.goals)))
    for setback in details.setbacks:
        lines.append(setback_markdown(setback))
    return "\n\n".join(lines)


def setback_markdown(setback: Any) -> str:
    """A setback note with its three reflections."""
    parts = [f"💙 **Setback** · what happened: {plain(setback.what_happened)}"]
    if setback.what_helped:
        parts.append(f"What helped: {plain(setback.what_helped)}")
    if setback.try_next:
        parts.append(f"Next time: {plain(setback.try_next)}")
    return "  \n".join(parts)


STRENGTH_HELP = (
    "Strength grows a little with every done day and fades slowly with misses, like a real "
    "habit. One missed day barely dents it; a skip or a pause leaves it as it was."
)


# What markdown reads anywhere in a line (links, images, HTML, entities, emphasis, code,
# tables, LaTeX), escaped wherever it is; prose punctuation (. , ! ? : ( )) is left as
# it is unless it starts a line, so the app's own sentences read the same in tests.
_MARKDOWN_INLINE = "\\`*_[]<>|~$&"
# What makes a line a list, heading, quote or rule when it starts it.
_BLOCK_START = re.compile(r"^(\s*)([-+#=])", re.MULTILINE)
_ORDERED_START = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)
# ":" and a letter start a directive (:red[...], or :word alone, which then vanishes).
_DIRECTIVE_START = re.compile(r":(?=[A-Za-z])")
# U+2060 WORD JOINER: invisible, and it keeps the line from breaking there.
_WORD_JOINER = "\u2060"
# Streamlit finds bare links (http://..., www.x, me@x.org), emoji and icon shortcodes
# (:smile:, :material/home:) in the text after markdown's escapes are undone, so
# escaping leaves them live; an invisible word joiner after the ":", "@" or "www" that
# starts one breaks the pattern while the text reads the same.
_LIVE_AFTER_ESCAPES = re.compile(r":(?=//|material/|[\w+-]+:)|(?i:\bwww)(?=\.)|@(?=[\w-]+\.\w)")


def plain(text: object) -> str:
    """Text a person typed or a file brought in, made safe for anything Streamlit reads
    as markdown: st.markdown, st.caption, st.write, st.table cells, toasts, alerts,
    widget labels (checkbox, expander, button, text_input, selectbox's label...) and the
    options of st.radio, st.pills and st.segmented_control (their format_func). The text
    shows as written and can never become an image, a link, HTML, colour, LaTeX, an
    icon or a heading.

    Not for st.selectbox or st.multiselect *options*, st.text, st.code or dataframes:
    those show text as it is (backslashes would show).
    """
    if text is None or text == "":
        return ""
    escaped = "".join(
        "\\" + ch if ch in _MARKDOWN_INLINE else ch
        for ch in str(text).replace("\r\n", "\n").replace("\r", "\n")
    )
    escaped = _ORDERED_START.sub(r"\1\\\2", escaped)
    escaped = _BLOCK_START.sub(r"\1\\\2", escaped)
    escaped = _LIVE_AFTER_ESCAPES.sub(lambda found: found.group(0) + _WORD_JOINER, escaped)
    escaped = _DIRECTIVE_START.sub(r"\\:", escaped)
    return escaped.replace("\n", "  \n")
