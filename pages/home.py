"""The address "/": sends a person to the right place, so that /today and /journey stay
fixed addresses a person can bookmark. Today until today's check-in is done; then the
Journey."""

import datetime as dt

from ui import session

ctx = session.page_setup(require_person=False)
if ctx.person is None:
    session.switch_to("welcome")
elif ctx.journal.day_checkins(dt.date.today()):
    session.switch_to("journey")
else:
    session.switch_to("today")
