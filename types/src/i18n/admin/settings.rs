//! The wordings of the settings pages and their components.

use crate::custom::{Entity, FieldType};
use crate::i18n::{Lang, Word};
use crate::prelude::*;
use crate::registration::RegistrationStatus;

// ---- shared by the settings pages ----

pub const TABLE: Word = Word::new("Table", "Table");
pub const STATE: Word = Word::new("State", "État");

/// A table custom fields apply to, as a choice or a column value.
pub fn entity(entity: Entity) -> Word {
    match entity {
        Entity::Event => Word::new("Event", "Événement"),
        Entity::Session => Word::new("Session", "Session"),
        Entity::Speaker => Word::new("Speaker", "Intervenant"),
        Entity::Pass => Word::new("Pass", "Pass"),
    }
}

/// The records of a table, after "des" in a French sentence ("champ personnalisé des
/// intervenants").
fn entity_plural_fr(entity: Entity) -> &'static str {
    match entity {
        Entity::Event => "événements",
        Entity::Session => "sessions",
        Entity::Speaker => "intervenants",
        Entity::Pass => "pass",
    }
}

/// A custom field's type, as a choice or a column value.
pub fn field_type(field_type: FieldType) -> Word {
    match field_type {
        FieldType::Text => Word::new("Text", "Texte"),
        FieldType::Number => Word::new("Number", "Nombre"),
        FieldType::Boolean => Word::new("Yes/No", "Oui/Non"),
        FieldType::SingleChoice => Word::new("Single choice", "Choix unique"),
        FieldType::Date => Word::new("Date", "Date"),
    }
}

// ---- unsaved changes guard ----

pub const LEAVE_UNSAVED: Word = Word::new(
    "This page has changes that are not saved. Leave it anyway?",
    "Cette page contient des modifications non enregistrées. La quitter quand même ?",
);

// ---- registration status badge ----

pub fn registration_status(status: RegistrationStatus) -> Word {
    match status {
        RegistrationStatus::Confirmed => Word::new("Confirmed", "Confirmée"),
        RegistrationStatus::Waitlisted => Word::new("Waitlisted", "En liste d’attente"),
        RegistrationStatus::Cancelled => Word::new("Cancelled", "Annulée"),
    }
}

// ---- web applications ----

pub const WEB_APPLICATIONS_INTRO: Word = Word::new(
    "Each website that calls the Events API is registered here, with the origins its pages \
     are served from. Its application token is shown once, when it is issued.",
    "Chaque site web qui appelle l’API Events est déclaré ici, avec les origines d’où ses \
     pages sont servies. Son jeton d’application n’est affiché qu’une fois, à son émission.",
);
pub const SEARCH_WEB_APPLICATIONS: Word =
    Word::new("Search web applications", "Rechercher des applications web");
pub const NO_WEB_APPLICATIONS: Word = Word::new("No web applications.", "Aucune application web.");
pub const WEB_APPLICATIONS_NOUN: Word = Word::new("web applications", "applications web");
pub const ALLOWED_ORIGINS: Word = Word::new("Allowed origins", "Origines autorisées");
pub const TOKEN: Word = Word::new("Token", "Jeton");
pub const TOKEN_HINT_TITLE: Word = Word::new(
    "The last characters of the current token",
    "Les derniers caractères du jeton actuel",
);
/// A web application's state (feminine in French, unlike `common::ACTIVE`).
pub const APPLICATION_ACTIVE: Word = Word::new("Active", "Active");
pub const APPLICATION_INACTIVE: Word = Word::new("Inactive", "Inactive");

pub fn delete_web_application(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!(
            "Delete the web application “{name}”? Its token stops working at once. This cannot \
             be undone."
        ),
        Lang::Fr => format!(
            "Supprimer l’application web « {name} » ? Son jeton cesse aussitôt de fonctionner. \
             Cette action est irréversible."
        ),
    }
}

// ---- web application form ----

pub const WEB_APPLICATION: Word = Word::new("Web application", "Application web");
pub const NEW_WEB_APPLICATION: Word = Word::new("New web application", "Nouvelle application web");
pub const ROTATE_TOKEN: Word = Word::new("Rotate token", "Renouveler le jeton");
pub const WEB_APPLICATION_INACTIVE_NOTE: Word = Word::new(
    "This web application is inactive: the Events API refuses its token until it is activated.",
    "Cette application web est inactive : l’API Events refuse son jeton tant qu’elle n’est pas \
     activée.",
);
pub const ALLOWED_ORIGINS_HELP: Word = Word::new(
    "One origin per line, such as https://events.example.com: https, a host, an optional \
     port, no path and no trailing slash. For development, http://localhost:port and \
     http://127.0.0.1:port are allowed too. Browsers may call the Events API with this \
     application's token only from these origins.",
    "Une origine par ligne, par exemple https://events.example.com : https, un hôte, un port \
     facultatif, sans chemin ni barre oblique finale. Pour le développement, \
     http://localhost:port et http://127.0.0.1:port sont aussi acceptées. Les navigateurs ne \
     peuvent appeler l’API Events avec le jeton de cette application que depuis ces origines.",
);
pub const CURRENT_TOKEN: Word = Word::new("Current token", "Jeton actuel");
pub const TOKEN_ISSUED: Word = Word::new("Token issued", "Émission du jeton");

pub fn rotate_token(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!(
            "Rotate the token of “{name}”? The old token stops working at once: every website \
             using it must be given the new one."
        ),
        Lang::Fr => format!(
            "Renouveler le jeton de « {name} » ? L’ancien jeton cesse aussitôt de fonctionner : \
             chaque site web qui l’utilise doit recevoir le nouveau."
        ),
    }
}

/// An error of the whole origin list.
pub fn origins_error(lang: Lang, message: &str) -> String {
    match lang {
        Lang::En => format!("Allowed origins {message}."),
        Lang::Fr => format!("Origines autorisées : {message}."),
    }
}

/// An error of one origin, named by its line in the text box.
pub fn origin_line_error(lang: Lang, line: usize, value: &str, message: &str) -> String {
    match lang {
        Lang::En => format!("Line {line} (“{value}”) {message}."),
        Lang::Fr => format!("Ligne {line} (« {value} ») : {message}."),
    }
}

/// An error of one origin that no line of the text box holds (1-based).
pub fn origin_error(lang: Lang, number: usize, message: &str) -> String {
    match lang {
        Lang::En => format!("Origin {number} {message}."),
        Lang::Fr => format!("Origine {number} : {message}."),
    }
}

// ---- issued token panel ----

pub const APPLICATION_TOKEN: Word = Word::new("Application token", "Jeton d’application");
pub const COPY_TOKEN_NOW: Word = Word::new(
    "Copy this token now: it will not be shown again.",
    "Copiez ce jeton maintenant : il ne sera plus affiché.",
);
/// Follows [`COPY_TOKEN_NOW`], hence its leading space.
pub const TOKEN_HASH_ONLY: Word = Word::new(
    " Convene keeps only a hash of it. If it is lost, rotate the token to issue a new one.",
    " Convene n’en conserve qu’une empreinte. S’il est perdu, renouvelez le jeton pour en \
     émettre un nouveau.",
);
pub const COPY: Word = Word::new("Copy", "Copier");
pub const COPIED: Word = Word::new("Copied to the clipboard.", "Copié dans le presse-papiers.");
pub const COPY_REFUSED: Word = Word::new(
    "This browser did not allow copying: click the token to select it, then copy it by hand.",
    "Ce navigateur n’a pas permis la copie : cliquez sur le jeton pour le sélectionner, puis \
     copiez-le à la main.",
);
pub const EVENTS_API_ENDPOINT: Word =
    Word::new("Events API endpoint", "Point d’accès de l’API Events");
pub const EXAMPLE: Word = Word::new("Example", "Exemple");
/// Stands for the token in the example address.
pub const TOKEN_PLACEHOLDER: Word = Word::new("<token>", "<jeton>");
pub const TOKEN_STORED: Word = Word::new("I have stored the token", "J’ai conservé le jeton");

// ---- website table configurations ----

/// What the list and the form say about exposure.
pub const EXPOSURE_NOTE: Word = Word::new(
    "Nothing custom is exposed unless listed here; changes apply to the Events API on the next \
     request.",
    "Rien de personnalisé n’est exposé sans figurer ici ; les modifications s’appliquent à l’API \
     Events dès la requête suivante.",
);
/// Before [`EXPOSURE_NOTE`], hence its trailing space.
pub const TABLES_INTRO: Word = Word::new(
    "Each configuration lists, for one table, the fields the Events API returns. ",
    "Chaque configuration liste, pour une table, les champs que renvoie l’API Events. ",
);
/// After [`EXPOSURE_NOTE`], before a link to the custom fields.
pub const CUSTOM_FIELDS_DEFINED_UNDER: Word = Word::new(
    " Custom fields are defined under ",
    " Les champs personnalisés se définissent dans ",
);
pub const SEARCH_TABLE_CONFIGURATIONS: Word = Word::new(
    "Search website table configurations",
    "Rechercher des configurations de tables du site web",
);
pub const NO_TABLE_CONFIGURATIONS: Word = Word::new(
    "No website table configurations.",
    "Aucune configuration de table du site web.",
);
pub const CONFIGURATIONS_NOUN: Word = Word::new("configurations", "configurations");
pub const FIELDS: Word = Word::new("Fields", "Champs");
pub const NOTHING_LISTED: Word = Word::new("Nothing listed", "Aucun champ listé");

pub fn delete_table_configuration(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!(
            "Delete the website table configuration “{name}”? The Events API stops returning \
             the fields it lists (unless another configuration lists them)."
        ),
        Lang::Fr => format!(
            "Supprimer la configuration de table du site web « {name} » ? L’API Events cesse de \
             renvoyer les champs qu’elle liste (sauf si une autre configuration les liste)."
        ),
    }
}

// ---- website table configuration form ----

pub const TABLE_CONFIGURATION: Word = Word::new(
    "Website table configuration",
    "Configuration de table du site web",
);
pub const NEW_TABLE_CONFIGURATION: Word = Word::new(
    "New website table configuration",
    "Nouvelle configuration de table du site web",
);
pub const FIELDS_RETURNED: Word = Word::new(
    "Fields the Events API returns",
    "Champs que renvoie l’API Events",
);
pub const STANDARD_FIELDS: Word = Word::new("Standard fields", "Champs standard");
pub const DESCRIPTION: Word = Word::new("Description", "Description");
pub const MAXIMUM_CAPACITY: Word = Word::new("Maximum capacity", "Capacité maximale");
pub const SHOWS_A_WAITLIST: Word = Word::new("Shows a waitlist", "Affiche une liste d’attente");
pub const WEBINAR_DETAILS: Word = Word::new("Webinar details", "Détails du webinaire");
pub const BIOGRAPHY: Word = Word::new("Biography", "Biographie");

/// Where a table has no custom field, before a link to the custom fields (a "." follows).
pub fn no_custom_fields_yet(lang: Lang, entity: Entity) -> String {
    match lang {
        Lang::En => format!("No custom {} fields yet. Create them under ", entity.key()),
        Lang::Fr => format!(
            "Aucun champ personnalisé des {} pour l’instant. Créez-les dans ",
            entity_plural_fr(entity)
        ),
    }
}

// ---- custom fields ----

pub const CUSTOM_FIELDS_INTRO: Word = Word::new(
    "Custom fields add values to events, sessions, speakers and passes. The Events API returns \
     a custom field only when a ",
    "Les champs personnalisés ajoutent des valeurs aux événements, sessions, intervenants et \
     pass. L’API Events ne renvoie un champ personnalisé que si une ",
);
/// The link inside [`CUSTOM_FIELDS_INTRO`]'s sentence.
pub const A_TABLE_CONFIGURATION: Word = Word::new(
    "website table configuration",
    "configuration de table du site web",
);
/// Ends [`CUSTOM_FIELDS_INTRO`]'s sentence, after the link.
pub const LISTS_IT: Word = Word::new(" lists it.", " le liste.");
pub const NEW_CUSTOM_FIELD: Word = Word::new("New custom field", "Nouveau champ personnalisé");
pub const API_NAME: Word = Word::new("API name", "Nom dans l’API");
pub const API_NAME_HELP: Word = Word::new(
    "How the Events API names the value: a letter, then letters, digits or _ (at most 50). It \
     cannot change later.",
    "Le nom de la valeur dans l’API Events : une lettre, puis des lettres, des chiffres ou _ \
     (50 au plus). Il ne pourra plus changer.",
);
pub const FIXED_ONCE_CREATED: Word = Word::new(
    "A field's table, API name and type cannot change; create a new field instead.",
    "La table, le nom dans l’API et le type d’un champ ne peuvent pas changer ; créez plutôt un \
     nouveau champ.",
);
pub const LABEL: Word = Word::new("Label", "Libellé");
pub const CHOICES: Word = Word::new("Choices", "Choix");
pub const ONE_CHOICE_PER_LINE: Word = Word::new("One choice per line.", "Un choix par ligne.");
pub const CREATE: Word = Word::new("Create", "Créer");
pub const ALL_TABLES: Word = Word::new("All tables", "Toutes les tables");
pub const SEARCH_CUSTOM_FIELDS: Word = Word::new(
    "Search custom fields",
    "Rechercher des champs personnalisés",
);
pub const NO_CUSTOM_FIELDS: Word = Word::new("No custom fields.", "Aucun champ personnalisé.");
pub const CUSTOM_FIELDS_NOUN: Word = Word::new("custom fields", "champs personnalisés");
pub const CUSTOM_FIELD_DELETED: Word =
    Word::new("Custom field deleted.", "Champ personnalisé supprimé.");

pub fn custom_field_created(lang: Lang, entity: Entity, name: &str) -> String {
    match lang {
        Lang::En => format!("Custom {} field “{name}” created.", entity.key()),
        Lang::Fr => format!(
            "Champ personnalisé « {name} » des {} créé.",
            entity_plural_fr(entity)
        ),
    }
}

pub fn custom_field_saved(lang: Lang, entity: Entity, name: &str) -> String {
    match lang {
        Lang::En => format!("Custom {} field “{name}” saved.", entity.key()),
        Lang::Fr => format!(
            "Champ personnalisé « {name} » des {} enregistré.",
            entity_plural_fr(entity)
        ),
    }
}

/// The heading of the form that changes a field.
pub fn edit_custom_field(lang: Lang, entity: Entity, name: &str) -> String {
    match lang {
        Lang::En => format!("Edit the custom {} field “{name}”", entity.key()),
        Lang::Fr => format!(
            "Modifier le champ personnalisé « {name} » des {}",
            entity_plural_fr(entity)
        ),
    }
}

pub fn delete_custom_field(lang: Lang, entity: Entity, label: &str, name: &str) -> String {
    match lang {
        Lang::En => format!(
            "Delete the custom {} field “{label}” ({name})? Values stored in it are no longer \
             shown. This cannot be undone.",
            entity.key()
        ),
        Lang::Fr => format!(
            "Supprimer le champ personnalisé « {label} » ({name}) des {} ? Les valeurs qui y \
             sont enregistrées ne seront plus affichées. Cette action est irréversible.",
            entity_plural_fr(entity)
        ),
    }
}
