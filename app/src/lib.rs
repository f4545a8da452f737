//! Convene's admin SPA: the signed-in state; the route table is in `routes`. Pages live in `pages/`,
//! reusable pieces in `components/`, every HTTP call in `api/` (one module per concern).

pub mod api;
mod components;
mod display;
mod i18n;
mod pages;
mod routes;

use convene_types::auth::SessionUser;
use convene_types::user::{Access, Area, Role};
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

    /// Whether the signed-in user's role allows `access` to `area` (`Role::allows`, the rule
    /// the worker enforces); false while unknown or signed out. Tracked: the frame's
    /// navigation follows a change. A page reads it once, as it is built: the Shell builds
    /// the page again whenever the user changes.
    pub fn allows(&self, area: Area, access: Access) -> bool {
        self.role().is_some_and(|role| role.allows(area, access))
    }

    /// The signed-in user's role (tracked); `None` while unknown or signed out.
    pub fn role(&self) -> Option<Role> {
        self.user
            .with(|user| user.as_ref().and_then(Option::as_ref).map(|user| user.role))
    }

    /// Whether the controls that change events, what is in them, registrations and contacts
    /// are shown: a viewer only reads them.
    pub fn can_write_events(&self) -> bool {
        self.allows(Area::Events, Access::Write)
    }

    /// Whether Settings is in the navigation and its pages open.
    pub fn can_use_settings(&self) -> bool {
        self.allows(Area::Settings, Access::Read)
    }
}

/// Where a user of `role` starts, and where the brand link takes them: a page their role
/// may use (Settings for administrators, Events for everyone else).
pub fn home(role: Role) -> &'static str {
    if role.allows(Area::Settings, Access::Read) {
        "/settings"
    } else {
        "/events"
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
