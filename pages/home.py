"""The address "/": sends a person to the right place, so that /today and /journey stay
fixed addresses a person can bookmark."""

import ui

ctx = ui.page_setup(require_person=False)
if ctx.person is None:
    ui.switch_to("welcome")
elif ctx.journal.has_checkins():
    ui.switch_to("journey")
else:
    ui.switch_to("today")
