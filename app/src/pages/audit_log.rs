//! Settings › Team › Audit log: who changed what and when, and every sign-in, newest first.
//! The filters live in the page's address (`?user=…&recordType=…&from=…&to=…`), so a
//! filtered view can be linked to, and are sent to the API as they are: a filter it cannot
//! read comes back as a 400 naming it, shown under that filter. The CSV export carries the
//! same filters.

use convene_types::FieldError;
use convene_types::audit::{AuditAction, AuditEntry, FieldChange, RecordType};
use convene_types::i18n::Lang;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{self, AuditFilters};
use crate::components::field::{InlineError, error_for};
use crate::components::pager::Pager;
use crate::display::timestamp;
use crate::i18n::admin::{audit as words, common, shell};
use crate::i18n::{self, t};

pub const PATH: &str = "/settings/audit-log";

/// A field change in `lang`: "field: before → after", or the field and what happened to
/// the secret it holds.
fn change_line(lang: Lang, change: &FieldChange) -> String {
    match &change.note {
        Some(note) => format!("{}: {}", change.field, words::note(lang, note)),
        None => change.summary(),
    }
}

/// Who acted: the user name, or the scheduled job (no user, and not a failed sign-in, whose
/// name is the one tried).
fn actor(lang: Lang, entry: &AuditEntry) -> String {
    if entry.user_id.is_none() && entry.action != AuditAction::SignInFailed {
        format!("{} ({})", words::SCHEDULED_JOB.get(lang), entry.username)
    } else {
        entry.username.clone()
    }
}

fn entry_row(lang: Lang, entry: AuditEntry) -> impl IntoView {
    let changes = entry
        .changes
        .iter()
        .map(|change| view! { <li>{change_line(lang, change)}</li> })
        .collect_view();
    view! {
        <tr data-testid="audit-entry">
            <td class="nowrap">{timestamp(lang, &entry.at)}</td>
            <td>{actor(lang, &entry)}</td>
            <td>{words::action(entry.action).get(lang)}</td>
            <td>
                <span class="record-type">{words::record_type(entry.record_type).get(lang)}</span>
                " "<strong>{entry.record_name}</strong>
            </td>
            <td><ul class="changes">{changes}</ul></td>
        </tr>
    }
}

#[component]
pub fn AuditLog() -> impl IntoView {
    let query = use_query_map();
    let navigate = use_navigate();
    let filters = Memo::new(move |_| {
        query.with(|q| AuditFilters {
            user: q.get("user").unwrap_or_default(),
            record_type: q.get("recordType").unwrap_or_default(),
            from: q.get("from").unwrap_or_default(),
            to: q.get("to").unwrap_or_default(),
        })
    });
    let page = RwSignal::new(1usize);

    let entries = LocalResource::new(move || {
        let (filters, page) = (filters.get(), page.get());
        async move { api::audit_log(&filters, page).await }
    });
    let errors = Signal::derive(move || {
        entries.with(|r| match r {
            Some(Err(e)) => e.fields(),
            _ => Vec::<FieldError>::new(),
        })
    });

    // A changed filter goes into the address (which reads the log again), from the first page.
    let apply = move |change: &dyn Fn(&mut AuditFilters)| {
        let mut next = filters.get_untracked();
        change(&mut next);
        page.set(1);
        let query = next.query();
        let href = if query.is_empty() {
            PATH.to_string()
        } else {
            format!("{PATH}?{query}")
        };
        navigate(&href, Default::default());
    };
    let on_user = {
        let apply = apply.clone();
        move |ev: leptos::ev::Event| apply(&|f| f.user = event_target_value(&ev))
    };
    let on_record_type = {
        let apply = apply.clone();
        move |ev: leptos::ev::Event| apply(&|f| f.record_type = event_target_value(&ev))
    };
    let on_from = {
        let apply = apply.clone();
        move |ev: leptos::ev::Event| apply(&|f| f.from = event_target_value(&ev))
    };
    let on_to = {
        let apply = apply.clone();
        move |ev: leptos::ev::Event| apply(&|f| f.to = event_target_value(&ev))
    };
    let clear = move |_| apply(&|f| *f = AuditFilters::default());
    let invalid = move |name: &'static str| move || errors.with(|e| error_for(e, name).is_some());

    view! {
        <div class="page-header">
            <h1>{t(shell::AUDIT_LOG)}</h1>
            <div class="actions">
                <a class="button" href=move || api::audit_log_csv_url(&filters.get()) download=""
                    data-testid="export-csv">{t(words::EXPORT_CSV)}</a>
            </div>
        </div>
        <p class="banner info">{t(words::AUDIT_LOG_INTRO)}</p>
        // Every control applies on change (a user name on Enter or on leaving the field).
        <form class="card audit-filters" role="search" aria-label=t(words::FILTERS)
            on:submit=|ev| ev.prevent_default()>
            <div class="field" class:invalid=invalid("user")>
                <label for="audit-user">{t(words::USER_FILTER)}</label>
                <input id="audit-user" type="search" prop:value=move || filters.get().user
                    on:change=on_user aria-describedby="user-error" />
                <InlineError id="user-error" name="user" errors=errors />
            </div>
            <div class="field" class:invalid=invalid("recordType")>
                <label for="audit-record-type">{t(words::RECORD_TYPE)}</label>
                <select id="audit-record-type" prop:value=move || filters.get().record_type
                    on:change=on_record_type aria-describedby="recordType-error">
                    <option value="">{t(words::ALL_RECORD_TYPES)}</option>
                    {RecordType::ALL.into_iter().map(|r| view! {
                        <option value=r.as_str()
                            selected=move || filters.with(|f| f.record_type == r.as_str())>
                            {t(words::record_type(r))}
                        </option>
                    }).collect_view()}
                </select>
                <InlineError id="recordType-error" name="recordType" errors=errors />
            </div>
            <div class="field" class:invalid=invalid("from")>
                <label for="audit-from">{t(words::FROM)}</label>
                <input id="audit-from" type="date" prop:value=move || filters.get().from
                    on:change=on_from aria-describedby="from-error" />
                <InlineError id="from-error" name="from" errors=errors />
            </div>
            <div class="field" class:invalid=invalid("to")>
                <label for="audit-to">{t(words::TO)}</label>
                <input id="audit-to" type="date" prop:value=move || filters.get().to
                    on:change=on_to aria-describedby="to-error" />
                <InlineError id="to-error" name="to" errors=errors />
            </div>
            <div class="actions">
                <button class="button" type="submit">{t(words::FILTER)}</button>
                {move || (!filters.with(AuditFilters::is_empty)).then(|| view! {
                    <button class="button subtle" type="button" on:click=clear.clone()>
                        {t(words::CLEAR_FILTERS)}
                    </button>
                })}
            </div>
            <p class="help">{t(words::DATES_HELP)}</p>
        </form>
        <Transition fallback=|| view! { <p class="muted">{t(common::LOADING)}</p> }>
            {move || entries.get().map(|result| match result {
                Err(e) => view! {
                    <p class="banner error" role="alert" data-testid="audit-error">{e.message()}</p>
                }.into_any(),
                Ok(found) if found.items.is_empty() => view! {
                    <p class="muted">{t(words::NO_ENTRIES)}</p>
                }.into_any(),
                Ok(found) => {
                    let lang = i18n::lang();
                    let pages = found.page_count();
                    view! {
                        <div class="table-scroll"><table class="grid" data-testid="audit-table">
                            <thead>
                                <tr>
                                    <th>{t(words::WHEN)}</th>
                                    <th>{t(words::WHO)}</th>
                                    <th>{t(words::ACTION)}</th>
                                    <th>{t(words::RECORD)}</th>
                                    <th>{t(words::CHANGES)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {found.items.into_iter().map(|entry| entry_row(lang, entry)).collect_view()}
                            </tbody>
                        </table></div>
                        <Pager total=found.total current=found.page pages=pages page=page noun=words::ENTRIES_NOUN />
                    }.into_any()
                }
            })}
        </Transition>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(user_id: Option<&str>, action: AuditAction) -> AuditEntry {
        AuditEntry {
            id: "1".into(),
            at: "2026-12-06T10:00:00.000Z".into(),
            user_id: user_id.map(String::from),
            username: "retention".into(),
            action,
            record_type: RecordType::Registration,
            record_id: String::new(),
            record_name: String::new(),
            changes: vec![],
        }
    }

    #[test]
    fn a_change_shows_its_values_or_what_happened_to_its_secret() {
        let renamed = FieldChange {
            field: "name".into(),
            before: Some(json!("Summit")),
            after: Some(json!("Summit 2026")),
            note: None,
        };
        assert_eq!(
            change_line(Lang::Fr, &renamed),
            "name: Summit → Summit 2026"
        );
        let sealed = FieldChange {
            field: "credentials".into(),
            before: None,
            after: None,
            note: Some("credentials replaced".into()),
        };
        assert_eq!(
            change_line(Lang::En, &sealed),
            "credentials: credentials replaced"
        );
        assert_eq!(change_line(Lang::Fr, &sealed), "credentials: remplacé");
    }

    #[test]
    fn an_entry_without_a_user_is_the_scheduled_job_unless_a_name_was_tried() {
        let job = entry(None, AuditAction::Erased);
        assert_eq!(actor(Lang::En, &job), "Scheduled job (retention)");
        assert_eq!(
            actor(Lang::En, &entry(None, AuditAction::SignInFailed)),
            "retention"
        );
        assert_eq!(
            actor(Lang::En, &entry(Some("u1"), AuditAction::Changed)),
            "retention"
        );
    }
}
