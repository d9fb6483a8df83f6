"""Counts in words that read right: "1 day", "2 days", "1 setback note"."""

from __future__ import annotations

# Words whose plural is not just "+s".
_IRREGULAR = {
    "entry": "entries",
    "match": "matches",
    "person": "people",
    "this": "these",
    "is": "are",
}


def plural(word: str, count: int) -> str:
    """``word`` as it reads after ``count``: the last word of a phrase takes the plural."""
    if count == 1:
        return word
    head, _, last = word.rpartition(" ")
    last = _IRREGULAR.get(last, last + "s")
    return f"{head} {last}" if head else last


def count(number: int, word: str) -> str:
    """ "1 day", "2 days", "0 check-ins", "1 setback note", "3 entries"."""
    return f"{number:,} {plural(word, number)}"


def amount(number: float, unit: str | None) -> str:
    """An amount in a person's own unit: "1 drink" (they typed "drinks"), "2 drinks",
    "1 glass" ("glasses"), "20 minutes". Units typed in the singular are kept as typed."""
    text = f"{number:g}"
    if not unit:
        return text
    if number == 1:
        lower = unit.lower()
        if lower.endswith(("sses", "xes", "ches", "shes")):
            unit = unit[:-2]
        elif lower.endswith("s") and not lower.endswith("ss"):
            unit = unit[:-1]
    return f"{text} {unit}"


def percent(strength: float) -> str:
    """A strength as a percentage; a habit just started reads as growing, not as 0%."""
    if 0 < strength < 0.005:
        return "under 1%, growing"
    return f"{strength:.0%}"
