//! Settings › Data › Data retention: off, or erase the personal data of registrations for
//! events that ended more than a number of months ago (the scheduled job does it; the audit
//! log records how many).

use convene_types::FieldError;
use convene_types::retention::{MONTHS_MAX, RetentionSetting};
use convene_types::validate::{integer_in_range, number_from_text};
use leptos::prelude::*;

use crate::api;
use crate::components::field::{TextField, error_for};
use crate::components::unsaved;
use crate::i18n::admin::{audit as words, common, shell};
use crate::i18n::{self, t};

const MONTHS: &str = "months";

/// The setting the form asks for: off, or the months typed, a whole number in the rule's
/// range.
fn setting_of(on: bool, months: &str) -> Result<RetentionSetting, Vec<FieldError>> {
    if !on {
        return Ok(RetentionSetting::default());
    }
    let months = integer_in_range(&number_from_text(months), 1, i64::from(MONTHS_MAX))
        .map_err(|message| vec![FieldError::new(MONTHS, message)])?;
    RetentionSetting {
        months: u32::try_from(months).ok(),
    }
    .validate()
}

#[component]
pub fn Retention() -> impl IntoView {
    let on = RwSignal::new(false);
    let months = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let message = RwSignal::new(None::<String>);
    let saved_note = RwSignal::new(false);
    // The setting in force: as read, then as last saved.
    let in_force = RwSignal::new(None::<RetentionSetting>);
    let dirty = unsaved::guard();

    let show = move |setting: RetentionSetting| {
        on.set(setting.months.is_some());
        months.set(setting.months.map(|m| m.to_string()).unwrap_or_default());
        in_force.set(Some(setting));
    };
    let loaded = LocalResource::new(api::retention);
    Effect::new(move |_| match loaded.get() {
        Some(Ok(setting)) => show(setting),
        Some(Err(e)) => message.set(Some(e.message())),
        None => {}
    });
    let save = Action::new_local(|setting: &RetentionSetting| {
        let setting = setting.clone();
        async move { api::set_retention(&setting).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(setting)) => {
            dirty.set(false);
            saved_note.set(true);
            show(setting);
        }
        Some(Err(e)) => {
            errors.set(e.fields());
            message.set(Some(e.message()));
        }
        None => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(None);
        saved_note.set(false);
        match setting_of(on.get_untracked(), &months.get_untracked()) {
            Ok(setting) => {
                errors.set(vec![]);
                save.dispatch(setting);
            }
            Err(fields) => {
                errors.set(fields);
                message.set(Some(common::CORRECT_FIELDS.get(i18n::current()).into()));
            }
        }
    };
    let choose = move |erase: bool| {
        on.set(erase);
        dirty.set(true);
    };

    view! {
        <h1>{t(shell::RETENTION)}</h1>
        {move || in_force.get().map(|RetentionSetting { months }| view! {
            <p data-testid="retention-in-force">
                <strong>{move || words::in_force(i18n::lang(), months)}</strong>
            </p>
        })}
        {move || message.get().map(|m| view! {
            <p class="banner error" role="alert" data-testid="form-error">{m}</p>
        })}
        {move || saved_note.get().then(|| view! {
            <p class="banner success" role="status">{t(common::SAVED)}</p>
        })}
        <form class="card form" on:submit=on_submit novalidate on:input=move |_| dirty.set(true)
            data-testid="retention-form">
            <fieldset class="field options" class:invalid=move || errors.with(|e| error_for(e, MONTHS).is_some())>
                <legend>{t(words::RETENTION_CHOICE)}</legend>
                <label>
                    <input type="radio" name="retention" value="off"
                        prop:checked=move || !on.get() on:change=move |_| choose(false) />
                    {t(words::RETENTION_OFF)}
                </label>
                <label>
                    <input type="radio" name="retention" value="erase"
                        prop:checked=move || on.get() on:change=move |_| choose(true) />
                    {t(words::RETENTION_ON)}
                </label>
                <p class="help">{t(words::RETENTION_EXPLAINED)}</p>
            </fieldset>
            // Only what "erase" needs; kept as typed while off.
            <fieldset class="plain" disabled=move || !on.get()>
                <TextField name=MONTHS label=words::MONTHS value=months errors=errors
                    help=words::MONTHS_HELP />
            </fieldset>
            <div class="actions">
                <button class="button primary" type="submit" disabled=move || save.pending().get()>
                    {t(common::SAVE)}
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(on: bool, months: &str) -> Option<String> {
        setting_of(on, months)
            .err()
            .map(|errors| format!("{}: {}", errors[0].field, errors[0].message))
    }

    #[test]
    fn the_form_asks_for_off_or_a_whole_number_of_months_from_1_to_120() {
        assert_eq!(
            setting_of(false, "0"),
            Ok(RetentionSetting { months: None })
        );
        assert_eq!(
            setting_of(true, " 24 "),
            Ok(RetentionSetting { months: Some(24) })
        );
        assert_eq!(
            setting_of(true, "120"),
            Ok(RetentionSetting { months: Some(120) })
        );
        let range = "months: must be a whole number from 1 to 120";
        assert_eq!(refusal(true, "0").as_deref(), Some(range));
        assert_eq!(refusal(true, "121").as_deref(), Some(range));
        assert_eq!(refusal(true, "").as_deref(), Some("months: is required"));
        assert_eq!(
            refusal(true, "six").as_deref(),
            Some("months: must be a whole number")
        );
    }
}
