"""Named exceptions. Every message is written to be shown to a person as it is."""


class TrackerError(Exception):
    """Base class: something the app can explain kindly."""


class InvalidEntry(TrackerError, ValueError):
    """Input that cannot be stored as it is. Nothing was written."""


class NotFound(TrackerError, LookupError):
    """No such record for this person (or it belongs to someone else)."""


class DatabaseProblem(TrackerError):
    """The database file cannot be used: unreadable, or made by a newer version."""
