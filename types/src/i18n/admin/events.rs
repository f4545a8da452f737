//! The wordings of the events pages and their components: the events list and its chart,
//! an event's form and its sections (webinar, sessions, speakers, passes, registration
//! fields), custom values and the webinar configuration picker (the charts' are in `charts`).

use crate::custom::QuestionType;
use crate::event::EventFormat;
use crate::i18n::admin::common;
use crate::i18n::{Lang, Word};
use crate::prelude::*;

// ---- shared by the events pages ----

/// An event's format as people read it.
pub fn format_name(format: EventFormat) -> Word {
    match format {
        EventFormat::InPerson => Word::new("In person", "En présentiel"),
        EventFormat::Webinar => Word::new("Webinar", "Webinaire"),
        EventFormat::Hybrid => Word::new("Hybrid", "Hybride"),
    }
}

/// A registration question's type as people read it.
pub fn question_type_name(question_type: QuestionType) -> Word {
    match question_type {
        QuestionType::SimpleText => Word::new("Text", "Texte"),
        QuestionType::Boolean => Word::new("Yes/No", "Oui/Non"),
        QuestionType::SingleChoice => Word::new("Single choice", "Choix unique"),
        QuestionType::MultipleChoice => Word::new("Multiple choice", "Choix multiple"),
    }
}

/// A yes / no value as a list shows it.
pub fn yes_no(value: bool) -> Word {
    if value { common::YES } else { common::NO }
}

/// `label` before its value: "Room: ", "Salle : ".
pub fn before_colon(lang: Lang, label: &str) -> String {
    match lang {
        Lang::En => format!("{label}: "),
        Lang::Fr => format!("{label} : "),
    }
}

pub const FORMAT: Word = Word::new("Format", "Format");
pub const READABLE_ID: Word = Word::new("Readable id", "Identifiant lisible");
pub const WEBINAR_CONFIGURATION: Word =
    Word::new("Webinar configuration", "Configuration de webinaire");

// ---- events list ----

pub const SEARCH_EVENTS: Word = Word::new("Search events", "Rechercher des événements");
pub const NO_EVENTS: Word = Word::new("No events.", "Aucun événement.");
pub const EVENTS_NOUN: Word = Word::new("events", "événements");

/// The upcoming events chart could not be loaded.
pub fn upcoming_events_failed(lang: Lang, message: &str) -> String {
    match lang {
        Lang::En => format!("Upcoming events: {message}"),
        Lang::Fr => format!("Événements à venir : {message}"),
    }
}

// ---- event form ----

pub const NEW_EVENT: Word = Word::new("New event", "Nouvel événement");
pub const READABLE_ID_HELP: Word = Word::new(
    "Used in event website addresses: lowercase letters, digits and dashes. Leave empty to \
     derive it from the name.",
    "Utilisé dans les adresses des sites d’événements : lettres minuscules, chiffres et \
     tirets. Laissez vide pour le déduire du nom.",
);
pub const DESCRIPTION: Word = Word::new("Description", "Description");
pub const TIME_ZONE: Word = Word::new("Time zone", "Fuseau horaire");
pub const TIME_ZONE_HELP: Word = Word::new(
    "The IANA time zone the start and end are in, such as Europe/Paris.",
    "Le fuseau horaire IANA du début et de la fin, par exemple Europe/Paris.",
);
pub const EVENT_CAPACITY_HELP: Word = Word::new(
    "How many confirmed registrations the event takes. Empty: unlimited.",
    "Le nombre d’inscriptions confirmées que l’événement accepte. Vide : illimitée.",
);
pub const ALLOW_WAITLIST: Word = Word::new(
    "Allow a waitlist when the event is full",
    "Autoriser une liste d’attente quand l’événement est complet",
);
pub const ALLOW_WAITLIST_HELP: Word = Word::new(
    "Without one, registrations beyond the capacity are refused.",
    "Sans liste d’attente, les inscriptions au-delà de la capacité sont refusées.",
);
pub const PUBLISHED_HELP: Word = Word::new(
    "Published events are offered to event websites through the Events API.",
    "Les événements publiés sont proposés aux sites d’événements par l’API Events.",
);
pub const REGISTRATION_CLOSED: Word = Word::new("Registration closed", "Inscriptions closes");
pub const REGISTRATION_CLOSED_HELP: Word = Word::new(
    "Event websites show that registration is closed and the Events API refuses new \
     registrations; administrators can still add them.",
    "Les sites d’événements indiquent que les inscriptions sont closes et l’API Events refuse \
     les nouvelles inscriptions ; les administrateurs peuvent encore en ajouter.",
);

/// Asked before an event is deleted.
pub fn delete_event_question(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("Delete the event “{name}” and its sessions? This cannot be undone."),
        Lang::Fr => format!(
            "Supprimer l’événement « {name} » et ses sessions ? Cette action est irréversible."
        ),
    }
}

// ---- event webinar (the event's, a session's) ----

pub const WEBINAR_AT_PROVIDER: Word =
    Word::new("Webinar at the provider", "Webinaire chez le fournisseur");
pub const SESSION_WEBINARS: Word = Word::new(
    "The sessions' webinars at the provider",
    "Les webinaires des sessions chez le fournisseur",
);
pub const SESSION_WEBINARS_HELP: Word = Word::new(
    "A session can have its own webinar: registrants who choose it are sent to it too, and \
     get its join link.",
    "Une session peut avoir son propre webinaire : les inscrits qui la choisissent y sont \
     aussi inscrits, et reçoivent son lien de connexion.",
);
pub const PROVIDER_EVENT_ID: Word = Word::new(
    "Provider event id",
    "Identifiant de l’événement chez le fournisseur",
);
pub const AUDIENCE_URL: Word = Word::new("Audience URL", "URL des participants");
pub const OPEN_AUDIENCE_URL: Word = Word::new(
    "Open the audience URL in a new tab",
    "Ouvrir l’URL des participants dans un nouvel onglet",
);
pub const PREVIEW_URL: Word = Word::new("Preview URL", "URL d’aperçu");
pub const OPEN_PREVIEW_URL: Word = Word::new(
    "Open the preview URL in a new tab",
    "Ouvrir l’URL d’aperçu dans un nouvel onglet",
);
pub const LINKED_EVENT_WEBINAR: Word = Word::new(
    "Linked to an existing webinar: Convene did not send it, so it does not compare it with \
     the event.",
    "Lié à un webinaire existant : Convene ne l’a pas envoyé, il ne le compare donc pas à \
     l’événement.",
);
pub const LINKED_SESSION_WEBINAR: Word = Word::new(
    "Linked to an existing webinar: Convene did not send it, so it does not compare it with \
     the session.",
    "Lié à un webinaire existant : Convene ne l’a pas envoyé, il ne le compare donc pas à la \
     session.",
);
/// Where a reader, who may not create or link one, sees that there is none.
pub const NO_WEBINAR_YET: Word = Word::new(
    "No webinar at the provider yet.",
    "Pas encore de webinaire chez le fournisseur.",
);
pub const NO_EVENT_WEBINAR_YET: Word = Word::new(
    "No webinar at the provider yet. Create it there (the event's name, start and duration \
     are sent), or link a webinar that exists there.",
    "Pas encore de webinaire chez le fournisseur. Créez-le (le nom, le début et la durée de \
     l’événement sont envoyés), ou liez un webinaire qui y existe déjà.",
);
pub const NO_SESSION_WEBINAR_YET: Word = Word::new(
    "No webinar at the provider yet. Create it there (the session's name, start and duration \
     are sent), or link a webinar that exists there.",
    "Pas encore de webinaire chez le fournisseur. Créez-le (le nom, le début et la durée de \
     la session sont envoyés), ou liez un webinaire qui y existe déjà.",
);
pub const CREATE_WEBINAR: Word = Word::new("Create webinar", "Créer le webinaire");
pub const EXISTING_PROVIDER_EVENT_ID: Word = Word::new(
    "Existing provider event id",
    "Identifiant d’un événement existant chez le fournisseur",
);
pub const LINK: Word = Word::new("Link", "Lier");
pub const SENDING_TO_PROVIDER: Word =
    Word::new("Sending to the provider…", "Envoi au fournisseur…");

/// What is wrong with the provider event id typed to link (`problem`: a rule's message, in
/// the language).
pub fn provider_event_id_problem(lang: Lang, problem: &str) -> String {
    match lang {
        Lang::En => format!("Provider event id {problem}."),
        Lang::Fr => format!("Identifiant de l’événement chez le fournisseur : {problem}."),
    }
}

/// The server's refusal with the first field it names (`problem` in the language).
pub fn refused_field(lang: Lang, message: &str, field: &str, problem: &str) -> String {
    match lang {
        Lang::En => format!("{message} {field}: {problem}"),
        Lang::Fr => format!("{message} {field} : {problem}"),
    }
}

/// The provider's copy of a webinar no longer matches: `differs` are the record's fields
/// changed since (`name`, `start`, `end`, `timeZone`).
pub fn provider_copy_differs(lang: Lang, differs: &[String]) -> String {
    match lang {
        Lang::En => format!(
            "The provider's copy differs: {} changed since the webinar was created. The \
             provider's API offers no call to update a webinar, so change it at the provider \
             too.",
            differs.join(", ")
        ),
        Lang::Fr => {
            let fields: Vec<&str> = differs
                .iter()
                .map(|field| match field.as_str() {
                    "name" => "nom",
                    "start" => "début",
                    "end" => "fin",
                    "timeZone" => "fuseau horaire",
                    other => other,
                })
                .collect();
            format!(
                "La copie du fournisseur diffère : {} modifié depuis la création du webinaire. \
                 L’API du fournisseur ne permet pas de modifier un webinaire : faites aussi la \
                 modification chez le fournisseur.",
                fields.join(", ")
            )
        }
    }
}

// ---- webinar configuration picker ----

pub const INACTIVE_OR_UNKNOWN_CONFIGURATION: Word = Word::new(
    "Inactive or unknown configuration",
    "Configuration inactive ou inconnue",
);
pub const CHOOSE_CONFIGURATION: Word =
    Word::new("Choose a configuration", "Choisissez une configuration");
pub const CONFIGURATION_HELP: Word = Word::new(
    "Only active configurations can be chosen: the account the webinar runs on.",
    "Seules les configurations actives peuvent être choisies : le compte sur lequel le \
     webinaire a lieu.",
);

// ---- sessions ----

pub const NO_SESSIONS: Word = Word::new(
    "No sessions yet: the event runs as one block.",
    "Pas encore de session : l’événement se déroule d’un seul tenant.",
);
/// A session's configuration that is not among the active ones.
pub const INACTIVE_OR_UNKNOWN: Word = Word::new("Inactive or unknown", "Inactive ou inconnue");
pub const ADD_A_SESSION: Word = Word::new("Add a session", "Ajouter une session");
pub const ADD_SESSION: Word = Word::new("Add session", "Ajouter la session");
pub const SAVE_SESSION: Word = Word::new("Save session", "Enregistrer la session");
pub const CORRECT_SESSION_FIELDS: Word = Word::new(
    "Correct the highlighted fields of the session.",
    "Corrigez les champs signalés de la session.",
);

pub fn edit_session(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("Edit the session “{name}”"),
        Lang::Fr => format!("Modifier la session « {name} »"),
    }
}

pub fn delete_session_question(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("Delete the session “{name}”? This cannot be undone."),
        Lang::Fr => format!("Supprimer la session « {name} » ? Cette action est irréversible."),
    }
}

// ---- speakers ----

pub const SPEAKERS: Word = Word::new("Speakers", "Intervenants");
pub const NO_SPEAKERS: Word = Word::new("No speakers yet.", "Pas encore d’intervenant.");
pub const ADD_A_SPEAKER: Word = Word::new("Add a speaker", "Ajouter un intervenant");
pub const SPEAKER_TITLE_HELP: Word = Word::new(
    "Such as “CTO, Example Corp”.",
    "Par exemple « DSI, Exemple SA ».",
);
pub const BIOGRAPHY: Word = Word::new("Biography", "Biographie");
pub const ADD_SPEAKER: Word = Word::new("Add speaker", "Ajouter l’intervenant");
pub const SAVE_SPEAKER: Word = Word::new("Save speaker", "Enregistrer l’intervenant");
pub const CORRECT_SPEAKER_FIELDS: Word = Word::new(
    "Correct the highlighted fields of the speaker.",
    "Corrigez les champs signalés de l’intervenant.",
);

pub fn edit_speaker(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("Edit the speaker “{name}”"),
        Lang::Fr => format!("Modifier l’intervenant « {name} »"),
    }
}

pub fn delete_speaker_question(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("Delete the speaker “{name}”? This cannot be undone."),
        Lang::Fr => {
            format!("Supprimer l’intervenant « {name} » ? Cette action est irréversible.")
        }
    }
}

// ---- passes ----

pub const PASSES: Word = Word::new("Passes", "Pass");
pub const NO_PASSES: Word = Word::new(
    "No passes yet: registrations choose none.",
    "Pas encore de pass : les inscriptions n’en choisissent aucun.",
);
pub const ADD_A_PASS: Word = Word::new("Add a pass", "Ajouter un pass");
pub const PASS_CAPACITY_HELP: Word = Word::new(
    "How many confirmed registrations may hold this pass. Empty: unlimited.",
    "Le nombre d’inscriptions confirmées qui peuvent avoir ce pass. Vide : illimitée.",
);
pub const ADD_PASS: Word = Word::new("Add pass", "Ajouter le pass");
pub const SAVE_PASS: Word = Word::new("Save pass", "Enregistrer le pass");
pub const CORRECT_PASS_FIELDS: Word = Word::new(
    "Correct the highlighted fields of the pass.",
    "Corrigez les champs signalés du pass.",
);

pub fn edit_pass(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("Edit the pass “{name}”"),
        Lang::Fr => format!("Modifier le pass « {name} »"),
    }
}

pub fn delete_pass_question(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("Delete the pass “{name}”? This cannot be undone."),
        Lang::Fr => format!("Supprimer le pass « {name} » ? Cette action est irréversible."),
    }
}

// ---- registration fields ----

pub const REGISTRATION_FIELDS: Word = Word::new("Registration fields", "Champs d’inscription");
pub const REGISTRATION_FIELDS_HELP: Word = Word::new(
    "Questions asked when someone registers for this event.",
    "Les questions posées à l’inscription à cet événement.",
);
pub const NO_REGISTRATION_FIELDS: Word = Word::new(
    "No registration fields yet.",
    "Pas encore de champ d’inscription.",
);
pub const QUESTION: Word = Word::new("Question", "Question");
pub const CHOICES: Word = Word::new("Choices", "Choix");
pub const CHOICES_HELP: Word = Word::new("One per line.", "Un par ligne.");
pub const REQUIRED_HELP: Word = Word::new(
    "A registration without an answer is refused.",
    "Une inscription sans réponse est refusée.",
);
pub const ADD_A_REGISTRATION_FIELD: Word =
    Word::new("Add a registration field", "Ajouter un champ d’inscription");
pub const ADD_REGISTRATION_FIELD: Word =
    Word::new("Add registration field", "Ajouter le champ d’inscription");
pub const SAVE_REGISTRATION_FIELD: Word = Word::new(
    "Save registration field",
    "Enregistrer le champ d’inscription",
);
pub const CORRECT_REGISTRATION_FIELD_FIELDS: Word = Word::new(
    "Correct the highlighted fields of the registration field.",
    "Corrigez les champs signalés du champ d’inscription.",
);

pub fn edit_registration_field(lang: Lang, text: &str) -> String {
    match lang {
        Lang::En => format!("Edit the registration field “{text}”"),
        Lang::Fr => format!("Modifier le champ d’inscription « {text} »"),
    }
}

pub fn delete_registration_field_question(lang: Lang, text: &str) -> String {
    match lang {
        Lang::En => format!(
            "Delete the registration field “{text}”? Answers already given are kept on their \
             registrations."
        ),
        Lang::Fr => format!(
            "Supprimer le champ d’inscription « {text} » ? Les réponses déjà données restent \
             sur leurs inscriptions."
        ),
    }
}
