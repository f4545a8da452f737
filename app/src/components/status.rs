//! Status labels shown in lists.

use convene_types::registration::RegistrationStatus;
use leptos::prelude::*;

use crate::i18n::admin::settings;
use crate::i18n::t;

/// A registration's status as a pill (`status confirmed` / `waitlisted` / `cancelled`).
#[component]
pub fn RegistrationStatusBadge(status: RegistrationStatus) -> impl IntoView {
    view! {
        <span class=format!("status {}", status.key())>
            {t(settings::registration_status(status))}
        </span>
    }
}
