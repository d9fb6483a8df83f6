"""Your journal: every check-in, newest first and grouped by day, to reread and search;
your setbacks to learn from; your support plan for hard days."""

import datetime as dt
import math

import streamlit as st

from tracker import words
from tracker.errors import NotFound
from ui import entries, feedback, session, support
from ui.text import day_details_markdown, mood_word, setback_markdown

DAYS_PER_PAGE = 10
SETBACKS_PER_PAGE = 10

ctx = session.page_setup()
journal = ctx.journal
today = dt.date.today()

st.title("📖 Your journal", anchor=False)
# One part at a time (not st.tabs, which would build all three on every run).
SECTIONS = ["Entries", "Setbacks", "Support plan"]
section = st.segmented_control(
    "Show",
    SECTIONS,
    default="Entries",
    required=True,
    key="journal_section",
    label_visibility="collapsed",
    width="stretch",
)


def search_and_list_entries() -> None:
    text = st.text_input(
        "Search your journal",
        max_chars=200,
        key="journal_search",
        placeholder="A word from a note, e.g. walk",
        help="Finds words in your notes, in any case and with or without accents. "
        "A word also finds longer words it starts (walk finds walking).",
    )
    with st.expander("Filter by mood, self-care or dates"):
        moods = st.pills(
            "Mood",
            options=[1, 2, 3, 4, 5],
            format_func=mood_word,
            selection_mode="multi",
            key="journal_moods",
        )
        activities = {a.id: a.label for a in journal.activities(include_archived=True)}
        activity = st.selectbox(
            "Self-care",
            options=[None, *activities],
            format_func=lambda a: "Any" if a is None else activities[a],
            key="journal_activity",
        )
        dates = st.date_input(
            "Dates",
            value=(),
            max_value=today,
            min_value=dt.date(1970, 1, 1),
            format="YYYY-MM-DD",
            key="journal_dates",
        )
    start = end = None
    if isinstance(dates, tuple) and len(dates) == 2:
        start, end = dates
    elif isinstance(dates, tuple) and len(dates) == 1:
        start = dates[0]

    matches = journal.search_checkins(
        text, moods=moods or [], activity_id=activity, start=start, end=end
    )
    filtered = bool(text.strip() or moods or activity is not None or start or end)
    days = list(dict.fromkeys(day for _, day in matches))
    reflections = journal.search_setbacks(text) if text.strip() else []
    if reflections:  # the words may be in a setback note too: show those first, briefly
        with st.expander(f"In your setback notes: {words.count(len(reflections), 'match')}"):
            st.markdown(
                "\n\n".join(
                    f"**{s.day:%-d %B %Y}**  \n" + setback_markdown(s) for s in reflections[:20]
                )
            )
    if not matches:
        if filtered:
            st.info("Nothing matches that yet. Try fewer words or a wider range.", icon="🔎")
        else:
            st.info("Your check-ins will collect here, newest first.", icon="🌱")
        return
    found = f"{words.count(len(matches), 'check-in')} on {words.count(len(days), 'day')}"
    st.caption(("Found " if filtered else "") + found + ".")

    pages = math.ceil(len(days) / DAYS_PER_PAGE)
    number = 1
    if pages > 1:
        number = st.pagination(pages, key=f"journal_page_{len(days)}_{hash((text, start, end))}")
    shown_days = days[(number - 1) * DAYS_PER_PAGE : number * DAYS_PER_PAGE]
    wanted = set(shown_days)
    shown = journal.checkins_by_id([i for i, day in matches if day in wanted])
    details = journal.days_details(shown_days)
    by_day: dict[dt.date, list] = {}
    for entry in shown:
        by_day.setdefault(entry.day, []).append(entry)
    for day in shown_days:
        day_entries = by_day.get(day, [])
        with st.container(border=True):
            st.markdown(f"**{day:%A %-d %B %Y}**")
            several = details[day].checkins > 1
            for entry in day_entries:
                entries.checkin_row(
                    entry, "journal", "Open", f"journal_open_{entry.id}", with_time=several
                )
            extra = day_details_markdown(details[day])
            if extra:
                st.markdown(f":small[{extra}]" if "\n" not in extra else extra)


def open_setback(setback_id: int) -> None:
    st.session_state["journal_setback_open"] = setback_id


def close_setback() -> None:
    st.session_state.pop("journal_setback_open", None)
    st.session_state.pop("journal_setback_deleting", None)


@st.dialog("Your setback note", on_dismiss=close_setback)
def setback_dialog(setback_id: int) -> None:
    try:
        setback = journal.setback(setback_id)
    except NotFound:  # deleted meanwhile (another tab)
        close_setback()
        st.rerun()
        return
    key = f"journal_setback_{setback.id}"
    day = st.date_input(
        "Day",
        value=setback.day,
        max_value=dt.date.today(),
        min_value=dt.date(1970, 1, 1),
        format="YYYY-MM-DD",
        key=f"{key}_day",
    )
    happened = st.text_area(
        "What happened?", value=setback.what_happened, max_chars=2000, key=f"{key}_happened"
    )
    helped = st.text_area(
        "What helped, even a little?",
        value=setback.what_helped or "",
        max_chars=2000,
        key=f"{key}_helped",
    )
    next_time = st.text_area(
        "What might you try next time?",
        value=setback.try_next or "",
        max_chars=2000,
        key=f"{key}_next",
    )
    save, delete = st.columns(2)
    if save.button("Save changes", type="primary", key=f"{key}_save", width="stretch"):
        with feedback.saving("Updated.", icon="💙"):
            journal.update_setback(setback.id, happened, helped, next_time, day=day)
            close_setback()
    if delete.button("Delete…", key=f"{key}_delete", width="stretch"):
        st.session_state["journal_setback_deleting"] = setback.id
    if st.session_state.get("journal_setback_deleting") == setback.id:
        st.warning("Delete this setback note? This can't be undone.", icon="🗂️")
        if st.button("Yes, delete it", key=f"{key}_delete_yes"):
            with feedback.saving("Deleted."):
                journal.delete_setback(setback.id)
                close_setback()


def setbacks() -> None:
    notes = journal.setbacks()  # newest first
    if not notes:
        st.caption(
            "When you log a setback on a hard day, it's kept here with what helped, so that "
            "next time you can look back at what got you through."
        )
        return
    st.caption(
        f"{words.count(len(notes), 'setback note')}. Each one is a stepping stone: "
        "what helped before can help again."
    )
    pages = math.ceil(len(notes) / SETBACKS_PER_PAGE)
    number = st.pagination(pages, key="journal_setback_page") if pages > 1 else 1
    for setback in notes[(number - 1) * SETBACKS_PER_PAGE : number * SETBACKS_PER_PAGE]:
        with st.container(border=True):
            entries.entry_row(
                f"**{setback.day:%A %-d %B %Y}**  \n" + setback_markdown(setback),
                "Open",
                f"journal_setback_open_{setback.id}",
                open_setback,
                (setback.id,),
            )
    if st.session_state.get("journal_setback_open"):
        setback_dialog(st.session_state["journal_setback_open"])


if section == "Setbacks":
    setbacks()
elif section == "Support plan":
    st.markdown(support.support_plan_markdown(journal.support_plan()))
    with st.expander("Edit my support plan"):
        support.support_plan_form(ctx, "journal_plan")
else:
    search_and_list_entries()

entries.entry_editor(ctx, "journal")
