//! `/new_workshop`: the organisers' guided dialogue. One question at a time, each answer
//! checked by `domain::workshop::WorkshopDraft` (a refusal says why and asks again), the
//! audience chosen with buttons and its head-count shown, then a summary with Confirm / Edit /
//! Cancel. Nothing is written but the dialogue's state until Confirm.

use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::actions;
use crate::domain::audience::{Audience, CommuneRef};
use crate::domain::workshop::{DraftError, Field, FormError, QuestionKind, WorkshopDraft};
use crate::i18n::Args;
use crate::state::AppState;
use crate::store::roster::{self};
use crate::store::{self, dialogues};
use crate::telegram::dialogue::{self, Dialogue, DraftStep, Open};
use crate::telegram::handlers::dialogue::cancel_button;
use crate::telegram::{Actor, HandlerResult, Press, Reply, send_html};
use crate::views::buttons::{Action, DialogueButton};
use crate::views::draft::{
    audience_picker, describe_audience, question, refusal_text, summary_view,
};
use crate::views::evaluation::{FormStep, form_refusal, form_step};

/// `/new_workshop` (organisers): starts the dialogue, replacing any other one.
pub async fn start(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    let draft = WorkshopDraft::new();
    let step = DraftStep::Ask(Field::Title);
    let dialogue = Dialogue::NewWorkshop {
        draft: Box::new(draft.clone()),
        step,
    };
    let nonce =
        dialogue::start(&state.db, actor.telegram_id(), &dialogue, state.clock.now()).await?;
    let (html, keyboard) = view(&state, &actor, nonce, &draft, step).await?;
    send_html(&bot, actor.chat(), html, Some(keyboard.into())).await?;
    Ok(())
}

/// A typed answer while the dialogue is open.
pub async fn reply(
    reply: Reply<'_>,
    mut draft: Box<WorkshopDraft>,
    step: DraftStep,
) -> HandlerResult {
    let (bot, state, actor) = (reply.bot, reply.state, reply.actor);
    let (nonce, typed) = (reply.nonce, reply.typed);
    let now = state.clock.now();
    let zone = &state.settings.timezone;
    let l = actor.language;
    let refused = |error: &DraftError| refusal_text(&state.i18n, l, error);
    let form_refused = |error: &FormError| form_refusal(&state.i18n, l, error);
    let (refusal, step) = match step {
        DraftStep::Ask(field) => match draft.answer(field, typed, zone, now) {
            Ok(()) => (None, next_step(&draft)),
            Err(error) => (Some(refused(&error)), step),
        },
        // The audience, the summary and the edit menu are answered with their buttons.
        DraftStep::Audience(_) => (
            Some(refused(&DraftError::UseButtons {
                field: Field::Audience,
            })),
            step,
        ),
        DraftStep::FormQuestion => match draft.type_question(typed) {
            Ok(()) => (None, DraftStep::FormKind),
            Err(error) => (Some(form_refused(&error)), step),
        },
        DraftStep::FormOptions => match draft.add_choice(typed) {
            Ok(_) => (None, DraftStep::Form),
            Err(error) => (Some(form_refused(&error)), step),
        },
        DraftStep::Summary | DraftStep::EditMenu | DraftStep::Form | DraftStep::FormKind => {
            (None, step)
        }
    };
    let buttons_only = matches!(
        step,
        DraftStep::Summary | DraftStep::EditMenu | DraftStep::Form | DraftStep::FormKind
    );
    let open = Open {
        nonce,
        dialogue: Dialogue::NewWorkshop {
            draft: draft.clone(),
            step,
        },
    };
    if !dialogue::save(&state.db, actor.telegram_id(), &open, now).await? {
        return Ok(());
    }
    let (mut html, keyboard) = view(state, actor, nonce, &draft, step).await?;
    if let Some(refusal) = &refusal {
        html = format!("{refusal}\n\n{html}");
    } else if buttons_only {
        let hint = state.i18n.t(actor.language, "new-workshop-use-buttons");
        html = format!("⚠️ {hint}\n\n{html}");
    }
    send_html(bot, actor.chat(), html, Some(keyboard.into())).await?;
    Ok(())
}

/// A button of the dialogue (its nonce already checked by the dispatcher). A button of a
/// step the organiser has moved on from is refused with a toast and changes nothing.
pub async fn button(
    press: Press<'_>,
    nonce: i64,
    mut draft: Box<WorkshopDraft>,
    step: DraftStep,
    pressed: DialogueButton,
) -> HandlerResult {
    let (state, actor) = (press.state, press.actor);
    let now = state.clock.now();
    let mut refusal = None;
    let next = match (step, pressed) {
        (_, DialogueButton::Cancel) => {
            return cancel_button(press, nonce, "new-workshop-cancelled").await;
        }
        (DraftStep::Ask(field), DialogueButton::Default) if field.has_default() => {
            answered(&mut draft, field, "", &mut refusal, state, now)
        }
        (DraftStep::Ask(Field::Time), DialogueButton::Time { hour, minute }) => {
            let typed = format!("{hour:02}:{minute:02}");
            answered(&mut draft, Field::Time, &typed, &mut refusal, state, now)
        }
        (DraftStep::Ask(Field::Capacity), DialogueButton::Seats(seats)) => answered(
            &mut draft,
            Field::Capacity,
            &seats.to_string(),
            &mut refusal,
            state,
            now,
        ),
        (DraftStep::Audience(shown), pressed) if pressed != DialogueButton::AudienceDone => {
            let mut audience = draft.audience.clone().unwrap_or_default();
            let Some(shown) = pick_audience(state, &mut audience, shown, pressed).await? else {
                return press.refuse("dialogue-stale").await;
            };
            draft.audience = Some(audience);
            DraftStep::Audience(shown)
        }
        (DraftStep::Audience(None), DialogueButton::AudienceDone) => {
            let audience = draft.audience.clone().unwrap_or_default();
            if store::audience::head_count(&state.db, &audience).await? == 0 {
                return press.refuse("new-workshop-nobody").await;
            }
            draft.set_audience(audience);
            next_step(&draft)
        }
        (DraftStep::Summary, DialogueButton::Confirm) => {
            return confirm(press, nonce, *draft).await;
        }
        (DraftStep::Summary, DialogueButton::EditMenu) => DraftStep::EditMenu,
        (DraftStep::EditMenu, DialogueButton::Summary) => DraftStep::Summary,
        (DraftStep::EditMenu, DialogueButton::Edit(Field::Audience)) => DraftStep::Audience(None),
        (DraftStep::EditMenu, DialogueButton::Edit(field)) => DraftStep::Ask(field),
        (step, pressed) => match form_button(&mut draft, step, pressed) {
            Some(next) => next,
            None => return press.refuse("dialogue-stale").await,
        },
    };
    let open = Open {
        nonce,
        dialogue: Dialogue::NewWorkshop {
            draft: draft.clone(),
            step: next,
        },
    };
    if !dialogue::save(&state.db, actor.telegram_id(), &open, now).await? {
        return press.refuse("dialogue-stale").await;
    }
    let (mut html, keyboard) = view(state, actor, nonce, &draft, next).await?;
    if let Some(error) = &refusal {
        html = format!(
            "{}\n\n{html}",
            refusal_text(&state.i18n, actor.language, error)
        );
    }
    // The press changes the message it was on: one message per dialogue step, no clutter.
    press.answer_with_edit(html, Some(keyboard)).await
}

/// A button of the evaluation form's steps (or the summary's "Evaluation form"): the step it
/// leads to, or `None` for a button the step does not have.
fn form_button(
    draft: &mut WorkshopDraft,
    step: DraftStep,
    pressed: DialogueButton,
) -> Option<DraftStep> {
    Some(match (step, pressed) {
        (DraftStep::Summary, DialogueButton::Form) => DraftStep::Form,
        (DraftStep::Form, DialogueButton::AddQuestion) if !draft.form.is_full() => {
            DraftStep::FormQuestion
        }
        (DraftStep::Form, DialogueButton::DefaultForm) => {
            draft.default_form();
            DraftStep::Form
        }
        (DraftStep::Form, DialogueButton::FormDone) => DraftStep::Summary,
        // Back from a question being written: it is dropped.
        (
            DraftStep::FormQuestion | DraftStep::FormKind | DraftStep::FormOptions,
            DialogueButton::Form,
        ) => {
            draft.pending_question = None;
            DraftStep::Form
        }
        (DraftStep::FormKind, DialogueButton::Scale) => {
            // Cannot be full: the question was typed with room for it.
            draft
                .add_question(QuestionKind::Scale)
                .ok()?
                .then_some(DraftStep::Form)?
        }
        (DraftStep::FormKind, DialogueButton::Choices) if draft.pending_question.is_some() => {
            DraftStep::FormOptions
        }
        _ => return None,
    })
}

/// A press on the audience keyboard (`views::draft::audience_keyboard`) while the province
/// `shown` (or none) is open: changes `audience` and says which province to show next, or
/// `None` for a button that keyboard does not have.
pub async fn pick_audience(
    state: &AppState,
    audience: &mut Audience,
    shown: Option<i64>,
    pressed: DialogueButton,
) -> anyhow::Result<Option<Option<i64>>> {
    Ok(Some(match (shown, pressed) {
        (_, DialogueButton::Role(role)) => {
            audience.toggle_role(role);
            shown
        }
        (None, DialogueButton::Province(id)) => Some(id),
        (Some(_), DialogueButton::Back) => None,
        (Some(shown), DialogueButton::WholeProvince(id)) if shown == id => {
            let places = roster::places(&state.db).await?;
            let Some(province) = places.iter().find(|p| p.id == id) else {
                return Ok(None);
            };
            audience.toggle_province(&province.name.latin);
            Some(shown)
        }
        (Some(shown), DialogueButton::Commune(id)) => {
            let places = roster::places(&state.db).await?;
            let found = places.iter().filter(|p| p.id == shown).find_map(|p| {
                let (_, name) = p.communes.iter().find(|(c, _)| *c == id)?;
                Some(CommuneRef {
                    province: p.name.latin.clone(),
                    commune: name.latin.clone(),
                })
            });
            let Some(commune) = found else {
                return Ok(None);
            };
            audience.toggle_commune(commune);
            Some(shown)
        }
        (None, DialogueButton::Everyone) => {
            *audience = Audience::everyone();
            None
        }
        _ => return Ok(None),
    }))
}

/// Records an answer given with a button; on refusal keeps the step and notes why.
fn answered(
    draft: &mut WorkshopDraft,
    field: Field,
    typed: &str,
    refusal: &mut Option<DraftError>,
    state: &AppState,
    now: chrono::DateTime<chrono::Utc>,
) -> DraftStep {
    match draft.answer(field, typed, &state.settings.timezone, now) {
        Ok(()) => next_step(draft),
        Err(error) => {
            *refusal = Some(error);
            DraftStep::Ask(field)
        }
    }
}

/// Creates the workshop, queues the invitations and ends the dialogue.
async fn confirm(press: Press<'_>, nonce: i64, mut draft: WorkshopDraft) -> HandlerResult {
    let (state, actor) = (press.state, press.actor);
    let now = state.clock.now();
    let zone = &state.settings.timezone;
    // The summary may have waited: what time has made wrong is asked again.
    draft.recheck(zone, now);
    let new = match draft.clone().finish() {
        Ok(new) => new,
        Err(field) => {
            let step = next_step(&draft);
            let open = Open {
                nonce,
                dialogue: Dialogue::NewWorkshop {
                    draft: Box::new(draft.clone()),
                    step,
                },
            };
            dialogue::save(&state.db, actor.telegram_id(), &open, now).await?;
            press.answer().await?;
            let (html, keyboard) = view(state, actor, nonce, &draft, step).await?;
            let notice = state.i18n.t_args(
                actor.language,
                "new-workshop-outdated",
                &Args::new().choice("field", field.code()),
            );
            let html = format!("⚠️ {notice}\n\n{html}");
            return press.send(html, Some(keyboard.into())).await;
        }
    };
    // Ending first makes a double press create one workshop: only one press ends it.
    if !dialogues::end(&state.db, actor.telegram_id(), nonce).await? {
        return press.refuse("dialogue-stale").await;
    }
    let outcome =
        actions::workshops::create(state, &actor.caller(), std::slice::from_ref(&new)).await?;
    let Some(created) = press.unless_refused(outcome).await? else {
        return Ok(());
    };
    let created = created[0];
    let (id, invited, queued) = (created.id, created.invited, created.queued);
    let unreachable = created.unreachable;
    let args = Args::new()
        .text("title", &new.title)
        .num("number", id.get())
        .num("invited", invited as i64)
        .num("queued", queued as i64);
    let html = state
        .i18n
        .t_args(actor.language, "new-workshop-created", &args);
    let html = if unreachable > 0 {
        let count = Args::new().num("count", unreachable as i64);
        let note = state
            .i18n
            .t_args(actor.language, "workshop-unreachable-note", &count);
        format!("{html}\n{note}")
    } else {
        html
    };
    let keyboard = InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback(
        state.i18n.t(actor.language, "button-workshop-details"),
        Action::Details(id).encode(),
    )]]);
    press.answer_with_edit(html, Some(keyboard)).await
}

/// The step after an answer: the next question, or the summary once all are answered.
fn next_step(draft: &WorkshopDraft) -> DraftStep {
    match draft.missing() {
        Some(Field::Audience) => DraftStep::Audience(None),
        Some(field) => DraftStep::Ask(field),
        None => DraftStep::Summary,
    }
}

/// The message and buttons of a step, from what the database says now.
async fn view(
    state: &AppState,
    actor: &Actor,
    nonce: i64,
    draft: &WorkshopDraft,
    step: DraftStep,
) -> anyhow::Result<(String, InlineKeyboardMarkup)> {
    let l = actor.language;
    if let DraftStep::Ask(field) = step {
        return Ok(question(state, l, nonce, draft, field));
    }
    let places = roster::places(&state.db).await?;
    let audience = draft.audience.clone().unwrap_or_default();
    let count = store::audience::head_count(&state.db, &audience).await?;
    Ok(match step {
        DraftStep::Ask(_) => unreachable!("answered above"),
        DraftStep::Audience(shown) => {
            audience_picker(state, l, nonce, &audience, &places, shown, count)
        }
        DraftStep::Summary | DraftStep::EditMenu => {
            let described = describe_audience(state, l, &audience, &places);
            let edit_menu = step == DraftStep::EditMenu;
            summary_view(state, l, nonce, draft, described, count, edit_menu)
        }
        DraftStep::Form => form_step(state, l, nonce, draft, FormStep::Overview),
        DraftStep::FormQuestion => form_step(state, l, nonce, draft, FormStep::Question),
        DraftStep::FormKind => form_step(state, l, nonce, draft, FormStep::Kind),
        DraftStep::FormOptions => form_step(state, l, nonce, draft, FormStep::Options),
    })
}
