//! The wordings of Settings › Integrations › Webhooks: the list, the form, the signing
//! secret's panel and the delivery log.

use crate::i18n::{Lang, Word};
use crate::prelude::*;
use crate::webhook::{DeliveryStatus, EventType};

// ---- navigation and overview ----

pub const INTEGRATIONS: Word = Word::new("Integrations", "Intégrations");
pub const WEBHOOKS: Word = Word::new("Webhooks", "Webhooks");
pub const WEBHOOKS_ABOUT: Word = Word::new(
    "Other systems' addresses, told of registrations as they change, in signed messages.",
    "Les adresses d’autres systèmes, prévenus des changements d’inscriptions par des messages \
     signés.",
);

/// What a message tells, as a choice or a column value.
pub fn event_type(event_type: EventType) -> Word {
    match event_type {
        EventType::RegistrationCreated => Word::new("Registration created", "Inscription créée"),
        EventType::RegistrationCancelled => {
            Word::new("Registration cancelled", "Inscription annulée")
        }
        EventType::RegistrationPromoted => Word::new(
            "Registration promoted from the waitlist",
            "Inscription sortie de la liste d’attente",
        ),
        EventType::RegistrationSynced => Word::new(
            "Registration received by the webinar provider",
            "Inscription reçue par le fournisseur de webinaires",
        ),
        EventType::ContactErased => Word::new("Contact erased", "Contact effacé"),
        EventType::Test => Word::new("Test message", "Message de test"),
    }
}

/// A delivery's outcome, as a column value.
pub fn delivery_status(status: DeliveryStatus) -> Word {
    match status {
        DeliveryStatus::Delivered => Word::new("Delivered", "Livré"),
        DeliveryStatus::Retrying => Word::new("Retrying", "Nouvel essai prévu"),
        DeliveryStatus::Failed => Word::new("Failed", "Échec"),
        DeliveryStatus::Skipped => Word::new("Not sent", "Non envoyé"),
    }
}

// ---- list ----

pub const WEBHOOKS_INTRO: Word = Word::new(
    "Convene sends a signed JSON message to each active webhook when something it subscribes \
     to happens, and tries again while the receiver does not answer 2xx. Messages carry \
     identifiers, not personal data: receivers read the rest through the admin API.",
    "Convene envoie un message JSON signé à chaque webhook actif quand survient ce à quoi il \
     est abonné, et réessaie tant que le destinataire ne répond pas 2xx. Les messages portent \
     des identifiants, pas de données personnelles : les destinataires lisent le reste par \
     l’API d’administration.",
);
pub const NEW_WEBHOOK: Word = Word::new("New webhook", "Nouveau webhook");
pub const NO_WEBHOOKS: Word = Word::new("No webhooks.", "Aucun webhook.");
pub const URL: Word = Word::new("Address (URL)", "Adresse (URL)");
pub const DESCRIPTION: Word = Word::new("Description", "Description");
pub const EVENT_TYPES: Word = Word::new("Event types", "Types d’événements");

// ---- form ----

pub const WEBHOOK: Word = Word::new("Webhook", "Webhook");
pub const URL_HELP: Word = Word::new(
    "Where each message is sent (POST). In production: https to a public address; an http \
     address on this machine, such as http://127.0.0.1:8080/hooks, is accepted in development \
     only. Redirects are not followed.",
    "Où chaque message est envoyé (POST). En production : https vers une adresse publique ; \
     une adresse http sur cette machine, comme http://127.0.0.1:8080/hooks, n’est acceptée \
     qu’en développement. Les redirections ne sont pas suivies.",
);
pub const DESCRIPTION_HELP: Word = Word::new(
    "For you: which system this is and who looks after it.",
    "Pour vous : de quel système il s’agit et qui s’en occupe.",
);
pub const EVENT_TYPES_HELP: Word = Word::new(
    "What this webhook is told of; at least one.",
    "Ce dont ce webhook est prévenu ; au moins un choix.",
);
pub const ACTIVE_LABEL: Word = Word::new(
    "Active: send messages to this address",
    "Actif : envoyer les messages à cette adresse",
);
pub const ACTIVE_HELP: Word = Word::new(
    "An inactive webhook is sent nothing, and what happens meanwhile is not sent later.",
    "Un webhook inactif ne reçoit rien, et ce qui survient entre-temps ne lui est pas envoyé \
     plus tard.",
);
pub const INACTIVE_NOTE: Word = Word::new(
    "This webhook is inactive: nothing is sent to it until it is made active again.",
    "Ce webhook est inactif : rien ne lui est envoyé tant qu’il n’est pas réactivé.",
);
pub const ROTATE_SECRET: Word = Word::new("Rotate secret", "Renouveler le secret");
pub const SECRET_ISSUED: Word = Word::new("Secret issued", "Émission du secret");

/// An error of the `number`-th event type sent (1-based) that has no box of its own.
pub fn event_type_error(lang: Lang, number: usize, message: &str) -> String {
    match lang {
        Lang::En => format!("Event type {number} {message}."),
        Lang::Fr => format!("Type d’événement {number} : {message}."),
    }
}

pub fn rotate_secret(lang: Lang, url: &str) -> String {
    match lang {
        Lang::En => format!(
            "Rotate the signing secret of the webhook to “{url}”? The old secret stops signing \
             at once: the receiver must be given the new one."
        ),
        Lang::Fr => format!(
            "Renouveler le secret de signature du webhook vers « {url} » ? L’ancien secret \
             cesse aussitôt de signer : le destinataire doit recevoir le nouveau."
        ),
    }
}

pub fn delete_webhook(lang: Lang, url: &str) -> String {
    match lang {
        Lang::En => format!(
            "Delete the webhook to “{url}”? Nothing more is sent to it. This cannot be undone."
        ),
        Lang::Fr => format!(
            "Supprimer le webhook vers « {url} » ? Plus rien ne lui est envoyé. Cette action est \
             irréversible."
        ),
    }
}

// ---- issued secret panel ----

pub const SIGNING_SECRET: Word = Word::new("Signing secret", "Secret de signature");
pub const COPY_SECRET_NOW: Word = Word::new(
    "Copy this secret now: it will not be shown again.",
    "Copiez ce secret maintenant : il ne sera plus affiché.",
);
/// Follows [`COPY_SECRET_NOW`], hence its leading space.
pub const SECRET_KEPT: Word = Word::new(
    " Give it to the receiver, which checks with it that each message comes from Convene. If \
     it is lost, rotate the secret to issue a new one.",
    " Donnez-le au destinataire, qui vérifie avec lui que chaque message vient de Convene. S’il \
     est perdu, renouvelez le secret pour en émettre un nouveau.",
);
pub const SECRET_COPY_REFUSED: Word = Word::new(
    "This browser did not allow copying: click the secret to select it, then copy it by hand.",
    "Ce navigateur n’a pas permis la copie : cliquez sur le secret pour le sélectionner, puis \
     copiez-le à la main.",
);
pub const SECRET_STORED: Word = Word::new("I have stored the secret", "J’ai conservé le secret");
pub const HOW_RECEIVERS_VERIFY: Word = Word::new(
    "How receivers verify (Standard Webhooks)",
    "Comment les destinataires vérifient (Standard Webhooks)",
);
pub const VERIFY_HEADERS: Word = Word::new(
    "Each message carries the headers webhook-id, webhook-timestamp and webhook-signature. The \
     signature is “v1,” followed by the base64 HMAC-SHA256 of “webhook-id.webhook-timestamp.body”, \
     keyed with the secret’s bytes (the base64 after whsec_). Standard Webhooks libraries take \
     the secret as it is. Refuse a timestamp more than a few minutes old, and use webhook-id to \
     ignore a message received twice.",
    "Chaque message porte les en-têtes webhook-id, webhook-timestamp et webhook-signature. La \
     signature est « v1, » suivi du HMAC-SHA256 en base64 de « webhook-id.webhook-timestamp.corps », \
     avec pour clé les octets du secret (le base64 après whsec_). Les bibliothèques Standard \
     Webhooks prennent le secret tel quel. Refusez un horodatage vieux de plus de quelques \
     minutes, et servez-vous de webhook-id pour ignorer un message reçu deux fois.",
);

// ---- delivery log ----

pub const DELIVERY_LOG: Word = Word::new("Delivery log", "Journal des envois");
pub const DELIVERY_LOG_INTRO: Word = Word::new(
    "Each attempt to send a message to this webhook, newest first.",
    "Chaque tentative d’envoi d’un message à ce webhook, de la plus récente à la plus ancienne.",
);
pub const SEND_TEST: Word = Word::new("Send test", "Envoyer un test");
pub const REFRESH: Word = Word::new("Refresh", "Actualiser");
pub const RESEND: Word = Word::new("Resend", "Renvoyer");
pub const NO_DELIVERIES: Word = Word::new(
    "Nothing has been sent to this webhook yet.",
    "Rien n’a encore été envoyé à ce webhook.",
);
pub const WAITING_FOR_DELIVERY: Word = Word::new(
    "Waiting for the delivery to appear…",
    "En attente de l’envoi…",
);
pub const DELIVERIES_NOUN: Word = Word::new("deliveries", "envois");
pub const TIME: Word = Word::new("Time", "Heure");
pub const EVENT_TYPE: Word = Word::new("Event type", "Type d’événement");
pub const MESSAGE_ID: Word = Word::new("Message id", "Identifiant du message");
pub const ATTEMPT: Word = Word::new("Attempt", "Tentative");
pub const ANSWER: Word = Word::new("Answer", "Réponse");
pub const ERROR: Word = Word::new("Error", "Erreur");

/// After "Send test" was accepted.
pub fn test_queued(lang: Lang, message_id: &str) -> String {
    match lang {
        Lang::En => {
            format!("Test message {message_id} queued: its delivery appears in the log below.")
        }
        Lang::Fr => format!(
            "Message de test {message_id} mis en file : son envoi apparaît ci-dessous dans le \
             journal."
        ),
    }
}

/// After "Resend" was accepted.
pub fn resend_queued(lang: Lang, message_id: &str) -> String {
    match lang {
        Lang::En => format!(
            "Message {message_id} queued again, with the same id: the new attempt appears at the \
             top of the log."
        ),
        Lang::Fr => format!(
            "Message {message_id} remis en file, avec le même identifiant : la nouvelle tentative \
             apparaît en haut du journal."
        ),
    }
}

/// The label of a row's Resend button, naming what it sends.
pub fn resend_label(lang: Lang, message_id: &str) -> String {
    match lang {
        Lang::En => format!("Resend message {message_id}"),
        Lang::Fr => format!("Renvoyer le message {message_id}"),
    }
}
