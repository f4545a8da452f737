//! The wordings of the webinars pages and their components: webinar providers, webinar
//! configurations, and a configuration's terms and integration health.

use crate::configuration::ServiceStatus;
use crate::i18n::{Lang, Word};
use crate::integration::OffReason;
use crate::prelude::*;

// ---- shared by the webinars pages ----

pub const WEBINAR_PROVIDER: Word = Word::new("Webinar provider", "Fournisseur de webinaires");
pub const TERMS_OF_SERVICE: Word = Word::new("Terms of service", "Conditions d’utilisation");
pub const PRIVACY_POLICY: Word = Word::new("Privacy policy", "Politique de confidentialité");
pub const CREDENTIALS: Word = Word::new("Credentials", "Identifiants");
pub const PROVIDER_SERVICE_STATUS: Word = Word::new(
    "Provider service status",
    "Statut du service du fournisseur",
);
/// Between a state and what explains it: "Invalid credentials: …".
pub const COLON: Word = Word::new(": ", " : ");

/// The state of a provider's service as people read it.
pub fn service_status(status: ServiceStatus) -> Word {
    match status {
        ServiceStatus::NotChecked => Word::new("Not checked", "Non vérifié"),
        ServiceStatus::Ok => Word::new("OK", "OK"),
        ServiceStatus::InvalidCredentials => {
            Word::new("Invalid credentials", "Identifiants non valides")
        }
        ServiceStatus::Unreachable => Word::new("Provider unreachable", "Fournisseur injoignable"),
        ServiceStatus::QuotaExceeded => Word::new("Quota exceeded", "Quota dépassé"),
        ServiceStatus::ProviderError => Word::new("Provider error", "Erreur du fournisseur"),
        ServiceStatus::NotConfigured => Word::new("Not configured", "Non configuré"),
    }
}

/// A service state followed by its message: "Invalid credentials: the key was refused".
pub fn status_with_message(lang: Lang, status: ServiceStatus, message: &str) -> String {
    let status = service_status(status).get(lang);
    match lang {
        Lang::En => format!("{status}: {message}"),
        Lang::Fr => format!("{status} : {message}"),
    }
}

// ---- webinar providers ----

pub const PROVIDERS_INFO: Word = Word::new(
    "Webinar provider records rarely need changing: ON24 is preconfigured. Add one only for \
     another provider your organisation has a contract with.",
    "Les fournisseurs de webinaires ont rarement besoin d’être modifiés : ON24 est \
     préconfiguré. N’en ajoutez un que pour un autre fournisseur avec lequel votre \
     organisation a un contrat.",
);
pub const SEARCH_PROVIDERS: Word = Word::new("Search providers", "Rechercher des fournisseurs");
pub const MAX_DURATION_HEADING: Word =
    Word::new("Maximum duration (minutes)", "Durée maximale (minutes)");
pub const PROVIDERS_NOUN: Word = Word::new("providers", "fournisseurs");

// ---- webinar provider form ----

pub const NEW_WEBINAR_PROVIDER: Word =
    Word::new("New webinar provider", "Nouveau fournisseur de webinaires");
pub const PROVIDER_FORM_INFO: Word = Word::new(
    "These records rarely need changing. ON24 is preconfigured; edit it only to change its \
     links or maximum duration.",
    "Ces fiches ont rarement besoin d’être modifiées. ON24 est préconfiguré ; ne le modifiez \
     que pour changer ses liens ou sa durée maximale.",
);
pub const BASE_SERVICE_URL: Word = Word::new("Base service URL", "URL de base du service");
pub const BASE_SERVICE_URL_HELP: Word = Word::new(
    "Leave empty for ON24: Convene then uses ON24's own service address.",
    "Laissez vide pour ON24 : Convene utilise alors l’adresse de service d’ON24.",
);
pub const MAX_DURATION: Word =
    Word::new("Maximum duration in minutes", "Durée maximale en minutes");
pub const MAX_DURATION_HELP: Word = Word::new(
    "Longest single session (1–1440). Longer webinars are split into several sessions.",
    "Durée la plus longue d’une session (1–1440). Les webinaires plus longs sont répartis sur \
     plusieurs sessions.",
);

/// The question before a provider is deleted.
pub fn delete_provider_question(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("Delete the webinar provider “{name}”? This cannot be undone."),
        Lang::Fr => format!(
            "Supprimer le fournisseur de webinaires « {name} » ? Cette action est irréversible."
        ),
    }
}

// ---- webinar configurations ----

pub const ACTIVE_CONFIGURATIONS: Word = Word::new(
    "Active webinar configurations",
    "Configurations de webinaires actives",
);
pub const INACTIVE_CONFIGURATIONS: Word = Word::new(
    "Inactive webinar configurations",
    "Configurations de webinaires inactives",
);
pub const SEARCH_CONFIGURATIONS: Word =
    Word::new("Search configurations", "Rechercher des configurations");
pub const NO_CONFIGURATIONS: Word = Word::new(
    "No webinar configurations in this view.",
    "Aucune configuration de webinaire dans cette vue.",
);
/// Whether a configuration's credentials are stored.
pub const CREDENTIALS_STORED: Word = Word::new("Set", "Renseignés");
pub const CREDENTIALS_NOT_STORED: Word = Word::new("Not set", "Non renseignés");
pub const CONFIGURATIONS_NOUN: Word = Word::new("configurations", "configurations");

/// The question before a configuration is deleted.
pub fn delete_configuration_question(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("Delete the webinar configuration “{name}”? This cannot be undone."),
        Lang::Fr => format!(
            "Supprimer la configuration de webinaire « {name} » ? Cette action est irréversible."
        ),
    }
}

// ---- webinar configuration form ----

pub const WEBINAR_CONFIGURATION: Word =
    Word::new("Webinar configuration", "Configuration de webinaire");
pub const NEW_WEBINAR_CONFIGURATION: Word = Word::new(
    "New webinar configuration",
    "Nouvelle configuration de webinaire",
);
pub const CHECK: Word = Word::new("Check", "Vérifier");
pub const REMOVE_CREDENTIALS: Word = Word::new("Remove credentials", "Supprimer les identifiants");
pub const CHECKING: Word = Word::new(
    "Checking with the provider…",
    "Vérification auprès du fournisseur…",
);
pub const CONFIGURATION_INACTIVE: Word = Word::new(
    "This configuration is inactive: events cannot select it.",
    "Cette configuration est inactive : les événements ne peuvent pas la sélectionner.",
);
/// Follows [`CONFIGURATION_INACTIVE`] while the provider's terms are not accepted.
pub const ACCEPT_TERMS_BEFORE_ACTIVATING: Word = Word::new(
    " Accept the provider's terms before activating it.",
    " Acceptez les conditions du fournisseur avant de l’activer.",
);
pub const GENERAL: Word = Word::new("General", "Général");
pub const TROUBLESHOOTING: Word =
    Word::new("Troubleshooting (read-only)", "Dépannage (lecture seule)");
pub const TERMS_OF_SERVICE_URL: Word =
    Word::new("Terms of service URL", "URL des conditions d’utilisation");
pub const PRIVACY_POLICY_URL: Word = Word::new(
    "Privacy policy URL",
    "URL de la politique de confidentialité",
);
/// [`TERMS_OF_SERVICE_URL`] as the object of "Open … in a new tab".
pub const THE_TERMS_OF_SERVICE_URL: Word =
    Word::new("Terms of service URL", "l’URL des conditions d’utilisation");
/// [`PRIVACY_POLICY_URL`] as the object of "Open … in a new tab".
pub const THE_PRIVACY_POLICY_URL: Word = Word::new(
    "Privacy policy URL",
    "l’URL de la politique de confidentialité",
);
pub const MESSAGE: Word = Word::new("Message", "Message");
pub const CREDENTIALS_ENCRYPTED: Word = Word::new(
    "Credentials are encrypted at rest and never shown again after saving. ",
    "Les identifiants sont chiffrés au repos et ne sont plus jamais affichés après \
     l’enregistrement. ",
);
pub const CREDENTIALS_ARE_SET: Word =
    Word::new("Credentials are set.", "Des identifiants sont enregistrés.");
pub const NO_CREDENTIALS_SET: Word = Word::new(
    "No credentials are set.",
    "Aucun identifiant n’est enregistré.",
);
pub const UPDATE_CREDENTIALS: Word =
    Word::new("Update credentials?", "Modifier les identifiants ?");
pub const CLIENT_ID: Word = Word::new("Client ID", "ID client");
pub const ACCESS_TOKEN_KEY: Word = Word::new("Access token key", "Clé du jeton d’accès");
pub const ACCESS_TOKEN_SECRET: Word = Word::new("Access token secret", "Secret du jeton d’accès");

/// The question before a configuration's credentials are removed.
pub fn remove_credentials_question(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => {
            format!("Remove the credentials of “{name}”? The webinar integration stops for it.")
        }
        Lang::Fr => format!(
            "Supprimer les identifiants de « {name} » ? L’intégration de webinaires s’arrête \
             pour cette configuration."
        ),
    }
}

// ---- integration health ----

pub const INTEGRATION_HEALTH: Word = Word::new("Integration health", "État de l’intégration");
pub const SYNC_PENDING: Word = Word::new("Pending", "En attente");
pub const SYNC_SYNCED: Word = Word::new("Synced", "Synchronisées");
pub const SYNC_FAILED: Word = Word::new("Failed", "En échec");
pub const LAST_SUCCESSFUL_SEND: Word = Word::new("Last successful send", "Dernier envoi réussi");
pub const LAST_ERROR: Word = Word::new("Last error", "Dernière erreur");
pub const LAST_METRICS_UPDATE: Word = Word::new(
    "Last metrics update",
    "Dernière mise à jour des statistiques",
);
/// When the last error happened is not known.
pub const TIME_UNKNOWN: Word = Word::new("time unknown", "heure inconnue");
/// No last error.
pub const NO_ERROR: Word = Word::new("None", "Aucune");
pub const RETRY_FAILED: Word = Word::new("Retry failed", "Relancer les échecs");
pub const UPDATE_METRICS_NOW: Word = Word::new(
    "Update metrics now",
    "Mettre à jour les statistiques maintenant",
);

/// What "Retry failed" did: "3 registrations queued again.".
pub fn queued_again(lang: Lang, n: u32) -> String {
    match (lang, n) {
        (Lang::En, 0) => "No failed registrations to send again.".into(),
        (Lang::En, 1) => "1 registration queued again.".into(),
        (Lang::En, n) => format!("{n} registrations queued again."),
        (Lang::Fr, 0) => "Aucune inscription en échec à renvoyer.".into(),
        (Lang::Fr, 1) => "1 inscription remise en file d’attente.".into(),
        (Lang::Fr, n) => format!("{n} inscriptions remises en file d’attente."),
    }
}

// ---- terms and integration ----

pub const ACCEPT_TERMS_QUESTION: Word = Word::new(
    "Accept the provider's terms of service and privacy policy shown here, in the name of \
     your organisation?",
    "Accepter, au nom de votre organisation, les conditions d’utilisation et la politique de \
     confidentialité du fournisseur affichées ici ?",
);
/// Whether the webinar integration is on.
pub const INTEGRATION_ON: Word = Word::new("On", "Activée");
pub const INTEGRATION_OFF: Word = Word::new("Off", "Désactivée");
/// Before the user name of who accepted the terms.
pub const ACCEPTED_BY: Word = Word::new("Accepted by ", "Acceptées par ");
/// Between who accepted the terms and when.
pub const ACCEPTED_ON: Word = Word::new(" on ", " le ");
pub const NO_LONGER_CURRENT: Word = Word::new(
    " (no longer current: the provider's URLs changed)",
    " (plus en vigueur : les URL du fournisseur ont changé)",
);
pub const ACCEPTED_TERMS_OF_SERVICE: Word = Word::new(
    "Accepted terms of service",
    "Conditions d’utilisation acceptées",
);
pub const ACCEPTED_PRIVACY_POLICY: Word = Word::new(
    "Accepted privacy policy",
    "Politique de confidentialité acceptée",
);
/// The objects of "Open … in a new tab".
pub const THE_ACCEPTED_TERMS_OF_SERVICE: Word = Word::new(
    "the accepted terms of service",
    "les conditions d’utilisation acceptées",
);
pub const THE_ACCEPTED_PRIVACY_POLICY: Word = Word::new(
    "the accepted privacy policy",
    "la politique de confidentialité acceptée",
);
pub const THE_TERMS_OF_SERVICE: Word =
    Word::new("the terms of service", "les conditions d’utilisation");
pub const THE_PRIVACY_POLICY: Word =
    Word::new("the privacy policy", "la politique de confidentialité");
pub const NOT_ACCEPTED_YET: Word = Word::new("Not accepted yet.", "Pas encore acceptées.");
pub const TERMS_TO_ACCEPT_HELP: Word = Word::new(
    "Read the provider's current terms of service and privacy policy (the globe opens each in \
     a new tab), then accept them: until then the configuration cannot be activated and \
     nothing is sent to the provider.",
    "Lisez les conditions d’utilisation et la politique de confidentialité actuelles du \
     fournisseur (le globe ouvre chacune dans un nouvel onglet), puis acceptez-les : d’ici là, \
     la configuration ne peut pas être activée et rien n’est envoyé au fournisseur.",
);
pub const ACCEPT_TERMS: Word = Word::new("Accept terms", "Accepter les conditions");
pub const TERMS_AND_INTEGRATION: Word = Word::new(
    "Terms and webinar integration",
    "Conditions et intégration de webinaires",
);
pub const WEBINAR_INTEGRATION: Word = Word::new("Webinar integration", "Intégration de webinaires");

/// Why the webinar integration is off, as people read it.
pub fn off_reason(reason: OffReason) -> Word {
    match reason {
        OffReason::TermsNotAccepted => Word::new(
            "The provider's terms of service and privacy policy have not been accepted: accept \
             them to turn the integration on.",
            "Les conditions d’utilisation et la politique de confidentialité du fournisseur \
             n’ont pas été acceptées : acceptez-les pour activer l’intégration.",
        ),
        OffReason::TermsChanged => Word::new(
            "The provider's terms of service or privacy policy changed since they were \
             accepted: accept them again to turn the integration on.",
            "Les conditions d’utilisation ou la politique de confidentialité du fournisseur ont \
             changé depuis leur acceptation : acceptez-les de nouveau pour activer \
             l’intégration.",
        ),
        OffReason::NoCredentials => Word::new(
            "No credentials are stored: enter the provider account's credentials to turn the \
             integration on.",
            "Aucun identifiant n’est enregistré : saisissez les identifiants du compte chez le \
             fournisseur pour activer l’intégration.",
        ),
        OffReason::Inactive => Word::new(
            "The configuration is inactive: activate it to turn the integration on.",
            "La configuration est inactive : activez-la pour que l’intégration fonctionne.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_is_the_api_s() {
        use ServiceStatus::*;
        for status in [
            NotChecked,
            Ok,
            InvalidCredentials,
            Unreachable,
            QuotaExceeded,
            ProviderError,
            NotConfigured,
        ] {
            assert_eq!(service_status(status).get(Lang::En), status.label());
        }
        for reason in [
            OffReason::TermsNotAccepted,
            OffReason::TermsChanged,
            OffReason::NoCredentials,
            OffReason::Inactive,
        ] {
            assert_eq!(off_reason(reason).get(Lang::En), reason.message());
        }
    }

    #[test]
    fn a_status_reads_before_its_message() {
        let status = ServiceStatus::QuotaExceeded;
        assert_eq!(
            status_with_message(Lang::En, status, "try later"),
            "Quota exceeded: try later"
        );
        assert_eq!(
            status_with_message(Lang::Fr, status, "try later"),
            "Quota dépassé : try later"
        );
    }
}
