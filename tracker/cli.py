"""The command line: ``python -m tracker``.

Every command opens the database given by ``--db`` (default ``TRACKER_DB`` or
``data/tracker.db``), works on one person (``--person``, or the only one), and
writes in one transaction: an error leaves everything as it was, goes to stderr
and ends with a non-zero exit.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from tracker import backup as backups
from tracker import exports, reminders
from tracker.analytics import stats as compute_stats
from tracker.errors import InvalidEntry, TrackerError
from tracker.importers import (
    ImportPreview,
    apply_import,
    parse_mood_map,
    preview_daylio,
    preview_loop,
    refuse_unless_ready,
)
from tracker.records import read_day
from tracker.sharing import DEFAULT_SCOPES, SCOPES
from tracker.store import Journal, Store, default_db_path, open_store


class _Group(click.Group):
    """Turns our kind errors into click's: message on stderr, exit status 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except TrackerError as error:
            raise click.ClickException(str(error)) from error
        except OSError as error:  # a file we couldn't write: say which and why
            where = f" {error.filename}" if error.filename else ""
            raise click.ClickException(
                f"Couldn't use the file{where} ({error.strerror or error}). Nothing was changed."
            ) from error


class _Settings:
    def __init__(self, db: Path, person: str | None) -> None:
        self.db = db
        self.person = person
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.db)
            click.get_current_context().call_on_close(self._store.close)
        return self._store

    def journal(self) -> Journal:
        if self._store is None and not self.db.exists():
            # Don't leave an empty database behind for a command that needs a journal.
            raise InvalidEntry(
                f"There's no journal at {self.db} yet. Start one with: python -m tracker init"
            )
        return self.store.journal(pick_person(self.store, self.person))


def pick_person(store: Store, name: str | None) -> int:
    """The id of the person called ``name``, or of the only person there is."""
    people = store.people()
    if name is not None:
        found = store.person_by_name(name)
        if found is None:
            choices = ", ".join(p.name for p in people) or "none yet"
            raise InvalidEntry(f"There's no journal called “{name}” here (journals: {choices}).")
        return found.id
    if not people:
        raise InvalidEntry("There's no journal here yet. Start one with: python -m tracker init")
    if len(people) > 1:
        choices = ", ".join(f"“{p.name}”" for p in people)
        raise InvalidEntry(
            f"This database holds several journals ({choices}). Please pick one with --person NAME."
        )
    return people[0].id


pass_settings = click.make_pass_decorator(_Settings)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The database file (default: TRACKER_DB, or data/tracker.db).",
)
@click.option("--person", default=None, help="Whose journal (default: the only one).")
@click.pass_context
def main(ctx: click.Context, db: Path | None, person: str | None) -> None:
    """Resilience Tracker: your journal, from the command line."""
    ctx.obj = _Settings(db or default_db_path(), person)


@main.command()
@click.option("--name", default=None, help='Name of the first journal (default "me").')
@pass_settings
def init(settings: _Settings, name: str | None) -> None:
    """Create the database and a first journal (safe to run twice)."""
    store = settings.store
    people = store.people()
    wanted = name or settings.person
    if wanted is not None and store.person_by_name(wanted) is not None:
        click.echo(f"The journal “{wanted}” is ready in {settings.db}.")
        return
    if people and wanted is None:
        names = ", ".join(f"“{p.name}”" for p in people)
        click.echo(f"Your database is already set up in {settings.db} (journals: {names}).")
        return
    person = store.add_person(wanted or "me")
    click.echo(f"Started a journal for “{person.name}” in {settings.db}.")


@main.command()
@click.option("--mood", required=True, type=int, help="1 (awful) to 5 (great).")
@click.option("--day", default=None, help="YYYY-MM-DD (default: today).")
@click.option("--note", default=None, help="A few words about the day.")
@click.option("--did", "did", multiple=True, help="A self-care activity you did (repeatable).")
@pass_settings
def checkin(
    settings: _Settings, mood: int, day: str | None, note: str | None, did: tuple[str, ...]
) -> None:
    """Save a check-in."""
    journal = settings.journal()
    saved = journal.add_checkin(day or dt.date.today(), mood, note, activities=did)
    extra = f" with {', '.join(did)}" if did else ""
    click.echo(f"Saved your check-in for {saved.day:%-d %b %Y} (mood {saved.mood}){extra}.")


@main.group(name="import", cls=_Group)
def import_group() -> None:
    """Bring in entries from Daylio, Loop Habit Tracker, or a backup."""


_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@import_group.command(name="daylio")
@click.argument("file", type=_FILE)
@click.option(
    "--mood-map",
    "mood_map",
    multiple=True,
    metavar="LABEL=SCORE",
    help="Score for one of your Daylio mood labels, e.g. --mood-map fine=4 (repeatable).",
)
@click.option(
    "--selfcare",
    multiple=True,
    metavar="ACTIVITY",
    help="A new activity to bring in as self-care (repeatable); the rest come in as neutral.",
)
@click.option(
    "--watch",
    multiple=True,
    metavar="ACTIVITY",
    help="A new activity to bring in as something to watch, e.g. a trigger (repeatable).",
)
@click.option(
    "--no-header-ok",
    is_flag=True,
    help="Import a file whose header row is missing, once you've checked its preview.",
)
@pass_settings
def import_daylio(
    settings: _Settings,
    file: Path,
    mood_map: tuple[str, ...],
    selfcare: tuple[str, ...],
    watch: tuple[str, ...],
    no_header_ok: bool,
) -> None:
    """Import a Daylio CSV export. New activities come in as neutral unless sorted."""
    journal = settings.journal()
    preview = preview_daylio(file.read_bytes(), journal, mood_map=parse_mood_map(mood_map))
    preview.sort_activities(
        {**dict.fromkeys(selfcare, "selfcare"), **dict.fromkeys(watch, "watch")}
    )
    if preview.no_header and not no_header_ok:
        click.echo(preview.summary(), err=True)
        raise click.ClickException(
            "Nothing was imported yet: this file has no header row. If the dates and moods "
            "above look right, run the same command again with --no-header-ok."
        )
    if preview.unknown_moods and not preview.problems:
        labels = ", ".join(f"“{label}”" for label in preview.unknown_moods)
        example = preview.unknown_moods[0]
        raise click.ClickException(
            f"Nothing was imported yet: we don't know where {labels} sit on the 1–5 mood scale. "
            f'Please add one --mood-map per label, for example --mood-map "{example}=3".'
        )
    _run_import(journal, preview)


@import_group.command(name="loop")
@click.argument("file", type=_FILE)
@pass_settings
def import_loop(settings: _Settings, file: Path) -> None:
    """Import a Loop Habit Tracker CSV zip or backup (.db)."""
    journal = settings.journal()
    _run_import(journal, preview_loop(file.read_bytes(), journal))


@import_group.command(name="backup")
@click.argument("file", type=_FILE)
@pass_settings
def import_backup(settings: _Settings, file: Path) -> None:
    """Restore a backup file (into a new journal if there is none yet)."""
    data = file.read_bytes()
    refuse_unless_ready(backups.preview_backup(data))  # a bad file: refuse before opening
    store = settings.store
    if not store.people() and settings.person is None:
        click.echo(backups.preview_backup(data).summary(), err=True)
        with _progress_bar() as progress:
            journal = backups.restore_backup(store, data, progress=progress)
        click.echo(f"Restored the journal of “{journal.person.name}”.")
        return
    journal = settings.journal()
    _run_import(journal, backups.preview_backup(data, journal))


def _run_import(journal: Journal, preview: ImportPreview) -> None:
    click.echo(preview.summary(), err=True)
    refuse_unless_ready(preview)
    with _progress_bar() as progress:
        result = apply_import(journal, preview, progress=progress)
    click.echo(result.summary())


@contextmanager
def _progress_bar() -> Iterator[Callable[[float], None]]:
    with click.progressbar(length=1000, label="Importing", file=sys.stderr) as bar:
        shown = 0

        def update(fraction: float) -> None:
            nonlocal shown
            target = int(fraction * 1000)
            if target > shown:
                bar.update(target - shown)
                shown = target

        yield update


@main.group(name="export", cls=_Group)
def export_group() -> None:
    """Take your journal with you: a backup or CSV files."""


@export_group.command(name="backup")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="Where to write it (default: resilience-backup-DATE.json here; - for stdout).",
)
@pass_settings
def export_backup(settings: _Settings, output: Path | None) -> None:
    """Write a full backup of your journal (one JSON file)."""
    journal = settings.journal()
    data = backups.backup_bytes(journal)
    if output is not None and str(output) == "-":
        click.echo(data.decode("utf-8"), nl=False)
        return
    path = output or Path(backups.backup_filename())
    exports.write_atomically(path, data)
    click.echo(f"Wrote your backup to {path}.")


@export_group.command(name="csv")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the CSV files (default: resilience-csv-DATE here).",
)
@pass_settings
def export_csv(settings: _Settings, output: Path | None) -> None:
    """Write one CSV file per kind of record."""
    journal = settings.journal()
    folder = output or Path(exports.csv_dirname())
    written = exports.write_csv(journal, folder)
    click.echo(f"Wrote {len(written)} CSV files to {folder}/.")


@main.command()
@click.option("--at", "at", required=True, help="The time of day, like 20:30.")
@click.option(
    "--days", default=None, help="Only these days, like mon,wed,fri (default: every day)."
)
@click.option(
    "--text", default=None, help=f'Your own few words (default "{reminders.DEFAULT_TEXT}").'
)
@click.option(
    "--tz",
    "timezone",
    default=None,
    help="Time zone, like Europe/London (default: this computer's).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help=f"Where to write it (default: {reminders.FILE_NAME} here; - for stdout).",
)
@pass_settings
def remind(
    settings: _Settings,
    at: str,
    days: str | None,
    text: str | None,
    timezone: str | None,
    output: Path | None,
) -> None:
    """Write a calendar file that reminds you to check in (import it in your calendar)."""
    reminder = reminders.make_reminder(at, days, text, timezone)
    journal = settings.journal()
    data = reminders.reminder_calendar(reminder, settings.store.person(journal.person_id))
    if output is not None and str(output) == "-":
        click.echo(data.decode("utf-8"), nl=False)
        return
    path = output or Path(reminders.FILE_NAME)
    exports.write_atomically(path, data)
    click.echo(
        f"Wrote your reminder to {path}. Open it with your calendar app; a new file with "
        "another time replaces this reminder."
    )


@main.group(name="report", cls=_Group)
def report_group() -> None:
    """Reports to share with a peer or clinician."""


@report_group.command(name="html")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write it (default: NAME-journey-report-FROM-to-TO.html here).",
)
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    type=click.Choice(list(SCOPES)),
    help="A section to include (repeatable; default: all but notes).",
)
@click.option("--from", "start", default=None, help="First day, YYYY-MM-DD (default: the first).")
@click.option("--to", "end", default=None, help="Last day, YYYY-MM-DD (default: today).")
@click.option(
    "--name",
    "shown_name",
    default=None,
    help="The name the report calls you by (default: your journal's name).",
)
@pass_settings
def report_html(
    settings: _Settings,
    output: Path | None,
    scopes: tuple[str, ...],
    start: str | None,
    end: str | None,
    shown_name: str | None,
) -> None:
    """Write a self-contained HTML report to email to a peer or clinician.

    Notes and setback reflections are in it only with --scope notes.
    """
    from tracker import report  # plotly loads only for this command

    chosen = scopes or DEFAULT_SCOPES
    first = report.parse_report_day(start, what="start date") if start is not None else None
    last = report.parse_report_day(end, what="end date") if end is not None else None
    journal = settings.journal()
    frames = journal.frames()
    first, last = report.report_dates(frames, chosen, first, last)
    name = (shown_name or "").strip()[:60] or journal.person.name
    document = report.build_report(frames, name, chosen, first, last)
    path = output or Path(report.report_filename(name, first, last))
    exports.write_atomically(path, document.encode("utf-8"))
    click.echo(f"Wrote your report to {path}.")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (for other tools).")
@click.option("--as-of", "as_of", default=None, help="YYYY-MM-DD (default: today).")
@pass_settings
def stats(settings: _Settings, as_of: str | None, as_json: bool) -> None:
    """Your numbers: days logged, trend, habits, setbacks and wins."""
    day = dt.date.today() if as_of is None else read_day(as_of)
    result = compute_stats(settings.journal().frames(), day)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2, default=_plain_json))
        return
    click.echo(f"Days logged: {result.get('days_logged', 0)}")
    if result.get("first_day"):
        click.echo(f"From {result['first_day']} to {result['last_day']}")
    trend = result.get("trend") or {}
    if trend.get("slope_per_30_days") is not None:
        click.echo(f"Mood trend, last 90 days: {trend['slope_per_30_days']:+.2f} per 30 days")
    for name, habit in (result.get("habits") or {}).items():
        click.echo(f"{name}: strength {habit.get('strength', 0):.0%}")


def _plain_json(value: object) -> object:
    """numpy numbers, dates and timestamps as plain JSON values."""
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


@main.command()
@click.option("--years", default=1.0, type=click.FloatRange(0.05, 30), show_default=True)
@pass_settings
def demo(settings: _Settings, years: float) -> None:
    """Add a demo journal with made-up entries, to look around."""
    from tracker.demo import DEMO_NAME, create_demo_person

    store = settings.store
    if store.person_by_name(DEMO_NAME) is not None:
        click.echo(f"The demo journal “{DEMO_NAME}” is already here.")
        return
    journal = create_demo_person(store, years=years)
    span = "1 year" if years == 1 else f"{years:g} years"
    click.echo(f"Added the demo journal “{journal.person.name}” with {span} of entries.")
