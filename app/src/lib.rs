//! Convene's admin SPA: the signed-in state; the route table is in `routes`. Pages live in `pages/`,
//! reusable pieces in `components/`, every HTTP call in `api/` (one module per concern).

pub mod api;
mod components;
mod display;
mod i18n;
mod pages;
mod routes;

use convene_types::auth::SessionUser;
use leptos::prelude::*;

/// Who is signed in: `None` while unknown, `Some(None)` when signed out.
#[derive(Clone, Copy)]
pub struct Auth {
    pub user: RwSignal<Option<Option<SessionUser>>>,
}

impl Auth {
    /// Marks the session as ended (after sign-out, or a 401 to any call: see
    /// `api::on_unauthorized`).
    pub fn signed_out(&self) {
        self.user.set(Some(None));
    }
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

#[component]
pub fn App() -> impl IntoView {
    let auth = Auth {
        user: RwSignal::new(None),
    };
    provide_context(auth);
    i18n::provide();
    components::unsaved::provide();
    api::on_unauthorized(move || auth.signed_out());
    leptos::task::spawn_local(async move {
        auth.user.set(Some(api::session().await.ok()));
    });

    view! { <routes::AppRoutes /> }
}
