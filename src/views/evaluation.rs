//! Evaluation forms as people see them: a question of a workshop's form with its buttons
//! (for attendees, by the outbox and by the handler that moves to the next question), and the
//! form's step of `/new_workshop` (for organisers).

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::domain::roster::Language;
use crate::domain::text::TextError;
use crate::domain::workshop::{
    EvaluationForm, FormError, MAX_QUESTION_CHARS, QuestionKind, WorkshopDraft,
};
use crate::i18n::{Args, I18n};
use crate::state::AppState;
use crate::store::workshops::Workshop;
use crate::views::buttons::{Action, DialogueButton};

/// The buttons of question `number` of a workshop's form: 1 to 5 on one row for a scale, one
/// option a row for a choice.
pub fn question_keyboard(
    workshop: &Workshop,
    form: &EvaluationForm,
    number: usize,
) -> InlineKeyboardMarkup {
    let data = |value: u8| {
        Action::FormAnswer {
            workshop: workshop.id,
            question: number as u8,
            value,
        }
        .encode()
    };
    let rows = match form.question(number).map(|(_, kind)| kind) {
        Some(QuestionKind::Choice { options }) => (1u8..)
            .zip(options)
            .map(|(value, option)| {
                vec![InlineKeyboardButton::callback(option.clone(), data(value))]
            })
            .collect(),
        _ => vec![
            (1..=5u8)
                .map(|value| InlineKeyboardButton::callback(format!("{value} ⭐"), data(value)))
                .collect(),
        ],
    };
    InlineKeyboardMarkup::new(rows)
}

/// Question `number` of a form written out: "Question 2 of 3", the question, and for a
/// scale what 1 and 5 mean.
pub fn question_text(i18n: &I18n, l: Language, form: &EvaluationForm, number: usize) -> String {
    let Some((text, kind)) = form.question(number) else {
        return String::new();
    };
    let args = Args::new()
        .num("number", number as i64)
        .num("count", form.len() as i64)
        .text("text", text.unwrap_or_default());
    let mut html = i18n.t_args(l, "evaluation-form-question", &args);
    if *kind == QuestionKind::Scale {
        html.push('\n');
        html.push_str(&i18n.t(l, "evaluation-form-scale-hint"));
    }
    html
}

/// A workshop's form opened at question `number`, after `intro` (the request or the
/// reminder): what the outbox sends, and the handler shows for the next question.
pub fn question_message(
    state: &AppState,
    l: Language,
    workshop: &Workshop,
    form: &EvaluationForm,
    number: usize,
    intro: Option<&str>,
) -> (String, InlineKeyboardMarkup) {
    let question = question_text(&state.i18n, l, form, number);
    let html = match intro {
        Some(intro) => format!("{intro}\n\n{question}"),
        None => question,
    };
    (html, question_keyboard(workshop, form, number))
}

/// The questions of a form being written, one a line (or the default form's description).
pub fn describe_form(i18n: &I18n, l: Language, form: &EvaluationForm) -> String {
    if form.is_default() {
        return i18n.t(l, "new-workshop-form-default");
    }
    form.questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let kind = match &q.kind {
                QuestionKind::Scale => i18n.t(l, "new-workshop-form-kind-scale"),
                QuestionKind::Choice { options } => options.join(" / "),
            };
            i18n.t_args(
                l,
                "new-workshop-form-line",
                &Args::new()
                    .num("number", i as i64 + 1)
                    .text("text", &q.text)
                    .text("kind", kind),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The line of the summary of `/new_workshop` saying which form attendees will get.
pub fn summary_line(i18n: &I18n, l: Language, form: &EvaluationForm) -> String {
    if form.is_default() {
        i18n.t(l, "new-workshop-summary-form-default")
    } else {
        i18n.t_args(
            l,
            "new-workshop-summary-form",
            &Args::new().num("count", form.questions.len() as i64),
        )
    }
}

/// Where the organiser stands in writing the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormStep {
    /// The form as it is, with Default form / Add a question / Done.
    Overview,
    /// The text of the next question is awaited.
    Question,
    /// Scale or choices, for the question just typed.
    Kind,
    /// The options of the choice are awaited.
    Options,
}

/// The form's step of `/new_workshop`.
pub fn form_step(
    state: &AppState,
    l: Language,
    nonce: i64,
    draft: &WorkshopDraft,
    step: FormStep,
) -> (String, InlineKeyboardMarkup) {
    let i18n = &state.i18n;
    let button = |key: &str, pressed: DialogueButton| {
        let data = Action::Dialogue {
            nonce,
            button: pressed,
        };
        InlineKeyboardButton::callback(i18n.t(l, key), data.encode())
    };
    let back = vec![button("button-back", DialogueButton::Form)];
    let form = &draft.form;
    match step {
        FormStep::Overview => {
            let html = i18n.t_args(
                l,
                "new-workshop-form",
                &Args::new().raw("questions", describe_form(i18n, l, form)),
            );
            let mut rows = Vec::new();
            if !form.is_full() {
                rows.push(vec![button("button-form-add", DialogueButton::AddQuestion)]);
            }
            if !form.is_default() {
                rows.push(vec![button(
                    "button-form-default",
                    DialogueButton::DefaultForm,
                )]);
            }
            rows.push(vec![button("button-form-done", DialogueButton::FormDone)]);
            (html, InlineKeyboardMarkup::new(rows))
        }
        FormStep::Question => {
            let args = Args::new()
                .num("number", form.questions.len() as i64 + 1)
                .num("max", MAX_QUESTION_CHARS as i64);
            let html = i18n.t_args(l, "new-workshop-form-ask-question", &args);
            (html, InlineKeyboardMarkup::new(vec![back]))
        }
        FormStep::Kind => {
            let text = draft.pending_question.clone().unwrap_or_default();
            let html = i18n.t_args(
                l,
                "new-workshop-form-ask-kind",
                &Args::new().text("text", text),
            );
            let rows = vec![
                vec![
                    button("button-form-scale", DialogueButton::Scale),
                    button("button-form-choices", DialogueButton::Choices),
                ],
                back,
            ];
            (html, InlineKeyboardMarkup::new(rows))
        }
        FormStep::Options => {
            let html = i18n.t(l, "new-workshop-form-ask-options");
            (html, InlineKeyboardMarkup::new(vec![back]))
        }
    }
}

/// Why a question or its options were refused, in the organiser's language.
pub fn form_refusal(i18n: &I18n, l: Language, error: &FormError) -> String {
    let mut args = Args::new();
    let text_args = |args: Args, error: &TextError| match error {
        TextError::TooLong { chars, max } => {
            args.num("chars", *chars as i64).num("max", *max as i64)
        }
        TextError::LineBreak { position }
        | TextError::ControlCharacter { position, .. }
        | TextError::BidiControl { position, .. } => args.num("position", *position as i64),
        TextError::Empty | TextError::Invisible => args,
    };
    match error {
        FormError::TooManyQuestions { max, .. } => args = args.num("max", *max as i64),
        FormError::Question { question, error } => {
            args = text_args(args.num("question", *question as i64), error);
        }
        FormError::NoKind { question, text } => {
            args = args.num("question", *question as i64).text("text", text);
        }
        FormError::TooFewOptions { question, min } => {
            args = args
                .num("question", *question as i64)
                .num("min", *min as i64);
        }
        FormError::TooManyOptions {
            question,
            count,
            max,
        } => {
            args = args
                .num("question", *question as i64)
                .num("count", *count as i64)
                .num("max", *max as i64);
        }
        FormError::Option {
            question,
            option,
            text,
            error,
        } => {
            let with = args
                .num("question", *question as i64)
                .num("option", *option as i64)
                .text("text", text);
            args = text_args(with, error);
        }
        FormError::DuplicateOption { question, text } => {
            args = args.num("question", *question as i64).text("text", text);
        }
    }
    let reason = i18n.t_args(l, &format!("form-error-{}", error.code()), &args);
    format!("⚠️ {reason}")
}
