//! The commands the page may call, by audience.

pub(crate) mod patient;
pub(crate) mod staff_content;
pub(crate) mod staff_session;
pub(crate) mod staff_settings;
