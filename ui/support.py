"""Hard days: kind words, a one-tap reflection, and the person's support plan."""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING, Any

import streamlit as st

from tracker import Journal
from tracker.records import SupportPlan
from ui.feedback import saving
from ui.text import plain

if TYPE_CHECKING:
    from ui.session import Context

# --- hard days -----------------------------------------------------------------------------

CRISIS_LINE_ENV = "TRACKER_CRISIS_LINE"  # a host may set the crisis line for everyone
IN_DANGER = "If you are in danger, call your local emergency number."


def crisis_line(plan: SupportPlan) -> str | None:
    """The person's own crisis line, else the host's; never a number we assumed."""
    return plan.crisis_line or (os.environ.get(CRISIS_LINE_ENV, "").strip() or None)


def helped_before_lines(journal: Journal) -> list[str]:
    """'Last time, talking to my sister helped.' from the person's own setback notes."""
    lines = []
    for index, setback in enumerate(journal.what_helped_before(3)):
        when = "Last time" if index == 0 else f"On {setback.day:%-d %B %Y}"
        helped = (setback.what_helped or "").strip().rstrip(".")
        lines.append(f"{when}, this helped: *{plain(helped)}*")
    return lines


def support_plan_markdown(plan: SupportPlan) -> str:
    parts = []
    if plan.contacts:
        people = "\n".join(
            f"- **{plain(c.name)}**" + (f" · {plain(c.how)}" if c.how else "")
            for c in plan.contacts
        )
        parts.append("**People you can reach out to**\n\n" + people)
    if plan.help_lines:
        parts.append(
            "**Things that help you**\n\n" + "\n".join(f"- {plain(h)}" for h in plan.help_lines)
        )
    line = crisis_line(plan)
    if line:
        parts.append(f"**Crisis line:** {plain(line)}  \n{IN_DANGER}")
    else:
        parts.append(IN_DANGER)
    return "\n\n".join(parts)


def open_hard_day(reason: str) -> None:
    """After an awful check-in ("awful") or a setback note ("setback")."""
    st.session_state["hard_day"] = reason


def hard_day_panel(ctx: Context, *, open_setback: Any = None) -> None:
    """Kind words, a one-tap setback reflection and the person's support plan, shown after
    an awful check-in or a setback note, until closed."""
    reason = st.session_state.get("hard_day")
    if not reason:
        return
    journal = ctx.journal
    plan = journal.support_plan()
    with st.container(border=True, key="hard_day_panel"):
        st.markdown("### 💙 Go gently today")
        if reason == "awful":
            st.write(
                "Thank you for checking in on a day like this. That took something. "
                "A hard day is not a step back: it's part of the path, and it will pass."
            )
        else:
            st.write(
                "Thank you for writing that down. Being honest about a hard day takes "
                "courage, and what you noted will help future you."
            )
        helped = helped_before_lines(journal)
        if helped:
            st.markdown("  \n".join(helped))
        st.markdown(support_plan_markdown(plan))
        write, edit, close = st.columns(3)
        if open_setback is not None and reason == "awful":
            write.button(
                "Write a setback reflection",
                key="hard_day_reflect",
                on_click=open_setback,
                width="stretch",
            )
        label = "Edit my support plan" if plan.updated else "Make my support plan"
        if edit.button(label, key="hard_day_plan", width="stretch"):
            st.session_state["support_plan_open"] = True
        if close.button("Close", type="tertiary", key="hard_day_close", width="stretch"):
            st.session_state.pop("hard_day", None)
            st.rerun()
    if st.session_state.get("support_plan_open"):
        support_plan_dialog(ctx)


def _close_support_plan() -> None:
    st.session_state["support_plan_open"] = False


@st.dialog("My support plan", on_dismiss=_close_support_plan)
def support_plan_dialog(ctx: Context) -> None:
    support_plan_form(ctx, "plan_dialog")


SUPPORT_ROWS = 3  # empty rows for people to reach out to, beyond those already there


def support_plan_form(ctx: Context, key: str) -> None:
    """The support plan's fields: people (name and how), things that help, crisis line."""
    journal = ctx.journal
    plan = journal.support_plan()
    st.caption(
        "Your own short list for hard days. It stays in your journal and your backups, "
        "and is never shown to a peer."
    )
    st.markdown("**People to reach out to**")
    rows = max(SUPPORT_ROWS, len(plan.contacts) + 1)
    contacts = []
    for index in range(rows):
        known = plan.contacts[index] if index < len(plan.contacts) else None
        name_col, how_col = st.columns(2)
        name = name_col.text_input(
            "Name",
            value=known.name if known else "",
            max_chars=60,
            key=f"{key}_name_{index}",
            placeholder="Name",
            label_visibility="visible" if index == 0 else "collapsed",
        )
        how = how_col.text_input(
            "How to reach them",
            value=(known.how or "") if known else "",
            max_chars=120,
            key=f"{key}_how_{index}",
            placeholder="Call, text, visit…",
            label_visibility="visible" if index == 0 else "collapsed",
        )
        contacts.append({"name": name, "how": how})
    suggested = "\n".join(
        s.what_helped.strip() for s in journal.what_helped_before(5) if s.what_helped
    )
    helps = st.text_area(
        "Things that help (one a line)",
        value=plan.helps if plan.helps is not None else suggested,
        max_chars=2000,
        key=f"{key}_helps",
        help="Filled in from what helped you before; change it freely.",
    )
    line = st.text_input(
        "Crisis line",
        value=plan.crisis_line or "",
        max_chars=120,
        key=f"{key}_crisis",
        placeholder=os.environ.get(CRISIS_LINE_ENV, "") or "A number or service where you live",
        help="No number is filled in for you: enter the one for where you live. " + IN_DANGER,
    )
    if st.button("Save my plan", type="primary", key=f"{key}_save"):
        with saving("Your support plan is saved.", icon="💙"):
            journal.save_support_plan(contacts, helps, line)
            _close_support_plan()


# --- a warm welcome back after a gap -------------------------------------------------------

WELCOME_BACK_DAYS = 7


def back_after_a_gap(journal: Journal, today: dt.date) -> bool:
    """No check-in for a week or more (and none yet today): welcome the person back."""
    last = journal.last_checkin_day()
    return last is not None and (today - last).days >= WELCOME_BACK_DAYS
