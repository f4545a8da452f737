pub mod not_found;
pub mod settings;
pub mod sign_in;
pub mod webinar_configuration_form;
pub mod webinar_configurations;
pub mod webinar_provider_form;
pub mod webinar_providers;
