//! What keeps a sold-out event's registry object from answering every refusal.
//!
//! Registration opening for a popular event brings far more attempts than seats: once the
//! event is full without a waitlist, every further attempt would still travel to the
//! attendee's directory shard and the event's registry object only to be refused. With
//! the public read cache's window on (`PUBLIC_READ_CACHE_MS`, see `read_cache.rs`), an
//! isolate that was told an event is full remembers it for the window and refuses new
//! registrations from memory, with the registry's own answer. The object then sees about
//! one attempt per seat, plus one per isolate and window.
//!
//! What it may not change:
//! - a registration with an idempotency key always reaches the registry, which replays an
//!   earlier one whatever the seats;
//! - the memory holds only for the capacity it was told under: a registration context
//!   with another limit or a waitlist (an administrator's change) is asked again;
//! - a seat freed meanwhile (a cancellation) is offered again when the window ends;
//! - only "full" for a registration's first attendee is learned: a later attendee of a
//!   group is refused when fewer seats are left than the group needs, not none.
//!
//! Within the window an event deleted meanwhile is still answered "full" (409), where the
//! registry would answer 404: either way nothing is stored.
//!
//! Plain Rust (times are passed in), so the rules are tested natively.

use std::collections::HashMap;

use convene_types::registration::{Capacity, FULL};

use crate::error::ApiError;

/// Above this many events remembered, the expired ones are forgotten.
const PRUNE_AT: usize = 256;

/// The events an isolate was told are full, for `window_ms`.
pub struct SoldOut {
    window_ms: f64,
    events: HashMap<String, (Capacity, f64)>,
}

impl SoldOut {
    pub fn new(window_ms: u32) -> Self {
        SoldOut {
            window_ms: f64::from(window_ms),
            events: HashMap::new(),
        }
    }

    /// The registry's refusal of a new registration of `attendees` (no idempotency key)
    /// into `event_id` under `capacity`, if it was told less than the window before `now`:
    /// as the registry words it, naming the first attendee of a group of several.
    pub fn refusal(
        &self,
        event_id: &str,
        capacity: Capacity,
        idempotency_key: Option<&str>,
        attendees: usize,
        now: f64,
    ) -> Option<ApiError> {
        let (told_under, at) = self.events.get(event_id)?;
        let fresh = now >= *at && now - at < self.window_ms;
        let message = if attendees > 1 {
            format!("attendees[0]: {FULL}")
        } else {
            FULL.to_string()
        };
        (idempotency_key.is_none() && *told_under == capacity && fresh)
            .then_some(ApiError::Conflict(message))
    }

    /// Remembers `event_id` as full under `capacity` from `now` when `answer` is the
    /// registry's refusal of the first attendee for a full event (a later attendee of a
    /// group is refused when the seats left are fewer than the group: that is not full).
    pub fn learn(&mut self, event_id: &str, capacity: Capacity, answer: &ApiError, now: f64) {
        let full = matches!(
            answer,
            ApiError::Conflict(message)
                if message == FULL || message.strip_prefix("attendees[0]: ") == Some(FULL)
        );
        if self.window_ms <= 0.0 || !full {
            return;
        }
        if self.events.len() >= PRUNE_AT {
            let window = self.window_ms;
            self.events
                .retain(|_, (_, at)| now >= *at && now - *at < window);
        }
        self.events.insert(event_id.to_string(), (capacity, now));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAPPED: Capacity = Capacity {
        limit: Some(100),
        waitlist_allowed: false,
    };

    fn full() -> ApiError {
        ApiError::Conflict(FULL.into())
    }

    fn refused(memo: &SoldOut, capacity: Capacity, key: Option<&str>, now: f64) -> bool {
        memo.refusal("ev", capacity, key, 1, now).is_some()
    }

    #[test]
    fn a_full_event_is_refused_from_memory_within_the_window_only() {
        let mut memo = SoldOut::new(1000);
        assert!(!refused(&memo, CAPPED, None, 0.0), "nothing told yet");
        memo.learn("ev", CAPPED, &full(), 10.0);
        let refusal = memo
            .refusal("ev", CAPPED, None, 1, 500.0)
            .expect("within the window");
        assert!(matches!(refusal, ApiError::Conflict(m) if m == FULL));
        let group = memo.refusal("ev", CAPPED, None, 3, 500.0).expect("a group");
        let named = format!("attendees[0]: {FULL}");
        assert!(matches!(group, ApiError::Conflict(m) if m == named));
        assert!(!refused(&memo, CAPPED, None, 1010.0), "the window ended");
        assert!(!refused(&memo, CAPPED, None, 5.0), "a clock that went back");
        assert!(memo.refusal("other", CAPPED, None, 1, 500.0).is_none());
    }

    #[test]
    fn an_idempotency_key_or_another_capacity_asks_the_registry() {
        let mut memo = SoldOut::new(1000);
        memo.learn("ev", CAPPED, &full(), 0.0);
        assert!(
            !refused(&memo, CAPPED, Some("k:0"), 1.0),
            "a key may replay"
        );
        let raised = Capacity {
            limit: Some(150),
            ..CAPPED
        };
        assert!(!refused(&memo, raised, None, 1.0));
        let waitlist = Capacity {
            waitlist_allowed: true,
            ..CAPPED
        };
        assert!(!refused(&memo, waitlist, None, 1.0));
    }

    #[test]
    fn only_the_full_refusal_is_learned_and_only_with_a_window() {
        let mut memo = SoldOut::new(1000);
        let first = ApiError::Conflict(format!("attendees[0]: {FULL}"));
        memo.learn("ev", CAPPED, &first, 0.0);
        assert!(
            refused(&memo, CAPPED, None, 1.0),
            "a group's first attendee refused"
        );

        let mut memo = SoldOut::new(1000);
        let later = ApiError::Conflict(format!("attendees[2]: {FULL}"));
        memo.learn("ev", CAPPED, &later, 0.0);
        assert!(
            !refused(&memo, CAPPED, None, 1.0),
            "fewer seats than the group, not none"
        );

        let mut memo = SoldOut::new(1000);
        let pass = ApiError::Conflict(convene_types::registration::PASS_FULL.into());
        let closed = ApiError::Conflict(convene_types::registration::CLOSED.into());
        for other in [pass, closed, ApiError::NotFound("gone".into())] {
            memo.learn("ev", CAPPED, &other, 0.0);
        }
        assert!(!refused(&memo, CAPPED, None, 1.0));

        let mut off = SoldOut::new(0);
        off.learn("ev", CAPPED, &full(), 0.0);
        assert!(!refused(&off, CAPPED, None, 0.0));
    }

    #[test]
    fn expired_events_are_forgotten_as_it_grows() {
        let mut memo = SoldOut::new(10);
        for i in 0..PRUNE_AT {
            memo.learn(&format!("old{i}"), CAPPED, &full(), 0.0);
        }
        memo.learn("new", CAPPED, &full(), 100.0);
        assert_eq!(memo.events.len(), 1);
    }
}
