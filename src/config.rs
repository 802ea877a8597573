//! Settings resolved from the command line and the environment, checked once.

use anyhow::Context;

use crate::cli::GlobalArgs;
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
    /// Checks the global options.
    pub fn from_args(args: &GlobalArgs) -> anyhow::Result<Settings> {
        let timezone = Zone::named(&args.timezone).context("TAKWIN_TIMEZONE")?;
        let default_language = Language::parse(&args.default_locale).with_context(|| {
            format!(
                "TAKWIN_DEFAULT_LOCALE {:?} is not one of ar, fr, en",
                args.default_locale
            )
        })?;
        Ok(Settings {
            database_url: args.database_url.clone(),
            timezone,
            default_language,
        })
    }
}
