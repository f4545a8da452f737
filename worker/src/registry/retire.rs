//! Retirement: what keeps a delete in the configuration store from racing a registration.
//!
//! A registration reads its event (sessions, passes, questions) from the configuration
//! store, then the registry stores it; a delete checks here that no registration refers to
//! what it deletes, then the store deletes it. Without more, a registration that read the
//! event before the delete could be stored after it. So the check and a retirement record
//! are one step here ([`retire`]), and every registration is checked against the records
//! in the same synchronous step that stores it ([`refuse_retired`]): whichever comes first
//! in this object wins, and the other is refused.

use super::schema::Db;
use super::{NewRegistration, Target};
use crate::error::{ApiError, ApiResult};

impl Target {
    /// The `kind` column of its retirement record, and its id (an event's own for `Event`).
    fn key<'a>(&'a self, event_id: &'a str) -> (&'static str, &'a str) {
        match self {
            Target::Event => ("event", event_id),
            Target::Pass(id) => ("pass", id),
            Target::Session(id) => ("session", id),
            Target::Question(id) => ("question", id),
        }
    }

    /// Whether `r` refers to this target.
    fn referred_by(&self, r: &NewRegistration) -> bool {
        match self {
            Target::Event => true,
            Target::Pass(id) => r.pass_id.as_ref() == Some(id),
            Target::Session(id) => r.session_ids.contains(id),
            Target::Question(id) => r.responses.iter().any(|a| &a.id == id),
        }
    }

    /// The refusal of a registration that refers to it once it is retired.
    fn gone(&self, event_id: &str) -> ApiError {
        let (kind, id) = self.key(event_id);
        match self {
            Target::Event => ApiError::NotFound(format!("There is no event with id {event_id}.")),
            _ => ApiError::Conflict(format!(
                "The {kind} {id} has just been deleted from this event; reload the event and try again."
            )),
        }
    }

    /// Why it cannot be deleted while `n` registrations refer to it.
    fn in_use(&self, n: u32) -> ApiError {
        let plural = if n == 1 { "" } else { "s" };
        ApiError::Conflict(match self {
            Target::Event => format!(
                "This event has {n} registration{plural} and cannot be deleted. Unpublish it instead."
            ),
            Target::Pass(_) => {
                format!("This pass is held by {n} registration{plural} and cannot be deleted.")
            }
            Target::Session(_) => {
                format!("This session is chosen by {n} registration{plural} and cannot be deleted.")
            }
            Target::Question(_) => {
                format!(
                    "This question is answered by {n} registration{plural} and cannot be deleted."
                )
            }
        })
    }
}

/// How many of the event's registrations (cancelled ones too) refer to `target` (session
/// ids and answers are JSON arrays in their rows).
fn references(db: &Db, event_id: &str, target: &Target) -> ApiResult<u32> {
    let (condition, id) = match target {
        Target::Event => {
            return db.count(
                "SELECT COUNT(*) AS n FROM registrations WHERE event_id = ?",
                vec![event_id.into()],
            );
        }
        Target::Pass(id) => ("pass_id = ?", id),
        Target::Session(id) => (
            "EXISTS (SELECT 1 FROM json_each(session_ids) WHERE value = ?)",
            id,
        ),
        Target::Question(id) => (
            "EXISTS (SELECT 1 FROM json_each(responses) WHERE json_extract(value, '$.id') = ?)",
            id,
        ),
    };
    db.count(
        &format!("SELECT COUNT(*) AS n FROM registrations WHERE event_id = ? AND {condition}"),
        vec![event_id.into(), id.as_str().into()],
    )
}

/// Refused while registrations refer to `target`; otherwise recorded as retired.
pub fn retire(db: &Db, event_id: &str, target: &Target) -> ApiResult<()> {
    let n = references(db, event_id, target)?;
    if n > 0 {
        return Err(target.in_use(n));
    }
    let (kind, id) = target.key(event_id);
    db.run(
        "INSERT OR IGNORE INTO retired (event_id, kind, id) VALUES (?, ?, ?)",
        vec![event_id.into(), kind.into(), id.into()],
    )
}

/// Forgets a retirement whose delete the store refused.
pub fn restore(db: &Db, event_id: &str, target: &Target) -> ApiResult<()> {
    let (kind, id) = target.key(event_id);
    db.run(
        "DELETE FROM retired WHERE event_id = ? AND kind = ? AND id = ?",
        vec![event_id.into(), kind.into(), id.into()],
    )
}

#[derive(serde::Deserialize)]
struct RetiredRow {
    kind: String,
    id: String,
}

impl RetiredRow {
    fn target(self) -> Option<Target> {
        Some(match self.kind.as_str() {
            "event" => Target::Event,
            "pass" => Target::Pass(self.id),
            "session" => Target::Session(self.id),
            "question" => Target::Question(self.id),
            _ => return None,
        })
    }
}

/// Refuses a group one of whose registrations refers to something retired (one read of
/// the event's records, usually none).
pub fn refuse_retired(db: &Db, group: &[NewRegistration]) -> ApiResult<()> {
    let Some(event_id) = group.first().map(|r| r.event_id.as_str()) else {
        return Ok(());
    };
    let retired: Vec<RetiredRow> = db.rows(
        "SELECT kind, id FROM retired WHERE event_id = ?",
        vec![event_id.into()],
    )?;
    for target in retired.into_iter().filter_map(RetiredRow::target) {
        if group.iter().any(|r| target.referred_by(r)) {
            return Err(target.gone(event_id));
        }
    }
    Ok(())
}
