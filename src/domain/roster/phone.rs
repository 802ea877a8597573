//! Phone numbers, always held in E.164 form (`+212612345678`).

use std::fmt;

use phonenumber::{Mode, PhoneNumber, country};

/// Morocco's country calling code.
const MOROCCO: u16 = 212;
/// Digits of a Moroccan number after the country code (or after the trunk `0`).
const MOROCCAN_NATIONAL_DIGITS: usize = 9;

/// A valid phone number in E.164 form; numbers without a country code are Moroccan.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Phone(String);

/// Why a text is not a phone number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    /// Nothing but blanks.
    #[error("no number given")]
    Empty,
    /// Letters or symbols other than the usual separators.
    #[error("only digits, spaces, dashes, dots, brackets and a leading + are allowed")]
    NotDigits,
    /// Fewer digits than a number of that country has.
    #[error("too short")]
    TooShort,
    /// More digits than a number of that country has.
    #[error("too long")]
    TooLong,
    /// A `+` or `00` followed by a country code that does not exist.
    #[error("unknown country code")]
    UnknownCountryCode,
    /// The right length, but no such number exists in that country's numbering plan.
    #[error("not a number in use in that country")]
    Invalid,
}

impl Phone {
    /// Parses what people type or Telegram's contact sharing sends: `0612345678`,
    /// `06 12 34 56 78`, `+212612345678`, `00212612345678`, `212612345678`, or any
    /// country's number with its `+` code.
    pub fn parse(input: &str) -> Result<Phone, PhoneError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(PhoneError::Empty);
        }
        let plus = input.starts_with('+');
        let body = if plus { &input[1..] } else { input };
        if !body.chars().all(|c| {
            c.is_ascii_digit() || c.is_whitespace() || matches!(c, '-' | '.' | '(' | ')' | '/')
        }) {
            return Err(PhoneError::NotDigits);
        }
        let digits: String = body.chars().filter(char::is_ascii_digit).collect();
        if digits.is_empty() {
            return Err(PhoneError::NotDigits);
        }
        if plus {
            return international(&digits);
        }
        if let Some(rest) = digits.strip_prefix("00") {
            return international(rest);
        }
        if digits.starts_with('0') {
            return national(&digits);
        }
        // Bare digits without a trunk 0: Telegram sends every number this way, with its
        // country code but without the `+`; a Moroccan national number typed without its 0
        // has 9 digits. Try the likelier reading first and fall back to the other.
        if digits.len() > MOROCCAN_NATIONAL_DIGITS {
            international(&digits).or_else(|e| national(&digits).map_err(|_| e))
        } else {
            national(&digits).or_else(|e| international(&digits).map_err(|_| e))
        }
    }

    /// A number as the store wrote it: one [`Phone::parse`] accepted, in E.164 form. It is not
    /// validated again: libphonenumber's validation (its patterns, one per country) was read at
    /// every update, for the sender's roster entry, and cost a storm of button presses 3 % of
    /// its CPU.
    pub fn from_stored(e164: String) -> Phone {
        debug_assert!(
            e164.starts_with('+')
                && e164.len() > 1
                && e164[1..].bytes().all(|b| b.is_ascii_digit()),
            "not a stored phone number: {e164}"
        );
        Phone(e164)
    }

    /// The number in E.164 form, such as `+212612345678`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number in E.164 form, consuming `self`.
    pub fn into_string(self) -> String {
        self.0
    }

    /// Whether the number is Moroccan (`+212`).
    pub fn is_moroccan(&self) -> bool {
        self.0.starts_with("+212")
    }
}

/// `digits` starts with a country calling code.
fn international(digits: &str) -> Result<Phone, PhoneError> {
    checked(phonenumber::parse(None, format!("+{digits}")))
}

/// `digits` is a Moroccan number written nationally, with or without its trunk `0`.
fn national(digits: &str) -> Result<Phone, PhoneError> {
    checked(phonenumber::parse(Some(country::MA), digits))
}

fn checked(parsed: Result<PhoneNumber, phonenumber::ParseError>) -> Result<Phone, PhoneError> {
    let number = parsed.map_err(|e| match e {
        phonenumber::ParseError::InvalidCountryCode => PhoneError::UnknownCountryCode,
        phonenumber::ParseError::TooLong => PhoneError::TooLong,
        phonenumber::ParseError::NoNumber
        | phonenumber::ParseError::TooShortAfterIdd
        | phonenumber::ParseError::TooShortNsn => PhoneError::TooShort,
        phonenumber::ParseError::MalformedInteger(_) => PhoneError::Invalid,
    })?;
    if number.is_valid() {
        return Ok(Phone(number.format().mode(Mode::E164).to_string()));
    }
    // libphonenumber only says "invalid"; for Moroccan numbers, whose length is fixed, the
    // length is what people get wrong, so say so.
    if number.code().value() == MOROCCO {
        let len = number.national().to_string().len();
        if len < MOROCCAN_NATIONAL_DIGITS {
            return Err(PhoneError::TooShort);
        }
        if len > MOROCCAN_NATIONAL_DIGITS {
            return Err(PhoneError::TooLong);
        }
    }
    Err(PhoneError::Invalid)
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Phone {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for Phone {
    type Err = PhoneError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Phone::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e164(s: &str) -> String {
        Phone::parse(s)
            .unwrap_or_else(|e| panic!("{s:?} refused: {e}"))
            .into_string()
    }

    #[test]
    fn moroccan_mobile_in_every_accepted_spelling() {
        for s in [
            "0612345678",
            "06 12 34 56 78",
            "06-12-34-56-78",
            "06.12.34.56.78",
            "+212612345678",
            "+212 6 12 34 56 78",
            "+212 (0)6 12 34 56 78",
            "00212612345678",
            "00 212 612 345 678",
            "212612345678",
            "612345678",
            "  0612345678\u{a0}",
        ] {
            assert_eq!(e164(s), "+212612345678", "{s:?}");
        }
    }

    #[test]
    fn telegram_contact_numbers() {
        // Telegram's contact sharing sends the country code without `+`, or with it.
        assert_eq!(e164("212612345678"), "+212612345678");
        assert_eq!(e164("+212612345678"), "+212612345678");
        assert_eq!(e164("33612345678"), "+33612345678");
    }

    #[test]
    fn landlines_new_mobile_ranges_and_sample_range() {
        assert_eq!(e164("0535 60 12 34"), "+212535601234");
        assert_eq!(e164("0712345678"), "+212712345678");
        assert_eq!(e164("06000 10101"), "+212600010101");
    }

    #[test]
    fn foreign_numbers_with_their_code() {
        assert_eq!(e164("+33 6 12 34 56 78"), "+33612345678");
        assert_eq!(e164("0033612345678"), "+33612345678");
        assert_eq!(e164("+1 202 555 0123"), "+12025550123");
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(Phone::parse(""), Err(PhoneError::Empty));
        assert_eq!(Phone::parse("   "), Err(PhoneError::Empty));
        assert_eq!(Phone::parse("06 12 AB 56 78"), Err(PhoneError::NotDigits));
        assert_eq!(Phone::parse("0612345678 ext 3"), Err(PhoneError::NotDigits));
        assert_eq!(Phone::parse("+"), Err(PhoneError::NotDigits));
        assert_eq!(Phone::parse("0612"), Err(PhoneError::TooShort));
        assert_eq!(Phone::parse("06123456789"), Err(PhoneError::TooLong));
        assert_eq!(Phone::parse("+212612"), Err(PhoneError::TooShort));
        // 04… is not allocated in Morocco.
        assert_eq!(Phone::parse("0412345678"), Err(PhoneError::Invalid));
        assert_eq!(
            Phone::parse("+999 123456789"),
            Err(PhoneError::UnknownCountryCode)
        );
    }

    #[test]
    fn display_and_as_str_are_e164() {
        let p = Phone::parse("06 12 34 56 78").unwrap();
        assert_eq!(p.as_str(), "+212612345678");
        assert_eq!(p.to_string(), "+212612345678");
        assert!(p.is_moroccan());
        assert!(!Phone::parse("+33612345678").unwrap().is_moroccan());
    }
}
