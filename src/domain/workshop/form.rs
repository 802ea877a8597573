//! Evaluation forms: the questions attendees answer by buttons after a workshop, their written
//! form in a programme file, their limits, and the answers summed up per question.
//!
//! A form is up to five questions, each a 1–5 scale or a choice among 2 to 6 options. The
//! default form (no question written) is the programme's one 1–5 rating: its only question,
//! number 1, is what the `evaluations` table held as the score before forms existed.
//!
//! Written in a spreadsheet cell (the `questions` column of a programme file), or typed in
//! chat in one message:
//!
//! ```text
//! form     = question { "|" question }            at most 5 questions
//! question = text "[" kind "]"
//! kind     = "scale" | "1-5"                      a 1–5 scale (also échelle, سلم)
//!          | option "/" option { "/" option }     2 to 6 options, each a button
//! ```
//!
//! `Was the content useful? [scale] | Will you apply it? [Yes/No/Partly]`. A question is at most
//! 200 characters and an option 40 (a button shows no more on a phone), one line each, and
//! neither may hold `|`, `[`, `]` or (an option) `/`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::EvaluationSummary;
use crate::domain::ids::PersonId;
use crate::domain::text::{TextError, TextRule};

/// Most questions in a form.
pub const MAX_QUESTIONS: usize = 5;
/// Longest question, in characters.
pub const MAX_QUESTION_CHARS: usize = 200;
/// Longest option, in characters: what a button shows whole on a phone.
pub const MAX_OPTION_CHARS: usize = 40;
/// Fewest options of a choice.
pub const MIN_OPTIONS: usize = 2;
/// Most options of a choice.
pub const MAX_OPTIONS: usize = 6;
/// How long after the start a form may be answered, and answers changed.
pub const FORM_OPEN_FOR: chrono::Duration = chrono::Duration::days(14);

/// The words that mean a 1–5 scale between the brackets, in any case.
const SCALE_WORDS: [&str; 6] = ["scale", "1-5", "1–5", "échelle", "echelle", "سلم"];

/// How a question is answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum QuestionKind {
    /// From 1 (poor) to 5 (excellent).
    Scale,
    /// One of these options, each a button.
    Choice {
        /// The options, 2 to 6, in button order.
        options: Vec<String>,
    },
}

/// The one question of the default form: a 1–5 scale.
const DEFAULT_KIND: &QuestionKind = &QuestionKind::Scale;

impl QuestionKind {
    /// Whether `value` answers it: 1–5 for a scale, an option's number from 1 for a choice.
    pub fn accepts(&self, value: u8) -> bool {
        match self {
            QuestionKind::Scale => (1..=5).contains(&value),
            QuestionKind::Choice { options } => value >= 1 && usize::from(value) <= options.len(),
        }
    }

    /// A stable code: `scale` or `choice`.
    pub fn code(&self) -> &'static str {
        match self {
            QuestionKind::Scale => "scale",
            QuestionKind::Choice { .. } => "choice",
        }
    }
}

/// A question an organiser wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// What is asked.
    pub text: String,
    /// How it is answered.
    #[serde(flatten)]
    pub kind: QuestionKind,
}

/// A workshop's evaluation form; no question is the default form (the 1–5 rating).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationForm {
    /// The questions in order, numbered from 1; none for the default form.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
}

/// Why a form, a question or an option was refused. Questions and options are numbered
/// from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    /// More questions than a form may have.
    #[error("{count} questions, more than {max}")]
    TooManyQuestions {
        /// How many were written.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A question's text does not pass the text rule (empty, too long, a control character …).
    #[error("question {question}: the text: {error}")]
    Question {
        /// Which question.
        question: usize,
        /// Why.
        error: TextError,
    },
    /// No `[scale]` or `[option/option]` after the question.
    #[error(
        "question {question}: say how it is answered at its end, [scale] or [Yes/No/…] \
         (\"{text}\")"
    )]
    NoKind {
        /// Which question.
        question: usize,
        /// The question as written, cut short.
        text: String,
    },
    /// A choice with fewer than two options.
    #[error("question {question}: a choice needs at least {min} options separated by /")]
    TooFewOptions {
        /// Which question.
        question: usize,
        /// The limit.
        min: usize,
    },
    /// A choice with more options than fit as buttons.
    #[error("question {question}: {count} options, more than {max}")]
    TooManyOptions {
        /// Which question.
        question: usize,
        /// How many were written.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// An option does not pass the text rule (empty, too long for a button …).
    #[error("question {question}, option {option}: {error}{}", shown(text))]
    Option {
        /// Which question.
        question: usize,
        /// Which option.
        option: usize,
        /// The option as written (cut short), when it has visible text.
        text: String,
        /// Why.
        error: TextError,
    },
    /// The same option twice.
    #[error("question {question}: the option \"{text}\" is written twice")]
    DuplicateOption {
        /// Which question.
        question: usize,
        /// The option.
        text: String,
    },
}

/// ` ("text")` after a refusal, or nothing.
fn shown(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!(" (\"{text}\")")
    }
}

/// A text cut to `max` characters with an ellipsis, to quote it in a refusal.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(max).collect();
        cut.push('…');
        cut
    }
}

impl FormError {
    /// The stable suffix of the Fluent key explaining the refusal (`form-error-…`).
    pub fn code(&self) -> &'static str {
        match self {
            FormError::TooManyQuestions { .. } => "too-many-questions",
            FormError::Question { error, .. } => match error {
                TextError::Empty | TextError::Invisible => "question-empty",
                TextError::TooLong { .. } => "question-too-long",
                TextError::LineBreak { .. } => "question-line-break",
                TextError::ControlCharacter { .. } | TextError::BidiControl { .. } => {
                    "question-character"
                }
            },
            FormError::NoKind { .. } => "no-kind",
            FormError::TooFewOptions { .. } => "too-few-options",
            FormError::TooManyOptions { .. } => "too-many-options",
            FormError::Option { error, .. } => match error {
                TextError::Empty | TextError::Invisible => "option-empty",
                TextError::TooLong { .. } => "option-too-long",
                TextError::LineBreak { .. }
                | TextError::ControlCharacter { .. }
                | TextError::BidiControl { .. } => "option-character",
            },
            FormError::DuplicateOption { .. } => "duplicate-option",
        }
    }
}

/// Checks the text of question `number`: one line, at most 200 characters, and none of the
/// signs the written form reserves.
pub fn check_question(number: usize, typed: &str) -> Result<String, FormError> {
    let error = |error| FormError::Question {
        question: number,
        error,
    };
    let text = TextRule::one_line(MAX_QUESTION_CHARS)
        .clean(typed)
        .map_err(error)?;
    Ok(text)
}

/// Reads the options of choice question `number`, separated by `/` (or, typed in chat, by
/// line breaks): 2 to 6, each at most 40 characters, none twice.
pub fn parse_options(number: usize, typed: &str) -> Result<Vec<String>, FormError> {
    let written: Vec<&str> = typed.trim().split(['/', '\n']).collect();
    if written.len() > MAX_OPTIONS {
        return Err(FormError::TooManyOptions {
            question: number,
            count: written.len(),
            max: MAX_OPTIONS,
        });
    }
    let mut options: Vec<String> = Vec::new();
    for (i, option) in written.iter().enumerate() {
        let option = option.trim_end_matches('\r');
        let text = TextRule::one_line(MAX_OPTION_CHARS)
            .clean(option)
            .map_err(|error| FormError::Option {
                question: number,
                option: i + 1,
                text: cut(option.trim(), MAX_OPTION_CHARS),
                error,
            })?;
        if options
            .iter()
            .any(|o| o.to_lowercase() == text.to_lowercase())
        {
            return Err(FormError::DuplicateOption {
                question: number,
                text,
            });
        }
        options.push(text);
    }
    if options.len() < MIN_OPTIONS {
        return Err(FormError::TooFewOptions {
            question: number,
            min: MIN_OPTIONS,
        });
    }
    Ok(options)
}

/// Reads the kind between the brackets of question `number`.
fn parse_kind(number: usize, written: &str) -> Result<QuestionKind, FormError> {
    let word = written.trim().to_lowercase();
    if SCALE_WORDS.contains(&word.as_str()) {
        return Ok(QuestionKind::Scale);
    }
    Ok(QuestionKind::Choice {
        options: parse_options(number, written.trim())?,
    })
}

impl EvaluationForm {
    /// The default form: the 1–5 rating.
    pub fn default_form() -> EvaluationForm {
        EvaluationForm::default()
    }

    /// Reads a written form (see the module's grammar); blank is the default form.
    pub fn parse(written: &str) -> Result<EvaluationForm, FormError> {
        let parts: Vec<&str> = written
            .split('|')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() > MAX_QUESTIONS {
            return Err(FormError::TooManyQuestions {
                count: parts.len(),
                max: MAX_QUESTIONS,
            });
        }
        let mut form = EvaluationForm::default();
        for (i, part) in parts.iter().enumerate() {
            let number = i + 1;
            let no_kind = || FormError::NoKind {
                question: number,
                text: cut(part, 60),
            };
            let Some(open) = part.strip_suffix(']') else {
                return Err(no_kind());
            };
            let Some((text, kind)) = open.rsplit_once('[') else {
                return Err(no_kind());
            };
            let text = check_question(number, text)?;
            let kind = parse_kind(number, kind)?;
            form.questions.push(Question { text, kind });
        }
        Ok(form)
    }

    /// Whether it is the default form (the one 1–5 rating).
    pub fn is_default(&self) -> bool {
        self.questions.is_empty()
    }

    /// How many questions are asked: 1 for the default form.
    pub fn len(&self) -> usize {
        self.questions.len().max(1)
    }

    /// Never empty: the default form has its one question.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The question numbered `number` (from 1): its text (`None` for the default rating)
    /// and kind.
    pub fn question(&self, number: usize) -> Option<(Option<&str>, &QuestionKind)> {
        if self.is_default() {
            return (number == 1).then_some((None, DEFAULT_KIND));
        }
        let q = self.questions.get(number.checked_sub(1)?)?;
        Some((Some(q.text.as_str()), &q.kind))
    }

    /// Whether `value` answers question `number`.
    pub fn accepts(&self, number: usize, value: u8) -> bool {
        self.question(number)
            .is_some_and(|(_, kind)| kind.accepts(value))
    }

    /// Adds a question the organiser wrote, unless the form is full.
    pub fn push(&mut self, question: Question) -> Result<(), FormError> {
        if self.questions.len() >= MAX_QUESTIONS {
            return Err(FormError::TooManyQuestions {
                count: self.questions.len() + 1,
                max: MAX_QUESTIONS,
            });
        }
        self.questions.push(question);
        Ok(())
    }

    /// Whether another question may be added.
    pub fn is_full(&self) -> bool {
        self.questions.len() >= MAX_QUESTIONS
    }

    /// The first question (from 1) not in `answered`, or `None` once all are answered.
    pub fn next_unanswered(&self, answered: &[usize]) -> Option<usize> {
        (1..=self.len()).find(|n| !answered.contains(n))
    }

    /// The form written back in its grammar (empty for the default form): what a programme
    /// file would hold.
    pub fn written(&self) -> String {
        self.questions
            .iter()
            .map(|q| match &q.kind {
                QuestionKind::Scale => format!("{} [scale]", q.text),
                QuestionKind::Choice { options } => format!("{} [{}]", q.text, options.join("/")),
            })
            .collect::<Vec<_>>()
            .join(" | ")
    }
}

/// What was answered to one question, summed up: anonymous counts only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Tally {
    /// A scale: how many gave 1 … 5, and the mean.
    Scale(EvaluationSummary),
    /// A choice: each option with how many chose it, in button order.
    Choice {
        /// The options and their counts.
        options: Vec<(String, u32)>,
    },
}

/// One question's results, ready for a table or a chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionResults {
    /// Its number in the form, from 1.
    pub number: usize,
    /// What was asked; `None` for the default form's rating.
    pub text: Option<String>,
    /// How many answered it.
    pub answers: u32,
    /// The answers summed up.
    pub tally: Tally,
}

/// A workshop's form with its answers summed up per question, and how many answered every
/// question. Anonymous: nothing says who answered what.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormResults {
    /// Each question in order.
    pub questions: Vec<QuestionResults>,
    /// How many people answered every question.
    pub completed: u32,
}

impl FormResults {
    /// Sums up answers `(who, question, value)` to `form`; answers that do not fit the form
    /// (none should) are left out.
    pub fn tally(
        form: &EvaluationForm,
        answers: impl IntoIterator<Item = (PersonId, usize, u8)>,
    ) -> FormResults {
        let mut values: Vec<Vec<u8>> = vec![Vec::new(); form.len()];
        let mut per_person: HashMap<PersonId, usize> = HashMap::new();
        for (person, number, value) in answers {
            if form.accepts(number, value) {
                values[number - 1].push(value);
                *per_person.entry(person).or_default() += 1;
            }
        }
        let questions = values
            .iter()
            .enumerate()
            .map(|(i, given)| {
                let (text, kind) = form.question(i + 1).expect("numbered from the form");
                let tally = match kind {
                    QuestionKind::Scale => Tally::Scale(EvaluationSummary::from_scores(
                        given.iter().filter_map(|v| super::Score::new(*v).ok()),
                    )),
                    QuestionKind::Choice { options } => Tally::Choice {
                        options: (1u8..)
                            .zip(options)
                            .map(|(n, o)| {
                                let count = given.iter().filter(|v| **v == n).count();
                                (o.clone(), count as u32)
                            })
                            .collect(),
                    },
                };
                QuestionResults {
                    number: i + 1,
                    text: text.map(str::to_owned),
                    answers: given.len() as u32,
                    tally,
                }
            })
            .collect();
        let completed = per_person.values().filter(|n| **n >= form.len()).count() as u32;
        FormResults {
            questions,
            completed,
        }
    }

    /// The workshop's rating: the first scale question's summary (the default form's one
    /// question), or nothing for a form of choices only.
    pub fn headline(&self) -> Option<(usize, &EvaluationSummary)> {
        self.questions.iter().find_map(|q| match &q.tally {
            Tally::Scale(summary) => Some((q.number, summary)),
            Tally::Choice { .. } => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(n: i64) -> PersonId {
        PersonId::new(n)
    }

    #[test]
    fn a_written_form_reads_into_questions() {
        let form = EvaluationForm::parse(
            " Le contenu était-il utile ? [scale] | Allez-vous l'appliquer ? [Oui / Non / En partie]|\
             هل كان التوقيت مناسبا؟ [سلم] ",
        )
        .unwrap();
        assert_eq!(form.len(), 3);
        assert_eq!(
            form.questions[0],
            Question {
                text: "Le contenu était-il utile ?".into(),
                kind: QuestionKind::Scale
            }
        );
        assert_eq!(
            form.questions[1].kind,
            QuestionKind::Choice {
                options: vec!["Oui".into(), "Non".into(), "En partie".into()]
            }
        );
        assert_eq!(form.questions[2].kind, QuestionKind::Scale);
        // Written back, it reads the same.
        assert_eq!(EvaluationForm::parse(&form.written()).unwrap(), form);
        // Blank is the default form, the one rating.
        let default = EvaluationForm::parse("  ").unwrap();
        assert!(default.is_default());
        assert_eq!(default.len(), 1);
        assert_eq!(default.question(1), Some((None, &QuestionKind::Scale)));
        assert_eq!(default.question(2), None);
        assert_eq!(default.written(), "");
        for scale in ["[1-5]", "[SCALE]", "[ Échelle ]"] {
            let form = EvaluationForm::parse(&format!("Utile ? {scale}")).unwrap();
            assert_eq!(form.questions[0].kind, QuestionKind::Scale, "{scale}");
        }
    }

    #[test]
    fn a_bad_form_is_refused_saying_what_and_where() {
        let refused = |written: &str| EvaluationForm::parse(written).unwrap_err();
        let six = ["Q ? [scale]"; 6].join(" | ");
        assert_eq!(
            refused(&six),
            FormError::TooManyQuestions { count: 6, max: 5 }
        );
        assert_eq!(
            refused("Utile ? [scale] | Pratique ?").to_string(),
            "question 2: say how it is answered at its end, [scale] or [Yes/No/…] (\"Pratique ?\")"
        );
        assert_eq!(refused("Utile ? [scale] | Pratique ?").code(), "no-kind");
        assert_eq!(
            refused("[scale]").to_string(),
            "question 1: the text: empty"
        );
        assert_eq!(refused("[scale]").code(), "question-empty");
        let long = "a".repeat(201);
        assert_eq!(
            refused(&format!("{long} [scale]")).to_string(),
            "question 1: the text: 201 characters, more than 200"
        );
        assert_eq!(
            refused(&format!("{long} [scale]")).code(),
            "question-too-long"
        );
        // A question of 200 Arabic letters fits: characters, not bytes.
        assert!(EvaluationForm::parse(&format!("{} [scale]", "ب".repeat(200))).is_ok());
        let option = "o".repeat(41);
        assert_eq!(
            refused(&format!("Q ? [Oui/{option}]")).to_string(),
            format!(
                "question 1, option 2: 41 characters, more than 40 (\"{}…\")",
                "o".repeat(40)
            )
        );
        assert_eq!(
            refused(&format!("Q ? [Oui/{option}]")).code(),
            "option-too-long"
        );
        assert_eq!(
            refused("Q ? [Oui]"),
            FormError::TooFewOptions {
                question: 1,
                min: 2
            }
        );
        assert_eq!(
            refused("Q ? [a/b/c/d/e/f/g]"),
            FormError::TooManyOptions {
                question: 1,
                count: 7,
                max: 6
            }
        );
        assert_eq!(refused("Q ? [Oui//Non]").code(), "option-empty");
        assert_eq!(
            refused("Q ? [Non/non]"),
            FormError::DuplicateOption {
                question: 1,
                text: "non".into()
            }
        );
        assert_eq!(refused("Q\u{202e} ? [scale]").code(), "question-character");
        assert_eq!(refused("Q ? [Oui/N\u{0}on]").code(), "option-character");
        // Six options of 40 characters are a full keyboard, and fit.
        let full = (0..6)
            .map(|i| format!("{i}{}", "x".repeat(39)))
            .collect::<Vec<_>>()
            .join("/");
        assert!(EvaluationForm::parse(&format!("Q ? [{full}]")).is_ok());
    }

    #[test]
    fn options_typed_in_chat_and_a_full_form() {
        assert_eq!(
            parse_options(2, "Oui\nNon\r\nEn partie").unwrap(),
            ["Oui", "Non", "En partie"]
        );
        assert_eq!(parse_options(2, "Oui / Non").unwrap(), ["Oui", "Non"]);
        let mut form = EvaluationForm::default();
        for _ in 0..MAX_QUESTIONS {
            form.push(Question {
                text: "Q".into(),
                kind: QuestionKind::Scale,
            })
            .unwrap();
        }
        assert!(form.is_full());
        assert!(form.push(form.questions[0].clone()).is_err());
        assert_eq!(form.next_unanswered(&[1, 3]), Some(2));
        assert_eq!(form.next_unanswered(&[1, 2, 3, 4, 5]), None);
    }

    #[test]
    fn answers_are_checked_against_the_question() {
        let form = EvaluationForm::parse("Q ? [scale] | R ? [Oui/Non]").unwrap();
        assert!(form.accepts(1, 5) && !form.accepts(1, 6) && !form.accepts(1, 0));
        assert!(form.accepts(2, 2) && !form.accepts(2, 3));
        assert!(!form.accepts(3, 1) && !form.accepts(0, 1));
        assert!(EvaluationForm::default().accepts(1, 4));
        assert!(!EvaluationForm::default().accepts(2, 4));
    }

    #[test]
    fn results_per_question_are_anonymous_counts() {
        let form = EvaluationForm::parse(
            "Utile ? [scale] | Appliquer ? [Oui/Non/En partie] | Durée ? [scale]",
        )
        .unwrap();
        let answers = [
            (p(1), 1, 5),
            (p(1), 2, 1),
            (p(1), 3, 4),
            (p(2), 1, 4),
            (p(2), 2, 3),
            (p(2), 3, 4),
            (p(3), 1, 4),
            // Not a question of the form: left out.
            (p(3), 4, 1),
        ];
        let results = FormResults::tally(&form, answers);
        assert_eq!(results.completed, 2);
        assert_eq!(results.questions.len(), 3);
        let first = &results.questions[0];
        assert_eq!(first.answers, 3);
        assert_eq!(
            first.tally,
            Tally::Scale(EvaluationSummary {
                count: 3,
                mean_tenths: Some(43),
                distribution: [0, 0, 0, 2, 1]
            })
        );
        assert_eq!(
            results.questions[1].tally,
            Tally::Choice {
                options: vec![
                    ("Oui".into(), 1),
                    ("Non".into(), 0),
                    ("En partie".into(), 1)
                ]
            }
        );
        assert_eq!(results.headline().map(|(n, s)| (n, s.count)), Some((1, 3)));
        // Choices only: no rating to headline.
        let choices = EvaluationForm::parse("A ? [x/y]").unwrap();
        assert_eq!(
            FormResults::tally(&choices, [(p(1), 1, 2)]).headline(),
            None
        );
        // The default form: its one question is the rating.
        let default = FormResults::tally(&EvaluationForm::default(), [(p(1), 1, 3)]);
        assert_eq!(default.completed, 1);
        assert_eq!(default.questions[0].text, None);
    }
}
