//! English and French: the words Convene shows people, in one table with typed keys.
//!
//! [`Text`] is every fixed wording; each key gives its English and French in one match
//! arm, so a missing translation does not compile. The rules of this crate answer in
//! English (that is also what the API sends); [`rule_message`] puts one of their messages
//! in French, gettext-style: the English message is the key, with at most one part that
//! varies (`{}`); the first entry that matches wins.

use crate::custom::{NO, NO_CHOICE, YES};
use crate::registration::{CLOSED, FULL, PASS_FULL};
use crate::validate::SINGLE_LINE;

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

/// Every fixed wording, by what it says.
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

/// The rules' messages (and the API's that a website's reader may see) and their French; `{}` stands for the one part that varies.
const RULE_MESSAGES: &[(&str, &str)] = &[
    ("is required", "est obligatoire"),
    ("must be an email address", "doit être une adresse e-mail"),
    (
        "is required: contacts are matched by first and last name",
        "est obligatoire : les contacts sont rapprochés par prénom et nom",
    ),
    (
        "is required: contacts are matched by email, first and last name",
        "est obligatoire : les contacts sont rapprochés par e-mail, prénom et nom",
    ),
    (
        "must be at most {} characters",
        "doit compter au plus {} caractères",
    ),
    (
        SINGLE_LINE,
        "doit tenir sur une ligne, sans caractère de contrôle",
    ),
    (
        "{} is not a pass of this event",
        "{} n’est pas un pass de cet événement",
    ),
    (
        "{} is not a session of this event",
        "{} n’est pas une session de cet événement",
    ),
    (
        "is not a question of this event",
        "n’est pas une question de cet événement",
    ),
    ("is required: {}", "est obligatoire : {}"),
    ("must be one of: {}", "doit être l’un des choix : {}"),
    ("must be choices from: {}", "doit être des choix parmi : {}"),
    ("must be Yes or No", "doit être Oui ou Non"),
    (
        "Some fields are invalid.",
        "Certains champs ne sont pas valides.",
    ),
    (FULL, FULL_FR),
    (
        PASS_FULL,
        "Ce pass est épuisé et l’événement n’a pas de liste d’attente.",
    ),
    (CLOSED, CLOSED_FR),
    (
        "There is no published event {}.",
        "Il n’y a pas d’événement publié {}.",
    ),
];

/// `message`, one of this crate's rule messages (as the API also sends them), in `lang`.
/// A message the table does not know is given as it is.
pub fn rule_message(message: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return message.to_string();
    }
    for (english, french) in RULE_MESSAGES {
        match english.split_once("{}") {
            None if message == *english => return french.to_string(),
            Some((before, after))
                if message.len() >= before.len() + after.len()
                    && message.starts_with(before)
                    && message.ends_with(after) =>
            {
                let varying = &message[before.len()..message.len() - after.len()];
                return french.replacen("{}", varying, 1);
            }
            _ => {}
        }
    }
    message.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::{AttendeeInput, MatchStrategy};
    use crate::custom::{Answer, QuestionType, RegistrationQuestion};
    use crate::registration::RegistrationInput;

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

    /// Every message a refused registration can carry, from the rules themselves.
    fn refusals() -> Vec<String> {
        let question = |id: &str, question_type, choices: &[&str]| RegistrationQuestion {
            id: id.into(),
            event_id: String::new(),
            text: "Meal".into(),
            question_type,
            required: true,
            choices: choices.iter().map(|c| c.to_string()).collect(),
            created_at: String::new(),
        };
        let questions = [
            question("q1", QuestionType::SingleChoice, &["Vegan", "Fish"]),
            question("q2", QuestionType::Boolean, &[]),
            question("q3", QuestionType::MultipleChoice, &["Rust", "KV"]),
            question("q4", QuestionType::SimpleText, &[]),
            question("q5", QuestionType::SimpleText, &[]),
        ];
        let long = "x".repeat(5000);
        let inputs = [
            (AttendeeInput::default(), vec![]),
            (
                AttendeeInput {
                    email: "not an address".into(),
                    first_name: "a\u{7}".into(),
                    last_name: long.clone(),
                    company: long.clone(),
                },
                vec![
                    Answer::text("q1", "Meat"),
                    Answer::text("q2", "Maybe"),
                    Answer::text("q3", "Go"),
                    Answer::text("q4", &long),
                    Answer::text("q9", "?"),
                ],
            ),
        ];
        let mut messages = Vec::new();
        for (attendee, responses) in inputs {
            let input = RegistrationInput {
                attendee,
                session_ids: vec!["s9".into()],
                idempotency_key: None,
                pass_id: Some("p9".into()),
                responses,
            };
            for strategy in [
                MatchStrategy::Email,
                MatchStrategy::FirstAndLastName,
                MatchStrategy::EmailFirstAndLastName,
            ] {
                if let Err(errors) = input.validate(strategy, &[], &[], &questions) {
                    messages.extend(errors.into_iter().map(|e| e.message));
                }
            }
        }
        messages.extend([FULL, PASS_FULL, CLOSED, "Some fields are invalid."].map(String::from));
        messages
    }

    #[test]
    fn every_message_of_a_refused_registration_reads_in_french() {
        let messages = refusals();
        assert!(messages.len() > 15, "{messages:?}");
        for message in messages {
            let french = rule_message(&message, Lang::Fr);
            assert_ne!(french, message, "no French for {message:?}");
            assert_eq!(rule_message(&message, Lang::En), message);
        }
        assert_eq!(
            rule_message("must be at most 200 characters", Lang::Fr),
            "doit compter au plus 200 caractères"
        );
        assert_eq!(
            rule_message("s9 is not a session of this event", Lang::Fr),
            "s9 n’est pas une session de cet événement"
        );
        assert_eq!(rule_message("Something new.", Lang::Fr), "Something new.");
    }
}
