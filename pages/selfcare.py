"""Self-care: your own catalogue of what helps, your week, and the balance across kinds."""

import datetime as dt

import pandas as pd
import streamlit as st

from tracker import charts, words
from tracker.records import ACTIVITY_KIND_LABELS, ACTIVITY_KINDS, CATEGORIES, Activity
from ui import cache, feedback, session, widgets
from ui.text import STRENGTH_HELP, plain

ctx = session.page_setup()
journal = ctx.journal
today = dt.date.today()
feedback.celebrate(ctx)

st.title("🌿 Self-care", anchor=False)
st.caption("The small things you do for yourself. They add up.")

activities = journal.activities(include_archived=True)
active = [a for a in activities if not a.archived and a.kind == "selfcare"]
# Neutral activities and things to watch: listed apart, never counted as self-care.
not_selfcare = [a for a in activities if not a.archived and a.kind != "selfcare"]
summaries = cache.habit_summaries(ctx)
OWN = "Something else…"


def category_input(prefix: str, current: str | None = None) -> str | None:
    options = ["", *CATEGORIES]
    if current and current not in options:
        options.append(current)
    options.append(OWN)
    picked = st.selectbox(
        "Kind",
        options,
        index=options.index(current) if current in options else 0,
        format_func=lambda c: c or "(none)",
        key=f"{prefix}_category",
    )
    if picked == OWN:
        return st.text_input("Your own kind", max_chars=30, key=f"{prefix}_category_own")
    return picked or None


def kind_input(prefix: str, current: str = "selfcare") -> str:
    return st.selectbox(
        "What is it to you?",
        ACTIVITY_KINDS,
        index=ACTIVITY_KINDS.index(current),
        format_func=ACTIVITY_KIND_LABELS.__getitem__,
        key=f"{prefix}_kind",
        help="Self-care is what you do to look after yourself. Neutral things are just part "
        "of life (work, travel). Something to watch is a trigger or a risk you'd like to "
        "notice. Only self-care is ever said to help.",
    )


def cadence_input(prefix: str, activity: Activity | None = None) -> tuple[int | None, int | None]:
    has = activity is not None and activity.times is not None
    if not st.toggle("Make it a habit (how often)", value=has, key=f"{prefix}_habit"):
        return None, None
    left, right = st.columns(2)
    times = left.number_input(
        "Times", 1, 365, value=(activity.times if has else 3), key=f"{prefix}_times"
    )
    per_days = right.number_input(
        "in days", 1, 365, value=(activity.per_days if has else 7), key=f"{prefix}_per_days"
    )
    return int(times), int(per_days)


with st.expander("➕ Add an activity", expanded=not activities):
    name = st.text_input(
        "Name", max_chars=60, placeholder="e.g. Walk outside", key="selfcare_new_name"
    )
    emoji = st.text_input(
        "Emoji (optional)", max_chars=8, placeholder="🚶", key="selfcare_new_emoji"
    )
    category = category_input("selfcare_new")
    times, per_days = cadence_input("selfcare_new")
    kind = kind_input("selfcare_new")
    if st.button("Add", type="primary", key="selfcare_new_add"):
        with feedback.saving(
            "Added to your self-care." if kind == "selfcare" else "Added to your list."
        ):
            journal.add_activity(
                name, emoji=emoji, category=category, times=times, per_days=per_days, kind=kind
            )
            for key in [k for k in st.session_state if str(k).startswith("selfcare_new_")]:
                del st.session_state[key]

st.subheader("This week")
glance = cache.selfcare_glance(ctx)
if active:
    # One row a day (newest first), so it reads on a phone without scrolling sideways.
    labels = {a.id: a.label for a in activities}
    week_view = pd.DataFrame(
        {
            "Self-care": [
                plain(", ".join(sorted(labels[i] for i in ids if i in labels))) or "·"
                for ids in glance.week.values()
            ]
        },
        index=[f"{day:%a %-d %b}" for day in glance.week],
    )
    st.table(week_view)
    moments = sum(len(ids) for ids in glance.week.values())
    st.caption(f"{words.count(moments, 'self-care moment')} in the last 7 days.")
else:
    st.caption("Add an activity, then tap it on the Today page when you do it.")

st.subheader("Balance over the last 30 days")
balance = glance.balance
if balance.empty:
    st.caption("Nothing logged in the last 30 days yet. Any small thing counts.")
else:
    widgets.chart(charts.balance_chart(balance))

widgets.what_helps_section(ctx)

st.subheader("Your activities")
for activity in active:
    with st.container(border=True):
        head, strength = st.columns([3, 1])
        head.markdown(f"**{plain(activity.label)}**")
        details = [activity.category or "no kind"]
        if activity.times:
            details.append(f"{activity.times}× in {words.count(activity.per_days, 'day')}")
        head.caption(plain(" · ".join(details)))
        summary = summaries.get(f"activity:{activity.id}")
        if summary is not None and summary.just_started:
            strength.caption("Just started")
        elif summary is not None:
            strength.metric("Strength", words.percent(summary.strength_now), help=STRENGTH_HELP)
        prefix = f"selfcare_edit_{activity.id}"
        with st.popover("Edit"):
            new_name = st.text_input(
                "Name", value=activity.name, max_chars=60, key=f"{prefix}_name"
            )
            new_emoji = st.text_input(
                "Emoji", value=activity.emoji or "", max_chars=8, key=f"{prefix}_emoji"
            )
            new_category = category_input(prefix, activity.category)
            new_times, new_per_days = cadence_input(prefix, activity)
            new_kind = kind_input(prefix, activity.kind)
            if st.button("Save", key=f"{prefix}_save"):
                with (
                    feedback.saving("Saved. Its history came along."),
                    journal.store.transaction(),
                ):
                    journal.update_activity(
                        activity.id,
                        name=new_name,
                        emoji=new_emoji,
                        category=new_category,
                        times=new_times,
                        per_days=new_per_days,
                    )
                    journal.set_activity_kind(activity.id, new_kind)
            others = [a for a in active if a.id != activity.id]
            if others:
                into = st.selectbox(
                    "Merge into",
                    [a.id for a in others],
                    format_func={a.id: a.label for a in others}.get,
                    key=f"{prefix}_merge_into",
                    help="Two names for the same thing? Its days move to the one you pick.",
                )
                if st.button("Merge", key=f"{prefix}_merge"):
                    with feedback.saving("Merged. All the days are kept."):
                        journal.merge_activities(into, activity.id)
            if st.button("Archive", key=f"{prefix}_archive"):
                with feedback.saving("Archived. Its history stays in your journal."):
                    journal.archive_activity(activity.id)

if not_selfcare:
    st.subheader("Other things you track")
    st.caption(
        "Neutral things are just part of life; things to watch are looked at gently under "
        "“What seems to make days harder”. Neither is counted as self-care. Sort any of them "
        "differently here."
    )
    for activity in not_selfcare:
        label_column, kind_column = st.columns([3, 2], vertical_alignment="center")
        label_column.markdown(plain(activity.label))
        picked = kind_column.selectbox(
            "What is it to you?",  # hidden; a fixed label keeps typed names out of markdown
            ACTIVITY_KINDS,
            index=ACTIVITY_KINDS.index(activity.kind),
            format_func=ACTIVITY_KIND_LABELS.__getitem__,
            key=f"selfcare_sort_{activity.id}",
            label_visibility="collapsed",
        )
        if picked != activity.kind:
            with feedback.saving("Sorted. Its history came along."):
                journal.set_activity_kind(activity.id, picked)

archived = [a for a in activities if a.archived]
if archived:
    with st.expander(f"Archived ({len(archived)})"):
        for activity in archived:
            cols = st.columns([3, 1])
            cols[0].write(plain(activity.label))
            if cols[1].button("Restore", key=f"selfcare_restore_{activity.id}"):
                with feedback.saving("Restored."):
                    journal.archive_activity(activity.id, archived=False)
