//! Certificates of attendance and training records: the verification code printed on each
//! certificate, and the hours a record adds up.
//!
//! A code reads `TKW-7K3M-Q9PD`: eight characters drawn at random from 29 letters and digits
//! that cannot be taken for one another (no `0`/`O`, `1`/`I`/`L`, `U`/`V`), about 39 bits,
//! so a code cannot be guessed, and easy to read out over the phone or type from the paper.

use rand::Rng;

use super::workshop::WORKSHOP_LENGTH;

/// The characters a code is drawn from: digits and capitals that no one reads as another.
pub const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTWXYZ";

/// What every code begins with, naming the programme that issued it.
pub const CODE_PREFIX: &str = "TKW";

/// How many random characters a code has (two groups of four).
pub const CODE_CHARS: usize = 8;

/// A certificate's verification code, as printed: `TKW-XXXX-XXXX`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CertificateCode(String);

impl CertificateCode {
    /// A fresh code from the thread's cryptographically secure generator.
    pub fn generate() -> CertificateCode {
        CertificateCode::generate_with(&mut rand::rng())
    }

    /// A fresh code drawn from `rng` (seeded in tests).
    pub fn generate_with<R: Rng + ?Sized>(rng: &mut R) -> CertificateCode {
        let chars: String = (0..CODE_CHARS)
            .map(|_| char::from(CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())]))
            .collect();
        CertificateCode::of_chars(&chars)
    }

    fn of_chars(chars: &str) -> CertificateCode {
        CertificateCode(format!("{CODE_PREFIX}-{}-{}", &chars[..4], &chars[4..]))
    }

    /// Reads a code as someone types it from the paper: any case, with or without the
    /// prefix, the dashes or spaces; `None` unless it is a code's eight characters.
    pub fn parse(typed: &str) -> Option<CertificateCode> {
        let compact: String = typed
            .chars()
            .filter(|c| !(c.is_whitespace() || *c == '-' || *c == '\u{2010}' || *c == '\u{2011}'))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let chars = compact.strip_prefix(CODE_PREFIX).unwrap_or(&compact);
        let valid = chars.len() == CODE_CHARS && chars.bytes().all(|b| CODE_ALPHABET.contains(&b));
        valid.then(|| CertificateCode::of_chars(chars))
    }

    /// The code as printed and stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for CertificateCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The hours of training in `workshops` workshops attended: each lasts [`WORKSHOP_LENGTH`].
pub fn training_hours(workshops: usize) -> i64 {
    i64::try_from(workshops).unwrap_or(i64::MAX) * WORKSHOP_LENGTH.num_hours()
}

/// The hours one workshop counts for, as printed on its certificate.
pub fn workshop_hours() -> i64 {
    WORKSHOP_LENGTH.num_hours()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn a_code_is_the_prefix_and_two_groups_of_unambiguous_characters() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        for _ in 0..1000 {
            let code = CertificateCode::generate_with(&mut rng);
            let text = code.as_str();
            assert_eq!(text.len(), 13, "{text}");
            let parts: Vec<&str> = text.split('-').collect();
            assert_eq!(parts.len(), 3);
            assert_eq!(parts[0], "TKW");
            for group in &parts[1..] {
                assert_eq!(group.len(), 4);
                assert!(group.bytes().all(|b| CODE_ALPHABET.contains(&b)), "{text}");
            }
            for ambiguous in ['0', 'O', '1', 'I', 'L', 'U', 'V'] {
                assert!(!text[4..].contains(ambiguous), "{text}");
            }
            assert_eq!(CertificateCode::parse(text), Some(code));
        }
    }

    #[test]
    fn codes_do_not_repeat() {
        let codes: std::collections::HashSet<_> =
            (0..10_000).map(|_| CertificateCode::generate()).collect();
        assert_eq!(codes.len(), 10_000);
    }

    #[test]
    fn a_code_is_read_as_people_type_it() {
        let code = CertificateCode::parse("TKW-7K3M-Q9PD").unwrap();
        assert_eq!(code.as_str(), "TKW-7K3M-Q9PD");
        for typed in [
            "tkw-7k3m-q9pd",
            " TKW 7K3M Q9PD ",
            "7K3MQ9PD",
            "7k3m-q9pd",
            "TKW‑7K3M‑Q9PD",
        ] {
            assert_eq!(
                CertificateCode::parse(typed).as_ref(),
                Some(&code),
                "{typed}"
            );
        }
        for wrong in [
            "",
            "TKW-7K3M-Q9P",
            "TKW-7K3M-Q9PDX",
            "TKW-7K3M-Q0PD",
            "TKW-7K3M-Q9PÉ",
            "ABC-7K3M-Q9PD",
            "TKW-7K3M-Q9P٣",
        ] {
            assert_eq!(CertificateCode::parse(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn hours_add_up_half_days() {
        assert_eq!(workshop_hours(), 4);
        assert_eq!(training_hours(0), 0);
        assert_eq!(training_hours(3), 12);
    }
}
