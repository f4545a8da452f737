//! The wordings of the charts: registrations per day, attended vs. registered, upcoming
//! events' seats (each also said in a sentence for screen readers).

use crate::i18n::{Lang, Word};
use crate::prelude::*;

pub const REGISTRATIONS_PER_DAY: Word = Word::new("Registrations per day", "Inscriptions par jour");
pub const CONFIRMED_KEY: Word = Word::new("Confirmed", "Confirmées");
pub const WAITLISTED_KEY: Word = Word::new("Waitlisted", "En liste d’attente");
pub const CANCELLED_KEY: Word = Word::new("Cancelled", "Annulées");
pub const NO_REGISTRATIONS_YET: Word = Word::new(
    "No registrations yet.",
    "Aucune inscription pour l’instant.",
);
pub const ATTENDED_VS_REGISTERED: Word = Word::new(
    "Attended vs. registered",
    "Présents par rapport aux inscrits",
);
pub const REGISTERED_KEY: Word = Word::new("Registered", "Inscrits");
pub const ATTENDED_KEY: Word = Word::new("Attended", "Présents");
pub const UPCOMING_SEATS_TAKEN: Word = Word::new(
    "Upcoming events: seats taken",
    "Événements à venir : places prises",
);

/// French nouns and participles: singular for 0 and 1.
fn fr_plural(n: impl Into<u64>, one: &'static str, many: &'static str) -> &'static str {
    if n.into() > 1 { many } else { one }
}

/// The registrations of a period, by status now: "5 registrations from 2026-06-01 to
/// 2026-06-03 (UTC days): 3 confirmed, 1 waitlisted, 1 cancelled." `first` and `last` are
/// written as the language writes dates.
pub fn days_registrations(
    lang: Lang,
    first: &str,
    last: &str,
    confirmed: u32,
    waitlisted: u32,
    cancelled: u32,
) -> String {
    let total = confirmed + waitlisted + cancelled;
    match lang {
        Lang::En => format!(
            "{total} registrations from {first} to {last} (UTC days): {confirmed} confirmed, \
             {waitlisted} waitlisted, {cancelled} cancelled."
        ),
        Lang::Fr => format!(
            "{total} {} du {first} au {last} (jours UTC) : {confirmed} {}, {waitlisted} en \
             liste d’attente, {cancelled} {}.",
            fr_plural(total, "inscription", "inscriptions"),
            fr_plural(confirmed, "confirmée", "confirmées"),
            fr_plural(cancelled, "annulée", "annulées"),
        ),
    }
}

/// The day with the most registrations: "Most on 2026-06-03: 4."
pub fn busiest_day(lang: Lang, day: &str, registrations: u32) -> String {
    match lang {
        Lang::En => format!("Most on {day}: {registrations}."),
        Lang::Fr => format!("Maximum le {day} : {registrations}."),
    }
}

/// Attended against registered, row by row: "Event: 1 of 2 attended; Keynote: 0 of 1
/// attended."
pub fn attendance_summary<'a>(
    lang: Lang,
    rows: impl IntoIterator<Item = (&'a str, usize, usize)>,
) -> String {
    let (separator, parts): (&str, Vec<String>) = match lang {
        Lang::En => (
            "; ",
            rows.into_iter()
                .map(|(name, attended, registered)| {
                    format!("{name}: {attended} of {registered} attended")
                })
                .collect(),
        ),
        Lang::Fr => (
            " ; ",
            rows.into_iter()
                .map(|(name, attended, registered)| {
                    let verb = fr_plural(attended as u64, "a participé", "ont participé");
                    format!("{name} : {attended} sur {registered} {verb}")
                })
                .collect(),
        ),
    };
    format!("{}.", parts.join(separator))
}

/// An upcoming event with a capacity: "Summit: 12 of 50 seats taken (24%), 3 waitlisted".
pub fn seats_taken(
    lang: Lang,
    name: &str,
    confirmed: u32,
    capacity: u32,
    percent: u32,
    waitlisted: u32,
) -> String {
    match (lang, waitlisted) {
        (Lang::En, 0) => format!("{name}: {confirmed} of {capacity} seats taken ({percent}%)"),
        (Lang::En, _) => format!(
            "{name}: {confirmed} of {capacity} seats taken ({percent}%), {waitlisted} waitlisted"
        ),
        (Lang::Fr, 0) => format!(
            "{name} : {confirmed} {} sur {capacity} ({percent}\u{202f}%)",
            fr_plural(confirmed, "place prise", "places prises"),
        ),
        (Lang::Fr, _) => format!(
            "{name} : {confirmed} {} sur {capacity} ({percent}\u{202f}%), {waitlisted} en liste \
             d’attente",
            fr_plural(confirmed, "place prise", "places prises"),
        ),
    }
}

/// An upcoming event without a capacity: "Summit: 12 registered (no capacity), 3
/// waitlisted".
pub fn registered_without_capacity(
    lang: Lang,
    name: &str,
    confirmed: u32,
    waitlisted: u32,
) -> String {
    match (lang, waitlisted) {
        (Lang::En, 0) => format!("{name}: {confirmed} registered (no capacity)"),
        (Lang::En, _) => {
            format!("{name}: {confirmed} registered (no capacity), {waitlisted} waitlisted")
        }
        (Lang::Fr, 0) => format!(
            "{name} : {confirmed} {} (sans capacité)",
            fr_plural(confirmed, "inscrit", "inscrits"),
        ),
        (Lang::Fr, _) => format!(
            "{name} : {confirmed} {} (sans capacité), {waitlisted} en liste d’attente",
            fr_plural(confirmed, "inscrit", "inscrits"),
        ),
    }
}
