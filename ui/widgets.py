"""Sections several pages draw: charts with their summaries, small wins, habits, what
helps, encouragement, the reminder, the report download."""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Sequence
from typing import TYPE_CHECKING

import streamlit as st

from tracker import InvalidEntry, Store, analytics, charts, reminders, sharing, words
from ui import chart_view
from ui.cache import frames, journey
from ui.feedback import kindly, saving
from ui.session import accounts_enabled, app_address, signed_in_person
from ui.text import plain

if TYPE_CHECKING:
    from ui.session import Context


def chart(item: charts.Chart) -> None:
    """A figure with its short text summary beside it (every chart has one), drawn by
    the app's own chart component (ui/chart_view.py: one draw, the small plotly.js)."""
    chart_view.draw(item)
    st.caption(plain(item.summary))


def small_wins_feed(ctx: Context, limit: int = 8) -> None:
    st.subheader("Small wins")
    wins = analytics.wins_feed(journey(ctx).wins, limit)
    if not wins:
        st.caption("Your small wins will collect here: a first week, a habit growing, a comeback.")
    wins_list(wins)


# Lists are one markdown element each, not one per line: each element costs the browser
# a few milliseconds, and a decade of habits made dozens.


def wins_list(wins: Sequence[analytics.Win]) -> None:
    """Small wins, newest first, one line each."""
    if wins:
        st.markdown("\n\n".join(f"🎉 **{w.day:%-d %b %Y}** · {plain(w.text)}" for w in wins))


def habit_list(habits: Sequence[analytics.HabitSummary]) -> None:
    """Each habit's strength now, with its runs in small print below."""
    names = charts.habit_names(habits)
    st.markdown(
        "\n\n".join(
            f"**{plain(names[habit.key])}** · {words.percent(habit.strength_now)}  \n"
            f":small[:gray[{plain(analytics.describe_habit(habit))}]]"
            if not habit.just_started
            else f"**{plain(names[habit.key])}**  \n:small[:gray[{plain(analytics.JUST_STARTED)}]]"
            for habit in habits
        )
    )


ENCOURAGEMENT_DAYS = 14  # how long a peer's words stay on the Journey page


def encouragement_inbox(ctx: Context) -> None:
    """Words of encouragement from peers in the last two weeks, new ones marked, each
    with a way to hide it (all of them stay listed on the Share page)."""
    journal = ctx.journal
    since = dt.datetime.now() - dt.timedelta(days=ENCOURAGEMENT_DAYS)
    recent = sharing.encouragements(journal, limit=5, unseen_or_since=since)
    if not recent:
        return
    st.subheader("💌 You are not alone")
    for note in recent:
        with st.container(border=True):
            st.text(note.message)  # a peer's words: plain text, never markup
            new = "" if note.seen else " · new"
            st.caption(f"— {plain(note.author)}, {note.created:%-d %b %Y}{new}")
            if st.button("Hide", key=f"journey_hide_{note.id}"):
                with saving():
                    sharing.hide_encouragement(journal, note.id)
    sharing.mark_encouragements_seen(journal)


def reminder_form(ctx: Context) -> None:
    """ "Remind me every day": a calendar file with an alarm that links back to Today."""
    if ctx.person is None:
        return
    with st.expander("🔔 Remind me every day"):
        st.caption(
            "Pick a time and a few words of your own. You get a calendar file: open it on "
            "your phone or computer and your calendar reminds you, with a link back here. "
            "Nothing is sent anywhere. Changed your mind? A new file replaces the old reminder."
        )
        at = st.time_input(
            "Time", value=dt.time(20, 30), step=dt.timedelta(minutes=5), key="reminder_time"
        )
        names = [name.capitalize() for name in reminders.WEEKDAYS]
        days = st.pills("Days", names, default=names, selection_mode="multi", key="reminder_days")
        text = st.text_input(
            "Your words",
            value=reminders.DEFAULT_TEXT,
            max_chars=reminders.MAX_TEXT,
            key="reminder_text",
            help="Only these words go in the calendar, never anything from your journal.",
        )
        if not days:
            st.info("Pick at least one day, and your reminder is ready.", icon="📅")
            return
        with kindly():
            zone = reminders.timezone_or_local(st.context.timezone)
            reminder = reminders.make_reminder(at, days, text, zone)
            link = reminders.today_link(app_address())
            st.download_button(
                "Download the reminder",
                reminders.reminder_calendar(reminder, ctx.person, link=link),
                file_name=reminders.FILE_NAME,
                mime="text/calendar",
                icon="📅",
                key="reminder_download",
                on_click="ignore",
            )
            when = "every day" if reminder.every_day else ", ".join(days)
            # The address without its scheme: shown, not a link (the calendar event holds it).
            where = urllib.parse.urlsplit(link).netloc
            st.caption(f"{reminder.at:%H:%M} {when} ({reminder.timezone}) · opens Today at {where}")


def offer_to_save_link(store: Store, token: str, view: sharing.SharedView) -> None:
    """With accounts on, a signed-in peer can keep the link on their dashboard."""
    if not accounts_enabled() or not st.user.is_logged_in:
        return
    me = signed_in_person(store)
    if me is None or me.id == view.person_id:
        return
    if st.button("Save to my dashboard", key="shared_save_link"):
        with saving("Saved. You'll find it on your Peers page."):
            sharing.save_link(store.journal(me.id), token, view.owner_name)


def report_download(ctx: Context) -> None:
    """A self-contained HTML report of the chosen sections and dates, for people who would
    rather email a file than share a link."""
    from tracker import report  # imported here: only this section needs it

    st.subheader("Download a report")
    st.caption("One HTML file with your charts, for a peer or clinician. It opens offline.")
    all_frames = frames(ctx)
    days = all_frames.checkins["day"]
    today = dt.date.today()
    first = days.min().date() if len(days) else today
    picked = st.date_input(
        "Dates", value=(max(first, today - dt.timedelta(days=90)), today), key="report_dates"
    )
    scopes = st.multiselect(
        "Sections",
        list(sharing.SCOPES),
        default=list(sharing.DEFAULT_SCOPES),
        format_func=sharing.SCOPES.get,
        key="report_scopes",
    )
    assert ctx.person is not None
    shown_name = st.text_input(
        "Your name on the report",
        value=ctx.person.name,
        max_chars=60,
        key="report_name",
        help='The report speaks about you by this name: "Sam\'s mood rose…"',
    )
    if not (isinstance(picked, tuple) and len(picked) == 2) or not scopes:
        st.caption("Pick a start and end date and at least one section.")
        return
    name = shown_name.strip() or ctx.person.name
    try:  # check the choice here, where a kind message can be shown
        start, end = report.report_dates(all_frames, scopes, picked[0], picked[1])
    except InvalidEntry as problem:
        st.caption(plain(str(problem)))
        return

    def document() -> str:
        # Built only when clicked (on its own thread): the page stays fast.
        return report.build_report(all_frames, name, scopes, start, end)

    st.download_button(
        "Download report",
        document,
        file_name=report.report_filename(name, start, end),
        mime="text/html",
        key="report_download",
        on_click="ignore",
    )


def what_helps_section(ctx: Context) -> None:
    st.subheader("What seems to help")
    helps = journey(ctx).helps
    if helps.empty:
        st.caption(
            "Once a self-care activity has at least 3 days with it and 3 without, you'll see "
            "how your mood compared on those days."
        )
        neutral_activities_note(ctx)
        harder_section(ctx)
        return
    st.markdown("\n".join(f"- {plain(sentence)}" for sentence in helps["sentence"].head(5)))
    st.caption("Patterns in your own entries, not proof of cause. You know your life best.")
    neutral_activities_note(ctx)
    harder_section(ctx)


def neutral_activities_note(ctx: Context) -> None:
    """Neutral activities are only described (how many days), never said to help."""
    activities = frames(ctx).activities
    neutral = activities.loc[
        (activities["kind"] == "neutral") & (activities["archived"] == 0), "name"
    ].tolist()
    days = journey(ctx).activity_days
    listed = sorted(
        ((name, days.get(name, 0)) for name in neutral if days.get(name)),
        key=lambda item: -item[1],
    )
    if listed:
        shown = ", ".join(
            f"{name} ({count} {'day' if count == 1 else 'days'})" for name, count in listed[:8]
        )
        more = f", and {len(listed) - 8} more" if len(listed) > 8 else ""
        st.caption(plain(f"Also in your journal, just as part of life: {shown}{more}."))


def harder_section(ctx: Context) -> None:
    """Gently, what seems to make days harder: only the things the person marked to watch."""
    harder = journey(ctx).harder
    if harder.empty:
        return
    st.subheader("What seems to make days harder")
    st.markdown("\n".join(f"- {plain(sentence)}" for sentence in harder["sentence"].head(5)))
    st.caption(
        "Only the things you marked to watch. Noticing a pattern is a strength, not a verdict."
    )


def sort_new_activities(names: Sequence[str]) -> dict[str, str]:
    """Let the person sort an import's new activities (or skip it: they come in neutral).

    Returns name → kind for those they picked as self-care or to watch.
    """
    if not names:
        return {}
    with st.expander(f"Sort the {len(names)} new activities (optional)"):
        st.caption(
            "Another app's activities are whatever you tracked there, so none is counted as "
            "self-care unless you say so. Anything you leave out comes in as neutral, and "
            "you can sort it later on the Self-care page."
        )
        selfcare = st.multiselect(
            "Self-care (what you do to look after yourself)",
            names,
            key="data_kinds_selfcare",
        )
        watch = st.multiselect(
            "Something to watch (a trigger or a risk)",
            [name for name in names if name not in selfcare],
            key="data_kinds_watch",
        )
    return {**dict.fromkeys(selfcare, "selfcare"), **dict.fromkeys(watch, "watch")}
