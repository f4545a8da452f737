//! Wordings used on many pages: buttons, column headings, states.

use crate::i18n::{Lang, Word};
use crate::prelude::*;

pub const NAME: Word = Word::new("Name", "Nom");
pub const LOADING: Word = Word::new("Loading…", "Chargement…");
pub const DELETE: Word = Word::new("Delete", "Supprimer");
pub const ACTIONS: Word = Word::new("Actions", "Actions");
pub const NEW: Word = Word::new("New", "Nouveau");
pub const CORRECT_FIELDS: Word = Word::new(
    "Correct the highlighted fields.",
    "Corrigez les champs signalés.",
);
pub const SAVE: Word = Word::new("Save", "Enregistrer");
pub const SAVED: Word = Word::new("Saved.", "Enregistré.");
pub const CANCEL: Word = Word::new("Cancel", "Annuler");
pub const EDIT: Word = Word::new("Edit", "Modifier");
pub const BACK_TO_LIST: Word = Word::new("Back to list", "Retour à la liste");
pub const ACTIVATE: Word = Word::new("Activate", "Activer");
pub const DEACTIVATE: Word = Word::new("Deactivate", "Désactiver");
pub const ACTIVE: Word = Word::new("Active", "Actif");
pub const INACTIVE: Word = Word::new("Inactive", "Inactif");
pub const STATUS: Word = Word::new("Status", "Statut");
pub const TYPE: Word = Word::new("Type", "Type");
pub const TITLE: Word = Word::new("Title", "Titre");
pub const START: Word = Word::new("Start", "Début");
pub const END: Word = Word::new("End", "Fin");
pub const CAPACITY: Word = Word::new("Capacity", "Capacité");
pub const UNLIMITED: Word = Word::new("Unlimited", "Illimitée");
pub const EMAIL: Word = Word::new("Email", "E-mail");
pub const FIRST_NAME: Word = Word::new("First name", "Prénom");
pub const LAST_NAME: Word = Word::new("Last name", "Nom");
pub const COMPANY: Word = Word::new("Company", "Entreprise");
pub const YES: Word = Word::new("Yes", "Oui");
pub const NO: Word = Word::new("No", "Non");
pub const NEVER: Word = Word::new("Never", "Jamais");
pub const SEARCH: Word = Word::new("Search", "Rechercher");
pub const PREVIOUS: Word = Word::new("Previous", "Précédent");
pub const NEXT: Word = Word::new("Next", "Suivant");
pub const CUSTOM_FIELDS: Word = Word::new("Custom fields", "Champs personnalisés");
pub const EVENT: Word = Word::new("Event", "Événement");
pub const EVENTS: Word = Word::new("Events", "Événements");
pub const REGISTRATIONS: Word = Word::new("Registrations", "Inscriptions");
pub const SESSIONS: Word = Word::new("Sessions", "Sessions");
pub const PASS: Word = Word::new("Pass", "Pass");
pub const REQUIRED: Word = Word::new("Required", "Obligatoire");
pub const PUBLISHED: Word = Word::new("Published", "Publié");
pub const SETTINGS: Word = Word::new("Settings", "Paramètres");
pub const OPEN: Word = Word::new("Open", "Ouvrir");
pub const TRY_AGAIN: Word = Word::new("Try again", "Réessayer");
/// The label of the active / inactive tabs of a list.
pub const VIEWS: Word = Word::new("Views", "Vues");

/// Where a pager is: "Page 2 of 5".
pub fn page_of(lang: Lang, current: usize, pages: usize) -> String {
    match lang {
        Lang::En => format!("Page {current} of {pages}"),
        Lang::Fr => format!("Page {current} sur {pages}"),
    }
}

/// The label of a globe button beside a URL field.
pub fn open_in_new_tab(lang: Lang, label: &str) -> String {
    match lang {
        Lang::En => format!("Open {label} in a new tab"),
        Lang::Fr => format!("Ouvrir {label} dans un nouvel onglet"),
    }
}

/// A network failure, before the browser's own words.
pub fn unreachable(lang: Lang, detail: &str) -> String {
    match lang {
        Lang::En => format!("Could not reach Convene: {detail}"),
        Lang::Fr => format!("Convene est injoignable : {detail}"),
    }
}
