"""The database schema, as an ordered list of migrations.

An older database file is upgraded in place on open. Never edit a migration
that has shipped: add a new one. A migration spells out every value it uses (table
lists included) instead of reading today's from this module, so that adding a table
later cannot change what it does. Each migration has a test in tests/test_schema.py
that starts from the schema before it.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("tracker")


def migration_names() -> list[str]:
    """Every migration's name, in order: all of them are pending on an empty database."""
    return [migration.name for migration in migrations.pending(Database(memory=True))]


def _run(db: Database, script: str) -> None:
    # executescript() would COMMIT the migration's transaction; run one by one.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migrations()
def m001_core(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
            created TEXT NOT NULL,
            login TEXT UNIQUE,
            is_demo INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE checkins (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            logged_at TEXT NOT NULL,
            mood INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 5),
            note TEXT,
            import_key TEXT,
            UNIQUE (person_id, import_key)
        );
        CREATE INDEX checkins_person_day ON checkins (person_id, day);
        CREATE TABLE activities (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            emoji TEXT,
            category TEXT,
            times INTEGER,
            per_days INTEGER,
            archived INTEGER NOT NULL DEFAULT 0,
            created TEXT NOT NULL,
            UNIQUE (person_id, name COLLATE NOCASE),
            UNIQUE (id, person_id)
        );
        CREATE TABLE activity_logs (
            person_id INTEGER NOT NULL,
            activity_id INTEGER NOT NULL,
            day TEXT NOT NULL,
            PRIMARY KEY (activity_id, day),
            FOREIGN KEY (activity_id, person_id)
                REFERENCES activities (id, person_id) ON DELETE CASCADE
        );
        CREATE INDEX activity_logs_person_day ON activity_logs (person_id, day);
        CREATE TABLE goals (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            why TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('habit', 'oneoff')),
            times INTEGER,
            per_days INTEGER,
            unit TEXT,
            target_type TEXT CHECK (target_type IN ('at_least', 'at_most')),
            target_value REAL,
            target_date TEXT,
            status TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('active', 'paused', 'achieved', 'archived')),
            achieved_on TEXT,
            created TEXT NOT NULL,
            UNIQUE (id, person_id)
        );
        CREATE TABLE goal_steps (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL,
            goal_id INTEGER NOT NULL,
            title TEXT NOT NULL,
            done INTEGER NOT NULL DEFAULT 0,
            position INTEGER NOT NULL DEFAULT 0,
            FOREIGN KEY (goal_id, person_id) REFERENCES goals (id, person_id) ON DELETE CASCADE
        );
        CREATE TABLE goal_logs (
            person_id INTEGER NOT NULL,
            goal_id INTEGER NOT NULL,
            day TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('done', 'amount', 'skipped', 'lapsed')),
            amount REAL,
            reason TEXT,
            PRIMARY KEY (goal_id, day),
            FOREIGN KEY (goal_id, person_id) REFERENCES goals (id, person_id) ON DELETE CASCADE
        );
        CREATE INDEX goal_logs_person ON goal_logs (person_id, day);
        CREATE TABLE setbacks (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            what_happened TEXT NOT NULL,
            what_helped TEXT,
            try_next TEXT,
            created TEXT NOT NULL,
            import_key TEXT,
            UNIQUE (person_id, import_key)
        );
        CREATE INDEX setbacks_person_day ON setbacks (person_id, day)
        """,
    )


@migrations()
def m002_pauses_and_celebrations(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE goal_pauses (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL,
            goal_id INTEGER NOT NULL,
            start TEXT NOT NULL,
            end TEXT,
            FOREIGN KEY (goal_id, person_id) REFERENCES goals (id, person_id) ON DELETE CASCADE
        );
        CREATE TABLE celebrations (
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            day TEXT NOT NULL,
            text TEXT NOT NULL,
            celebrated_at TEXT NOT NULL,
            PRIMARY KEY (person_id, key)
        )
        """,
    )


@migrations()
def m003_sharing(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE shares (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            scopes TEXT NOT NULL,
            created TEXT NOT NULL,
            expires TEXT,
            revoked TEXT,
            UNIQUE (id, person_id)
        );
        CREATE TABLE share_views (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL,
            share_id INTEGER NOT NULL,
            viewed_at TEXT NOT NULL,
            FOREIGN KEY (share_id, person_id) REFERENCES shares (id, person_id) ON DELETE CASCADE
        );
        CREATE TABLE encouragements (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL,
            share_id INTEGER,
            author TEXT NOT NULL,
            message TEXT NOT NULL,
            created TEXT NOT NULL,
            hidden INTEGER NOT NULL DEFAULT 0,
            seen INTEGER NOT NULL DEFAULT 0,
            FOREIGN KEY (person_id) REFERENCES people (id) ON DELETE CASCADE
        );
        CREATE TABLE saved_links (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            token TEXT NOT NULL,
            label TEXT,
            created TEXT NOT NULL,
            UNIQUE (person_id, token)
        )
        """,
    )


# The tables behind Journal.frames(): what the app's caches hold, per person, today.
# Migrations never read this: each spells out the tables of its own time (see m004).
VERSIONED_TABLES = (
    "checkins",
    "activities",
    "activity_logs",
    "goals",
    "goal_logs",
    "goal_pauses",
    "setbacks",
)
# The journal's long tables (a decade of daily logs): each has a version of its own, so
# that a check-in alone doesn't make the app read them all again (m005).
LOG_TABLES = ("activity_logs", "goal_logs")


@migrations()
def m004_data_versions(db: Database) -> None:
    """``people.data_version`` changes with every write to a person's journal, from any
    process (the app's workers, the command line, an import), so cached numbers keyed by
    it are never stale. Values are unique across people: a journal that reuses a deleted
    one's id can never meet that journal's cached numbers."""
    # The versioned tables as they were when this shipped, spelled out: a table added to
    # VERSIONED_TABLES later gets its triggers from its own migration, never from this one.
    versioned_tables = (
        "checkins",
        "activities",
        "activity_logs",
        "goals",
        "goal_logs",
        "goal_pauses",
        "setbacks",
    )
    next_version = "(SELECT max(data_version) + 1 FROM people)"
    statements = [
        "ALTER TABLE people ADD COLUMN data_version INTEGER NOT NULL DEFAULT 0",
        "UPDATE people SET data_version = id",
        "CREATE TRIGGER people_version AFTER INSERT ON people BEGIN "
        f"UPDATE people SET data_version = {next_version} WHERE id = NEW.id; END",
    ]
    for table in versioned_tables:
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            statements.append(
                f"CREATE TRIGGER {table}_{event.lower()}_version AFTER {event} ON {table} "
                f"BEGIN UPDATE people SET data_version = {next_version} "
                f"WHERE id = {row}.person_id; END"
            )
    for statement in statements:
        db.execute(statement)


@migrations()
def m005_log_versions(db: Database) -> None:
    """Versions from a counter that only goes up, and a version per long log table.

    m004 took "the largest version + 1": deleting the journal that held the largest
    could hand one of its old versions to a new journal with its id (SQLite reuses the
    newest id), whose cached numbers would then be the deleted journal's. A counter in
    its own table never goes back. ``people.activity_logs_version`` and
    ``goal_logs_version`` take the new value with every write to that table of the
    person's journal (``data_version`` with every write to any of its tables).
    """
    # The tables as they were when this shipped (see m004).
    versioned_tables = (
        "checkins",
        "activities",
        "activity_logs",
        "goals",
        "goal_logs",
        "goal_pauses",
        "setbacks",
    )
    log_tables = ("activity_logs", "goal_logs")
    count_up = "UPDATE data_version_counter SET value = value + 1;"
    counter = "(SELECT value FROM data_version_counter)"
    log_columns = [f"{table}_version" for table in log_tables]
    db.execute("CREATE TABLE data_version_counter (value INTEGER NOT NULL)")
    db.execute("INSERT INTO data_version_counter SELECT coalesce(max(data_version), 0) FROM people")
    for column in log_columns:
        db.execute(f"ALTER TABLE people ADD COLUMN {column} INTEGER NOT NULL DEFAULT 0")
        db.execute(f"UPDATE people SET {column} = data_version")
    every_version = ", ".join(f"{column} = {counter}" for column in ["data_version", *log_columns])
    db.execute("DROP TRIGGER people_version")
    db.execute(
        f"CREATE TRIGGER people_version AFTER INSERT ON people BEGIN {count_up} "
        f"UPDATE people SET {every_version} WHERE id = NEW.id; END"
    )
    for table in versioned_tables:
        own = f", {table}_version = {counter}" if table in log_tables else ""
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            name = f"{table}_{event.lower()}_version"
            db.execute(f"DROP TRIGGER {name}")
            db.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {count_up} "
                f"UPDATE people SET data_version = {counter}{own} "
                f"WHERE id = {row}.person_id; END"
            )


@migrations()
def m006_identities(db: Database) -> None:
    """A signed-in person is who their sign-in provider vouches for: its issuer and the
    subject it gives them (OIDC's stable identity), never an e-mail address, which other
    accounts at the same provider may claim unverified. ``people.login`` (an e-mail or a
    subject from before) stays until its owner signs in again with that e-mail verified;
    their journal then takes their issuer and subject (``Store.person_for_identity``)."""
    db.execute("ALTER TABLE people ADD COLUMN issuer TEXT")
    db.execute("ALTER TABLE people ADD COLUMN subject TEXT")
    db.execute("CREATE UNIQUE INDEX people_identity ON people (issuer, subject)")


@migrations()
def m007_activity_kinds(db: Database) -> None:
    """``activities.kind``: "selfcare" (what helps), "neutral" (work, travel, gaming…) or
    "watch" (a trigger or a risk). Made in the app: self-care, as before.

    Activities that came in from a Daylio import become neutral: an export holds
    everything a person tracked ("work", "Smoking weed"), and calling all of it
    self-care told people that smoking "helps". They are the ones the importer made:
    no emoji, kind of self-care or rhythm (the app's form offers those; the importer
    never sets them), and logged only on days of imported Daylio check-ins. The person
    sorts them on the Self-care page.
    """
    # Spelled out rather than taken from tracker.records: a shipped migration never changes.
    db.execute(
        "ALTER TABLE activities ADD COLUMN kind TEXT NOT NULL DEFAULT 'selfcare' "
        "CHECK (kind IN ('selfcare', 'neutral', 'watch'))"
    )
    db.execute(
        """
        UPDATE activities SET kind = 'neutral'
        WHERE emoji IS NULL AND category IS NULL AND times IS NULL
          AND EXISTS (SELECT 1 FROM activity_logs l WHERE l.activity_id = activities.id)
          AND NOT EXISTS (
            SELECT 1 FROM activity_logs l
            WHERE l.activity_id = activities.id
              AND NOT EXISTS (
                SELECT 1 FROM checkins c
                WHERE c.person_id = l.person_id AND c.day = l.day
                  AND c.import_key LIKE 'daylio:%'
              )
          )
        """
    )


@migrations()
def m008_journal_search_and_support_plan(db: Database) -> None:
    """Search over check-in notes, and a support plan for hard days.

    ``checkin_search`` is an FTS5 index of ``checkins.note`` (external content: the notes
    are stored once, in ``checkins``), case- and accent-insensitive ("cafe" finds "Café").
    Triggers keep it in step with every insert, edit and delete, including a whole journal
    deleted at once. It holds no person: every search joins back to ``checkins`` and keeps
    one person's rows (``Journal.search_checkins``).

    ``support_plans`` is one row per person: people to reach out to (a JSON list of
    ``{"name", "how"}``), things that help, and a crisis line they entered themselves.
    """
    statements = [
        "CREATE VIRTUAL TABLE checkin_search USING fts5(note, content='checkins', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        "INSERT INTO checkin_search (rowid, note) "
        "SELECT id, note FROM checkins WHERE note IS NOT NULL",
        "CREATE TRIGGER checkins_search_insert AFTER INSERT ON checkins "
        "WHEN NEW.note IS NOT NULL BEGIN "
        "INSERT INTO checkin_search (rowid, note) VALUES (NEW.id, NEW.note); END",
        "CREATE TRIGGER checkins_search_delete AFTER DELETE ON checkins "
        "WHEN OLD.note IS NOT NULL BEGIN "
        "INSERT INTO checkin_search (checkin_search, rowid, note) "
        "VALUES ('delete', OLD.id, OLD.note); END",
        "CREATE TRIGGER checkins_search_update AFTER UPDATE OF note ON checkins BEGIN "
        "INSERT INTO checkin_search (checkin_search, rowid, note) "
        "SELECT 'delete', OLD.id, OLD.note WHERE OLD.note IS NOT NULL; "
        "INSERT INTO checkin_search (rowid, note) "
        "SELECT NEW.id, NEW.note WHERE NEW.note IS NOT NULL; END",
        "CREATE TABLE support_plans ("
        "person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE, "
        "contacts TEXT NOT NULL DEFAULT '[]', "
        "helps TEXT, "
        "crisis_line TEXT, "
        "updated TEXT NOT NULL)",
    ]
    for statement in statements:
        db.execute(statement)


@migrations()
def m009_encouragement_limits(db: Database) -> None:
    """Indexes for the per-link limits on encouragement and for counting it by SQL: the
    limits count one link's recent messages and views at every send and visit, and the
    owner's pages read one page of their newest messages, however many arrived."""
    _run(
        db,
        """
        CREATE INDEX encouragements_by_link ON encouragements (share_id, person_id, created);
        CREATE INDEX encouragements_by_person ON encouragements (person_id, created, id);
        CREATE INDEX share_views_by_link ON share_views (share_id, viewed_at)
        """,
    )


@migrations()
def m010_peer_overview(db: Database) -> None:
    """When a supporter last looked at each saved link, so that the Peers page can say
    what is new since then (NULL: not looked at since it was saved); and the name a link
    calls its owner by (NULL: their journal's name)."""
    db.execute("ALTER TABLE saved_links ADD COLUMN last_looked TEXT")
    db.execute("ALTER TABLE shares ADD COLUMN shown_name TEXT")
