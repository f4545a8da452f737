//! English and French: the words Convene shows people, in one table with typed keys.
//!
//! [`Text`] is every fixed wording of the registration widget; each key gives its English
//! and French in one match arm, so a missing translation does not compile. The admin SPA's
//! wordings are [`Word`] constants in [`admin`], one module per part of the app; a `Word`
//! is made from both languages at once, so there too a missing translation does not
//! compile. A wording with parts that vary is a function of the language. The rules of
//! this crate answer in English (that is also what the API sends); [`rule_message`] and
//! [`admin_message`] put one of their messages in French, gettext-style: the English
//! message is the key, with parts that vary (`{}`); the first entry that matches wins.
//! [`rule_message`] knows only what a public registration can be answered: it is the
//! widget's, whose WASM then carries that small table only (45.7 KB gzip with every
//! message, about 38 without); [`admin_message`] knows every message: it is the SPA's.

use crate::prelude::*;
pub mod admin;
mod rules;

pub use rules::{admin_message, rule_message};

use crate::custom::{NO, NO_CHOICE, YES};
use crate::registration::{CLOSED, FULL};

/// A language Convene speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    /// The language of a BCP 47 tag (`fr`, `fr-CA`, `en-GB`…); English unless French.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("fr") {
            Lang::Fr
        } else {
            Lang::En
        }
    }

    /// The tag given to the host's `Intl` formatters and to `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// `{label} {message}` as a sentence: the name of a field, then what is wrong with it.
    pub fn field_sentence(self, label: &str, message: &str) -> String {
        match self {
            Lang::En => [label, " ", message].concat(),
            Lang::Fr => [label, " : ", message].concat(),
        }
    }
}

/// A wording in English and French.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    en: &'static str,
    fr: &'static str,
}

impl Word {
    pub const fn new(en: &'static str, fr: &'static str) -> Word {
        Word { en, fr }
    }

    pub const fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Fr => self.fr,
        }
    }
}

/// Every fixed wording of the registration widget, by what it says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Email,
    FirstName,
    LastName,
    Company,
    Sessions,
    Pass,
    NoPass,
    NoChoice,
    Yes,
    No,
    /// Before the event's name, in the form's title.
    RegisterFor,
    Register,
    Sending,
    Loading,
    NeedsAttributes,
    /// The form is left unreachable (server down, or token or origin refused: the browser
    /// hides those refusals).
    Unreachable,
    Unreadable,
    /// An error answer to a read that carries no message of its own; the HTTP status follows.
    LoadFailed,
    /// An error answer to the registration that carries no message; the HTTP status follows.
    SendFailed,
    ConnectionLost,
    CorrectFields,
    Registered,
    Waitlisted,
    /// Before a waitlisted registration's place (a number follows).
    WaitlistPlace,
    JoinWebinar,
    JoinLinkLater,
    /// Registration is still possible, on the waitlist only.
    WaitlistOnly,
    Full,
    Closed,
}

impl Text {
    /// The wording in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        let (en, fr) = self.both();
        match lang {
            Lang::En => en,
            Lang::Fr => fr,
        }
    }

    fn both(self) -> (&'static str, &'static str) {
        match self {
            Text::Email => ("Email", "E-mail"),
            Text::FirstName => ("First name", "Prénom"),
            Text::LastName => ("Last name", "Nom"),
            Text::Company => ("Company", "Entreprise"),
            Text::Sessions => ("Sessions", "Sessions"),
            Text::Pass => ("Pass", "Pass"),
            Text::NoPass => ("No pass", "Aucun pass"),
            Text::NoChoice => (NO_CHOICE, "Choisir…"),
            Text::Yes => (YES, "Oui"),
            Text::No => (NO, "Non"),
            Text::RegisterFor => ("Register: ", "Inscription : "),
            Text::Register => ("Register", "S’inscrire"),
            Text::Sending => ("Sending…", "Envoi…"),
            Text::Loading => (
                "Loading the registration form…",
                "Chargement du formulaire d’inscription…",
            ),
            Text::NeedsAttributes => (
                "This registration form needs its event and token attributes.",
                "Ce formulaire d’inscription a besoin de ses attributs event et token.",
            ),
            Text::Unreachable => (
                "The registration form could not be loaded: the server did not answer, or it \
                 refused this website (check the widget's token and the origins listed for \
                 its application).",
                "Le formulaire d’inscription n’a pas pu être chargé : le serveur n’a pas \
                 répondu, ou il a refusé ce site (vérifiez le jeton du widget et les origines \
                 déclarées pour son application).",
            ),
            Text::Unreadable => (
                "The event's description is unreadable.",
                "La description de l’événement est illisible.",
            ),
            Text::LoadFailed => (
                "The event could not be loaded. HTTP status:",
                "L’événement n’a pas pu être chargé. Statut HTTP :",
            ),
            Text::SendFailed => (
                "The registration could not be sent. HTTP status:",
                "L’inscription n’a pas pu être envoyée. Statut HTTP :",
            ),
            Text::ConnectionLost => (
                "The registration could not be sent: check your connection and try again.",
                "L’inscription n’a pas pu être envoyée : vérifiez votre connexion et réessayez.",
            ),
            Text::CorrectFields => (
                "Please correct the fields marked below.",
                "Veuillez corriger les champs signalés ci-dessous.",
            ),
            Text::Registered => ("You are registered.", "Votre inscription est confirmée."),
            // Neutral: a sold-out pass waitlists too, with seats left in the event.
            Text::Waitlisted => (
                "You are on the waitlist.",
                "Vous êtes sur la liste d’attente.",
            ),
            Text::WaitlistPlace => (
                "Your place on the waitlist:",
                "Votre place sur la liste d’attente :",
            ),
            Text::JoinWebinar => ("Join the webinar", "Rejoindre le webinaire"),
            Text::JoinLinkLater => (
                "The organizer will send you your link to join the webinar.",
                "L’organisateur vous enverra votre lien pour rejoindre le webinaire.",
            ),
            Text::WaitlistOnly => (
                "This event is full: new registrations join the waitlist.",
                "Cet événement est complet : les nouvelles inscriptions rejoignent la liste \
                 d’attente.",
            ),
            Text::Full => (FULL, FULL_FR),
            Text::Closed => (CLOSED, CLOSED_FR),
        }
    }
}

const FULL_FR: &str = "Cet événement est complet et n’a pas de liste d’attente.";
const CLOSED_FR: &str = "Les inscriptions à cet événement sont closes.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_names_its_language() {
        assert_eq!(Lang::from_tag("fr"), Lang::Fr);
        assert_eq!(Lang::from_tag("FR-ca"), Lang::Fr);
        assert_eq!(Lang::from_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
        assert_eq!(Lang::from_tag("de"), Lang::En);
        assert_eq!(
            Lang::Fr.field_sentence("E-mail", "est obligatoire"),
            "E-mail : est obligatoire"
        );
    }
}
