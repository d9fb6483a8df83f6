"""Today: a check-in in under ten seconds, a setback note on hard days, recent entries."""

import datetime as dt

import streamlit as st

import ui
from tracker.records import MAX_NOTE, MOOD_FACES, MOOD_LABELS

ctx = ui.page_setup()
journal = ctx.journal
today = dt.date.today()

st.title("✏️ Today", anchor=False)

# Widget keys carry a counter, so that after a save the form starts fresh.
form = st.session_state.setdefault("today_form", 0)

day = st.date_input(
    "Day",
    value=today,
    max_value=today,
    min_value=dt.date(1970, 1, 1),
    format="YYYY-MM-DD",
    key=f"today_day_{form}",
    help="Fill in a day you missed: pick it here.",
)
if day != today:
    st.caption(f"Filling in {day:%A %-d %B}. Better late than never.")

st.write("**How are you feeling?**")
face = st.feedback("faces", key=f"today_mood_{form}")
if face is not None:
    st.caption(f"{MOOD_FACES[face + 1]} {MOOD_LABELS[face + 1].capitalize()}")

activities = journal.activities()
logged_today = journal.day_activities(day)
labels = {a.id: a.label for a in activities}
chosen_activities = st.pills(
    "Self-care",
    options=list(labels),
    default=[a for a in labels if a in logged_today],
    format_func=lambda activity_id: ui.plain(labels[activity_id]),
    selection_mode="multi",
    key=f"today_activities_{form}_{day}",
    help="Tap what you did for yourself. Small things count.",
)
new_activity = st.text_input(
    "Something else?",
    placeholder="Add a new one, e.g. Stretching",
    max_chars=60,
    key=f"today_new_activity_{form}",
    label_visibility="collapsed",
)

goals = [g for g in journal.goals(["active"]) if g.kind == "habit" and not g.is_measurable]
chosen_goals: list[int] = []
if goals:
    done_that_day = {
        log.goal_id for log in journal.goal_logs(start=day, end=day) if log.status == "done"
    }
    goal_titles = {g.id: g.title for g in goals}
    chosen_goals = st.pills(
        "Goals done",
        options=list(goal_titles),
        default=[g for g in goal_titles if g in done_that_day],
        format_func=lambda goal_id: ui.plain(goal_titles[goal_id]),
        selection_mode="multi",
        key=f"today_goals_{form}_{day}",
    )

note = st.text_area(
    "A note for yourself (optional)",
    max_chars=MAX_NOTE,
    key=f"today_note_{form}",
    placeholder="Anything on your mind. Only you can see this.",
)


def save_checkin(person_id: int, form: int, goals_shown: list[int]) -> None:
    """The Save button's callback: it runs before the page draws, so one run saves and
    shows the fresh page (no second run; on a busy server every run counts)."""
    state = st.session_state
    if state.get(f"today_mood_{form}") is None:
        state["today_problem"] = (
            "Pick a face for how you feel, then save. Any face is fine.",
            "💬",
        )
        return
    day = state.get(f"today_day_{form}") or dt.date.today()
    new_activity = state.get(f"today_new_activity_{form}")
    with ui.kindly(later="today_problem"), ui.open_db() as store:
        store.journal(person_id).save_day_checkin(
            day,
            state[f"today_mood_{form}"] + 1,
            state.get(f"today_note_{form}") or "",
            activity_ids=state.get(f"today_activities_{form}_{day}") or [],
            new_activities=[new_activity] if new_activity else [],
            goals_shown=goals_shown,
            goals_done=state.get(f"today_goals_{form}_{day}") or [],
        )
        state["today_form"] = form + 1
        ui.after_write("Saved. Thanks for checking in.")


st.button(
    "Save check-in",
    type="primary",
    key="today_save",
    width="stretch",
    on_click=save_checkin,
    args=(journal.person_id, form, [g.id for g in goals]),
)
ui.show_later("today_problem")


def close_setback_dialog() -> None:
    st.session_state["today_setback_dialog"] = False


# The open flag lives in session state so the dialog survives its own reruns.
@st.dialog("Log a setback", on_dismiss=close_setback_dialog)
def setback_dialog() -> None:
    st.write(
        "Hard days are part of the path, not a step back from it. "
        "A few words now can help future you."
    )
    when = st.date_input("Day", value=day, max_value=today, key="today_setback_day")
    happened = st.text_area("What happened?", max_chars=2000, key="today_setback_happened")
    helped = st.text_area("What helped, even a little?", max_chars=2000, key="today_setback_helped")
    next_time = st.text_area(
        "What might you try next time?", max_chars=2000, key="today_setback_next"
    )
    if st.button("Save this note", type="primary", key="today_setback_save"):
        with ui.kindly():
            journal.add_setback(when, happened, helped, next_time)
            close_setback_dialog()
            ui.after_write("Noted. Being honest about a hard day takes courage.", icon="💙")
            st.rerun()


if st.button("Having a hard day? Log a setback", key="today_setback_open", width="stretch"):
    st.session_state["today_setback_dialog"] = True
if st.session_state.get("today_setback_dialog"):
    setback_dialog()

st.divider()
st.subheader("Recent entries")
recent = journal.checkins(limit=7)
if not recent:
    st.caption("Your check-ins will show up here.")
for entry in recent:
    title = f"{MOOD_FACES[entry.mood]} {entry.day:%a %-d %b} · {MOOD_LABELS[entry.mood]}"
    with st.expander(title):
        if entry.note:
            st.text(entry.note)
        mood = st.select_slider(
            "Mood",
            options=[1, 2, 3, 4, 5],
            value=entry.mood,
            format_func=lambda m: f"{MOOD_FACES[m]} {MOOD_LABELS[m]}",
            key=f"today_edit_mood_{entry.id}",
        )
        edited = st.text_area(
            "Note", value=entry.note or "", max_chars=MAX_NOTE, key=f"today_edit_note_{entry.id}"
        )
        save, delete = st.columns(2)
        if save.button("Save changes", key=f"today_edit_save_{entry.id}"):
            with ui.kindly():
                journal.update_checkin(entry.id, mood=mood, note=edited)
                ui.after_write("Updated.")
                st.rerun()
        if delete.button("Delete", key=f"today_delete_{entry.id}"):
            st.session_state["today_confirm_delete"] = entry.id
        if st.session_state.get("today_confirm_delete") == entry.id:
            st.warning("Delete this check-in? This can't be undone.")
            if st.button("Yes, delete it", key=f"today_delete_yes_{entry.id}"):
                with ui.kindly():
                    journal.delete_checkin(entry.id)
                    st.session_state.pop("today_confirm_delete", None)
                    ui.after_write("Deleted.")
                    st.rerun()
ui.reminder_form(ctx)
