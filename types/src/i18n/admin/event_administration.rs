//! The wordings of event administration (its list and form).

use crate::contact::MatchStrategy;
use crate::event_admin::DEMO_PAYMENT_IN_PRODUCTION;
use crate::i18n::{Lang, Word};
use crate::prelude::*;

// ---- shared by the list and the form ----

pub const MATCH_CONTACT_BASED_ON: Word =
    Word::new("Match contact based on", "Rapprocher le contact selon");

/// How a registration finds its contact, as people read it.
pub fn match_strategy(strategy: MatchStrategy) -> Word {
    match strategy {
        MatchStrategy::Email => Word::new("Email only", "E-mail uniquement"),
        MatchStrategy::FirstAndLastName => Word::new("First and last name", "Prénom et nom"),
        MatchStrategy::EmailFirstAndLastName => {
            Word::new("Email, first and last name", "E-mail, prénom et nom")
        }
    }
}

/// The question before a record is deleted.
pub fn delete_question(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => {
            format!("Delete the event administration record “{name}”? This cannot be undone.")
        }
        Lang::Fr => format!(
            "Supprimer l’enregistrement d’administration des événements « {name} » ? Cette \
             action est irréversible."
        ),
    }
}

// ---- event administration list ----

pub const INACTIVE_EVENT_ADMINISTRATION: Word = Word::new(
    "Inactive event administration",
    "Administration des événements inactive",
);
pub const LIST_INFO: Word = Word::new(
    "Optional defaults for events. At most one record is active at a time; without one, \
     registrations find their contact by email only.",
    "Des réglages par défaut facultatifs pour les événements. Un seul enregistrement au plus \
     est actif à la fois ; sans enregistrement actif, les inscriptions trouvent leur contact \
     par l’e-mail uniquement.",
);
pub const SEARCH: Word = Word::new(
    "Search event administration",
    "Rechercher dans l’administration des événements",
);
pub const NO_RECORDS: Word = Word::new(
    "No event administration records in this view.",
    "Aucun enregistrement d’administration des événements dans cette vue.",
);
pub const DEMO_PAYMENT_CONFIRMATION: Word = Word::new(
    "Demo payment confirmation",
    "Confirmation de paiement de démonstration",
);
pub const RECORDS_NOUN: Word = Word::new("records", "enregistrements");

// ---- event administration form ----

pub const NEW_EVENT_ADMINISTRATION: Word = Word::new(
    "New event administration",
    "Nouvelle administration des événements",
);
pub const RECORD_ACTIVE: Word = Word::new(
    "This record is active: registrations follow its settings.",
    "Cet enregistrement est actif : les inscriptions suivent ses réglages.",
);
pub const RECORD_INACTIVE: Word = Word::new(
    "This record is inactive: its settings are not used. Activate it to use them (only one \
     record can be active).",
    "Cet enregistrement est inactif : ses réglages ne sont pas utilisés. Activez-le pour les \
     utiliser (un seul enregistrement peut être actif).",
);
pub const MATCH_HELP: Word = Word::new(
    "A registration joins the existing contact whose values match on all these fields (email \
     ignoring case; names ignoring case and surrounding spaces), otherwise a new contact is \
     created. With a name-based choice, first and last name become required on registration.",
    "Une inscription est rattachée au contact existant dont les valeurs correspondent sur tous \
     ces champs (l’e-mail sans tenir compte de la casse ; les noms sans tenir compte de la \
     casse ni des espaces autour), sinon un nouveau contact est créé. Avec un choix fondé sur \
     le nom, le prénom et le nom deviennent obligatoires à l’inscription.",
);
pub const ENABLE_DEMO_PAYMENT: Word = Word::new(
    "Enable demo payment confirmation",
    "Activer la confirmation de paiement de démonstration",
);
pub const SECURITY_HOLE: Word = Word::new(
    "Security hole in production. ",
    "Faille de sécurité en production. ",
);
pub const DEMO_PAYMENT_WARNING: Word = Word::new(
    "Demo payment confirmation lets an event website confirm a payment without any payment \
     taking place. Enable it only on a demonstration deployment, never where real \
     registrations and payments happen.",
    "La confirmation de paiement de démonstration permet à un site web d’événement de \
     confirmer un paiement sans qu’aucun paiement n’ait lieu. Ne l’activez que sur un \
     déploiement de démonstration, jamais là où ont lieu de vraies inscriptions et de vrais \
     paiements.",
);

/// Why demo payment confirmation cannot be chosen on this deployment.
pub fn production_note(lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "This deployment is marked production: demo payment confirmation \
             {DEMO_PAYMENT_IN_PRODUCTION}."
        ),
        Lang::Fr => "Ce déploiement est marqué comme production : la confirmation de paiement \
                     de démonstration ne peut pas y être activée, car elle permet à n’importe \
                     qui de confirmer un paiement sans payer."
            .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_is_the_model_s() {
        for strategy in MatchStrategy::ALL {
            assert_eq!(match_strategy(strategy).get(Lang::En), strategy.label());
        }
        assert!(production_note(Lang::En).ends_with("without paying."));
    }
}
