//! What an invited official does with a workshop: answer yes or no, give a reason for a no,
//! rate it afterwards and comment. A person only ever answers for themselves: every action
//! takes the person the update comes from, never one named by a button.

use super::Refusal;
use crate::domain::ids::{PersonId, WorkshopId};
use crate::domain::workshop::{
    self, Answer, Decision, EvaluationError, EvaluationForm, FORM_OPEN_FOR, Refusal as AnswerRule,
    Score,
};
use crate::outbox::workshops::notify_promoted;
use crate::state::AppState;
use crate::store::workshops::{self, Workshop};

/// Why an answer, a reason, a rating or a comment changed nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerRefusal {
    /// There is no such workshop (a stale or forged button).
    NotFound,
    /// The answer rules refused it (cancelled, started, deadline passed, not invited …).
    Rule(AnswerRule),
    /// The reason no longer applies: the person said yes since.
    NoLongerDeclined,
    /// Only those who came rate and comment.
    NotPresent,
    /// A workshop is rated once it has started, not before.
    NotStarted,
    /// A rating or comment that does not read.
    Evaluation(EvaluationError),
    /// The workshop's form has no such question, or the answer does not fit it (a stale or
    /// forged button).
    NoSuchAnswer,
    /// The form closed: answers are taken for two weeks after the start.
    FormClosed,
}

impl Refusal for AnswerRefusal {
    fn key(&self) -> String {
        match self {
            AnswerRefusal::NotFound => "workshop-not-found".to_owned(),
            AnswerRefusal::Rule(rule) => format!("rsvp-refused-{}", rule.code()),
            AnswerRefusal::NoLongerDeclined => "button-stale".to_owned(),
            AnswerRefusal::NotPresent => "evaluation-not-present".to_owned(),
            AnswerRefusal::NotStarted => "evaluation-not-started".to_owned(),
            AnswerRefusal::Evaluation(error) => format!("evaluation-error-{}", error.code()),
            AnswerRefusal::NoSuchAnswer => "button-stale".to_owned(),
            AnswerRefusal::FormClosed => "evaluation-form-closed".to_owned(),
        }
    }
}

/// An accepted answer: where the person stands now, and the workshop it was decided on.
#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    /// The decision (seat before and after, who moved up).
    pub decision: Decision,
    /// The workshop as it was when decided.
    pub workshop: Workshop,
}

/// "I will attend" / "I cannot attend": decided with the workshop locked, so two answers for
/// the last seat cannot both take it; those moved up from the waiting list are told.
pub async fn answer(
    state: &AppState,
    person: PersonId,
    workshop_id: WorkshopId,
    yes: bool,
) -> anyhow::Result<Result<Answered, AnswerRefusal>> {
    let answer = if yes {
        Answer::Yes
    } else {
        Answer::No { reason: None }
    };
    let now = state.clock.now();
    let decided = workshops::decide_answer(
        &state.answer_desk,
        workshop_id,
        person,
        move |found, seats| {
            let decision =
                workshop::answer_around(seats, &found.answer_terms(), person, answer, now)?;
            Ok((decision.changes.clone(), (decision, found.clone())))
        },
    )
    .await?;
    let (decision, workshop) = match decided {
        None => return Ok(Err(AnswerRefusal::NotFound)),
        Some(Err(rule)) => return Ok(Err(AnswerRefusal::Rule(rule))),
        Some(Ok(decided)) => decided,
    };
    if !decision.promoted.is_empty() {
        notify_promoted(state, workshop_id, &decision.promoted).await?;
    }
    Ok(Ok(Answered { decision, workshop }))
}

/// The optional reason after "I cannot attend", one of the offered codes.
pub async fn give_reason(
    state: &AppState,
    person: PersonId,
    workshop_id: WorkshopId,
    reason: &str,
) -> anyhow::Result<Result<(), AnswerRefusal>> {
    let reason = reason.to_owned();
    let decided =
        workshops::decide_answer(&state.answer_desk, workshop_id, person, move |_, seats| {
            let Some(invitee) = seats.own.as_ref() else {
                return Err(AnswerRefusal::Rule(AnswerRule::NotInvited));
            };
            if invitee.seat != workshop::SeatKind::Declined {
                // They changed their mind since: the reason no longer applies.
                return Err(AnswerRefusal::NoLongerDeclined);
            }
            let mut with_reason = invitee.clone();
            with_reason.reason = Some(reason);
            Ok((vec![with_reason], ()))
        })
        .await?;
    Ok(match decided {
        None => Err(AnswerRefusal::NotFound),
        Some(result) => result,
    })
}

/// A rating, 1 to 5, by someone who came: the answer to question 1 of the form (the default
/// form's one question); a second rating replaces the first.
pub async fn rate(
    state: &AppState,
    person: PersonId,
    workshop_id: WorkshopId,
    score: u8,
) -> anyhow::Result<Result<Score, AnswerRefusal>> {
    let score = match Score::try_from(score) {
        Ok(score) => score,
        Err(error) => return Ok(Err(AnswerRefusal::Evaluation(error))),
    };
    let answered = answer_question(state, person, workshop_id, 1, score.get()).await?;
    Ok(answered.map(|_| score))
}

/// Where a person stands on a workshop's form after an answer.
#[derive(Debug, Clone, PartialEq)]
pub struct FormProgress {
    /// The workshop.
    pub workshop: Workshop,
    /// Its form.
    pub form: EvaluationForm,
    /// The question answered, from 1.
    pub number: usize,
    /// The answer given.
    pub value: u8,
    /// The next question not answered yet, or `None` once every one is.
    pub next: Option<usize>,
}

/// What may be answered: the workshop has started, its form is open, and the person came.
async fn form_open_to(
    state: &AppState,
    person: PersonId,
    workshop_id: WorkshopId,
) -> anyhow::Result<Result<(Workshop, EvaluationForm), AnswerRefusal>> {
    let now = state.clock.now();
    let workshop = match workshops::get(&state.db, workshop_id).await? {
        None => return Ok(Err(AnswerRefusal::NotFound)),
        Some(w) if w.starts_at > now => return Ok(Err(AnswerRefusal::NotStarted)),
        Some(w) if w.cancelled_at.is_some() => return Ok(Err(AnswerRefusal::NotPresent)),
        Some(w) => w,
    };
    if !workshops::was_present(&state.db, workshop_id, person).await? {
        return Ok(Err(AnswerRefusal::NotPresent));
    }
    if now > workshop.starts_at + FORM_OPEN_FOR {
        return Ok(Err(AnswerRefusal::FormClosed));
    }
    let form = workshops::form(&state.db, workshop_id).await?;
    Ok(Ok((workshop, form)))
}

/// An answer to question `number` of a workshop's form, by someone who came, while the form is
/// open (two weeks from the start); a second answer to a question replaces the first.
pub async fn answer_question(
    state: &AppState,
    person: PersonId,
    workshop_id: WorkshopId,
    number: usize,
    value: u8,
) -> anyhow::Result<Result<FormProgress, AnswerRefusal>> {
    let (workshop, form) = match form_open_to(state, person, workshop_id).await? {
        Ok(open) => open,
        Err(refusal) => return Ok(Err(refusal)),
    };
    if !form.accepts(number, value) {
        return Ok(Err(AnswerRefusal::NoSuchAnswer));
    }
    let now = state.clock.now();
    let answered =
        workshops::answer_question(&state.db, workshop_id, person, number, value, now).await?;
    // The next after this one, else any left before it.
    let next = (number + 1..=form.len())
        .chain(1..number)
        .find(|n| !answered.contains(n));
    Ok(Ok(FormProgress {
        workshop,
        form,
        number,
        value,
        next,
    }))
}

/// A comment typed after a rating; a blank one removes the comment given before.
pub async fn comment(
    state: &AppState,
    person: PersonId,
    workshop_id: WorkshopId,
    typed: &str,
) -> anyhow::Result<Result<(), AnswerRefusal>> {
    let comment = match workshop::parse_comment(typed) {
        Ok(comment) => comment,
        Err(error) => return Ok(Err(AnswerRefusal::Evaluation(error))),
    };
    let now = state.clock.now();
    let saved = workshops::comment(&state.db, workshop_id, person, comment.as_deref(), now).await?;
    Ok(if saved {
        Ok(())
    } else {
        Err(AnswerRefusal::NotPresent)
    })
}
