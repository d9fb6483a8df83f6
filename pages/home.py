"""The address "/": sends a person to the right place, so that /today and /journey stay
fixed addresses a person can bookmark. Today until today's check-in is done; then the
Journey."""

import datetime as dt

import ui

ctx = ui.page_setup(require_person=False)
if ctx.person is None:
    ui.switch_to("welcome")
elif ctx.journal.day_checkins(dt.date.today()):
    ui.switch_to("journey")
else:
    ui.switch_to("today")
