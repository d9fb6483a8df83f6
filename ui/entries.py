"""Check-in entries shared by Today and Your journal: the mood faces, entry rows and the
edit and delete dialogs. Text a person wrote is shown with plain()."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import streamlit as st

from tracker import Journal, NotFound, words
from tracker.records import MAX_NOTE, CheckIn
from ui.feedback import saving
from ui.text import entry_markdown, mood_word, plain

if TYPE_CHECKING:
    from ui.session import Context

# --- journal entries: moods, entries, editing, hard days (issue 13) ------------------------
# Shared by Today and Your journal. Text a person wrote is shown with plain() or st.text.

FACES_CSS = """
<style>
/* The five faces: big enough to hit on a phone (44 px), one row at 390 px (in a dialog
   too), each face above its word. */
[class*="st-key-faces_"] [data-testid="stButtonGroup"] > div { flex-wrap: nowrap; width: 100%; }
[class*="st-key-faces_"] [data-testid="stButtonGroup"] button {
  min-height: 44px; min-width: 44px; flex: 1 1 0; padding: 0.25rem 0.2rem;
}
[class*="st-key-faces_"] [data-testid="stButtonGroup"] button span[data-has-shortcut] {
  flex-direction: column; gap: 0; line-height: 1.2;
}
[class*="st-key-faces_"] [data-testid="stButtonGroup"] button p { font-size: 0.85rem; }
</style>
"""


def mood_picker(key: str, *, default: int | None = None, label: str = "Mood") -> int | None:
    """Five faces with their words, awful to great; the chosen mood 1-5, or None.

    A segmented control, not st.feedback: its buttons carry the word, so a screen reader
    says "awful" rather than "very dissatisfied", and the faces wear the app's colours.
    """
    st.html(FACES_CSS)
    with st.container(key=f"faces_{key}"):
        return st.segmented_control(
            label,
            options=[1, 2, 3, 4, 5],
            default=default,
            format_func=mood_word,
            key=key,
            width="stretch",
        )


def entry_row(text: str, label: str, key: str, on_click: Any, args: tuple) -> None:
    """Markdown and its button on one line, at phone width too (columns would stack)."""
    with st.container(horizontal=True, wrap=False, vertical_alignment="center", gap="small"):
        st.markdown(text, width="stretch")
        st.button(label, key=key, on_click=on_click, args=args, width="content")


def checkin_row(
    entry: CheckIn, editor: str, label: str, key: str, *, with_day: bool = False, with_time: bool
) -> None:
    """A check-in on one line, with the button that opens it in ``editor``'s dialog."""
    entry_row(
        entry_markdown(entry, with_day=with_day, with_time=with_time),
        label,
        key,
        open_entry_editor,
        (editor, entry.id),
    )


def open_entry_editor(prefix: str, checkin_id: int) -> None:
    st.session_state[f"{prefix}_editing"] = checkin_id
    st.session_state.pop(f"{prefix}_deleting", None)


def _close_entry_editor(prefix: str) -> None:
    st.session_state.pop(f"{prefix}_editing", None)
    st.session_state.pop(f"{prefix}_deleting", None)


def entry_editor(ctx: Context, prefix: str) -> None:
    """The edit dialog of the check-in whose Edit button was pressed (if any)."""
    checkin_id = st.session_state.get(f"{prefix}_editing")
    if checkin_id is None:
        return
    try:
        entry = ctx.journal.checkin(checkin_id)
    except NotFound:
        _close_entry_editor(prefix)
        return
    _entry_dialog(ctx, prefix, entry)


def _dismiss_entry_editors() -> None:
    for key in [k for k in st.session_state if str(k).endswith(("_editing", "_deleting"))]:
        del st.session_state[key]


@st.dialog("Edit this check-in", on_dismiss=_dismiss_entry_editors)
def _entry_dialog(ctx: Context, prefix: str, entry: CheckIn) -> None:
    journal = ctx.journal
    key = f"{prefix}_edit_{entry.id}"
    today = dt.date.today()
    day = st.date_input(
        "Day",
        value=entry.day,
        max_value=today,
        min_value=dt.date(1970, 1, 1),
        format="YYYY-MM-DD",
        key=f"{key}_day",
    )
    mood = mood_picker(f"{key}_mood", default=entry.mood)
    labels = {a.id: a.label for a in journal.activities()}
    logged = journal.day_activities(entry.day)
    labels.update({a: journal.activity(a).label for a in logged if a not in labels})
    chosen: list[int] | None = None  # None: the day's self-care stays as it is
    if labels:
        chosen = (
            st.pills(
                "What you did that day",
                options=list(labels),
                default=[a for a in labels if a in logged],
                format_func=lambda activity_id: plain(labels[activity_id]),
                selection_mode="multi",
                key=f"{key}_selfcare",
            )
            or []
        )
    note = st.text_area("Note", value=entry.note or "", max_chars=MAX_NOTE, key=f"{key}_note")
    save, delete = st.columns(2)
    if save.button("Save changes", type="primary", key=f"{key}_save", width="stretch"):
        if mood is None:
            st.warning("Pick a face for how you felt, then save.", icon="💬")
            return
        with saving("Updated."):
            journal.edit_checkin(entry.id, day=day, mood=mood, note=note, activity_ids=chosen)
            _close_entry_editor(prefix)
    if delete.button("Delete…", key=f"{key}_delete", width="stretch"):
        st.session_state[f"{prefix}_deleting"] = entry.id
    if st.session_state.get(f"{prefix}_deleting") == entry.id:
        _confirm_delete(journal, prefix, entry)


def _confirm_delete(journal: Journal, prefix: str, entry: CheckIn) -> None:
    """Ask before deleting; on a day's last check-in, ask about that day's logs too."""
    key = f"{prefix}_delete_{entry.id}"
    last_of_day = len(journal.day_checkins(entry.day)) == 1
    selfcare, goals = journal.day_log_counts(entry.day)
    with_logs: bool | None = None
    if last_of_day and (selfcare or goals):
        logs = " and ".join(
            part
            for part in (
                words.count(selfcare, "self-care log") if selfcare else "",
                words.count(goals, "goal log") if goals else "",
            )
            if part
        )
        st.warning(
            f"This is the only check-in of {entry.day:%A %-d %B}. That day also has {logs}. "
            "Remove those too, or keep them?",
            icon="🗂️",
        )
        if st.button("Delete the check-in, keep the day's logs", key=f"{key}_keep"):
            with_logs = False
        if st.button("Delete the check-in and the day's logs", key=f"{key}_all"):
            with_logs = True
    else:
        st.warning("Delete this check-in? This can't be undone.", icon="🗂️")
        if st.button("Yes, delete it", key=f"{key}_yes"):
            with_logs = False
    if st.button("Keep it", type="tertiary", key=f"{key}_cancel"):
        st.session_state.pop(f"{prefix}_deleting", None)
        st.rerun()
    if with_logs is not None:
        with saving("Deleted."):
            journal.delete_checkin(entry.id, with_day_logs=with_logs)
            _close_entry_editor(prefix)
