//! Money: an amount of dirhams held as integer centimes, never as a floating-point number, read
//! the ways people write it in Morocco (`12500`, `12 500,00`, `12.500,00 DH`, `12500.50`,
//! «12.500,00 درهم») and shown per language by `i18n::format_amount`.

use std::fmt;
use std::ops::{Add, Sub};

use serde::{Deserialize, Serialize};

/// An amount of money in centimes of dirham. Negative amounts exist only as results (a
/// balance overpaid); what people type is never negative.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(i64);

/// The largest amount read: a billion dirhams, far above any commune's contribution, so a
/// slip of the keyboard (an extra group of zeros) is refused rather than recorded.
pub const MAX_DIRHAMS: i64 = 1_000_000_000;

/// Why a typed amount was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Nothing was written.
    #[error("no amount was written")]
    Empty,
    /// Not a number as people write amounts.
    #[error("{input:?} is not an amount in dirhams (e.g. 12500, 12 500,00 or 12.500,00 DH)")]
    NotAnAmount {
        /// What was typed.
        input: String,
    },
    /// More than two digits after the decimal separator.
    #[error("{input:?} has more than two decimals: amounts are in dirhams and centimes")]
    TooPrecise {
        /// What was typed.
        input: String,
    },
    /// Zero or less, where a payment or a sum due is meant.
    #[error("{input:?} is not more than zero")]
    NotPositive {
        /// What was typed.
        input: String,
    },
    /// Above [`MAX_DIRHAMS`].
    #[error("{input:?} is more than {MAX_DIRHAMS} dirhams")]
    TooLarge {
        /// What was typed.
        input: String,
    },
}

impl MoneyError {
    /// The stable suffix of the Fluent key explaining the refusal.
    pub fn code(&self) -> &'static str {
        match self {
            MoneyError::Empty => "empty",
            MoneyError::NotAnAmount { .. } => "not-an-amount",
            MoneyError::TooPrecise { .. } => "too-precise",
            MoneyError::NotPositive { .. } => "not-positive",
            MoneyError::TooLarge { .. } => "too-large",
        }
    }
}

impl Money {
    /// Nothing.
    pub const ZERO: Money = Money(0);

    /// An amount of centimes.
    pub const fn from_centimes(centimes: i64) -> Money {
        Money(centimes)
    }

    /// A whole number of dirhams.
    pub const fn from_dirhams(dirhams: i64) -> Money {
        Money(dirhams * 100)
    }

    /// The amount in centimes, as stored.
    pub const fn centimes(self) -> i64 {
        self.0
    }

    /// Whether it is more than nothing.
    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    /// Reads an amount more than zero as people write it: spaces (also no-break) or a dot or
    /// a comma between thousands; a comma or a dot before at most two decimals; `DH`, `MAD`,
    /// `dirhams` or `درهم` around it. A separator followed by exactly three digits is a
    /// thousands separator (`12.500` is twelve thousand five hundred, as written in
    /// Morocco); the last separator followed by one or two digits is the decimal one.
    pub fn parse(input: &str) -> Result<Money, MoneyError> {
        let shown = input.trim().to_owned();
        if shown.is_empty() {
            return Err(MoneyError::Empty);
        }
        let not_an_amount = || MoneyError::NotAnAmount {
            input: shown.clone(),
        };
        let mut text = shown.to_lowercase();
        for unit in ["dirhams", "dirham", "درهم", "dhs", "dh", "mad"] {
            text = text.replace(unit, " ");
        }
        // Arabic-Indic and Eastern Arabic digits as Western ones: some keyboards type them.
        let text: String = text
            .chars()
            .map(|c| match c {
                '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
                '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
                '٫' => ',',
                '٬' => '.',
                c => c,
            })
            .collect();
        let text = text.trim();
        if text.starts_with('-') {
            return Err(MoneyError::NotPositive {
                input: shown.clone(),
            });
        }
        // Groups of digits and the separators between them, spaces being separators too.
        let mut groups: Vec<String> = Vec::new();
        let mut separators: Vec<char> = Vec::new();
        let mut current = String::new();
        let mut pending: Option<char> = None;
        for c in text.chars() {
            if c.is_ascii_digit() {
                if let Some(separator) = pending.take() {
                    if current.is_empty() {
                        return Err(not_an_amount());
                    }
                    groups.push(std::mem::take(&mut current));
                    separators.push(separator);
                }
                current.push(c);
            } else if matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'' | '.' | ',') {
                if current.is_empty() && groups.is_empty() {
                    return Err(not_an_amount());
                }
                // Spaces around a separator (`12 500 ,00`) do not make two separators.
                pending = match (pending, c) {
                    (Some(p), ' ' | '\u{a0}' | '\u{202f}') => Some(p),
                    _ => Some(c),
                };
            } else {
                return Err(not_an_amount());
            }
        }
        // A separator with nothing after it (`12,`).
        if current.is_empty() || matches!(pending, Some('.' | ',')) {
            return Err(not_an_amount());
        }
        groups.push(current);
        // The decimal part: the last group, after a dot or a comma, if it is one or two digits.
        let mut cents = 0i64;
        if let (Some(&last_separator), Some(last)) = (separators.last(), groups.last())
            && matches!(last_separator, '.' | ',')
            && last.len() != 3
        {
            if last.len() > 2 {
                return Err(MoneyError::TooPrecise {
                    input: shown.clone(),
                });
            }
            cents = last.parse::<i64>().map_err(|_| not_an_amount())?;
            if last.len() == 1 {
                cents *= 10;
            }
            groups.pop();
            separators.pop();
        }
        // What is left is the whole dirhams, in groups of three after the first.
        if groups.iter().skip(1).any(|g| g.len() != 3) || groups[0].is_empty() {
            return Err(not_an_amount());
        }
        // One kind of thousands separator only (`12.500,000` is not a number).
        if separators.windows(2).any(|w| w[0] != w[1]) {
            return Err(not_an_amount());
        }
        let whole: String = groups.concat();
        if whole.len() > 12 {
            return Err(MoneyError::TooLarge {
                input: shown.clone(),
            });
        }
        let dirhams: i64 = whole.parse().map_err(|_| not_an_amount())?;
        if dirhams > MAX_DIRHAMS {
            return Err(MoneyError::TooLarge { input: shown });
        }
        let money = Money(dirhams * 100 + cents);
        if !money.is_positive() {
            return Err(MoneyError::NotPositive { input: shown });
        }
        Ok(money)
    }
}

impl Add for Money {
    type Output = Money;

    fn add(self, other: Money) -> Money {
        Money(self.0 + other.0)
    }
}

impl Sub for Money {
    type Output = Money;

    fn sub(self, other: Money) -> Money {
        Money(self.0 - other.0)
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        Money(iter.map(|m| m.0).sum())
    }
}

/// The plain form the command line and CSV exports use: `12500.50` (no grouping, a dot).
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str) -> i64 {
        Money::parse(input)
            .unwrap_or_else(|e| panic!("{input:?}: {e}"))
            .centimes()
    }

    #[test]
    fn amounts_are_read_as_people_write_them() {
        for (input, centimes) in [
            ("12500", 1_250_000),
            ("12 500", 1_250_000),
            ("12\u{a0}500,00", 1_250_000),
            ("12 500,00 DH", 1_250_000),
            ("12.500,00 DH", 1_250_000),
            ("12.500", 1_250_000),
            ("12,500", 1_250_000),
            ("12,500.50", 1_250_050),
            ("12500.50", 1_250_050),
            ("12500,5", 1_250_050),
            ("12.500,00 درهم", 1_250_000),
            ("١٢٥٠٠", 1_250_000),
            ("1 250 000 dirhams", 125_000_000),
            ("MAD 300", 30_000),
            ("0,50", 50),
            ("7", 700),
        ] {
            assert_eq!(read(input), centimes, "{input}");
        }
    }

    #[test]
    fn what_is_not_an_amount_is_refused_with_the_reason() {
        let code = |input: &str| Money::parse(input).unwrap_err().code();
        assert_eq!(code(""), "empty");
        assert_eq!(code("  "), "empty");
        for input in [
            "douze mille",
            "12.50.0",
            "12 50",
            "1,2,3",
            ".50",
            "12.500,000",
            "12.500 000",
            "12,",
            "12e3",
        ] {
            assert!(
                matches!(Money::parse(input), Err(MoneyError::NotAnAmount { .. })),
                "{input}: {:?}",
                Money::parse(input)
            );
        }
        assert_eq!(code("12,5000"), "too-precise");
        assert_eq!(code("0"), "not-positive");
        assert_eq!(code("0,00"), "not-positive");
        assert_eq!(code("-300"), "not-positive");
        assert_eq!(code("2000000000"), "too-large");
        assert_eq!(code("99999999999999999999"), "too-large");
    }

    #[test]
    fn sums_and_balances_stay_exact_to_the_centime() {
        let paid: Money = ["0,10", "0,20", "12 499,70"]
            .iter()
            .map(|a| Money::parse(a).unwrap())
            .sum();
        assert_eq!(paid, Money::from_dirhams(12_500));
        let balance = Money::from_dirhams(10_000) - paid;
        assert_eq!(balance.centimes(), -250_000);
        assert_eq!(balance.to_string(), "-2500.00");
        assert_eq!(Money::from_centimes(1_250_050).to_string(), "12500.50");
    }
}
