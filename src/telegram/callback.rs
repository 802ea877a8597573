//! Button payloads: short, versioned tokens naming an action and its object, well under
//! Telegram's 64-byte limit. Every press is parsed here and checked by its handler.

use crate::domain::roster::Language;

/// The version prefix: a button from an older release is recognised and refused politely.
const VERSION: &str = "1";

/// What a button asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Speak to me in this language.
    SetLanguage(Language),
    /// Unlink my account (true) or keep it (false).
    Stop(bool),
}

impl Action {
    /// The payload to put in `callback_data`.
    pub fn encode(self) -> String {
        match self {
            Action::SetLanguage(l) => format!("{VERSION}:lang:{}", l.code()),
            Action::Stop(yes) => format!("{VERSION}:stop:{}", if yes { "yes" } else { "no" }),
        }
    }

    /// Reads a payload; `None` for anything not made by [`Action::encode`].
    pub fn parse(data: &str) -> Option<Action> {
        let mut parts = data.split(':');
        if parts.next()? != VERSION {
            return None;
        }
        let action = match (parts.next()?, parts.next()?) {
            ("lang", code) => Action::SetLanguage(Language::parse(code).ok()?),
            ("stop", "yes") => Action::Stop(true),
            ("stop", "no") => Action::Stop(false),
            _ => return None,
        };
        parts.next().is_none().then_some(action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_round_trip_and_stay_small() {
        for action in [
            Action::SetLanguage(Language::Ar),
            Action::SetLanguage(Language::Fr),
            Action::SetLanguage(Language::En),
            Action::Stop(true),
            Action::Stop(false),
        ] {
            let data = action.encode();
            assert!(data.len() <= 64);
            assert_eq!(Action::parse(&data), Some(action));
        }
    }

    #[test]
    fn foreign_payloads_are_refused() {
        for data in [
            "",
            "lang:ar",
            "2:lang:ar",
            "1:lang:xx",
            "1:stop:maybe",
            "1:stop:yes:x",
        ] {
            assert_eq!(Action::parse(data), None, "{data}");
        }
    }
}
