"""Today: knows whether you checked in today. Before: the check-in form. After: today's
entry with Edit, and a quieter way to add another. A setback note on hard days, and
recent entries."""

import datetime as dt

import streamlit as st

from tracker import words
from tracker.records import MAX_NOTE, Goal
from ui import entries, feedback, session, support, widgets
from ui.text import day_details_markdown, plain

ctx = session.page_setup()
journal = ctx.journal
today = dt.date.today()
assert ctx.person is not None

# After a week or more away, the first words are a welcome, never a count of missed days.
todays = journal.day_checkins(today)
if not todays and support.back_after_a_gap(journal, today):
    st.title("🌱 Welcome back", anchor=False)
    st.write(f"It's really good to see you, {ctx.person.name}. Let's just start with today.")
else:
    st.title("✏️ Today", anchor=False)


def open_setback_dialog() -> None:
    st.session_state["today_setback_dialog"] = True


support.hard_day_panel(ctx, open_setback=open_setback_dialog)

# Widget keys carry a counter, so that after a save the form starts fresh.
form = st.session_state.setdefault("today_form", 0)
adding = st.session_state.get("today_adding", False)

STARTER_SELFCARE = [
    ("😴", "Sleep", "rest"),
    ("🚶", "A walk", "body"),
    ("📞", "Reaching out to someone", "connection"),
    ("🍲", "A proper meal", "body"),
    ("🛋️", "Rest", "rest"),
]


def adopt_starter(person_id: int, key: str) -> None:
    """One tap on a starter idea adds it to the person's self-care."""
    picked = st.session_state.get(key)
    for emoji, name, category in STARTER_SELFCARE:
        if name == picked:
            added = f"Added {name} to your self-care."
            with (
                feedback.saving(added, later="today_problem", rerun=False),
                session.open_db() as store,
            ):
                store.journal(person_id).add_activity(name, emoji=emoji, category=category)


def starter_suggestions(names_known: set[str]) -> None:
    """A first journal isn't empty: a few ideas, adopted with one tap, or skipped."""
    if st.session_state.get("today_starters_skipped") or journal.has_checkins():
        return
    ideas = [(e, n, c) for e, n, c in STARTER_SELFCARE if n.casefold() not in names_known]
    if not ideas:
        return
    with st.container(border=True, key="today_starters"):
        key = f"today_starter_{len(ideas)}"
        st.pills(
            "A few ideas to start your self-care (tap to add)",
            options=[n for _, n, _ in ideas],
            format_func=dict((n, f"{e} {n}") for e, n, _ in ideas).__getitem__,
            key=key,
            on_change=adopt_starter,
            args=(ctx.person.id, key),
        )
        if st.button("No thanks", type="tertiary", key="today_starters_skip"):
            st.session_state["today_starters_skipped"] = True
            st.rerun()


def goal_target(goal: Goal) -> str:
    word = "at least" if goal.target_type == "at_least" else "at most"
    return f"{word} {words.amount(goal.target_value or 0, goal.unit)}"


def save_checkin(person_id: int, form: int, goals_shown: list[int], measured: list[int]) -> None:
    """The Save button's callback: it runs before the page draws, so one run saves and
    shows the fresh page (no second run; on a busy server every run counts)."""
    state = st.session_state
    mood = state.get(f"today_mood_{form}")
    if mood is None:
        state["today_problem"] = (
            "Pick a face for how you feel, then save. Any face is fine.",
            "💬",
        )
        return
    day = state.get(f"today_day_{form}") or dt.date.today()
    new_activity = state.get(f"today_new_activity_{form}")
    chosen_goals = state.get(f"today_goals_{form}_{day}") or []
    hard_day = mood == 1  # a different confirmation, and the support plan
    done = (
        "Saved. Thank you for checking in on a hard day."
        if hard_day
        else "Saved. Thanks for checking in."
    )
    with (
        feedback.saving(done, icon="💙" if hard_day else "🌿", later="today_problem", rerun=False),
        session.open_db() as store,
    ):
        mine = store.journal(person_id)
        with store.transaction():
            mine.save_day_checkin(
                day,
                mood,
                state.get(f"today_note_{form}") or "",
                activity_ids=[
                    *(state.get(f"today_activities_{form}_{day}") or []),
                    *(state.get(f"today_other_{form}_{day}") or []),
                ],
                new_activities=[new_activity] if new_activity else [],
                goals_shown=[g for g in goals_shown if g not in oneoff_ids],
                goals_done=[g for g in chosen_goals if g not in oneoff_ids],
                goal_amounts={g: state.get(f"today_amount_{form}_{day}_{g}") for g in measured},
            )
            for goal_id in chosen_goals:
                if goal_id in oneoff_ids:  # a one-off goal ticked: achieved that day
                    mine.set_goal_status(goal_id, "achieved", on=day)
        state["today_form"] = form + 1
        state["today_adding"] = False
        if hard_day:
            support.open_hard_day("awful")


def activity_pills(label: str, names: dict[int, str], logged: set[int], **options) -> None:
    """Activities to tap, those already logged that day picked, each name plain text."""
    st.pills(
        label,
        options=list(names),
        default=[a for a in names if a in logged],
        format_func=lambda activity_id: plain(names[activity_id]),
        selection_mode="multi",
        **options,
    )


def checkin_form() -> None:
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

    entries.mood_picker(f"today_mood_{form}", label="How are you feeling?")

    activities = journal.activities()
    starter_suggestions({a.name.casefold() for a in journal.activities(include_archived=True)})
    logged_today = journal.day_activities(day)
    # Self-care apart from the rest: work or a drink is noted, never called self-care.
    care = {a.id: a.label for a in activities if a.kind == "selfcare"}
    other = {a.id: a.label for a in activities if a.kind != "selfcare"}
    activity_pills(
        "Self-care" if care else "Self-care (add your first one below)",
        care,
        logged_today,
        key=f"today_activities_{form}_{day}",
        help="Tap what you did for yourself. Small things count.",
    )
    st.text_input(
        "Something else?",
        placeholder="Add a new one, e.g. Stretching",
        max_chars=60,
        key=f"today_new_activity_{form}",
        label_visibility="collapsed",
    )
    if other:
        activity_pills(
            "Anything else today",
            other,
            logged_today,
            key=f"today_other_{form}_{day}",
            help="The other things you keep track of. Noted, never judged.",
        )

    # Goals of every kind: yes/no habits and one-offs as taps, amounts as numbers.
    active = journal.goals(["active"])
    tapped = [g for g in active if not g.is_measurable]
    measured = [g for g in active if g.kind == "habit" and g.is_measurable]
    logs = {log.goal_id: log for log in journal.goal_logs(start=day, end=day)}
    if tapped:
        titles = {g.id: g.title for g in tapped}
        st.pills(
            "Goals done",
            options=list(titles),
            default=[g for g in titles if g in logs and logs[g].status == "done"],
            format_func=titles.__getitem__,
            selection_mode="multi",
            key=f"today_goals_{form}_{day}",
        )
    for goal in measured:
        logged = logs.get(goal.id)
        st.number_input(
            f"{goal.title} ({goal_target(goal)})",
            min_value=0.0,
            max_value=1e6,
            value=logged.amount if logged and logged.amount is not None else None,
            step=1.0,
            format="%g",
            placeholder="How much today?",
            key=f"today_amount_{form}_{day}_{goal.id}",
        )

    st.text_area(
        "A note for yourself (optional)",
        max_chars=MAX_NOTE,
        key=f"today_note_{form}",
        placeholder="Anything on your mind. Only you can see this.",
    )
    st.button(
        "Save check-in",
        type="primary",
        key="today_save",
        width="stretch",
        on_click=save_checkin,
        args=(
            ctx.person.id,
            form,
            [g.id for g in tapped],
            [g.id for g in measured],
        ),
    )
    feedback.show_later("today_problem")
    if adding and st.button("Not now", type="tertiary", key="today_add_cancel"):
        st.session_state["today_adding"] = False
        st.rerun()


def todays_entries() -> None:
    """After checking in: today's entries, each with Edit, and a quiet way to add one."""
    st.subheader("You checked in today 🌱", anchor=False)
    details = journal.days_details([today])[today]
    several = len(todays) > 1
    with st.container(border=True, key="today_done"):
        for entry in reversed(todays):  # newest first
            entries.checkin_row(
                entry, "today", "Edit", f"today_entry_edit_{entry.id}", with_time=several
            )
        if details.selfcare or details.goals or details.setbacks:
            st.markdown(day_details_markdown(details))
    if st.button("Add another check-in", type="tertiary", key="today_add_another"):
        st.session_state["today_adding"] = True
        st.rerun()


oneoff_ids = {g.id for g in journal.goals(["active"]) if g.kind == "oneoff"}
if todays and not adding:
    todays_entries()
else:
    checkin_form()


def close_setback_dialog() -> None:
    st.session_state["today_setback_dialog"] = False


# The open flag lives in session state so the dialog survives its own reruns.
@st.dialog("Log a setback", on_dismiss=close_setback_dialog)
def setback_dialog() -> None:
    st.write(
        "Hard days are part of the path, not a step back from it. "
        "A few words now can help future you."
    )
    helped = support.helped_before_lines(journal)
    if helped:
        st.info("  \n".join(helped[:1]), icon="🌱")
    when = st.date_input("Day", value=today, max_value=today, key="today_setback_day")
    happened = st.text_area("What happened?", max_chars=2000, key="today_setback_happened")
    helped_now = st.text_area(
        "What helped, even a little?", max_chars=2000, key="today_setback_helped"
    )
    next_time = st.text_area(
        "What might you try next time?", max_chars=2000, key="today_setback_next"
    )
    if st.button("Save this note", type="primary", key="today_setback_save"):
        with feedback.saving("Noted. Being honest about a hard day takes courage.", icon="💙"):
            journal.add_setback(when, happened, helped_now, next_time)
            close_setback_dialog()
            support.open_hard_day("setback")


if st.button("Having a hard day? Log a setback", key="today_setback_open", width="stretch"):
    open_setback_dialog()
if st.session_state.get("today_setback_dialog"):
    setback_dialog()

st.divider()
RECENT = 7
if todays and not adding:  # today's entries are in the card above: list the days before
    recent = [e for e in journal.checkins(limit=RECENT + len(todays)) if e.day != today]
    recent = recent[:RECENT]
    if recent:
        st.subheader("Earlier entries", anchor=False)
else:
    st.subheader("Recent entries", anchor=False)
    recent = journal.checkins(limit=RECENT)
    if not recent:
        st.caption("Your check-ins will show up here.")
per_day: dict[dt.date, int] = {}
for entry in recent:
    per_day[entry.day] = per_day.get(entry.day, 0) + 1
for entry in recent:
    entries.checkin_row(
        entry,
        "today",
        "Edit",
        f"today_recent_edit_{entry.id}",
        with_day=True,
        with_time=per_day[entry.day] > 1,
    )
if recent or todays:
    total = journal.checkin_count()
    label = f"📖 Your whole journal ({words.count(total, 'check-in')})"
    if st.button(label, type="tertiary", key="today_open_journal"):
        session.switch_to("journal")
entries.entry_editor(ctx, "today")
widgets.reminder_form(ctx)
