//! Settings resolved from the command line and the environment, checked once.

use anyhow::Context;

use crate::domain::roster::Language;
use crate::domain::zone::Zone;

/// What every part of Takwin needs to know about the programme.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where the data lives.
    pub database_url: String,
    /// The programme's time zone.
    pub timezone: Zone,
    /// The language used before a person has chosen one.
    pub default_language: Language,
}

impl Settings {
    /// Checks the settings as written (flags or environment): the database's URL, the
    /// time zone's name and the default language's code.
    pub fn read(
        database_url: &str,
        timezone: &str,
        default_locale: &str,
    ) -> anyhow::Result<Settings> {
        let timezone = Zone::named(timezone).context("TAKWIN_TIMEZONE")?;
        let default_language = Language::parse(default_locale).with_context(|| {
            format!("TAKWIN_DEFAULT_LOCALE {default_locale:?} is not one of ar, fr, en")
        })?;
        Ok(Settings {
            database_url: database_url.to_owned(),
            timezone,
            default_language,
        })
    }
}
