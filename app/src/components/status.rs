//! Status labels shown in lists.

use convene_types::registration::RegistrationStatus;
use leptos::prelude::*;

/// A registration's status as a pill (`status confirmed` / `waitlisted` / `cancelled`).
#[component]
pub fn RegistrationStatusBadge(status: RegistrationStatus) -> impl IntoView {
    view! { <span class=format!("status {}", status.key())>{status.label()}</span> }
}
