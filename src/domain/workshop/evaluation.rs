//! Evaluation: scores from 1 to 5, comments, and the scores summed up in integers.

use serde::{Deserialize, Serialize};

use super::{rounded_ratio, western_digit};
use crate::domain::text::{TextError, TextRule, code_point};

/// Longest evaluation comment, in characters.
pub const MAX_COMMENT_CHARS: usize = 1000;

/// A rating of a workshop, 1 (poor) to 5 (excellent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Score(u8);

/// Why an evaluation was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvaluationError {
    /// Not a whole number from 1 to 5.
    #[error("{input:?} is not a score from 1 to 5")]
    BadScore {
        /// The text or number as given.
        input: String,
    },
    /// The comment is too long.
    #[error("the comment has {chars} characters, more than {max}")]
    CommentTooLong {
        /// Its length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// A control character (NUL, escape …) in the comment.
    #[error(
        "the comment has a control character ({}) at character {position}, which cannot be stored",
        code_point(*found)
    )]
    CommentControlCharacter {
        /// The character.
        found: char,
        /// Where, counting characters from 1.
        position: usize,
    },
    /// A bidirectional override, embedding or isolate in the comment.
    #[error(
        "the comment has a bidirectional control ({}) at character {position}, which can make \
         text display otherwise than it is written",
        code_point(*found)
    )]
    CommentBidiControl {
        /// The character.
        found: char,
        /// Where, counting characters from 1.
        position: usize,
    },
    /// The comment has only invisible characters.
    #[error("the comment has no visible character")]
    CommentInvisible,
}

impl EvaluationError {
    /// The stable suffix of the Fluent key explaining the refusal.
    pub fn code(&self) -> &'static str {
        match self {
            EvaluationError::BadScore { .. } => "bad-score",
            EvaluationError::CommentTooLong { .. } => "comment-too-long",
            EvaluationError::CommentControlCharacter { .. } => "comment-control-character",
            EvaluationError::CommentBidiControl { .. } => "comment-bidi-control",
            EvaluationError::CommentInvisible => "comment-invisible",
        }
    }
}

impl Score {
    /// A score, if it is 1 to 5.
    pub fn new(value: u8) -> Result<Score, EvaluationError> {
        if (1..=5).contains(&value) {
            Ok(Score(value))
        } else {
            Err(EvaluationError::BadScore {
                input: value.to_string(),
            })
        }
    }

    /// Reads a score from a button payload or typed text (`4`).
    pub fn parse(input: &str) -> Result<Score, EvaluationError> {
        let bad = || EvaluationError::BadScore {
            input: input.trim().to_owned(),
        };
        let mut chars = input.trim().chars();
        match (chars.next().and_then(western_digit), chars.next()) {
            (Some(d), None) => Score::new(d as u8 - b'0').map_err(|_| bad()),
            _ => Err(bad()),
        }
    }

    /// The value, 1 to 5.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Score {
    type Error = EvaluationError;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Score::new(value)
    }
}

impl From<Score> for u8 {
    fn from(score: Score) -> u8 {
        score.0
    }
}

/// Checks an evaluation comment by the text rule of titles and names (`domain::text`), on
/// several lines: up to 1000 characters; blank means none.
pub fn parse_comment(input: &str) -> Result<Option<String>, EvaluationError> {
    TextRule::several_lines(MAX_COMMENT_CHARS)
        .clean_optional(input)
        .map_err(|error| match error {
            TextError::TooLong { chars, max } => EvaluationError::CommentTooLong { chars, max },
            TextError::ControlCharacter { found, position } => {
                EvaluationError::CommentControlCharacter { found, position }
            }
            TextError::BidiControl { found, position } => {
                EvaluationError::CommentBidiControl { found, position }
            }
            // An optional text of several lines is never refused as empty or for a line
            // break; were it, nothing visible is what the person would have sent.
            TextError::Invisible | TextError::Empty | TextError::LineBreak { .. } => {
                EvaluationError::CommentInvisible
            }
        })
}

/// One attendee's evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    /// The score.
    pub score: Score,
    /// The comment, if any.
    pub comment: Option<String>,
}

/// The scores of a workshop summed up, in integers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationSummary {
    /// How many scores.
    pub count: u32,
    /// The mean in tenths, rounded half up (`43` is 4.3); `None` without scores.
    pub mean_tenths: Option<u32>,
    /// How many gave 1, 2, 3, 4, 5 (index 0 is score 1).
    pub distribution: [u32; 5],
}

impl EvaluationSummary {
    /// Sums up scores.
    pub fn from_scores(scores: impl IntoIterator<Item = Score>) -> EvaluationSummary {
        let mut summary = EvaluationSummary::default();
        let mut sum: u64 = 0;
        for score in scores {
            summary.count += 1;
            summary.distribution[usize::from(score.get() - 1)] += 1;
            sum += u64::from(score.get());
        }
        summary.mean_tenths = rounded_ratio(sum * 10, u64::from(summary.count));
        summary
    }
}

impl EvaluationSummary {
    /// Several workshops' scores summed up as one: the programme's mean is that of every
    /// score given, not the mean of the workshops' means.
    pub fn combined<'a>(
        summaries: impl IntoIterator<Item = &'a EvaluationSummary>,
    ) -> EvaluationSummary {
        let mut all = EvaluationSummary::default();
        let mut sum: u64 = 0;
        for s in summaries {
            all.count += s.count;
            for (score, n) in (1u64..).zip(s.distribution) {
                all.distribution[(score - 1) as usize] += n;
                sum += score * u64::from(n);
            }
        }
        all.mean_tenths = rounded_ratio(sum * 10, u64::from(all.count));
        all
    }
}

/// The evaluation of one workshop, as the report shows it: anonymous scores and comments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkshopEvaluation {
    /// The workshop's id.
    pub workshop: crate::domain::ids::WorkshopId,
    /// Its title.
    pub title: String,
    /// When it started.
    pub starts_at: chrono::DateTime<chrono::Utc>,
    /// How many came (walk-ins included): who could rate it.
    pub present: u32,
    /// The scores summed up.
    pub summary: EvaluationSummary,
    /// The comments, with the rating given beside each (0 when the person gave none: a
    /// form without a scale question, or left unanswered).
    pub comments: Vec<(u8, String)>,
    /// Each question of the workshop's form with its answers summed up (the default form: the
    /// one rating).
    pub form: super::FormResults,
}

impl From<&[Score]> for EvaluationSummary {
    fn from(scores: &[Score]) -> EvaluationSummary {
        EvaluationSummary::from_scores(scores.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scores(values: &[u8]) -> Vec<Score> {
        values.iter().map(|v| Score::new(*v).unwrap()).collect()
    }

    #[test]
    fn the_programme_mean_weighs_every_score_alike() {
        let one = EvaluationSummary::from(&scores(&[5])[..]);
        let four = EvaluationSummary::from(&scores(&[1, 1, 1, 1])[..]);
        let all = EvaluationSummary::combined([&one, &four]);
        assert_eq!(all.count, 5);
        assert_eq!(all.distribution, [4, 0, 0, 0, 1]);
        // (1 + 1 + 1 + 1 + 5) / 5 = 1.8, not the mean of means (5 + 1) / 2 = 3.
        assert_eq!(all.mean_tenths, Some(18));
        assert_eq!(EvaluationSummary::combined([]).mean_tenths, None);
    }

    #[test]
    fn scores_and_comments() {
        assert!(Score::new(0).is_err());
        assert!(Score::new(6).is_err());
        assert_eq!(Score::parse(" 4 ").unwrap().get(), 4);
        assert_eq!(Score::parse("٥").unwrap().get(), 5);
        for text in ["0", "6", "10", "", "a", "4.5"] {
            assert_eq!(
                Score::parse(text).unwrap_err().code(),
                "bad-score",
                "{text}"
            );
        }
        assert!(serde_json::from_str::<Score>("7").is_err());
        assert_eq!(parse_comment("  "), Ok(None));
        assert_eq!(
            parse_comment(" Useful ").unwrap().as_deref(),
            Some("Useful")
        );
        // Several lines are a comment's right; controls and direction overrides are not.
        assert_eq!(
            parse_comment(" Useful.\r\n\r\nMore practice, please. ")
                .unwrap()
                .as_deref(),
            Some("Useful.\n\nMore practice, please.")
        );
        assert_eq!(
            parse_comment("ok\0"),
            Err(EvaluationError::CommentControlCharacter {
                found: '\0',
                position: 3
            })
        );
        assert_eq!(
            parse_comment("\u{202e}ok").unwrap_err().code(),
            "comment-bidi-control"
        );
        assert_eq!(
            parse_comment("\u{200b}\u{200b}"),
            Err(EvaluationError::CommentInvisible)
        );
        assert_eq!(
            parse_comment(&"ت".repeat(1001)),
            Err(EvaluationError::CommentTooLong {
                chars: 1001,
                max: 1000
            })
        );
    }

    #[test]
    fn error_codes_are_distinct() {
        let errors = [
            EvaluationError::BadScore {
                input: String::new(),
            },
            EvaluationError::CommentTooLong { chars: 2, max: 1 },
            EvaluationError::CommentControlCharacter {
                found: '\0',
                position: 1,
            },
            EvaluationError::CommentBidiControl {
                found: '\u{202e}',
                position: 1,
            },
            EvaluationError::CommentInvisible,
        ];
        let codes: std::collections::HashSet<_> =
            errors.iter().map(EvaluationError::code).collect();
        assert_eq!(codes.len(), errors.len());
    }

    #[test]
    fn evaluation_summary_in_integer_tenths() {
        let summary = EvaluationSummary::from(&scores(&[5, 4, 4, 3, 5, 5])[..]);
        // 26 / 6 = 4.33…
        assert_eq!(
            summary,
            EvaluationSummary {
                count: 6,
                mean_tenths: Some(43),
                distribution: [0, 0, 1, 2, 3]
            }
        );
        // 17 / 4 = 4.25, rounded half up.
        assert_eq!(
            EvaluationSummary::from_scores(scores(&[4, 4, 4, 5])).mean_tenths,
            Some(43)
        );
        // 5 / 3 = 1.66…
        assert_eq!(
            EvaluationSummary::from_scores(scores(&[1, 2, 2])).mean_tenths,
            Some(17)
        );
        assert_eq!(
            EvaluationSummary::from_scores(scores(&[1])).mean_tenths,
            Some(10)
        );
        assert_eq!(
            EvaluationSummary::from_scores([]),
            EvaluationSummary {
                count: 0,
                mean_tenths: None,
                distribution: [0; 5]
            }
        );
    }
}
