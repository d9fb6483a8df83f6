"""Goals: small achievable goals, their strength, and a history you can fill in."""

import datetime as dt

import streamlit as st

from tracker import words
from tracker.analytics import JUST_STARTED, describe_habit
from tracker.goals import day_legend, goal_days
from tracker.records import Goal
from ui import cache, feedback, session
from ui.text import STRENGTH_HELP, plain

ctx = session.page_setup()
journal = ctx.journal
today = dt.date.today()
feedback.celebrate(ctx)

st.title("🎯 Goals", anchor=False)
st.caption("Small steps count. A missed day is information, not failure: you can always come back.")

goals = journal.goals()
# The last two weeks of every goal's log, in one query for all the history strips.
recent_logs = journal.goal_logs(start=today - dt.timedelta(days=13))
summaries = cache.habit_summaries(ctx)


def new_goal_form() -> None:
    title = st.text_input(
        "What do you want to do?",
        max_chars=120,
        placeholder="e.g. Walk 20 minutes",
        key="goals_new_title",
    )
    why = st.text_area(
        "Why does it matter to you?",
        max_chars=2000,
        placeholder="A reason you can come back to on a hard day.",
        key="goals_new_why",
    )
    kind = st.radio(
        "Kind",
        ["habit", "oneoff"],
        format_func={
            "habit": "Something I do regularly",
            "oneoff": "Something to get done once",
        }.get,
        horizontal=True,
        key="goals_new_kind",
    )
    fields: dict = {}
    if kind == "habit":
        left, right = st.columns(2)
        fields["times"] = left.number_input(
            "How many times", min_value=1, max_value=365, value=3, key="goals_new_times"
        )
        fields["per_days"] = right.number_input(
            "in how many days", min_value=1, max_value=365, value=7, key="goals_new_per_days"
        )
        if st.toggle("Measure an amount (minutes, glasses, drinks…)", key="goals_new_measurable"):
            a, b, c = st.columns(3)
            fields["target_type"] = a.selectbox(
                "Target",
                ["at_least", "at_most"],
                format_func={"at_least": "at least", "at_most": "at most"}.get,
                key="goals_new_target_type",
            )
            fields["target_value"] = b.number_input(
                "Amount", min_value=0.0, value=20.0, key="goals_new_target_value"
            )
            fields["unit"] = c.text_input(
                "Unit", max_chars=30, value="minutes", key="goals_new_unit"
            )
        st.caption(
            "Start smaller than you think. Three times a week beats a daily goal that hurts."
        )
    else:
        fields["target_date"] = st.date_input(
            "By when (optional)", value=None, min_value=today, key="goals_new_target_date"
        )
        steps = st.text_area(
            "Steps, one per line (optional)",
            placeholder="Big goal? Break it into small steps.",
            key="goals_new_steps",
        )
        fields["steps"] = steps.splitlines()
    if st.button("Add goal", type="primary", key="goals_new_add"):
        with feedback.saving("Goal added. One small step at a time."):
            journal.add_goal(title, kind=kind, why=why, **fields)
            for key in [k for k in st.session_state if str(k).startswith("goals_new_")]:
                del st.session_state[key]


with st.expander("➕ New goal", expanded=not goals):
    new_goal_form()


def amount_logged_message(goal: Goal, amount: float) -> str:
    """A limit's day, said plainly and kindly: within it, or over it without blame."""
    if goal.target_type == "at_most" and goal.target_value is not None:
        if amount > goal.target_value:
            return (
                "Logged, honestly. That's over your limit for the day; the next one starts fresh."
            )
        return "Logged. Within your limit that day."
    return "Logged."


def log_day_controls(goal: Goal, day: dt.date) -> None:
    """Log one day of a goal: done, an amount, skipped with a reason, lapsed, or clear."""
    prefix = f"goals_log_{goal.id}_{day}"
    st.caption(f"{day:%A %-d %B}")
    if goal.is_measurable:
        amount = st.number_input(
            f"Amount ({plain(goal.unit or 'amount')})",
            min_value=0.0,
            value=0.0,
            key=f"{prefix}_amount",
        )
    cols = st.columns(4)
    if goal.is_measurable:
        if cols[0].button("Save amount", key=f"{prefix}_save"):
            with feedback.saving(amount_logged_message(goal, amount)):
                journal.log_goal(goal.id, day, "amount", amount=amount)
    elif cols[0].button("Done ✅", key=f"{prefix}_done"):
        with feedback.saving("Nice. That counts."):
            journal.log_goal(goal.id, day, "done")
    if cols[1].button(
        "Skip ⏭️", key=f"{prefix}_skip", help="Rest days and sick days keep your strength."
    ):
        with feedback.saving("Skipped. Rest is part of the plan."):
            journal.log_goal(
                goal.id, day, "skipped", reason=st.session_state.get(f"{prefix}_reason")
            )
    if cols[2].button(
        "Lapsed ↩️", key=f"{prefix}_lapsed", help="It happens. Noting it helps you see patterns."
    ):
        with feedback.saving("Noted. Coming back is the skill, and you're here.", icon="💙"):
            journal.log_goal(goal.id, day, "lapsed")
    if cols[3].button("Clear", key=f"{prefix}_clear"):
        with feedback.saving("Cleared."):
            journal.clear_goal_log(goal.id, day)
    st.text_input("Reason for a skip (optional)", max_chars=300, key=f"{prefix}_reason")


def stop_editing() -> None:
    st.session_state.pop("goals_editing", None)


# A dialog, built only when opened: an edit form inside every goal's card was most of
# the page's time with many goals (bench/README.md).
@st.dialog("Edit goal", on_dismiss=stop_editing)
def edit_goal_dialog(goal: Goal) -> None:
    prefix = f"goals_edit_{goal.id}"
    title = st.text_input("What", value=goal.title, max_chars=120, key=f"{prefix}_title")
    why = st.text_area("Why it matters", value=goal.why or "", max_chars=2000, key=f"{prefix}_why")
    changes: dict = {"title": title, "why": why}
    if goal.kind == "habit":
        left, right = st.columns(2)
        changes["times"] = left.number_input(
            "Times", min_value=1, max_value=365, value=goal.times or 1, key=f"{prefix}_times"
        )
        changes["per_days"] = right.number_input(
            "in days", min_value=1, max_value=365, value=goal.per_days or 1, key=f"{prefix}_days"
        )
        if goal.is_measurable:
            changes["target_value"] = st.number_input(
                f"Target ({plain(goal.unit or 'amount')})",
                min_value=0.0,
                value=float(goal.target_value or 0),
                key=f"{prefix}_target",
            )
    else:
        changes["target_date"] = st.date_input(
            "By when", value=goal.target_date, key=f"{prefix}_date"
        )
    if st.button("Save changes", key=f"{prefix}_save", type="primary"):
        with feedback.saving("Goal updated."):
            journal.update_goal(goal.id, **changes)
            stop_editing()


def show_goal(goal: Goal) -> None:
    with st.container(border=True):
        head, status = st.columns([4, 1])
        head.markdown(f"**{plain(goal.title)}**")
        head.caption(plain(goal.cadence_text) + (" · paused" if goal.status == "paused" else ""))
        if goal.why:
            st.caption(f"Why: {plain(goal.why)}")
        summary = summaries.get(f"goal:{goal.id}")
        if summary is not None:
            if summary.just_started:
                st.caption(JUST_STARTED)
            else:
                st.progress(
                    summary.strength_now, text=f"Strength {words.percent(summary.strength_now)}"
                )
                st.caption(describe_habit(summary), help=STRENGTH_HELP)
        if goal.kind == "oneoff":
            for step in goal.steps:
                ticked = st.checkbox(
                    plain(step.title), value=step.done, key=f"goals_step_{step.id}"
                )
                if ticked != step.done:
                    with feedback.saving("Step done. Well done." if ticked else None):
                        journal.set_step_done(step.id, ticked)
            new_step = st.text_input("Add a step", max_chars=120, key=f"goals_add_step_{goal.id}")
            if new_step and st.button("Add step", key=f"goals_add_step_btn_{goal.id}"):
                with feedback.saving("Step added."):
                    journal.add_step(goal.id, new_step)
                    del st.session_state[f"goals_add_step_{goal.id}"]
        else:
            days = goal_days(
                goal,
                recent_logs,
                journal.goal_pauses(goal.id),
                today,
            )
            labels = {d.day: d.label for d in days}
            picked = st.pills(
                "Last two weeks (tap a day to log it)",
                options=list(labels),
                format_func=labels.__getitem__,
                key=f"goals_strip_{goal.id}",
            )
            st.caption(day_legend(goal))
            if picked is not None:
                log_day_controls(goal, picked)
        # A row that wraps, rather than four full-width rows on a phone.
        actions = st.container(horizontal=True)
        if goal.status == "active":
            if actions.button(
                "Pause",
                key=f"goals_pause_{goal.id}",
                help="A hard week or a holiday: strength is frozen, not lost.",
            ):
                with feedback.saving("Paused. Take the time you need."):
                    journal.set_goal_status(goal.id, "paused")
        elif actions.button("Resume", key=f"goals_resume_{goal.id}"):
            with feedback.saving("Welcome back."):
                journal.set_goal_status(goal.id, "active")
        if actions.button("Achieved 🎉", key=f"goals_achieved_{goal.id}"):
            with feedback.saving(f"You did it: {goal.title}. That's worth celebrating.", icon="🎉"):
                journal.set_goal_status(goal.id, "achieved")
        if actions.button("Archive", key=f"goals_archive_{goal.id}"):
            with feedback.saving("Archived. You can restore it any time."):
                journal.set_goal_status(goal.id, "archived")
        if actions.button("Edit", key=f"goals_edit_open_{goal.id}"):
            st.session_state["goals_editing"] = goal.id
    if st.session_state.get("goals_editing") == goal.id:
        edit_goal_dialog(goal)


current = [g for g in goals if g.status in ("active", "paused")]
if not current and goals:
    st.info("No goals in progress right now. When you're ready, add a small one.", icon="🌱")
for goal in current:
    show_goal(goal)

achieved = [g for g in goals if g.status == "achieved"]
if achieved:
    st.subheader("🏆 Done shelf")
    for goal in sorted(achieved, key=lambda g: g.achieved_on or today, reverse=True):
        cols = st.columns([4, 1])
        when = f"{goal.achieved_on:%-d %b %Y}" if goal.achieved_on else ""
        cols[0].markdown(f"**{plain(goal.title)}** · achieved {when}")
        if cols[1].button("Reopen", key=f"goals_reopen_{goal.id}"):
            with feedback.saving("Back on your list."):
                journal.set_goal_status(goal.id, "active")

archived = [g for g in goals if g.status == "archived"]
if archived:
    with st.expander(f"Archived ({len(archived)})"):
        for goal in archived:
            cols = st.columns([4, 1])
            cols[0].write(plain(goal.title))
            if cols[1].button("Restore", key=f"goals_restore_{goal.id}"):
                with feedback.saving("Restored."):
                    journal.set_goal_status(goal.id, "active")
