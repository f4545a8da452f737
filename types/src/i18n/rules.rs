//! The rules' messages in French, gettext-style.
//!
//! The rules of this crate and the API answer in English; [`rule_message`] and
//! [`admin_message`] put one of their messages in the reader's language. The English
//! message is the key: each `{}` in it stands for a part that varies (a name, an id, a
//! number, another message), given again, in the same order, where the French has its
//! `{}`. A varying part that is itself a message of the tables searched is put in French
//! too (the API wraps messages in others: "The webinar was not created: …"). The first
//! entry that matches wins, so a specific entry comes before a general one. A message the
//! tables do not know is given as it is.
//!
//! There are two tables and one lookup. `REGISTRATION_MESSAGES` holds what a public
//! registration can be answered; `ADMIN_MESSAGES` every other message. [`rule_message`]
//! searches the registration table only: the registration widget calls it, so its WASM,
//! built for other websites under a size budget, carries that table and not the admin one
//! (with the whole table it measured 45.7 KB gzip instead of about 38). [`admin_message`]
//! searches both, for the admin SPA. A new message goes in the registration table when a
//! public registration can be answered it (the widget shows it), in the admin table
//! otherwise.

use super::{CLOSED_FR, FULL_FR, Lang};
use crate::event_admin::DEMO_PAYMENT_IN_PRODUCTION;
use crate::registration::{CLOSED, FULL, PASS_FULL};
use crate::validate::{MULTI_LINE, SINGLE_LINE};

/// What a public registration can be answered (the rules of an attendee and of the
/// answers, the pass and sessions chosen, the public route's refusals) and its French: all
/// the registration widget shows, and all its WASM carries.
#[rustfmt::skip]
const REGISTRATION_MESSAGES: &[(&str, &str)] = &[
    // ---- the attendee, the answers, the pass, the sessions (types/src) ----
    ("is required", "est obligatoire"),
    ("is required: contacts are matched by first and last name",
     "est obligatoire : les contacts sont rapprochés par prénom et nom"),
    ("is required: contacts are matched by email, first and last name",
     "est obligatoire : les contacts sont rapprochés par e-mail, prénom et nom"),
    ("is required: {}", "est obligatoire : {}"),
    ("must be an email address", "doit être une adresse e-mail"),
    ("must be at most {} characters", "doit compter au plus {} caractères"),
    (SINGLE_LINE, "doit tenir sur une ligne, sans caractère de contrôle"),
    ("must be one of: {}", "doit être l’un des choix : {}"),
    ("{} is not a pass of this event", "{} n’est pas un pass de cet événement"),
    ("{} is not a session of this event", "{} n’est pas une session de cet événement"),
    ("is not a question of this event", "n’est pas une question de cet événement"),
    ("takes a value, not a list of choices", "attend une valeur, pas une liste de choix"),
    ("must be Yes or No", "doit être Oui ou Non"),
    ("must be choices from: {} (joined by \", \", or listed in \"choices\")",
     "doit être des choix parmi : {} (séparés par \", \", ou listés dans \"choices\")"),
    ("must be choices from: {}", "doit être des choix parmi : {}"),
    ("has a value that is not its choices joined by \", \"",
     "a une valeur qui ne correspond pas à ses choix séparés par \", \""),
    ("reads as more than one set of choices: list them in \"choices\" (choices are {})",
     "peut se lire comme plusieurs ensembles de choix : listez-les dans \"choices\" (les \
      choix sont {})"),
    ("must be 1 to {} printable characters", "doit compter de 1 à {} caractères imprimables"),
    // ---- the public registration route's refusals (types/src, worker/src) ----
    (FULL, FULL_FR),
    (PASS_FULL, "Ce pass est épuisé et l’événement n’a pas de liste d’attente."),
    (CLOSED, CLOSED_FR),
    ("Some fields are invalid.", "Certains champs ne sont pas valides."),
    ("There is no published event {}.", "Il n’y a pas d’événement publié {}."),
];

/// Every other message of the rules (every record type) and of the API (admin, auth and
/// public routes, the webinar provider's outcomes) and its French: the admin SPA's.
#[rustfmt::skip]
const ADMIN_MESSAGES: &[(&str, &str)] = &[
    // ---- field rules (types/src) ----
    ("is required for webinar and hybrid formats",
     "est obligatoire pour les formats webinaire et hybride"),
    ("is required to link a webinar", "est obligatoire pour associer un webinaire"),
    ("must be at most {} characters to be a webinar title",
     "doit compter au plus {} caractères pour servir de titre de webinaire"),
    (MULTI_LINE,
     "ne doit pas contenir de caractères de contrôle autres que des sauts de ligne et des \
      tabulations"),
    ("must be lowercase letters, digits and single dashes, at most {} characters",
     "ne doit contenir que des lettres minuscules, des chiffres et des tirets isolés, {} \
      caractères au plus"),
    ("must be a date and time like 2026-03-14T09:30",
     "doit être une date et une heure comme 2026-03-14T09:30"),
    ("must be a date and time", "doit être une date et une heure"),
    ("must be a date like 2026-03-14", "doit être une date comme 2026-03-14"),
    ("must be after the start", "doit être après le début"),
    ("must not be before the event starts ({})",
     "ne doit pas précéder le début de l’événement ({})"),
    ("must not be after the event ends ({})",
     "ne doit pas dépasser la fin de l’événement ({})"),
    ("must be an IANA time zone such as Europe/Paris",
     "doit être un fuseau horaire IANA, comme Europe/Paris"),
    ("is not a known webinar configuration", "n’est pas une configuration de webinaire connue"),
    ("“{}” is inactive: choose an active one", "« {} » est inactive : choisissez-en une active"),
    ("is already used by another event", "est déjà utilisé par un autre événement"),
    ("makes the session {} minutes long, more than {}'s maximum of {} minutes: split it into \
      several sessions",
     "porte la durée de la session à {} minutes, au-delà du maximum de {} ({} minutes) : \
      divisez-la en plusieurs sessions"),
    ("must be a whole number from {} to {}", "doit être un nombre entier de {} à {}"),
    ("must be a whole number", "doit être un nombre entier"),
    ("must be an https URL", "doit être une URL https"),
    ("must not contain a user name or password",
     "ne doit contenir ni nom d’utilisateur ni mot de passe"),
    ("must be plain ASCII: write an internationalized host name in its xn-- form",
     "doit être en ASCII simple : écrivez un nom d’hôte internationalisé sous sa forme xn--"),
    ("needs at least one choice", "doit proposer au moins un choix"),
    ("must have at most {} choices", "doit compter au plus {} choix"),
    ("must not repeat a choice", "ne doit pas répéter un choix"),
    ("must start with a letter and use only letters, digits and _ (at most 50)",
     "doit commencer par une lettre et ne contenir que des lettres, des chiffres et des _ (50 \
      au plus)"),
    ("is already a event field", "est déjà le nom d’un champ des événements"),
    ("is already a session field", "est déjà le nom d’un champ des sessions"),
    ("is already a speaker field", "est déjà le nom d’un champ des intervenants"),
    ("is already a pass field", "est déjà le nom d’un champ des pass"),
    ("is already a {} field", "est déjà le nom d’un champ de ce type ({})"),
    ("is a standard field name", "est le nom d’un champ standard"),
    ("must be text", "doit être du texte"),
    ("must be a number", "doit être un nombre"),
    ("must be true or false", "doit être vrai ou faux"),
    ("is not a custom event field", "n’est pas un champ personnalisé des événements"),
    ("is not a custom session field", "n’est pas un champ personnalisé des sessions"),
    ("is not a custom speaker field", "n’est pas un champ personnalisé des intervenants"),
    ("is not a custom pass field", "n’est pas un champ personnalisé des pass"),
    ("is not a custom {} field", "n’est pas un champ personnalisé de ce type ({})"),
    ("{} is not a event field", "{} n’est pas un champ des événements"),
    ("{} is not a session field", "{} n’est pas un champ des sessions"),
    ("{} is not a speaker field", "{} n’est pas un champ des intervenants"),
    ("{} is not a pass field", "{} n’est pas un champ des pass"),
    ("{} is not a {} field", "{} n’est pas un champ de ce type ({})"),
    ("must list 1 to {} attendees", "doit compter de 1 à {} participants"),
    ("is not a known webinar provider", "n’est pas un fournisseur de webinaires connu"),
    ("is already used by another webinar configuration",
     "est déjà utilisé par une autre configuration de webinaire"),
    ("is already used by another webinar provider",
     "est déjà utilisé par un autre fournisseur de webinaires"),
    ("must be an origin such as https://events.example.com (no path, no trailing slash)",
     "doit être une origine comme https://events.example.com (sans chemin ni barre oblique \
      finale)"),
    ("must use https (http is allowed only for localhost and 127.0.0.1 with a port)",
     "doit utiliser https (http n’est admis que pour localhost et 127.0.0.1 avec un port)"),
    ("is listed twice", "figure deux fois"),
    ("must be an absolute URL such as https://crm.example.com/hooks",
     "doit être une URL absolue comme https://crm.example.com/hooks"),
    ("must be an https URL such as https://crm.example.com/hooks",
     "doit être une URL https comme https://crm.example.com/hooks"),
    ("must not carry a user name or password", "ne doit contenir ni nom d’utilisateur ni mot de passe"),
    ("must use https", "doit utiliser https"),
    ("must point to a public address: loopback, private and link-local addresses are refused",
     "doit désigner une adresse publique : les adresses de bouclage, privées ou lien-local sont refusées"),
    ("needs at least one event type", "demande au moins un type d’événement"),
    ("needs at least one origin", "doit compter au moins une origine"),
    ("must list at most {} origins", "doit compter au plus {} origines"),
    ("makes the webinar {} minutes long; the provider accepts 15 to 480 minutes, in 15-minute \
      steps up to 120 (15, 30, … 120) and 30-minute steps after (150, 180, … 480)",
     "porte la durée du webinaire à {} minutes ; le fournisseur accepte de 15 à 480 minutes, \
      par pas de 15 minutes jusqu’à 120 (15, 30, … 120), puis par pas de 30 minutes (150, \
      180, … 480)"),
    ("must be the provider's numeric event id",
     "doit être l’identifiant numérique de l’événement chez le fournisseur"),
    (DEMO_PAYMENT_IN_PRODUCTION,
     "ne peut pas être activée dans un déploiement de production : elle permet à n’importe \
      qui de confirmer un paiement sans payer"),
    // ---- refusals and states written by the rules (types/src) ----
    ("“{}” is the active event administration record. Deactivate it first: only one can be \
      active.",
     "« {} » est l’enregistrement d’administration des événements actif. Désactivez-le \
      d’abord : un seul peut être actif."),
    ("{} is the built-in webinar provider and cannot be deleted; you can edit it instead.",
     "{} est le fournisseur de webinaires intégré et ne peut pas être supprimé ; vous pouvez \
      plutôt le modifier."),
    ("“{}” cannot be activated yet: accept the provider's changed terms of service and \
      privacy policy first (Accept terms).",
     "« {} » ne peut pas encore être activée : acceptez d’abord les conditions d’utilisation \
      et la politique de confidentialité modifiées du fournisseur (Accepter les conditions)."),
    ("“{}” cannot be activated yet: accept the provider's terms of service and privacy policy \
      first (Accept terms).",
     "« {} » ne peut pas encore être activée : acceptez d’abord les conditions d’utilisation \
      et la politique de confidentialité du fournisseur (Accepter les conditions)."),
    ("The provider's terms of service and privacy policy have not been accepted: accept them \
      to turn the integration on.",
     "Les conditions d’utilisation et la politique de confidentialité du fournisseur n’ont \
      pas été acceptées : acceptez-les pour activer l’intégration."),
    ("The provider's terms of service or privacy policy changed since they were accepted: \
      accept them again to turn the integration on.",
     "Les conditions d’utilisation ou la politique de confidentialité du fournisseur ont \
      changé depuis leur acceptation : acceptez-les de nouveau pour activer l’intégration."),
    ("No credentials are stored: enter the provider account's credentials to turn the \
      integration on.",
     "Aucun identifiant n’est enregistré : saisissez les identifiants du compte chez le \
      fournisseur pour activer l’intégration."),
    ("The configuration is inactive: activate it to turn the integration on.",
     "La configuration est inactive : activez-la pour que l’intégration fonctionne."),
    ("The provider's copy differs: {} changed since the webinar was created. The provider's \
      API offers no call to update a webinar, so change it at the provider too.",
     "La copie du fournisseur diffère de l’événement (champs modifiés depuis la création du \
      webinaire : {}). L’API du fournisseur ne permet pas de modifier un webinaire : faites \
      aussi la modification chez le fournisseur."),
    // ---- the API's errors (worker/src) ----
    ("This route accepts {}.", "Cette route accepte {}."),
    ("The request body must be JSON (Content-Type: application/json).",
     "Le corps de la requête doit être du JSON (Content-Type: application/json)."),
    ("The request body must be at most {} bytes.",
     "Le corps de la requête doit faire au plus {} octets."),
    ("The request body must be a JSON object.", "Le corps de la requête doit être un objet JSON."),
    ("The request body is not valid JSON: it is not UTF-8.",
     "Le corps de la requête n’est pas du JSON valide : il n’est pas en UTF-8."),
    ("The request body is not valid JSON: {}.",
     "Le corps de la requête n’est pas du JSON valide : {}."),
    ("The request URL is not valid: {}.", "L’URL de la requête n’est pas valide : {}."),
    ("Too many attempts. Try again in 1 seconds.",
     "Trop de tentatives. Réessayez dans 1 seconde."),
    ("Too many attempts. Try again in {} seconds.",
     "Trop de tentatives. Réessayez dans {} secondes."),
    ("Something went wrong on our side. Quote the request id when reporting it.",
     "Une erreur s’est produite de notre côté. Indiquez l’identifiant de la requête en la \
      signalant."),
    ("Sign in to continue.", "Connectez-vous pour continuer."),
    ("This needs the role {}; you are {}.", "Il faut pour cela le rôle {} ; vous êtes {}."),
    ("event planner or administrator", "organisateur d’événements ou administrateur"),
    ("administrator", "administrateur"),
    ("an event planner", "organisateur d’événements"),
    ("an administrator", "administrateur"),
    ("a viewer", "lecteur"),
    ("This user is disabled. Ask an administrator.",
     "Cet utilisateur est désactivé. Adressez-vous à un administrateur."),
    ("is not your current password", "n’est pas votre mot de passe actuel"),
    ("is already taken by another user", "est déjà pris par un autre utilisateur"),
    ("may contain only letters, digits and . _ @ -",
     "ne peut contenir que des lettres, des chiffres et . _ @ -"),
    ("must be administrator, event_planner or viewer",
     "doit être administrator, event_planner ou viewer"),
    ("must be at least {} characters", "doit compter au moins {} caractères"),
    ("At least one active administrator must remain.",
     "Il doit rester au moins un administrateur actif."),
    ("You cannot disable your own user.", "Vous ne pouvez pas désactiver votre propre utilisateur."),
    ("There is no user with id {}.", "Il n’y a pas d’utilisateur avec l’identifiant {}."),
    ("is not a record type", "n’est pas un type d’enregistrement"),
    ("must be from 1 to {}, or null to keep data", "doit aller de 1 à {}, ou null pour garder les données"),
    ("must be a date YYYY-MM-DD", "doit être une date AAAA-MM-JJ"),
    ("The user name or password is not correct.",
     "Le nom d’utilisateur ou le mot de passe est incorrect."),
    ("Sign-in is not configured: set the ADMIN_PASSWORD secret.",
     "La connexion n’est pas configurée : définissez le secret ADMIN_PASSWORD."),
    ("Requests that change data must come from {}, not {}.",
     "Les requêtes qui modifient des données doivent venir de {}, pas de {}."),
    ("Requests that change data must carry an Origin header.",
     "Les requêtes qui modifient des données doivent porter un en-tête Origin."),
    ("The binding {} is missing: declare it in wrangler.toml.",
     "La liaison {} est absente : déclarez-la dans wrangler.toml."),
    ("Credentials unavailable: {}.", "Identifiants indisponibles : {}."),
    ("the CREDENTIALS_KEYRING secret is not set", "le secret CREDENTIALS_KEYRING n’est pas défini"),
    ("the CREDENTIALS_KEYRING secret is invalid: {}",
     "le secret CREDENTIALS_KEYRING n’est pas valide : {}"),
    ("not the expected JSON ({})", "ce n’est pas le JSON attendu ({})"),
    ("key '{}' is not 64 hex characters", "la clé « {} » ne compte pas 64 caractères hexadécimaux"),
    ("current key '{}' is not among the keys", "la clé courante « {} » ne figure pas parmi les clés"),
    ("the credentials are wrapped with key '{}', which is not in CREDENTIALS_KEYRING",
     "les identifiants sont chiffrés avec la clé « {} », absente de CREDENTIALS_KEYRING"),
    ("the credentials cannot be decrypted with the configured keys (wrong key or altered \
      record)",
     "les identifiants ne peuvent pas être déchiffrés avec les clés configurées (mauvaise clé \
      ou enregistrement altéré)"),
    ("status must be confirmed, waitlisted, cancelled or all.",
     "status doit valoir confirmed, waitlisted, cancelled ou all."),
    // serde's words for a value of the wrong type (a field error of any JSON body)
    ("invalid type: {}, expected {}", "type non valide : {}, attendu : {}"),
    ("invalid value: {}, expected {}", "valeur non valide : {}, attendu : {}"),
    ("invalid length {}, expected {}", "longueur non valide {}, attendu : {}"),
    ("unknown variant {}, expected {}", "valeur inconnue {}, attendu : {}"),
    ("unknown field {}, expected {}", "champ inconnu {}, attendu : {}"),
    ("missing field {}", "champ manquant : {}"),
    ("duplicate field {}", "champ en double : {}"),
    // not found
    ("There is no API route {}.", "Il n’y a pas de route d’API {}."),
    ("There is no such Events API route.", "Cette route de l’API Events n’existe pas."),
    ("There is no event with id {}.", "Il n’y a pas d’événement avec l’identifiant {}."),
    ("There is no session with id {} in this event.",
     "Il n’y a pas de session avec l’identifiant {} dans cet événement."),
    ("There is no speaker with id {} in this event.",
     "Il n’y a pas d’intervenant avec l’identifiant {} dans cet événement."),
    ("There is no pass with id {} in this event.",
     "Il n’y a pas de pass avec l’identifiant {} dans cet événement."),
    ("There is no custom registration field with id {} in this event.",
     "Il n’y a pas de champ d’inscription personnalisé avec l’identifiant {} dans cet \
      événement."),
    ("There is no {} with id {} in this event.",
     "Il n’y a pas de {} avec l’identifiant {} dans cet événement."),
    ("There is no registration with id {} for this event.",
     "Il n’y a pas d’inscription avec l’identifiant {} pour cet événement."),
    ("There is no contact with id {}.", "Il n’y a pas de contact avec l’identifiant {}."),
    ("There is no webinar configuration with id {}.",
     "Il n’y a pas de configuration de webinaire avec l’identifiant {}."),
    ("There is no webinar provider with id {}.",
     "Il n’y a pas de fournisseur de webinaires avec l’identifiant {}."),
    ("There is no custom field with id {}.",
     "Il n’y a pas de champ personnalisé avec l’identifiant {}."),
    ("There is no website table configuration with id {}.",
     "Il n’y a pas de configuration de table du site web avec l’identifiant {}."),
    ("There is no event administration record with id {}.",
     "Il n’y a pas d’enregistrement d’administration des événements avec l’identifiant {}."),
    ("There is no webhook with id {}.", "Il n’y a pas de webhook avec l’identifiant {}."),
    // The delivery log (worker/src/webhooks.rs).
    ("The receiver answered {}.", "Le destinataire a répondu {}."),
    ("The receiver did not answer within {} seconds.",
     "Le destinataire n’a pas répondu dans les {} secondes."),
    ("Could not reach the receiver: {}", "Destinataire injoignable : {}"),
    ("The address {} is refused in production.", "L’adresse {} est refusée en production."),
    ("The webhook was deleted.", "Le webhook a été supprimé."),
    ("The webhook is inactive.", "Le webhook est inactif."),
    ("There is no delivery with id {} for this webhook.",
     "Il n’y a pas d’envoi avec l’identifiant {} pour ce webhook."),
    ("There is no web application with id {}.",
     "Il n’y a pas d’application web avec l’identifiant {}."),
    // conflicts
    ("A webinar configuration with id {} exists.",
     "Une configuration de webinaire avec l’identifiant {} existe déjà."),
    ("“{}” is used by: {}. Choose another webinar configuration there first.",
     "« {} » est utilisée par : {}. Choisissez-y d’abord une autre configuration de \
      webinaire."),
    ("{} is used by webinar configurations: {}. Change or delete them first.",
     "{} est utilisé par des configurations de webinaire : {}. Modifiez-les ou supprimez-les \
      d’abord."),
    ("A custom field's table, name and type cannot change; create a new field instead.",
     "La table, le nom et le type d’un champ personnalisé ne peuvent pas changer ; créez \
      plutôt un nouveau champ."),
    ("{} is listed by website table configurations: {}. Remove it there first.",
     "{} figure dans des configurations de table du site web : {}. Retirez-le d’abord de \
      celles-ci."),
    ("“{}” already has its webinar at the provider (event {}).",
     "« {} » a déjà son webinaire chez le fournisseur (événement {})."),
    ("“{}” is an in-person event: only webinar and hybrid events have a webinar.",
     "« {} » est un événement en présentiel : seuls les événements webinaire et hybrides ont \
      un webinaire."),
    ("“{}” has no webinar configuration: choose one first.",
     "« {} » n’a pas de configuration de webinaire : choisissez-en une d’abord."),
    ("The webinar of “{}” is being created right now; try again in a moment.",
     "Le webinaire de « {} » est en cours de création ; réessayez dans un instant."),
    ("The webinar integration of “{}” is off, so nothing is sent to {}: {}",
     "L’intégration de webinaires de « {} » est désactivée, donc rien n’est envoyé à {} : {}"),
    ("The webinar integration of “{}” is off, so nothing is asked of {}: {}",
     "L’intégration de webinaires de « {} » est désactivée, donc rien n’est demandé à {} : {}"),
    ("This registration has nothing to send to the webinar provider (its sync state is {}).",
     "Cette inscription n’a rien à envoyer au fournisseur de webinaires (son état de \
      synchronisation est {})."),
    ("The pass {} has just been deleted from this event; reload the event and try again.",
     "Le pass {} vient d’être supprimé de cet événement ; rechargez l’événement et \
      réessayez."),
    ("The session {} has just been deleted from this event; reload the event and try again.",
     "La session {} vient d’être supprimée de cet événement ; rechargez l’événement et \
      réessayez."),
    ("The question {} has just been deleted from this event; reload the event and try again.",
     "La question {} vient d’être supprimée de cet événement ; rechargez l’événement et \
      réessayez."),
    ("The {} {} has just been deleted from this event; reload the event and try again.",
     "L’élément {} {} vient d’être supprimé de cet événement ; rechargez l’événement et \
      réessayez."),
    ("This event has {} registration and cannot be deleted. Unpublish it instead.",
     "Cet événement a {} inscription et ne peut pas être supprimé. Annulez plutôt sa \
      publication."),
    ("This event has {} registrations and cannot be deleted. Unpublish it instead.",
     "Cet événement a {} inscriptions et ne peut pas être supprimé. Annulez plutôt sa \
      publication."),
    ("This pass is held by {} registration and cannot be deleted.",
     "Ce pass est détenu par {} inscription et ne peut pas être supprimé."),
    ("This pass is held by {} registrations and cannot be deleted.",
     "Ce pass est détenu par {} inscriptions et ne peut pas être supprimé."),
    ("This session is chosen by {} registration and cannot be deleted.",
     "Cette session est choisie par {} inscription et ne peut pas être supprimée."),
    ("This session is chosen by {} registrations and cannot be deleted.",
     "Cette session est choisie par {} inscriptions et ne peut pas être supprimée."),
    ("This question is answered by {} registration and cannot be deleted.",
     "Cette question a reçu une réponse dans {} inscription et ne peut pas être supprimée."),
    ("This question is answered by {} registrations and cannot be deleted.",
     "Cette question a reçu une réponse dans {} inscriptions et ne peut pas être supprimée."),
    ("attendees[{}]: {}", "attendees[{}] : {}"),
    // the public Events API's refusals
    ("An application token is required: add ?emApplicationtoken=<token> or an \
      Authorization: Bearer header.",
     "Un jeton d’application est requis : ajoutez ?emApplicationtoken=<jeton> ou un en-tête \
      Authorization: Bearer."),
    ("The application token is not valid.", "Le jeton d’application n’est pas valide."),
    ("The origin {} is not allowed for this application.",
     "L’origine {} n’est pas autorisée pour cette application."),
    ("The origin {} is not allowed.", "L’origine {} n’est pas autorisée."),
    ("A CORS preflight needs an Origin header.",
     "Une requête préliminaire CORS doit porter un en-tête Origin."),
    // the webinar provider: refusals, checks, deliveries and attendance
    ("The webinar was not created: the provider refused the credentials ({}). Check the \
      webinar configuration.",
     "Le webinaire n’a pas été créé : le fournisseur a refusé les identifiants ({}). Vérifiez \
      la configuration de webinaire."),
    ("The webinar was not created: {} Try again later.",
     "Le webinaire n’a pas été créé : {} Réessayez plus tard."),
    ("The webinar was not created: {}", "Le webinaire n’a pas été créé : {}"),
    ("The provider refused the webinar.", "Le fournisseur a refusé le webinaire."),
    ("The provider's answer did not describe the created webinar.",
     "La réponse du fournisseur ne décrit pas le webinaire créé."),
    ("Connected: the provider accepted the credentials.",
     "Connecté : le fournisseur a accepté les identifiants."),
    ("Connected: the provider accepted the last call.",
     "Connecté : le fournisseur a accepté le dernier appel."),
    ("The provider refused the credentials.", "Le fournisseur a refusé les identifiants."),
    ("The provider refused access with these credentials.",
     "Le fournisseur a refusé l’accès avec ces identifiants."),
    ("The provider does not know this client ID.", "Le fournisseur ne connaît pas cet ID client."),
    ("The provider answered HTTP {}.", "Le fournisseur a répondu avec le statut HTTP {}."),
    ("Quota exceeded.", "Quota dépassé."),
    ("Too many requests.", "Trop de requêtes."),
    ("Could not reach {}: {}", "Impossible de joindre {} : {}"),
    ("{} did not answer within {} seconds.", "{} n’a pas répondu dans les {} secondes."),
    ("invalid base URL {}: {}", "URL de base non valide {} : {}"),
    ("invalid base URL {}", "URL de base non valide {}"),
    ("No credentials: the webinar integration is off for this configuration.",
     "Aucun identifiant : l’intégration de webinaires est désactivée pour cette \
      configuration."),
    ("No credentials are stored: the webinar integration is off.",
     "Aucun identifiant n’est enregistré : l’intégration de webinaires est désactivée."),
    ("The provider refused this registrant.", "Le fournisseur a refusé cette personne inscrite."),
    ("The provider refused the credentials ({}): sending is paused until they are replaced.",
     "Le fournisseur a refusé les identifiants ({}) : l’envoi est suspendu jusqu’à leur \
      remplacement."),
    ("Convene could not read the event: {}", "Convene n’a pas pu lire l’événement : {}"),
    ("Waiting: the credentials cannot be opened ({}).",
     "En attente : les identifiants ne peuvent pas être ouverts ({})."),
    ("Waiting: “{}” has no webinar configuration.",
     "En attente : « {} » n’a pas de configuration de webinaire."),
    ("Waiting: the webinar of “{}” is not created at the provider yet.",
     "En attente : le webinaire de « {} » n’est pas encore créé chez le fournisseur."),
    ("Waiting: the webinar integration is off ({})",
     "En attente : l’intégration de webinaires est désactivée ({})"),
    ("Waiting: the configuration has no credentials.",
     "En attente : la configuration n’a pas d’identifiants."),
    ("Attendance not updated: {}", "Participation non mise à jour : {}"),
    ("Attendance updated for {} started webinar(s).",
     "Participation mise à jour pour {} webinaire(s) commencé(s)."),
    ("The provider's attendance report is not JSON.",
     "Le rapport de participation du fournisseur n’est pas du JSON."),
    ("The provider's attendance report lists no attendees.",
     "Le rapport de participation du fournisseur ne liste aucun participant."),
];

/// Tables searched in turn, as one: the first entry that matches wins.
type Tables = &'static [&'static [(&'static str, &'static str)]];

/// The widget's tables: a registration's messages only.
const REGISTRATION: Tables = &[REGISTRATION_MESSAGES];

/// The SPA's tables: every message. The registration table comes first, as its entries
/// came before the admin entries that could also take their messages when both were one
/// table (`is required: {}` before `{} is not a {} field`), so each message reads as
/// before.
const EVERY: Tables = &[REGISTRATION_MESSAGES, ADMIN_MESSAGES];

/// `message`, one of the messages a public registration can be answered (a rule's, or the
/// public route's), in `lang`: the registration widget's. A message of another record type
/// or route is given as it is (use [`admin_message`]).
pub fn rule_message(message: &str, lang: Lang) -> String {
    translate(REGISTRATION, message, lang)
}

/// `message`, any of this crate's rule messages or of the API's, in `lang`: the admin
/// SPA's. A message the tables do not know is given as it is.
pub fn admin_message(message: &str, lang: Lang) -> String {
    translate(EVERY, message, lang)
}

fn translate(tables: Tables, message: &str, lang: Lang) -> String {
    match lang {
        Lang::En => message.to_string(),
        Lang::Fr => to_french(tables, message).unwrap_or_else(|| message.to_string()),
    }
}

/// The entries of `tables`, in the order they are searched.
fn entries(tables: Tables) -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    tables.iter().flat_map(|table| table.iter())
}

/// The French of the first entry of `tables` that `message` reads as.
fn to_french(tables: Tables, message: &str) -> Option<String> {
    entries(tables).find_map(|(english, french)| fill(tables, english, french, message))
}

/// `french` with the parts of `message` that the `{}` of `english` stand for, when
/// `message` reads as `english`. Each fixed text between two parts is found at its first
/// place; a part that is a message of `tables` is put in French too.
fn fill(tables: Tables, english: &str, french: &str, message: &str) -> Option<String> {
    let mut fixed = english.split("{}");
    let mut rest = message.strip_prefix(fixed.next().unwrap_or_default())?;
    let mut parts = Vec::new();
    let mut fixed = fixed.peekable();
    while let Some(text) = fixed.next() {
        if fixed.peek().is_none() {
            parts.push(rest.strip_suffix(text)?);
            rest = "";
        } else {
            let at = rest.find(text)?;
            parts.push(&rest[..at]);
            rest = &rest[at + text.len()..];
        }
    }
    if !rest.is_empty() {
        return None;
    }
    let mut pieces = french.split("{}");
    let mut out = pieces.next().unwrap_or_default().to_string();
    for (piece, part) in pieces.zip(parts) {
        // Every entry has fixed text, so a part is shorter than its message: this ends.
        match to_french(tables, part) {
            Some(translated) => out.push_str(&translated),
            None => out.push_str(part),
        }
        out.push_str(piece);
    }
    Some(out)
}

#[cfg(test)]
mod tests;
