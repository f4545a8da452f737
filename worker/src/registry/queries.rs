//! The registry's reads: registration and contact lists, search and paging.

use convene_types::list::Page;
use convene_types::registration::{DailyCount, Registration, RegistrationStatus, per_day};
use serde::Deserialize;
use worker::SqlStorageValue;

use super::rows;
use super::schema::Db;
use crate::error::ApiResult;

/// SQL that is true when any of `columns` contains the bound search text, ignoring ASCII
/// case as `LIKE` does; bind the text once per column. Not `LIKE '%text%'`: a Durable
/// Object's SQLite refuses a LIKE pattern longer than 50 bytes ("LIKE or GLOB pattern too
/// complex"), and `instr` takes `%`, `_` and `\` as text without escaping.
pub fn contains_any(columns: &[&str]) -> String {
    let tests: Vec<String> = columns
        .iter()
        .map(|c| format!("instr(lower({c}), lower(?)) > 0"))
        .collect();
    format!("({})", tests.join(" OR "))
}

/// `page` (from 1) and `page_size` (1 to 100) as used, and the `LIMIT ? OFFSET ?` bindings.
fn paging(page: usize, page_size: usize) -> (usize, usize, [SqlStorageValue; 2]) {
    let (page, page_size) = (page.max(1), page_size.clamp(1, 100));
    let offset = (page - 1) * page_size;
    (
        page,
        page_size,
        [(page_size as i64).into(), (offset as i64).into()],
    )
}

pub fn list_registrations(
    db: &Db,
    event_id: &str,
    q: &str,
    status: Option<RegistrationStatus>,
    page: usize,
    page_size: usize,
) -> ApiResult<Page<Registration>> {
    let mut condition = String::from("r.event_id = ?");
    let mut bindings: Vec<SqlStorageValue> = vec![event_id.into()];
    if let Some(status) = status {
        condition.push_str(" AND r.status = ?");
        bindings.push(status.key().into());
    }
    if !q.trim().is_empty() {
        let columns = [
            "COALESCE(r.email, c.email)",
            "COALESCE(r.first_name, c.first_name)",
            "COALESCE(r.last_name, c.last_name)",
            "COALESCE(r.company, c.company)",
        ];
        condition.push_str(" AND ");
        condition.push_str(&contains_any(&columns));
        for _ in columns {
            bindings.push(q.trim().into());
        }
    }
    let total = db.count(
        &format!("SELECT COUNT(*) AS n FROM registrations r JOIN contacts c ON c.id = r.contact_id WHERE {condition}"),
        bindings.clone(),
    )?;
    let (page, page_size, limit) = paging(page, page_size);
    bindings.extend(limit);
    let items = rows::registrations(
        db,
        &format!("{condition} ORDER BY r.seq LIMIT ? OFFSET ?"),
        bindings,
    )?;
    Ok(Page {
        items,
        total: total as usize,
        page,
        page_size,
    })
}

#[derive(Deserialize)]
struct DayRow {
    day: String,
    status: String,
    n: f64,
}

/// The registrations of `event_id` per UTC day of creation and status now
/// ([`per_day`]: every day from the first to the last).
pub fn daily_counts(db: &Db, event_id: &str) -> ApiResult<Vec<DailyCount>> {
    let rows: Vec<DayRow> = db.rows(
        "SELECT substr(created_at, 1, 10) AS day, status, COUNT(*) AS n FROM registrations \
         WHERE event_id = ? GROUP BY day, status",
        vec![event_id.into()],
    )?;
    let counted: Vec<(String, RegistrationStatus, u32)> = rows
        .into_iter()
        .filter_map(|r| Some((r.day, RegistrationStatus::parse(&r.status)?, r.n as u32)))
        .collect();
    Ok(per_day(&counted))
}

/// The place of each of `ids` on the waitlist of `event_id`, in the order seats are given
/// (`seq`, as [`super::decide`] promotes); `None` for one that is not waitlisted.
pub fn waitlist_places(db: &Db, event_id: &str, ids: &[String]) -> ApiResult<Vec<Option<u32>>> {
    ids.iter()
        .map(|id| {
            let place = db.count(
                "SELECT COUNT(*) AS n FROM registrations \
                 WHERE event_id = ? AND status = 'waitlisted' \
                 AND seq <= (SELECT seq FROM registrations WHERE id = ? AND status = 'waitlisted')",
                vec![event_id.into(), id.as_str().into()],
            )?;
            Ok((place > 0).then_some(place))
        })
        .collect()
}

/// The registrations of contact `id` for `event_ids` held here, oldest first.
pub fn contact_registrations(
    db: &Db,
    id: &str,
    event_ids: &[String],
) -> ApiResult<Vec<Registration>> {
    let (marks, ids) = ids_in(event_ids);
    rows::registrations(
        db,
        &format!("r.contact_id = ? AND r.event_id IN ({marks}) ORDER BY r.seq"),
        [vec![id.into()], ids].concat(),
    )
}

/// Which of `registration_ids` are not stored here (in any status).
pub fn missing(db: &Db, registration_ids: &[String]) -> ApiResult<Vec<String>> {
    let (marks, ids) = ids_in(registration_ids);
    let rows: Vec<rows::IdRow> = db.rows(
        &format!(
            "SELECT value AS id FROM json_each(?) \
             WHERE value NOT IN (SELECT id FROM registrations WHERE id IN ({marks}))"
        ),
        [ids.clone(), ids].concat(),
    )?;
    Ok(rows.into_iter().map(|row| row.id).collect())
}

/// A subquery of `ids` for `IN (…)`, and its one binding: the ids as a JSON array read
/// by `json_each` (a query may bind at most 100 values, and a list of events can be
/// longer).
pub fn ids_in(ids: &[String]) -> (String, Vec<SqlStorageValue>) {
    let list = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
    ("SELECT value FROM json_each(?)".into(), vec![list.into()])
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_search_tests_each_column_with_instr() {
        assert_eq!(
            super::contains_any(&["c.email", "c.company"]),
            "(instr(lower(c.email), lower(?)) > 0 OR instr(lower(c.company), lower(?)) > 0)"
        );
    }

    #[test]
    fn paging_is_bounded() {
        let (page, size, _) = super::paging(0, 1000);
        assert_eq!((page, size), (1, 100));
        let (page, size, _) = super::paging(3, 0);
        assert_eq!((page, size), (3, 1));
    }
}
