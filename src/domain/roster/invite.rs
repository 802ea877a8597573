//! Personal invitation codes, carried in `https://t.me/<bot>?start=<code>`.

use std::fmt;

use rand::Rng;

/// Characters of generated codes: URL-safe, and without the look-alikes 0/O/o, 1/I/l, so a
/// code read aloud or copied by hand survives.
const ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz";
/// Length of generated codes: 12 symbols of 56 give about 69 bits, far beyond guessing
/// through a rate-limited bot.
const GENERATED_LEN: usize = 12;
/// Telegram's limit on a `start` deep-link payload.
const MAX_LEN: usize = 64;

/// A personal invitation code: 1–64 characters of `A-Z a-z 0-9 _ -`, as Telegram allows
/// in a deep-link payload.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct InviteCode(String);

/// Why a text is not an invitation code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InviteCodeError {
    /// Nothing but blanks.
    #[error("empty invitation code")]
    Empty,
    /// Longer than Telegram's 64 characters.
    #[error("invitation code longer than 64 characters")]
    TooLong,
    /// A character Telegram does not allow in a deep-link payload.
    #[error("invitation code contains {0:?}; only A-Z, a-z, 0-9, _ and - are allowed")]
    BadCharacter(char),
}

impl InviteCode {
    /// A fresh random code from the thread's cryptographically secure generator.
    pub fn generate() -> InviteCode {
        InviteCode::generate_with(&mut rand::rng())
    }

    /// A fresh random code drawn from `rng` (seeded in tests and the demo).
    pub fn generate_with<R: Rng + ?Sized>(rng: &mut R) -> InviteCode {
        let code = (0..GENERATED_LEN)
            .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
            .collect();
        InviteCode(code)
    }

    /// Checks a payload received with `/start`; surrounding blanks are ignored.
    pub fn parse(input: &str) -> Result<InviteCode, InviteCodeError> {
        let code = input.trim();
        if code.is_empty() {
            return Err(InviteCodeError::Empty);
        }
        if let Some(c) = code
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-')))
        {
            return Err(InviteCodeError::BadCharacter(c));
        }
        // Checked after the characters so the length is in bytes = characters.
        if code.len() > MAX_LEN {
            return Err(InviteCodeError::TooLong);
        }
        Ok(InviteCode(code.to_owned()))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for InviteCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for InviteCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use rand::SeedableRng;

    use super::*;

    #[test]
    fn alphabet_is_unambiguous_and_url_safe() {
        let set: HashSet<u8> = ALPHABET.iter().copied().collect();
        assert_eq!(set.len(), ALPHABET.len(), "no repeated symbol");
        for c in b"01OoIl" {
            assert!(!set.contains(c), "{} is ambiguous", *c as char);
        }
        assert!(ALPHABET.iter().all(|c| c.is_ascii_alphanumeric()));
    }

    #[test]
    fn generated_codes_have_enough_entropy() {
        let bits = GENERATED_LEN as f64 * (ALPHABET.len() as f64).log2();
        assert!(bits >= 64.0, "only {bits:.1} bits");
    }

    #[test]
    fn generated_codes_are_valid_distinct_and_use_the_alphabet() {
        let codes: Vec<InviteCode> = (0..2000).map(|_| InviteCode::generate()).collect();
        let distinct: HashSet<&str> = codes.iter().map(InviteCode::as_str).collect();
        assert_eq!(distinct.len(), codes.len());
        let mut used = HashSet::new();
        for code in &codes {
            assert_eq!(code.as_str().len(), GENERATED_LEN);
            assert!(code.as_str().bytes().all(|b| ALPHABET.contains(&b)));
            assert_eq!(InviteCode::parse(code.as_str()).as_ref(), Ok(code));
            used.extend(code.as_str().bytes());
        }
        // 24,000 draws from 56 symbols: every symbol shows up, so none is stuck out.
        assert_eq!(used.len(), ALPHABET.len());
    }

    #[test]
    fn seeded_generation_is_reproducible() {
        let a = InviteCode::generate_with(&mut rand::rngs::StdRng::seed_from_u64(7));
        let b = InviteCode::generate_with(&mut rand::rngs::StdRng::seed_from_u64(7));
        assert_eq!(a, b);
    }

    #[test]
    fn parse_follows_telegram_payload_rules() {
        assert_eq!(
            InviteCode::parse(" abc_DEF-123 ").unwrap().as_str(),
            "abc_DEF-123"
        );
        assert!(InviteCode::parse(&"a".repeat(64)).is_ok());
        assert_eq!(
            InviteCode::parse(&"a".repeat(65)),
            Err(InviteCodeError::TooLong)
        );
        assert_eq!(InviteCode::parse(""), Err(InviteCodeError::Empty));
        assert_eq!(
            InviteCode::parse("abc def"),
            Err(InviteCodeError::BadCharacter(' '))
        );
        assert_eq!(
            InviteCode::parse("كود"),
            Err(InviteCodeError::BadCharacter('ك'))
        );
        assert_eq!(
            InviteCode::parse("a+b"),
            Err(InviteCodeError::BadCharacter('+'))
        );
    }
}
