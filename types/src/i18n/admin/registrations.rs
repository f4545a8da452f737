//! The wordings of the registrations pages and their components: an event's registrations
//! (list, totals, "Register someone"), contacts and a contact's page, where a registration
//! stands with the webinar provider, and what the provider reported of attendance.

use crate::contact::MatchStrategy;
use crate::custom::NO_CHOICE;
use crate::i18n::{Lang, Word};
use crate::prelude::*;
use crate::registration::{RegistrationStatus, SyncState};

/// `label` before what it names: "Keynote: ", "Keynote : ".
pub fn before_colon(lang: Lang, label: &str) -> String {
    match lang {
        Lang::En => format!("{label}: "),
        Lang::Fr => format!("{label} : "),
    }
}

// ---- event registrations ----

pub const EXPORT_CSV: Word = Word::new("Export CSV", "Exporter en CSV");
pub const REGISTRATIONS_PER_DAY_FAILED: Word =
    Word::new("Registrations per day: ", "Inscriptions par jour : ");
pub const ATTENDANCE_TOTALS_FAILED: Word =
    Word::new("Attendance totals: ", "Totaux de présence : ");
pub const SEARCH_REGISTRATIONS: Word =
    Word::new("Search registrations", "Rechercher des inscriptions");
/// The status filter's choice of every status.
pub const ALL_STATUSES: Word = Word::new("All", "Toutes");
pub const NO_REGISTRATIONS_IN_VIEW: Word = Word::new(
    "No registrations in this view.",
    "Aucune inscription dans cette vue.",
);
pub const ATTENDANCE_LEAD: Word = Word::new("Attendance: ", "Présence : ");
pub const AS_LAST_REPORTED: Word = Word::new(
    " (as last reported by the webinar provider)",
    " (selon le dernier relevé du fournisseur de webinaires)",
);

/// A Retry the API refused, with its reason.
pub fn retry_refused(lang: Lang, reason: &str) -> String {
    match lang {
        Lang::En => format!("Retry refused: {reason}"),
        Lang::Fr => format!("Nouvel essai refusé : {reason}"),
    }
}

/// The event's attendance totals: "12 of 30 confirmed registrations attended".
pub fn event_attended(lang: Lang, attended: usize, registered: usize) -> String {
    match (lang, attended) {
        (Lang::En, _) => format!("{attended} of {registered} confirmed registrations attended"),
        (Lang::Fr, 0 | 1) => format!("{attended} inscrit confirmé sur {registered} a participé"),
        (Lang::Fr, _) => format!("{attended} inscrits confirmés sur {registered} ont participé"),
    }
}

/// A session's attendance totals: "3 of 5 registered attended".
pub fn session_attended(lang: Lang, attended: usize, registered: usize) -> String {
    match (lang, attended) {
        (Lang::En, _) => format!("{attended} of {registered} registered attended"),
        (Lang::Fr, 0 | 1) => format!("{attended} inscrit sur {registered} a participé"),
        (Lang::Fr, _) => format!("{attended} inscrits sur {registered} ont participé"),
    }
}

// ---- registrations table ----

pub const DELETED_PASS: Word = Word::new("Deleted pass", "Pass supprimé");
pub const DELETED_QUESTION: Word = Word::new("Deleted question", "Question supprimée");
pub const ANSWERS: Word = Word::new("Answers", "Réponses");
pub const ATTENDANCE: Word = Word::new("Attendance", "Présence");
pub const CREATED_AT: Word = Word::new("Created at", "Date de création");
pub const WEBINAR_SYNC: Word = Word::new("Webinar sync", "Synchronisation webinaire");
pub const OPEN_CONTACT: Word = Word::new("Open the contact", "Ouvrir le contact");
/// The pager's noun.
pub const REGISTRATIONS_NOUN: Word = Word::new("registrations", "inscriptions");

/// The question before cancelling `who`'s registration.
pub fn cancel_question(lang: Lang, who: &str) -> String {
    match lang {
        Lang::En => format!("Cancel the registration of {who}? This cannot be undone."),
        Lang::Fr => format!("Annuler l’inscription de {who} ? Cette action est irréversible."),
    }
}

// ---- register someone ----

pub const REGISTER_SOMEONE: Word = Word::new("Register someone", "Inscrire une personne");
pub const REGISTER: Word = Word::new("Register", "Inscrire");
pub const NO_PASS: Word = Word::new("No pass", "Aucun pass");
pub const ALREADY_REGISTERED: Word = Word::new(
    " (this submission was already registered)",
    " (cet envoi était déjà enregistré)",
);
/// A question's empty choice.
pub const CHOOSE: Word = Word::new(NO_CHOICE, "Choisir…");

/// What a registration became: "Registered: confirmed".
pub fn registered(lang: Lang, status: RegistrationStatus) -> String {
    match (lang, status) {
        (Lang::En, status) => format!("Registered: {}", status.key()),
        (Lang::Fr, RegistrationStatus::Confirmed) => "Inscription enregistrée : confirmée".into(),
        (Lang::Fr, RegistrationStatus::Waitlisted) => {
            "Inscription enregistrée : en liste d’attente".into()
        }
        (Lang::Fr, RegistrationStatus::Cancelled) => "Inscription enregistrée : annulée".into(),
    }
}

/// How the registrations of the form find their contact.
pub fn matched_by(strategy: MatchStrategy) -> Word {
    match strategy {
        MatchStrategy::Email => Word::new(
            "Contacts are matched by email only.",
            "Les contacts sont rapprochés par e-mail uniquement.",
        ),
        MatchStrategy::FirstAndLastName => Word::new(
            "Contacts are matched by first and last name.",
            "Les contacts sont rapprochés par prénom et nom.",
        ),
        MatchStrategy::EmailFirstAndLastName => Word::new(
            "Contacts are matched by email, first and last name.",
            "Les contacts sont rapprochés par e-mail, prénom et nom.",
        ),
    }
}

/// The event's capacity, and what becomes of registrations beyond it.
pub fn capacity_note(lang: Lang, capacity: u32, waitlist_allowed: bool) -> String {
    match (lang, waitlist_allowed) {
        (Lang::En, true) => format!("Capacity {capacity}; beyond it registrations are waitlisted."),
        (Lang::En, false) => format!("Capacity {capacity}; beyond it registrations are refused."),
        (Lang::Fr, true) => {
            format!("Capacité {capacity} ; au-delà, les inscriptions passent en liste d’attente.")
        }
        (Lang::Fr, false) => {
            format!("Capacité {capacity} ; au-delà, les inscriptions sont refusées.")
        }
    }
}

/// A pass to choose, with its capacity (`None`: unlimited).
pub fn pass_choice(lang: Lang, name: &str, capacity: Option<u32>) -> String {
    match (lang, capacity) {
        (Lang::En, Some(c)) => format!("{name} (capacity: {c})"),
        (Lang::En, None) => format!("{name} (capacity: unlimited)"),
        (Lang::Fr, Some(c)) => format!("{name} (capacité : {c})"),
        (Lang::Fr, None) => format!("{name} (capacité : illimitée)"),
    }
}

// ---- contacts ----

pub const CONTACTS_ARE_CREATED: Word = Word::new(
    "Contacts are created by registrations: each registration joins the contact that matches \
     it, as Event administration says.",
    "Les contacts sont créés par les inscriptions : chaque inscription rejoint le contact qui \
     lui correspond, selon les règles de l’administration des événements.",
);
pub const SEARCH_CONTACTS: Word = Word::new("Search contacts", "Rechercher des contacts");
pub const NO_CONTACTS: Word = Word::new("No contacts.", "Aucun contact.");
/// The pager's noun.
pub const CONTACTS_NOUN: Word = Word::new("contacts", "contacts");

// ---- contact ----

pub const CONTACT: Word = Word::new("Contact", "Contact");
pub const ALL_CONTACTS: Word = Word::new("All contacts", "Tous les contacts");
pub const PERSONAL_DATA_ERASED_AT: Word = Word::new(
    "Personal data erased at",
    "Données personnelles effacées le",
);
pub const NO_REGISTRATIONS: Word = Word::new("No registrations.", "Aucune inscription.");
pub const REGISTERED_AT: Word = Word::new("Registered at", "Date d’inscription");
pub const UNKNOWN_EVENT: Word = Word::new("Unknown event", "Événement inconnu");

// ---- erase a contact ----

pub const PERSONAL_DATA_ERASED: Word = Word::new(
    "Personal data erased: the name, email and company are replaced in the contact and its \
     registrations. The erasure is forwarded to the webinar provider for the contact's webinar \
     registrations.",
    "Données personnelles effacées : le nom, l’e-mail et l’entreprise sont remplacés dans le \
     contact et ses inscriptions. L’effacement est transmis au fournisseur de webinaires pour \
     les inscriptions du contact à des webinaires.",
);
pub const ERASE_FAILED: Word = Word::new(
    "The personal data could not be erased: ",
    "Les données personnelles n’ont pas pu être effacées : ",
);
pub const ERASE_PERSONAL_DATA: Word =
    Word::new("Erase personal data", "Effacer les données personnelles");
pub const CONFIRM_ERASURE: Word = Word::new("Confirm the erasure", "Confirmer l’effacement");
pub const ERASING: Word = Word::new("Erasing…", "Effacement…");
pub const ERASE_NOW: Word = Word::new("Erase now", "Effacer maintenant");
pub const KEEP_THE_DATA: Word = Word::new("Keep the data", "Conserver les données");

/// The question before erasing `who`'s personal data, from the contact and its
/// `registrations`.
pub fn erase_question(lang: Lang, who: &str, registrations: u32) -> String {
    match (lang, registrations) {
        (Lang::En, 1) => format!(
            "Erase the personal data of {who}? Their name, email and company are replaced in the \
             contact and its registration, here and at the webinar provider. This cannot be \
             undone."
        ),
        (Lang::En, n) => format!(
            "Erase the personal data of {who}? Their name, email and company are replaced in the \
             contact and its {n} registrations, here and at the webinar provider. This cannot be \
             undone."
        ),
        (Lang::Fr, 1) => format!(
            "Effacer les données personnelles de {who} ? Son nom, son e-mail et son entreprise \
             seront remplacés dans le contact et dans son inscription, ici et chez le fournisseur \
             de webinaires. Cette action est irréversible."
        ),
        (Lang::Fr, n) => format!(
            "Effacer les données personnelles de {who} ? Son nom, son e-mail et son entreprise \
             seront remplacés dans le contact et dans ses {n} inscriptions, ici et chez le \
             fournisseur de webinaires. Cette action est irréversible."
        ),
    }
}

// ---- webinar sync state ----

/// Where a registration stands with the webinar provider.
pub fn sync_state(state: SyncState) -> Word {
    match state {
        SyncState::NotRequired => Word::new(
            "Not applicable (no webinar)",
            "Sans objet (pas de webinaire)",
        ),
        SyncState::Pending => Word::new("Pending", "En attente"),
        SyncState::Synced => Word::new("Synced", "Synchronisée"),
        SyncState::Failed => Word::new("Failed", "Échec"),
    }
}

/// A waitlisted registration's pending state.
pub const PENDING_UNTIL_CONFIRMED: Word = Word::new(
    "Pending: sent once confirmed",
    "En attente : envoyée une fois confirmée",
);
pub const JOIN_LINK: Word = Word::new("Join link ", "Lien de connexion ");
pub const JOIN_LINK_TITLE: Word = Word::new(
    "The attendee's own link to the webinar (opens in a new tab)",
    "Le lien personnel du participant vers le webinaire (s’ouvre dans un nouvel onglet)",
);
pub const DELETED_SESSION: Word = Word::new("Deleted session", "Session supprimée");
pub const SESSIONS_WEBINARS: Word =
    Word::new("The sessions' webinars", "Les webinaires des sessions");
pub const RETRY: Word = Word::new("Retry", "Relancer");

/// A sync state with its failed attempts: "Failed (3 failed attempts)".
pub fn with_failed_attempts(lang: Lang, state: &str, attempts: u32) -> String {
    match (lang, attempts) {
        (Lang::En, 1) => format!("{state} (1 failed attempt)"),
        (Lang::En, n) => format!("{state} ({n} failed attempts)"),
        (Lang::Fr, 0 | 1) => format!("{state} ({attempts} tentative échouée)"),
        (Lang::Fr, n) => format!("{state} ({n} tentatives échouées)"),
    }
}

// ---- attendance ----

pub const ATTENDED: Word = Word::new("Attended", "Présent");
pub const DID_NOT_ATTEND: Word = Word::new("Did not attend", "Absent");

/// Minutes attended live.
pub fn live_minutes(lang: Lang, minutes: u32) -> String {
    match lang {
        Lang::En => format!("{minutes} min live"),
        Lang::Fr => format!("{minutes} min en direct"),
    }
}

/// Minutes of the recording watched.
pub fn replay_minutes(lang: Lang, minutes: u32) -> String {
    match lang {
        Lang::En => format!("{minutes} min replay"),
        Lang::Fr => format!("{minutes} min en différé"),
    }
}

/// The engagement score the provider gave (written in the language already).
pub fn engagement_score(lang: Lang, score: &str) -> String {
    match lang {
        Lang::En => format!("score {score}"),
        Lang::Fr => format!("score d’engagement {score}"),
    }
}
