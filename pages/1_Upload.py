"""Upload: read every sheet of every file, let the user check the kind and column mapping,
then keep the confirmed tables in the session."""

import streamlit as st

from ecom_core import fmt, ui
from ecom_core.i18n import t
from ecom_core.load import schema
from ecom_core.load.loader import allowed_missing

lang = ui.start_page("ui_upload_title")
st.title(t("ui_upload_title", lang))
st.markdown(t("ui_upload_intro", lang))

files = st.file_uploader(
    t("ui_uploader_label", lang),
    type=list(ui.UPLOAD_TYPES),
    accept_multiple_files=True,
    key=ui.uploader_key(),
    help=t("ui_uploader_help", lang, limit=st.get_option("server.maxUploadSize")),
)


def edit_table(upload: ui.Upload, table: ui.TableInfo, batch_kinds: set[str]):
    """Kind, mapping, preview and quality of one table; its Dataset when it is usable."""
    key = f"{upload.key}_{table.index}"
    st.subheader(ui.md(table.name))
    guess = ui.guess_of(upload, table.index)
    if guess.kind is None:
        st.warning(t("ui_not_detected", lang))
    else:
        label = ui.kind_label(guess.kind, lang)
        st.markdown(t("ui_detected", lang, kind=ui.md(label), confidence=fmt.pct(guess.confidence, 0)))
        if guess.confidence < ui.LOW_CONFIDENCE:
            st.warning(t("ui_detected_low", lang))
    options = [ui.SKIP, *ui.ALL_KINDS]
    kind = st.selectbox(
        t("ui_kind_label", lang),
        options,
        index=options.index(guess.kind) if guess.kind in options else 0,
        format_func=lambda k: ui.kind_label(k, lang),
        help=t("ui_table_kind_help", lang),
        key=ui.kind_key(upload, table),
    )
    if kind == ui.SKIP:
        return None

    suggested, sure = ui.mapping_defaults(upload, table.index, kind, guess)
    columns = schema.columns(kind)
    keys = {c.name: f"map_{key}_{kind}_{c.name}" for c in columns}
    # The mapping the selectboxes below hold (their state, else the suggestion), read first
    # so that a table which cannot be used yet opens its mapping editor under the error.
    mapping = {name: st.session_state.get(k, suggested.get(name)) or None for name, k in keys.items()}
    allow = allowed_missing(kind, batch_kinds)
    dataset = ui.attempt(
        ui.interpret_of, upload, table.index, kind, mapping, allow, lang_=lang, name=table.name
    )

    sources = [ui.SKIP, *table.columns]
    unsure = dataset is None or kind != guess.kind or guess.confidence < ui.LOW_CONFIDENCE
    with st.expander(t("ui_mapping_header", lang), expanded=unsure):
        st.caption(t("ui_mapping_help", lang))
        grid = st.columns(3)
        for i, column in enumerate(columns):
            with grid[i % 3]:
                st.selectbox(
                    ui.column_label(column.name, lang) + (" *" if column.required else ""),
                    sources,
                    index=sources.index(mapping[column.name] or ui.SKIP),
                    format_func=lambda s: s or t("ui_mapping_none", lang),
                    help=t("ui_mapping_sure", lang, confidence=sure[column.name])
                    if column.name in sure
                    else None,
                    key=keys[column.name],
                )
    if dataset is None:
        return None
    shown = ui.demo_view(dataset)  # customer identities hidden in demo mode
    ui.preview(shown, lang)
    with st.expander(t("ui_quality", lang), expanded=bool(shown.report.warnings)):
        ui.quality_report(shown, lang)
    ui.download_button(shown.frame, f"{upload.stem}_{kind}", lang, key=f"dl_{key}")
    return dataset


tables = []
for upload in ui.uploads(files, lang):
    found = ui.attempt(ui.tables_of, upload, lang_=lang, name=upload.name) or []
    if len(found) > 1:
        st.caption(ui.md(t("ui_tables_found", lang, n=len(found), name=upload.name)))
    tables += [(upload, table) for table in found]
batch_kinds = {ui.chosen_kind(upload, table) for upload, table in tables}

ready = []
for upload, table in tables:
    with st.container(border=True):
        dataset = edit_table(upload, table, batch_kinds)
    if dataset is not None:
        ready.append(dataset)

with st.container(horizontal=True):
    confirmed = st.button(t("ui_confirm", lang), key="upload_confirm", type="primary", disabled=not ready)
    st.button(t("ui_clear", lang), key="upload_clear", on_click=ui.clear)
    ui.sample_button(lang, key="upload_sample")
if confirmed:
    ui.confirm(ready, lang)

ui.loaded_summary(lang)
