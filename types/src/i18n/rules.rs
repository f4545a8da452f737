//! The rules' messages in French, gettext-style.
//!
//! The rules of this crate and the API answer in English; [`rule_message`] and
//! [`admin_message`] put one of their messages in the reader's language. The English
//! message is the key: each `{}` in it stands for a part that varies (a name, an id, a
//! number, another message), given again, in the same order, where the French has its
//! `{}`. A varying part that is itself a message of the tables searched is put in French
//! too (the API wraps messages in others: "The webinar was not created: …"). The first
//! entry that matches wins, so a specific entry comes before a general one. A message the
//! tables do not know is given as it is.
//!
//! There are two tables and one lookup. `REGISTRATION_MESSAGES` holds what a public
//! registration can be answered; `ADMIN_MESSAGES` every other message. [`rule_message`]
//! searches the registration table only: the registration widget calls it, so its WASM,
//! built for other websites under a size budget, carries that table and not the admin one
//! (with the whole table it measured 45.7 KB gzip instead of about 38). [`admin_message`]
//! searches both, for the admin SPA. A new message goes in the registration table when a
//! public registration can be answered it (the widget shows it), in the admin table
//! otherwise.

use super::{CLOSED_FR, FULL_FR, Lang};
use crate::plain_search;
use crate::prelude::*;
use crate::registration::{CLOSED, FULL, PASS_FULL};
use crate::validate::SINGLE_LINE;

mod admin;
use admin::ADMIN_MESSAGES;

/// What a public registration can be answered (the rules of an attendee and of the
/// answers, the pass and sessions chosen, the public route's refusals) and its French: all
/// the registration widget shows, and all its WASM carries.
#[rustfmt::skip]
const REGISTRATION_MESSAGES: &[(&str, &str)] = &[
    // ---- the attendee, the answers, the pass, the sessions (types/src) ----
    ("is required", "est obligatoire"),
    ("is required: contacts are matched by first and last name",
     "est obligatoire : les contacts sont rapprochés par prénom et nom"),
    ("is required: contacts are matched by email, first and last name",
     "est obligatoire : les contacts sont rapprochés par e-mail, prénom et nom"),
    ("is required: {}", "est obligatoire : {}"),
    ("must be an email address", "doit être une adresse e-mail"),
    ("must be at most {} characters", "doit compter au plus {} caractères"),
    (SINGLE_LINE, "doit tenir sur une ligne, sans caractère de contrôle"),
    ("must be one of: {}", "doit être l’un des choix : {}"),
    ("{} is not a pass of this event", "{} n’est pas un pass de cet événement"),
    ("{} is not a session of this event", "{} n’est pas une session de cet événement"),
    ("is not a question of this event", "n’est pas une question de cet événement"),
    ("takes a value, not a list of choices", "attend une valeur, pas une liste de choix"),
    ("must be Yes or No", "doit être Oui ou Non"),
    ("must be choices from: {} (joined by \", \", or listed in \"choices\")",
     "doit être des choix parmi : {} (séparés par \", \", ou listés dans \"choices\")"),
    ("must be choices from: {}", "doit être des choix parmi : {}"),
    ("has a value that is not its choices joined by \", \"",
     "a une valeur qui ne correspond pas à ses choix séparés par \", \""),
    ("reads as more than one set of choices: list them in \"choices\" (choices are {})",
     "peut se lire comme plusieurs ensembles de choix : listez-les dans \"choices\" (les \
      choix sont {})"),
    ("must be 1 to {} printable characters", "doit compter de 1 à {} caractères imprimables"),
    // ---- the public registration route's refusals (types/src, worker/src) ----
    (FULL, FULL_FR),
    (PASS_FULL, "Ce pass est épuisé et l’événement n’a pas de liste d’attente."),
    (CLOSED, CLOSED_FR),
    ("Some fields are invalid.", "Certains champs ne sont pas valides."),
    ("There is no published event {}.", "Il n’y a pas d’événement publié {}."),
];

/// Tables searched in turn, as one: the first entry that matches wins.
type Tables = &'static [&'static [(&'static str, &'static str)]];

/// The widget's tables: a registration's messages only.
const REGISTRATION: Tables = &[REGISTRATION_MESSAGES];

/// The SPA's tables: every message. The registration table comes first, as its entries
/// came before the admin entries that could also take their messages when both were one
/// table (`is required: {}` before `{} is not a {} field`), so each message reads as
/// before.
const EVERY: Tables = &[REGISTRATION_MESSAGES, ADMIN_MESSAGES];

/// `message`, one of the messages a public registration can be answered (a rule's, or the
/// public route's), in `lang`: the registration widget's. A message of another record type
/// or route is given as it is (use [`admin_message`]).
pub fn rule_message(message: &str, lang: Lang) -> String {
    translate(REGISTRATION, message, lang)
}

/// `message`, any of this crate's rule messages or of the API's, in `lang`: the admin
/// SPA's. A message the tables do not know is given as it is.
pub fn admin_message(message: &str, lang: Lang) -> String {
    translate(EVERY, message, lang)
}

fn translate(tables: Tables, message: &str, lang: Lang) -> String {
    match lang {
        Lang::En => message.to_string(),
        Lang::Fr => to_french(tables, message).unwrap_or_else(|| message.to_string()),
    }
}

/// The entries of `tables`, in the order they are searched.
fn entries(tables: Tables) -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    tables.iter().flat_map(|table| table.iter())
}

/// The French of the first entry of `tables` that `message` reads as.
fn to_french(tables: Tables, message: &str) -> Option<String> {
    entries(tables).find_map(|(english, french)| fill(tables, english, french, message))
}

/// `french` with the parts of `message` that the `{}` of `english` stand for, when
/// `message` reads as `english`. Each fixed text between two parts is found at its first
/// place; a part that is a message of `tables` is put in French too. The widget runs this:
/// it searches and slices as `plain_search` says why.
fn fill(tables: Tables, english: &str, french: &str, message: &str) -> Option<String> {
    let mut fixed = plain_search::split(english, "{}").into_iter();
    let mut rest = message.strip_prefix(fixed.next().unwrap_or_default())?;
    let mut parts = Vec::new();
    let mut fixed = fixed.peekable();
    while let Some(text) = fixed.next() {
        if fixed.peek().is_none() {
            parts.push(rest.strip_suffix(text)?);
            rest = "";
        } else {
            let at = plain_search::find(rest, text)?;
            parts.push(rest.get(..at)?);
            rest = rest.get(at + text.len()..)?;
        }
    }
    if !rest.is_empty() {
        return None;
    }
    let mut pieces = plain_search::split(french, "{}").into_iter();
    let mut out = pieces.next().unwrap_or_default().to_string();
    for (piece, part) in pieces.zip(parts) {
        // Every entry has fixed text, so a part is shorter than its message: this ends.
        match to_french(tables, part) {
            Some(translated) => out.push_str(&translated),
            None => out.push_str(part),
        }
        out.push_str(piece);
    }
    Some(out)
}

#[cfg(test)]
mod tests;
