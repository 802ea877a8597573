//! What a `https://t.me/<bot>?start=<payload>` link carries: a person's invitation, or the
//! code of a check-in shown in the room. The two are told apart by their form alone, never by
//! trying one and then the other, so no invitation can ever be taken for a check-in.

use crate::domain::roster::InviteCode;
use crate::domain::workshop::CheckinCode;

/// What the check-in QR code's payload begins with: `ci_482913`. The `_` never appears in a
/// generated invitation code (letters and digits only), so the forms cannot meet.
const CHECKIN_PREFIX: &str = "ci_";

/// The form check-in links had before `ci_`: `ci` and six digits, exactly eight characters.
/// Generated invitation codes are twelve characters long, so one is never read as this; QR
/// codes printed before the change keep working.
const OLD_CHECKIN_PREFIX: &str = "ci";

/// What a `/start` payload is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartPayload {
    /// `/start` alone: someone opening the bot.
    Empty,
    /// A check-in code, scanned from the room's QR code.
    Checkin(CheckinCode),
    /// A personal invitation code (the roster says whose, if anyone's).
    Invitation(InviteCode),
    /// Characters Telegram never puts in a payload, or too many of them.
    Invalid,
}

impl StartPayload {
    /// Reads a payload as received with `/start`; surrounding blanks are ignored.
    pub fn parse(payload: &str) -> StartPayload {
        let payload = payload.trim();
        if payload.is_empty() {
            return StartPayload::Empty;
        }
        if let Some(code) = checkin_code(payload) {
            return StartPayload::Checkin(code);
        }
        match InviteCode::parse(payload) {
            Ok(code) => StartPayload::Invitation(code),
            Err(_) => StartPayload::Invalid,
        }
    }
}

/// The code of a check-in payload, in its present form or the old one.
fn checkin_code(payload: &str) -> Option<CheckinCode> {
    let digits = match payload.strip_prefix(CHECKIN_PREFIX) {
        Some(digits) => digits,
        None => payload
            .strip_prefix(OLD_CHECKIN_PREFIX)
            .filter(|digits| digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()))?,
    };
    CheckinCode::parse(digits).filter(|code| code.as_str() == digits)
}

/// The payload of a check-in's link: `ci_482913`.
pub fn checkin_payload(code: &CheckinCode) -> String {
    format!("{CHECKIN_PREFIX}{}", code.as_str())
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    use super::*;

    fn checkin(code: &str) -> StartPayload {
        StartPayload::Checkin(CheckinCode::parse(code).unwrap())
    }

    #[test]
    fn check_in_links_read_in_their_form_and_the_old_one() {
        let code = CheckinCode::parse("482913").unwrap();
        assert_eq!(checkin_payload(&code), "ci_482913");
        assert_eq!(StartPayload::parse("ci_482913"), checkin("482913"));
        assert_eq!(StartPayload::parse(" ci482913 "), checkin("482913"));
        assert_eq!(StartPayload::parse(""), StartPayload::Empty);
        assert_eq!(StartPayload::parse("a b"), StartPayload::Invalid);
    }

    #[test]
    fn an_invitation_beginning_with_ci_is_an_invitation() {
        // About one code in 3,136 begins with "ci": such people were told they had not joined.
        for code in [
            "ciAbCdEfGhJk",
            "ci4829134829",
            "ci482913AAAA",
            "ci_abc",
            "ci48291",
        ] {
            assert_eq!(
                StartPayload::parse(code),
                StartPayload::Invitation(InviteCode::parse(code).unwrap()),
                "{code}"
            );
        }
    }

    #[test]
    fn no_generated_invitation_is_ever_read_as_a_check_in() {
        let mut rng = StdRng::seed_from_u64(3136);
        for _ in 0..200_000 {
            let code = InviteCode::generate_with(&mut rng);
            assert_eq!(
                StartPayload::parse(code.as_str()),
                StartPayload::Invitation(code.clone())
            );
        }
    }
}
