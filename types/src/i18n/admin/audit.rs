//! The wordings of Settings › Team › Audit log and Settings › Data › Retention.

use crate::audit::{AuditAction, RecordType};
use crate::i18n::{Lang, Word};
use crate::prelude::*;

// ---- audit log ----

pub const AUDIT_LOG_INTRO: Word = Word::new(
    "Every change made in Convene, who made it and when, each field before and after (secrets \
     are only named), and every sign-in. Newest first; entries cannot be changed or deleted.",
    "Chaque modification faite dans Convene, par qui et quand, chaque champ avant et après \
     (les secrets sont seulement nommés), et chaque connexion. Les plus récentes d’abord ; les \
     entrées ne peuvent être ni modifiées ni supprimées.",
);
pub const FILTERS: Word = Word::new("Filters", "Filtres");
pub const FILTER: Word = Word::new("Filter", "Filtrer");
pub const CLEAR_FILTERS: Word = Word::new("Clear filters", "Effacer les filtres");
pub const USER_FILTER: Word = Word::new("User name", "Nom d’utilisateur");
pub const RECORD_TYPE: Word = Word::new("Record type", "Type d’enregistrement");
pub const ALL_RECORD_TYPES: Word = Word::new("All record types", "Tous les types");
pub const FROM: Word = Word::new("From", "Du");
pub const TO: Word = Word::new("To", "Au");
pub const DATES_HELP: Word = Word::new(
    "Days in UTC, both included.",
    "Jours en UTC, inclus tous les deux.",
);
pub const EXPORT_CSV: Word = Word::new("Export CSV", "Exporter en CSV");
pub const WHEN: Word = Word::new("When", "Quand");
pub const WHO: Word = Word::new("Who", "Qui");
pub const ACTION: Word = Word::new("Action", "Opération");
pub const RECORD: Word = Word::new("Record", "Enregistrement");
pub const CHANGES: Word = Word::new("Changes", "Modifications");
pub const NO_ENTRIES: Word = Word::new(
    "No entry matches these filters.",
    "Aucune entrée ne correspond à ces filtres.",
);
pub const ENTRIES_NOUN: Word = Word::new("entries", "entrées");
/// Who acted when no user did (the retention job).
pub const SCHEDULED_JOB: Word = Word::new("Scheduled job", "Tâche planifiée");

pub fn action(action: AuditAction) -> Word {
    match action {
        AuditAction::Created => Word::new("Created", "Créé"),
        AuditAction::Changed => Word::new("Changed", "Modifié"),
        AuditAction::Deleted => Word::new("Deleted", "Supprimé"),
        AuditAction::SignedIn => Word::new("Signed in", "Connecté"),
        AuditAction::SignInFailed => Word::new("Sign-in failed", "Échec de connexion"),
        AuditAction::Erased => Word::new("Personal data erased", "Données personnelles effacées"),
    }
}

/// A record type, as a filter's choice and beside a record's name.
pub fn record_type(record_type: RecordType) -> Word {
    match record_type {
        RecordType::WebinarProvider => Word::new("Webinar provider", "Fournisseur de webinaires"),
        RecordType::WebinarConfiguration => {
            Word::new("Webinar configuration", "Configuration de webinaires")
        }
        RecordType::EventAdministration => {
            Word::new("Event administration", "Administration des événements")
        }
        RecordType::Event => Word::new("Event", "Événement"),
        RecordType::Session => Word::new("Session", "Session"),
        RecordType::Speaker => Word::new("Speaker", "Intervenant"),
        RecordType::Pass => Word::new("Pass", "Pass"),
        RecordType::RegistrationField => Word::new("Registration field", "Champ d’inscription"),
        RecordType::CustomField => Word::new("Custom field", "Champ personnalisé"),
        RecordType::WebsiteTableConfiguration => Word::new(
            "Website table configuration",
            "Configuration de table du site web",
        ),
        RecordType::WebApplication => Word::new("Web application", "Application web"),
        RecordType::User => Word::new("User", "Utilisateur"),
        RecordType::Registration => Word::new("Registration", "Inscription"),
        RecordType::Contact => Word::new("Contact", "Contact"),
        RecordType::SignIn => Word::new("Sign-in", "Connexion"),
        RecordType::Retention => Word::new("Retention", "Conservation des données"),
        RecordType::Webhook => Word::new("Webhook", "Webhook"),
    }
}

/// The note the API writes in place of a secret's values ("credentials replaced",
/// "password changed", "3 sent again"), in `lang`. The field is named beside it, so the
/// French says only what happened; a note not known here is shown as written.
pub fn note(lang: Lang, note: &str) -> String {
    if lang == Lang::En {
        return note.to_string();
    }
    if let Some(count) = note.strip_suffix(" sent again") {
        return format!("{count} renvoyée(s)");
    }
    let verb = note.rsplit(' ').next().unwrap_or_default();
    let french = match verb {
        "issued" => "émis",
        "rotated" => "renouvelé",
        "set" => "défini",
        "changed" => "changé",
        "added" => "ajouté",
        "removed" => "retiré",
        "replaced" => "remplacé",
        _ => return note.to_string(),
    };
    french.to_string()
}

// ---- retention ----

pub const RETENTION_EXPLAINED: Word = Word::new(
    "When on, a job erases that data every 30 minutes as a contact's erasure does (names, \
     email, company and answers replaced, the webinar provider asked to forget them; a contact \
     with no other registration erased whole). The audit log records how many were erased, \
     never whose.",
    "Quand elle est active, une tâche efface ces données toutes les 30 minutes comme \
     l’effacement d’un contact (noms, e-mail, entreprise et réponses remplacés, le fournisseur \
     de webinaires prié de les oublier ; un contact sans autre inscription effacé entièrement). \
     Le journal d’audit indique combien ont été effacées, jamais lesquelles.",
);
pub const RETENTION_CHOICE: Word = Word::new(
    "Personal data of registrations",
    "Données personnelles des inscriptions",
);
pub const RETENTION_OFF: Word = Word::new(
    "Off: keep personal data",
    "Désactivée : garder les données personnelles",
);
pub const RETENTION_ON: Word = Word::new(
    "Erase the personal data of registrations for events that ended more than this many \
     months ago",
    "Effacer les données personnelles des inscriptions aux événements terminés depuis plus de \
     ce nombre de mois",
);
pub const MONTHS: Word = Word::new("Months", "Mois");
pub const MONTHS_HELP: Word = Word::new(
    "From 1 to 120, counted from the event's end date.",
    "De 1 à 120, à compter de la date de fin de l’événement.",
);

/// The setting in force, as a sentence.
pub fn in_force(lang: Lang, months: Option<u32>) -> String {
    match (lang, months) {
        (Lang::En, None) => "In force: off. Personal data is kept.".into(),
        (Lang::Fr, None) => {
            "En vigueur : désactivée. Les données personnelles sont gardées.".into()
        }
        (Lang::En, Some(m)) => format!(
            "In force: the personal data of registrations for events that ended more than {m} \
             months ago is erased."
        ),
        (Lang::Fr, Some(m)) => format!(
            "En vigueur : les données personnelles des inscriptions aux événements terminés \
             depuis plus de {m} mois sont effacées."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_say_in_french_what_happened_to_the_named_secret() {
        assert_eq!(
            note(Lang::En, "credentials replaced"),
            "credentials replaced"
        );
        assert_eq!(note(Lang::Fr, "credentials replaced"), "remplacé");
        assert_eq!(note(Lang::Fr, "token rotated"), "renouvelé");
        assert_eq!(note(Lang::Fr, "3 sent again"), "3 renvoyée(s)");
        assert_eq!(note(Lang::Fr, "something else"), "something else");
    }
}
