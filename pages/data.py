"""Your data, your way: bring it in, take it with you, or delete it."""

import streamlit as st

from tracker import backup, exports, open_store
from tracker.importers.untrusted import MAX_UPLOAD_MB
from tracker.importers.worker import apply_upload, preview_upload
from tracker.records import MOOD_FACES, MOOD_LABELS
from ui import feedback, session, widgets
from ui.text import plain

ctx = session.page_setup()
journal = ctx.journal
assert ctx.person is not None

st.title("🗂️ Your data", anchor=False)

SOURCES = {
    "daylio": ("Daylio (CSV export)", ["csv"]),
    "loop": ("Loop Habit Tracker (CSV .zip or .db backup)", ["zip", "db"]),
    "backup": ("A backup from this app (.json)", ["json"]),
}

st.subheader("Bring your history")
source = st.radio(
    "From",
    list(SOURCES),
    format_func=lambda key: SOURCES[key][0],
    key="data_source",
)
upload = st.file_uploader(
    "File",
    type=SOURCES[source][1],
    key=f"data_upload_{source}",
    max_upload_size=MAX_UPLOAD_MB,
)
st.caption(f"Files up to {MAX_UPLOAD_MB} MB. Ten years of entries is usually just a few MB.")

if upload is not None:
    data = upload.getvalue()
    mood_map: dict[str, int] = st.session_state.setdefault("data_mood_map", {})
    preview = None
    with feedback.kindly(), session.heavy_work():
        # In a worker process: reading years of entries here would slow every visitor.
        preview = preview_upload(source, data, ctx.db_path, ctx.person.id, mood_map)
    if preview is not None:
        st.info(plain(preview.summary()), icon="🔎")
        if preview.problems:
            st.warning(
                "Nothing will be imported until these rows are fixed in the file:\n\n"
                + "\n".join(f"- {plain(str(problem))}" for problem in preview.problems[:20]),
                icon="💬",
            )
        if preview.unknown_moods:
            st.write(
                "Your Daylio moods have your own names. Which of our five faces fits each one?"
            )
            for label in preview.unknown_moods:
                st.selectbox(
                    plain(label),
                    [None, 5, 4, 3, 2, 1],
                    format_func=lambda m: (
                        "Pick one" if m is None else f"{MOOD_FACES[m]} {MOOD_LABELS[m]}"
                    ),
                    key=f"data_mood_{label}",
                )
            if st.button("Use these moods", key="data_mood_apply"):
                for label in preview.unknown_moods:
                    score = st.session_state.get(f"data_mood_{label}")
                    if score is not None:
                        mood_map[label] = score
                st.rerun()
        kinds = widgets.sort_new_activities(preview.new_activities) if source == "daylio" else {}
        confirmed = True
        if preview.no_header:
            confirmed = st.checkbox(
                "This file had no header row. I checked the dates and moods above, and they "
                "look right.",
                key="data_confirm_no_header",
            )
        if preview.ready and confirmed and st.button("Import", type="primary", key="data_import"):
            bar = st.progress(0.0, text="Importing…")
            preview.sort_activities(kinds)
            with feedback.saving(), session.heavy_work():
                result = apply_upload(preview, ctx.db_path, ctx.person.id)  # in a worker
                bar.progress(1.0)
                st.session_state.pop("data_mood_map", None)
                feedback.after_write(result.summary(), icon="📥")
                st.session_state["data_imported"] = result.summary()

if "data_imported" in st.session_state:
    st.success(plain(st.session_state.pop("data_imported")))

db_file, person_id = ctx.db_path, ctx.person.id


def backup_bytes() -> bytes:
    # Runs on its own thread when clicked, so it opens a connection of its own.
    with open_store(db_file) as store:
        return backup.backup_bytes(store.journal(person_id))


def csv_bytes() -> bytes:
    with open_store(db_file) as store:
        return exports.csv_zip(store.journal(person_id))


st.subheader("Take it with you")
st.write("A backup holds everything of yours, and can be restored here or on another computer.")
st.download_button(
    "Download a backup (.json)",
    backup_bytes,
    file_name=backup.backup_filename(),
    mime="application/json",
    key="data_backup",
    on_click="ignore",
)
st.download_button(
    "Download spreadsheets (.zip of CSV files)",
    csv_bytes,
    file_name=exports.csv_dirname() + ".zip",
    mime="application/zip",
    key="data_csv",
    on_click="ignore",
)
st.subheader("Delete all my data")
with st.expander("Delete everything of mine"):
    st.write(
        "This removes your check-ins, notes, goals, self-care, setbacks and share links "
        "for good. Download a backup first if you might want them back."
    )
    typed = st.text_input(
        f"To confirm, type your name: {plain(ctx.person.name)}", key="data_delete_confirm"
    )
    if st.button("Delete all my data", key="data_delete"):
        if typed.strip() != ctx.person.name:
            st.warning("The name doesn't match, so nothing was deleted.", icon="💬")
        else:
            with feedback.saving(
                "Your data is deleted. Take care of yourself.",
                icon="🌱",
                then_open=session.PAGES["welcome"],
            ):
                ctx.store.delete_person(ctx.person.id)
                st.session_state.pop("person_id", None)
