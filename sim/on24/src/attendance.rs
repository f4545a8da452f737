//! Attendance figures for `GET .../attendee`: deterministic, derived from the `eventuserid`,
//! unless set through `POST /__control/attendance`.
//!
//! Derived pattern, by `eventuserid % 4` (ids are handed out in order from 300000001, so the
//! first registrant of a fresh simulator gets 1, the second 2, ...):
//! - 1: watched live only;
//! - 2: watched live and the archive (on demand);
//! - 3: watched the archive only;
//! - 0: did not attend (all zeros, `userstatus` "No Show").
//!
//! Overrides: `liveminutes` and `archiveminutes` given as numbers feed the fields derived from
//! them (`cumulative*`, `*viewed`, `userstatus`, activity times) unless those are set too; then
//! every override is written over the result as given (any JSON value, so tests can also send
//! odd values on purpose).
//!
//! Unconfirmed (not in REFERENCE.md): the types (`liveviewed`/`archiveviewed` as view counts,
//! `engagementscore` as a number with one decimal), the `userstatus` values and the timestamp
//! format. The field names are REFERENCE.md's.

use serde_json::{Value, json};

use crate::state::Registrant;

/// Minutes (live, archive) derived from the id.
fn derived_minutes(id: u64) -> (u64, u64) {
    match id % 4 {
        1 => (5 + id.wrapping_mul(7) % 56, 0),
        2 => (5 + id.wrapping_mul(7) % 56, 3 + id.wrapping_mul(11) % 28),
        3 => (0, 3 + id.wrapping_mul(11) % 28),
        _ => (0, 0),
    }
}

/// `2025-01-15T10:00:00Z` plus `minutes`.
fn activity_time(minutes: u64) -> String {
    let total = 10 * 60 + minutes.min(13 * 60);
    format!("2025-01-15T{:02}:{:02}:00Z", total / 60, total % 60)
}

/// The registrant's row of the attendee report.
pub fn attendee(registrant: &Registrant) -> Value {
    let id = registrant.eventuserid;
    let overrides = &registrant.attendance;
    let minutes_override = |name: &str| overrides.get(name).and_then(Value::as_u64);
    let (base_live, base_archive) = derived_minutes(id);
    let live = minutes_override("liveminutes").unwrap_or(base_live);
    let archive = minutes_override("archiveminutes").unwrap_or(base_archive);
    let attended = live > 0 || archive > 0;
    let field = |name: &str| {
        registrant
            .fields
            .get(name)
            .map_or(Value::Null, |v| Value::String(v.clone()))
    };
    let text = |name: &str| Value::String(registrant.fields.get(name).cloned().unwrap_or_default());
    let (first_live, last_live) = if live > 0 {
        (json!(activity_time(0)), json!(activity_time(live)))
    } else {
        (Value::Null, Value::Null)
    };
    let engagement_tenths = if attended {
        live.wrapping_mul(7)
            .wrapping_add(archive.wrapping_mul(3))
            .wrapping_add(id)
            % 91
            + 10
    } else {
        0
    };
    let mut row = json!({
        "eventuserid": id,
        "email": registrant.email,
        "firstname": text("firstname"),
        "lastname": text("lastname"),
        "liveminutes": live,
        "archiveminutes": archive,
        "cumulativeliveminutes": live,
        "cumulativearchiveminutes": archive,
        "liveviewed": u64::from(live > 0),
        "archiveviewed": u64::from(archive > 0),
        "firstliveactivity": first_live,
        "lastliveactivity": last_live,
        "engagementscore": engagement_tenths as f64 / 10.0,
        "askedquestions": if live > 0 { id % 3 } else { 0 },
        "answeredpolls": if live > 0 { (id / 2) % 4 } else { 0 },
        "resourcesdownloaded": if attended { id % 2 } else { 0 },
        "userstatus": if attended { "Attended" } else { "No Show" },
        "campaigncode": field("campaigncode"),
    });
    if let Value::Object(map) = &mut row {
        map.extend(overrides.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    row
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::Map;

    use super::*;
    use crate::state::FIRST_EVENTUSERID;

    fn registrant(id: u64, attendance: Value) -> Registrant {
        Registrant {
            eventuserid: id,
            email: "ada@example.com".into(),
            fields: BTreeMap::from([("firstname".to_string(), "Ada".to_string())]),
            deleted: false,
            attendance: match attendance {
                Value::Object(map) => map,
                _ => Map::new(),
            },
        }
    }

    #[test]
    fn derived_rows_follow_the_id_pattern_and_are_stable() {
        let live_only = attendee(&registrant(FIRST_EVENTUSERID, json!({})));
        assert_eq!(
            live_only,
            attendee(&registrant(FIRST_EVENTUSERID, json!({})))
        );
        assert!(live_only["liveminutes"].as_u64() > Some(0));
        assert_eq!(live_only["archiveminutes"], 0);
        assert_eq!(live_only["liveviewed"], 1);
        assert_eq!(live_only["userstatus"], "Attended");
        assert_eq!(live_only["firstname"], "Ada");
        assert_eq!(live_only["lastname"], "");
        assert_eq!(live_only["cumulativeliveminutes"], live_only["liveminutes"]);

        let both = attendee(&registrant(FIRST_EVENTUSERID + 1, json!({})));
        assert!(both["liveminutes"].as_u64() > Some(0));
        assert!(both["archiveminutes"].as_u64() > Some(0));

        let archive_only = attendee(&registrant(FIRST_EVENTUSERID + 2, json!({})));
        assert_eq!(archive_only["liveminutes"], 0);
        assert_eq!(archive_only["archiveviewed"], 1);
        assert_eq!(archive_only["firstliveactivity"], Value::Null);

        let no_show = attendee(&registrant(FIRST_EVENTUSERID + 3, json!({})));
        assert_eq!(no_show["liveminutes"], 0);
        assert_eq!(no_show["archiveminutes"], 0);
        assert_eq!(no_show["engagementscore"], 0.0);
        assert_eq!(no_show["userstatus"], "No Show");
    }

    #[test]
    fn overrides_feed_derived_fields_then_win() {
        let row = attendee(&registrant(
            FIRST_EVENTUSERID + 3,
            json!({"liveminutes": 30, "engagementscore": 7.5, "userstatus": "Custom"}),
        ));
        assert_eq!(row["liveminutes"], 30);
        assert_eq!(row["cumulativeliveminutes"], 30);
        assert_eq!(row["liveviewed"], 1);
        assert_eq!(row["lastliveactivity"], "2025-01-15T10:30:00Z");
        assert_eq!(row["engagementscore"], 7.5);
        assert_eq!(row["userstatus"], "Custom");
    }
}
