//! Which role may call which admin route: each route's [`Area`] here, what a role may do in
//! an area in `convene_types::user::Role::allows` (which the SPA asks too).

use convene_types::auth::SessionUser;
use convene_types::user::{Access, Area, Role};
use worker::Method;

use crate::error::{ApiError, ApiResult};

/// The area of an admin route (`rest`: its path after `/api/admin/`). A route not named
/// here is in Settings: a new route is for administrators until it is placed.
pub fn area(rest: &[&str], method: &Method) -> Area {
    match rest {
        ["events" | "upcoming-events" | "contacts", ..] => Area::Events,
        ["webinar-configurations" | "custom-fields" | "match-strategy" | "deployment"]
        | ["openapi.json"]
            if *method == Method::Get =>
        {
            Area::Lookups
        }
        _ => Area::Settings,
    }
}

/// 403 naming the roles the request needs, unless the user's role allows it.
pub fn check(user: &SessionUser, rest: &[&str], method: &Method) -> ApiResult<()> {
    let access = match method {
        Method::Get | Method::Head | Method::Options => Access::Read,
        _ => Access::Write,
    };
    let area = area(rest, method);
    if user.role.allows(area, access) {
        return Ok(());
    }
    let needed: Vec<&str> = Role::allowed(area, access)
        .into_iter()
        .map(Role::in_words)
        .collect();
    Err(ApiError::Forbidden(format!(
        "This needs the role {}; you are {} {}.",
        needed.join(" or "),
        article(user.role),
        user.role.in_words()
    )))
}

fn article(role: Role) -> &'static str {
    match role {
        Role::Administrator | Role::EventPlanner => "an",
        Role::Viewer => "a",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role) -> SessionUser {
        SessionUser {
            id: "u1".into(),
            username: "ana".into(),
            role,
        }
    }

    #[test]
    fn routes_fall_in_their_area_and_unknown_ones_in_settings() {
        let get = Method::Get;
        assert_eq!(area(&["events", "e1", "registrations"], &get), Area::Events);
        assert_eq!(
            area(&["contacts", "c1", "erase"], &Method::Post),
            Area::Events
        );
        assert_eq!(area(&["custom-fields"], &get), Area::Lookups);
        assert_eq!(area(&["custom-fields"], &Method::Post), Area::Settings);
        assert_eq!(
            area(&["webinar-configurations", "c1"], &get),
            Area::Settings
        );
        assert_eq!(area(&["users"], &get), Area::Settings);
        assert_eq!(area(&["something-new"], &get), Area::Settings);
    }

    #[test]
    fn a_refusal_names_the_roles_needed_and_the_users_own() {
        let refused = check(&user(Role::Viewer), &["events"], &Method::Post);
        let Err(ApiError::Forbidden(message)) = refused else {
            panic!("{refused:?}");
        };
        assert_eq!(
            message,
            "This needs the role event planner or administrator; you are a viewer."
        );
        let refused = check(&user(Role::EventPlanner), &["users"], &Method::Get);
        let Err(ApiError::Forbidden(message)) = refused else {
            panic!("{refused:?}");
        };
        assert_eq!(
            message,
            "This needs the role administrator; you are an event planner."
        );
        assert!(check(&user(Role::Viewer), &["events"], &Method::Get).is_ok());
        assert!(check(&user(Role::Administrator), &["users"], &Method::Post).is_ok());
    }
}
