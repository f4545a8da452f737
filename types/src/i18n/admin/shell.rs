//! The frame (header, navigation, language switch), the sign-in page, the Settings
//! overview and the page-not-found page.

use crate::i18n::Word;

pub const SKIP_TO_CONTENT: Word = Word::new("Skip to content", "Aller au contenu");
pub const SIGN_OUT: Word = Word::new("Sign out", "Se déconnecter");
pub const LANGUAGE: Word = Word::new("Language", "Langue");
pub const MAIN_NAVIGATION: Word = Word::new("Main", "Principale");
pub const EVENT_MANAGEMENT: Word = Word::new("Event management", "Gestion des événements");
pub const TEAM: Word = Word::new("Team", "Équipe");

pub const EVENTS_ABOUT: Word = Word::new(
    "Events, their sessions and registrations.",
    "Les événements, leurs sessions et leurs inscriptions.",
);
pub const CONTACTS: Word = Word::new("Contacts", "Contacts");
pub const CONTACTS_ABOUT: Word = Word::new(
    "The people registrations are linked to, matched as Event administration says.",
    "Les personnes auxquelles les inscriptions sont rattachées, rapprochées comme le dit \
     l’administration des événements.",
);
pub const WEB_APPLICATIONS: Word = Word::new("Web applications", "Applications web");
pub const WEB_APPLICATIONS_ABOUT: Word = Word::new(
    "The websites that call the Events API: their allowed origins and application tokens.",
    "Les sites web qui appellent l’API Events : leurs origines autorisées et leurs jetons \
     d’application.",
);
pub const WEBINAR_PROVIDERS: Word = Word::new("Webinar providers", "Fournisseurs de webinaires");
pub const WEBINAR_PROVIDERS_ABOUT: Word = Word::new(
    "Outside services that host webinars, such as ON24.",
    "Les services extérieurs qui hébergent les webinaires, comme ON24.",
);
pub const WEBINAR_CONFIGURATIONS: Word =
    Word::new("Webinar configurations", "Configurations de webinaires");
pub const WEBINAR_CONFIGURATIONS_ABOUT: Word = Word::new(
    "Your organisation's accounts with webinar providers, and their credentials.",
    "Les comptes de votre organisation chez les fournisseurs de webinaires, et leurs \
     identifiants.",
);
pub const EVENT_ADMINISTRATION: Word =
    Word::new("Event administration", "Administration des événements");
pub const EVENT_ADMINISTRATION_ABOUT: Word = Word::new(
    "Defaults for events: how registrations find their contact, demo payment confirmation.",
    "Les réglages par défaut des événements : comment une inscription trouve son contact, la \
     confirmation de paiement de démonstration.",
);
pub const WEBSITE_TABLE_CONFIGURATIONS: Word = Word::new(
    "Website table configurations",
    "Configurations des tables du site web",
);
pub const WEBSITE_TABLE_CONFIGURATIONS_ABOUT: Word = Word::new(
    "Which custom and optional fields the Events API returns, table by table.",
    "Les champs personnalisés et facultatifs que renvoie l’API Events, table par table.",
);
pub const CUSTOM_FIELDS_ABOUT: Word = Word::new(
    "Extra values on events, sessions, speakers and passes.",
    "Des valeurs en plus sur les événements, les sessions, les intervenants et les pass.",
);

pub const USERS: Word = Word::new("Users", "Utilisateurs");
pub const USERS_ABOUT: Word = Word::new(
    "The people who sign in to Convene, and the role that says what each may do.",
    "Les personnes qui se connectent à Convene, et le rôle qui dit ce que chacune peut faire.",
);

pub const AUDIT_LOG: Word = Word::new("Audit log", "Journal d’audit");
pub const AUDIT_LOG_ABOUT: Word = Word::new(
    "Who changed what and when, and every sign-in.",
    "Qui a modifié quoi et quand, et chaque connexion.",
);
pub const DATA: Word = Word::new("Data", "Données");
pub const RETENTION: Word = Word::new("Data retention", "Conservation des données");
pub const RETENTION_ABOUT: Word = Word::new(
    "How long registrations keep personal data after their event.",
    "Combien de temps les inscriptions gardent les données personnelles après l’événement.",
);

pub const SIGN_IN_TITLE: Word = Word::new("Sign in to Convene", "Connexion à Convene");
pub const USER_NAME: Word = Word::new("User name", "Nom d’utilisateur");
pub const PASSWORD: Word = Word::new("Password", "Mot de passe");
pub const SIGN_IN: Word = Word::new("Sign in", "Se connecter");

pub const NOT_FOUND: Word = Word::new("Page not found", "Page introuvable");
pub const NOT_FOUND_TEXT: Word = Word::new(
    "There is no page at this address.",
    "Il n’y a pas de page à cette adresse.",
);
pub const GO_TO_SETTINGS: Word = Word::new("Go to Settings", "Aller aux paramètres");
pub const GO_TO_EVENTS: Word = Word::new("Go to Events", "Aller aux événements");

pub const CHUNK_FAILED: Word = Word::new(
    "This part of the page could not be loaded. Check the connection, then try again.",
    "Cette partie de la page n’a pas pu être chargée. Vérifiez la connexion, puis réessayez.",
);
