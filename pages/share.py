"""Share: a private link for one peer, showing only what you choose, for as long as you choose."""

import streamlit as st

from tracker import sharing
from ui import feedback, session, widgets
from ui.text import plain

NOTES_PER_PAGE = 20  # encouragements shown at once (each is a few elements to draw)

ctx = session.page_setup()
journal = ctx.journal

reach_others = session.links_reach_others()

st.title("🤝 Share with a peer", anchor=False)
if reach_others:
    st.write(
        "Make a link for one person you trust: a peer-support specialist, your group, a "
        "friend. Anyone with the link can open it, signed in or not. They see only the parts "
        "you tick, as they are now, and can leave you a word of encouragement. Your journal "
        "notes stay private unless you tick them."
    )
else:
    # A personal install: a link would open only on this computer, so the file comes first.
    st.write(
        "Your journal lives on this computer only, so the way to share it is a report: "
        "download it below and send the file to someone you trust (by e-mail or a "
        "messenger). It opens on their phone or computer, even offline, and shows only the "
        "parts you pick. Your journal notes stay private unless you pick them."
    )
    widgets.report_download(ctx)
    st.subheader("A link, for when your journal is hosted")
    st.caption(
        "Links open only where this app can be reached. Right now it runs on this computer "
        "alone, so a link would open here and nowhere else: not on their phone. When your "
        "journal is hosted for a group (`make serve`, see the README) or `TRACKER_PUBLIC_URL` "
        "is set, links work for anyone you send them to. You can still make one now to see "
        "what they would see."
    )

with st.container(border=True):
    st.subheader("New link")
    label = st.text_input(
        "Who is it for?",
        max_chars=sharing.MAX_LABEL,
        placeholder="e.g. Jordan from group",
        key="share_label",
    )
    shown_name = st.text_input(
        "Your name on it",
        value=ctx.person.name if ctx.person else "",
        max_chars=sharing.MAX_LABEL,
        key="share_shown_name",
        help="What they'll see you called: \"Sam's mood rose…\"",
    )
    chosen = []
    for scope, words in sharing.SCOPES.items():
        if st.checkbox(
            words,
            value=scope in sharing.DEFAULT_SCOPES,
            key=f"share_scope_{scope}",
            help=(
                "Your private check-in notes and setback reflections. Off unless you choose."
                if scope == "notes"
                else None
            ),
        ):
            chosen.append(scope)
    expiry = st.selectbox(
        "Link works for", list(sharing.EXPIRY_CHOICES), index=2, key="share_expiry"
    )
    if st.button("Create link", type="primary", key="share_create"):
        with feedback.saving():
            share, token = sharing.create_share(
                journal, label, chosen, expiry, shown_name=shown_name
            )
            feedback.after_write(f"Link for {share.label} is ready.")
            st.session_state["share_new_link"] = (share.label, session.share_link(token))

new_link = st.session_state.get("share_new_link")
if new_link and reach_others:
    st.success(f"Here is the link for {plain(new_link[0])}. Copy it now and send it to them:")
    st.code(new_link[1], language=None)
    st.caption("For your privacy, only a fingerprint of it is kept: it can't be shown again.")
elif new_link:
    st.info(
        f"The link for {plain(new_link[0])} opens only on this computer, so it can't reach "
        "them yet. Open it here to see what they would see; to share now, send the report.",
        icon="💻",
    )
    st.code(new_link[1], language=None)
    st.caption("For your privacy, only a fingerprint of it is kept: it can't be shown again.")

st.subheader("Your links")
shares = sharing.list_shares(journal)
if not shares:
    st.caption("No links yet.")
for share in shares:
    status = share.status()
    icon = {"active": "🟢", "expired": "⌛", "revoked": "⛔"}[status]
    with st.expander(f"{icon} {plain(share.label)} · {status}"):
        st.write("Shows: " + ", ".join(sharing.SCOPES[s].lower() for s in share.scopes))
        st.caption(
            f"Created {share.created:%-d %b %Y}"
            + (f" · ends {share.expires:%-d %b %Y %H:%M}" if share.expires else " · no end date")
            + f" · viewed {share.view_count} time{'s' if share.view_count != 1 else ''}"
            + (f", last {share.last_viewed:%-d %b %Y %H:%M}" if share.last_viewed else "")
        )
        views = sharing.share_views(journal, share.id, limit=20)
        if views:
            st.caption("Views: " + ", ".join(f"{v:%-d %b %H:%M}" for v in views))
        if status == "active" and st.button("Revoke now", key=f"share_revoke_{share.id}"):
            with feedback.saving(f"The link for {share.label} no longer works."):
                sharing.revoke_share(journal, share.id)
                st.session_state.pop("share_new_link", None)

st.subheader("Encouragement you received")
# One page of messages at a time (newest first), however many arrived; counted by SQL.
counts = sharing.encouragement_counts(journal)
showing = st.session_state.setdefault("share_notes_showing", NOTES_PER_PAGE)
received = sharing.encouragements(journal, include_hidden=True, limit=showing)
if not received:
    st.caption("When a peer leaves you a few words, they'll appear here and on your Journey.")
elif counts.all > len(received):
    st.caption(f"The newest {len(received):,} of {counts.all:,} messages.")
for note in received:
    with st.container(border=True):
        # A peer's words are shown as plain text, never as markup.
        st.text(note.message)
        st.caption(
            f"— {plain(note.author)}, {note.created:%-d %b %Y}"
            + (" · hidden" if note.hidden else "")
        )
        if st.button(
            "Show again" if note.hidden else "Hide",
            key=f"share_hide_{note.id}",
        ):
            with feedback.saving():
                sharing.hide_encouragement(journal, note.id, hidden=not note.hidden)
more = counts.all > len(received)
if more and st.button("Show older messages", key="share_notes_more"):
    st.session_state["share_notes_showing"] = showing + NOTES_PER_PAGE
    st.rerun()

if reach_others:
    widgets.report_download(ctx)
