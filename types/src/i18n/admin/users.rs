//! The wordings of users and roles: Settings › Team › Users, the account page, and what a
//! role may not see.

use crate::i18n::Word;
use crate::user::Role;

/// A role, as a choice or a column value.
pub fn role(role: Role) -> Word {
    match role {
        Role::Administrator => Word::new("Administrator", "Administrateur"),
        Role::EventPlanner => Word::new("Event planner", "Organisateur d’événements"),
        Role::Viewer => Word::new("Viewer", "Lecteur"),
    }
}

// ---- what a role may not see ----

pub const NO_SETTINGS: Word = Word::new(
    "Your role does not include Settings.",
    "Votre rôle n’inclut pas les paramètres.",
);
pub const ASK_AN_ADMINISTRATOR: Word = Word::new(
    "An administrator can change your role if you need these pages.",
    "Un administrateur peut changer votre rôle si vous avez besoin de ces pages.",
);
pub const READ_ONLY_EVENTS: Word = Word::new(
    "Your role can read events but not change them.",
    "Votre rôle permet de lire les événements, pas de les modifier.",
);

// ---- users ----

pub const USERS_INTRO: Word = Word::new(
    "Everyone who signs in to Convene has a user here, with a role: administrators can do \
     everything, event planners run events, registrations and contacts, viewers only read \
     them. A disabled user cannot sign in.",
    "Chaque personne qui se connecte à Convene a ici un utilisateur, avec un rôle : les \
     administrateurs peuvent tout faire, les organisateurs d’événements gèrent les événements, \
     les inscriptions et les contacts, les lecteurs ne font que les consulter. Un utilisateur \
     désactivé ne peut pas se connecter.",
);
pub const SEARCH_USERS: Word = Word::new("Search users", "Rechercher des utilisateurs");
pub const NO_USERS: Word = Word::new("No users.", "Aucun utilisateur.");
pub const USERS_NOUN: Word = Word::new("users", "utilisateurs");
pub const USER: Word = Word::new("User", "Utilisateur");
pub const NEW_USER: Word = Word::new("New user", "Nouvel utilisateur");
pub const ROLE: Word = Word::new("Role", "Rôle");
pub const CHOOSE_A_ROLE: Word = Word::new("Choose a role…", "Choisissez un rôle…");
/// A user's state (`common::ACTIVE` for the other one).
pub const DISABLED: Word = Word::new("Disabled", "Désactivé");
pub const DISABLE: Word = Word::new("Disable", "Désactiver");
pub const ENABLE: Word = Word::new("Enable", "Réactiver");
pub const DISABLED_NOTE: Word = Word::new(
    "This user is disabled: they cannot sign in until enabled again.",
    "Cet utilisateur est désactivé : il ne peut pas se connecter avant d’être réactivé.",
);
pub const NEW_PASSWORD: Word = Word::new("New password", "Nouveau mot de passe");
pub const KEEP_PASSWORD_HELP: Word = Word::new(
    "Leave empty to keep the current password. A new one signs this user out everywhere.",
    "Laissez vide pour garder le mot de passe actuel. Un nouveau déconnecte cet utilisateur \
     partout.",
);
pub const PASSWORD_HELP: Word = Word::new(
    "The user signs in with it; they can change it on their account page.",
    "L’utilisateur se connecte avec ; il peut le changer sur la page de son compte.",
);

// ---- your account ----

pub const YOUR_ACCOUNT: Word = Word::new("Your account", "Votre compte");
pub const CHANGE_PASSWORD: Word = Word::new("Change your password", "Changer votre mot de passe");
pub const CURRENT_PASSWORD: Word = Word::new("Current password", "Mot de passe actuel");
pub const CHANGE_PASSWORD_HELP: Word = Word::new(
    "Changing it signs you out everywhere else; you stay signed in here.",
    "Le changer vous déconnecte partout ailleurs ; vous restez connecté ici.",
);
pub const PASSWORD_CHANGED: Word = Word::new(
    "Your password was changed. Your other sessions were signed out.",
    "Votre mot de passe a été changé. Vos autres sessions ont été fermées.",
);
