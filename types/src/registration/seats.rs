//! Seats: how capacity, the waitlist and a pass's own capacity decide a new registration,
//! when a cancellation promotes someone, and what an event website says before anyone
//! types ([`Availability`]).

use serde::{Deserialize, Serialize};

use super::RegistrationStatus;

/// Capacity, as the registration decision sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capacity {
    /// `None`: unlimited.
    pub limit: Option<u32>,
    pub waitlist_allowed: bool,
}

/// The message when an event is full and has no waitlist.
pub const FULL: &str = "This event is full and has no waitlist.";

/// The message when an event's registration is closed.
pub const CLOSED: &str = "Registration for this event is closed.";

/// Whether a new registration can be made, as an event website shows it before anyone
/// types: with a seat, on the waitlist only, or not at all.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    Open,
    Waitlist,
    Full,
    Closed,
}

impl Availability {
    /// Of an event with `capacity` and `confirmed` confirmed registrations, whose
    /// registration is `closed` or not ([`decide`] for the next registration).
    pub fn of(capacity: Capacity, confirmed: u32, closed: bool) -> Availability {
        match decide(capacity, confirmed) {
            _ if closed => Availability::Closed,
            Ok(RegistrationStatus::Waitlisted) => Availability::Waitlist,
            Ok(_) => Availability::Open,
            Err(_) => Availability::Full,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Availability::Open => "open",
            Availability::Waitlist => "waitlist",
            Availability::Full => "full",
            Availability::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            Availability::Open,
            Availability::Waitlist,
            Availability::Full,
            Availability::Closed,
        ]
        .into_iter()
        .find(|a| a.key() == text)
    }
}

/// The status of a new registration, given how many are confirmed already.
pub fn decide(capacity: Capacity, confirmed: u32) -> Result<RegistrationStatus, &'static str> {
    match capacity.limit {
        Some(limit) if confirmed >= limit => {
            if capacity.waitlist_allowed {
                Ok(RegistrationStatus::Waitlisted)
            } else {
                Err(FULL)
            }
        }
        _ => Ok(RegistrationStatus::Confirmed),
    }
}

/// The message when a pass is sold out and the event has no waitlist.
pub const PASS_FULL: &str = "This pass is sold out and the event has no waitlist.";

/// Like [`decide`], then the pass's own capacity (`pass_limit`, with `pass_confirmed`
/// confirmed registrations holding that pass) applies the same way.
pub fn decide_with_pass(
    capacity: Capacity,
    confirmed: u32,
    pass_limit: Option<u32>,
    pass_confirmed: u32,
) -> Result<RegistrationStatus, &'static str> {
    match decide(capacity, confirmed)? {
        RegistrationStatus::Confirmed if pass_limit.is_some_and(|l| pass_confirmed >= l) => {
            if capacity.waitlist_allowed {
                Ok(RegistrationStatus::Waitlisted)
            } else {
                Err(PASS_FULL)
            }
        }
        status => Ok(status),
    }
}

/// After a confirmed registration is cancelled: may the oldest waitlisted one move up?
pub fn promotes(capacity: Capacity, confirmed_after_cancel: u32) -> bool {
    capacity
        .limit
        .is_none_or(|limit| confirmed_after_cancel < limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEN: Capacity = Capacity {
        limit: Some(10),
        waitlist_allowed: true,
    };

    #[test]
    fn availability_is_the_next_registrations_decision_unless_closed() {
        let no_waitlist = Capacity {
            waitlist_allowed: false,
            ..TEN
        };
        assert_eq!(Availability::of(TEN, 9, false), Availability::Open);
        assert_eq!(Availability::of(TEN, 10, false), Availability::Waitlist);
        assert_eq!(Availability::of(no_waitlist, 10, false), Availability::Full);
        assert_eq!(Availability::of(TEN, 0, true), Availability::Closed);
        for a in [Availability::Open, Availability::Full, Availability::Closed] {
            let json = serde_json::to_value(a).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(json, serde_json::json!(a.key()));
            assert_eq!(Availability::parse(a.key()), Some(a));
        }
    }

    #[test]
    fn capacity_then_waitlist_then_refusal() {
        assert_eq!(decide(TEN, 9), Ok(RegistrationStatus::Confirmed));
        assert_eq!(decide(TEN, 10), Ok(RegistrationStatus::Waitlisted));
        let no_waitlist = Capacity {
            waitlist_allowed: false,
            ..TEN
        };
        assert_eq!(decide(no_waitlist, 10), Err(FULL));
        assert_eq!(
            decide(no_waitlist, 11),
            Err(FULL),
            "never more than capacity"
        );
        let unlimited = Capacity {
            limit: None,
            waitlist_allowed: false,
        };
        assert_eq!(
            decide(unlimited, 1_000_000),
            Ok(RegistrationStatus::Confirmed)
        );
    }

    #[test]
    fn a_sold_out_pass_waitlists_or_refuses() {
        assert_eq!(
            decide_with_pass(TEN, 3, Some(2), 1),
            Ok(RegistrationStatus::Confirmed)
        );
        assert_eq!(
            decide_with_pass(TEN, 3, Some(2), 2),
            Ok(RegistrationStatus::Waitlisted)
        );
        let no_waitlist = Capacity {
            waitlist_allowed: false,
            ..TEN
        };
        assert_eq!(decide_with_pass(no_waitlist, 3, Some(2), 2), Err(PASS_FULL));
        assert_eq!(decide_with_pass(no_waitlist, 10, None, 0), Err(FULL));
    }

    #[test]
    fn cancelling_promotes_only_below_capacity() {
        assert!(promotes(TEN, 9));
        assert!(!promotes(TEN, 10));
        assert!(promotes(
            Capacity {
                limit: None,
                waitlist_allowed: true
            },
            500
        ));
    }
}
