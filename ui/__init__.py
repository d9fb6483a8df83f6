"""Streamlit glue shared by the pages: who is journaling, their data, and kind messages.

Every page calls :func:`ui.session.page_setup` at its top. It works the same whether the
page runs under ``app.py``'s navigation or alone under ``AppTest`` (which runs
a page file without the entrypoint: whatever ``app.py`` sets up before
``pg.run()`` is missing there).

Pages import the part they use:

- ``ui.session``: page setup, accounts, the person picker, navigation;
- ``ui.cache``: the cached loaders (frames, Journey, charts, shared views);
- ``ui.feedback``: the one write path, kind messages, toasts, celebrations;
- ``ui.widgets`` / ``ui.entries`` / ``ui.support``: sections several pages draw;
- ``ui.text``: ``plain`` and other text helpers;
- ``ui.style``: page-wide accessibility aids and the app's head.
"""
