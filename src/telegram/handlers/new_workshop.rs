//! `/new_workshop`: the organisers' guided dialogue. One question at a time, each answer
//! checked by `domain::workshop::WorkshopDraft` (a refusal says why and asks again), the
//! audience chosen with buttons and its head-count shown, then a summary with Confirm / Edit /
//! Cancel. Nothing is written but the dialogue's state until Confirm.

use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::actions;
use crate::domain::audience::{Audience, CommuneRef};
use crate::domain::roster::{Language, Role};
use crate::domain::workshop::{DraftError, Field, WorkshopDraft, default_deadline};
use crate::i18n::Args;
use crate::state::AppState;
use crate::store::roster::{self};
use crate::store::{self, dialogues};
use crate::telegram::dialogue::{self, Dialogue, DraftStep, Open};
use crate::telegram::{Actor, HandlerResult, edit_html, refuse_press, refuse_with, send_html};
use crate::views::buttons::{Action, DialogueButton};
use crate::views::draft::{
    describe_audience, describe_offsets, example_day, field_label, refusal_text, seat_row,
    time_rows,
};

/// `/new_workshop` (organisers): starts the dialogue, replacing any other one.
pub async fn start(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    let draft = WorkshopDraft::new();
    let step = DraftStep::Ask(Field::Title);
    let dialogue = Dialogue::NewWorkshop {
        draft: Box::new(draft.clone()),
        step,
    };
    let nonce = dialogue::start(&state.db, user_id(&actor), &dialogue, state.clock.now()).await?;
    let (html, keyboard) = view(&state, &actor, nonce, &draft, step).await?;
    send_html(&bot, actor.chat(), html, Some(keyboard.into())).await?;
    Ok(())
}

/// A typed answer while the dialogue is open.
pub async fn reply(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    open: Open,
    text: &str,
) -> HandlerResult {
    let Dialogue::NewWorkshop { mut draft, step } = open.dialogue else {
        return Ok(());
    };
    let now = state.clock.now();
    let zone = &state.settings.timezone;
    let (refusal, step) = match step {
        DraftStep::Ask(field) => match draft.answer(field, text, zone, now) {
            Ok(()) => (None, next_step(&draft)),
            Err(error) => (Some(error), step),
        },
        // The audience, the summary and the edit menu are answered with their buttons.
        DraftStep::Audience(_) => (
            Some(DraftError::UseButtons {
                field: Field::Audience,
            }),
            step,
        ),
        DraftStep::Summary | DraftStep::EditMenu => (None, step),
    };
    let buttons_only = matches!(step, DraftStep::Summary | DraftStep::EditMenu);
    let open = Open {
        nonce: open.nonce,
        dialogue: Dialogue::NewWorkshop {
            draft: draft.clone(),
            step,
        },
    };
    if !dialogue::save(&state.db, user_id(actor), &open, now).await? {
        return Ok(());
    }
    let (mut html, keyboard) = view(state, actor, open.nonce, &draft, step).await?;
    if let Some(error) = &refusal {
        html = format!(
            "{}\n\n{html}",
            refusal_text(&state.i18n, actor.language, error)
        );
    } else if buttons_only {
        let hint = state.i18n.t(actor.language, "new-workshop-use-buttons");
        html = format!("⚠️ {hint}\n\n{html}");
    }
    send_html(bot, actor.chat(), html, Some(keyboard.into())).await?;
    Ok(())
}

/// A button of the dialogue (its nonce already checked by the dispatcher). A button of a
/// step the organiser has moved on from is refused with a toast and changes nothing.
#[allow(clippy::too_many_arguments)] // the dialogue's state, unpacked by the dispatcher
pub async fn button(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
    nonce: i64,
    mut draft: Box<WorkshopDraft>,
    step: DraftStep,
    pressed: DialogueButton,
) -> HandlerResult {
    let now = state.clock.now();
    let mut refusal = None;
    let next = match (step, pressed) {
        (_, DialogueButton::Cancel) => {
            if dialogues::end(&state.db, user_id(actor), nonce).await? {
                bot.answer_callback_query(query.id.clone()).await?;
                let text = state.i18n.t(actor.language, "new-workshop-cancelled");
                edit_html(bot, query, text, None).await?;
            } else {
                refuse_press(bot, state, actor, query, "dialogue-stale").await?;
            }
            return Ok(());
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
        (DraftStep::Audience(_), DialogueButton::Role(role)) => {
            let mut audience = draft.audience.clone().unwrap_or_default();
            audience.toggle_role(role);
            draft.audience = Some(audience);
            step
        }
        (DraftStep::Audience(None), DialogueButton::Province(id)) => DraftStep::Audience(Some(id)),
        (DraftStep::Audience(Some(_)), DialogueButton::Back) => DraftStep::Audience(None),
        (DraftStep::Audience(Some(shown)), DialogueButton::WholeProvince(id)) if shown == id => {
            let places = roster::places(&state.db).await?;
            let Some(province) = places.iter().find(|p| p.id == id) else {
                return refuse_press(bot, state, actor, query, "dialogue-stale").await;
            };
            let mut audience = draft.audience.clone().unwrap_or_default();
            audience.toggle_province(&province.name.latin);
            draft.audience = Some(audience);
            step
        }
        (DraftStep::Audience(Some(shown)), DialogueButton::Commune(id)) => {
            let places = roster::places(&state.db).await?;
            let found = places.iter().filter(|p| p.id == shown).find_map(|p| {
                let (_, name) = p.communes.iter().find(|(c, _)| *c == id)?;
                Some(CommuneRef {
                    province: p.name.latin.clone(),
                    commune: name.latin.clone(),
                })
            });
            let Some(commune) = found else {
                return refuse_press(bot, state, actor, query, "dialogue-stale").await;
            };
            let mut audience = draft.audience.clone().unwrap_or_default();
            audience.toggle_commune(commune);
            draft.audience = Some(audience);
            step
        }
        (DraftStep::Audience(None), DialogueButton::Everyone) => {
            draft.audience = Some(Audience::everyone());
            step
        }
        (DraftStep::Audience(None), DialogueButton::AudienceDone) => {
            let audience = draft.audience.clone().unwrap_or_default();
            if store::audience::head_count(&state.db, &audience).await? == 0 {
                return refuse_press(bot, state, actor, query, "new-workshop-nobody").await;
            }
            draft.set_audience(audience);
            next_step(&draft)
        }
        (DraftStep::Summary, DialogueButton::Confirm) => {
            return confirm(bot, state, actor, query, nonce, *draft).await;
        }
        (DraftStep::Summary, DialogueButton::EditMenu) => DraftStep::EditMenu,
        (DraftStep::EditMenu, DialogueButton::Summary) => DraftStep::Summary,
        (DraftStep::EditMenu, DialogueButton::Edit(Field::Audience)) => DraftStep::Audience(None),
        (DraftStep::EditMenu, DialogueButton::Edit(field)) => DraftStep::Ask(field),
        _ => return refuse_press(bot, state, actor, query, "dialogue-stale").await,
    };
    let open = Open {
        nonce,
        dialogue: Dialogue::NewWorkshop {
            draft: draft.clone(),
            step: next,
        },
    };
    if !dialogue::save(&state.db, user_id(actor), &open, now).await? {
        return refuse_press(bot, state, actor, query, "dialogue-stale").await;
    }
    bot.answer_callback_query(query.id.clone()).await?;
    let (mut html, keyboard) = view(state, actor, nonce, &draft, next).await?;
    if let Some(error) = &refusal {
        html = format!(
            "{}\n\n{html}",
            refusal_text(&state.i18n, actor.language, error)
        );
    }
    // The press changes the message it was on: one message per dialogue step, no clutter.
    edit_html(bot, query, html, Some(keyboard)).await?;
    Ok(())
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
async fn confirm(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
    nonce: i64,
    mut draft: WorkshopDraft,
) -> HandlerResult {
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
            dialogue::save(&state.db, user_id(actor), &open, now).await?;
            bot.answer_callback_query(query.id.clone()).await?;
            let (html, keyboard) = view(state, actor, nonce, &draft, step).await?;
            let notice = state.i18n.t_args(
                actor.language,
                "new-workshop-outdated",
                &Args::new().text("field", field_label(&state.i18n, actor.language, field)),
            );
            send_html(
                bot,
                actor.chat(),
                format!("⚠️ {notice}\n\n{html}"),
                Some(keyboard.into()),
            )
            .await?;
            return Ok(());
        }
    };
    // Ending first makes a double press create one workshop: only one press ends it.
    if !dialogues::end(&state.db, user_id(actor), nonce).await? {
        return refuse_press(bot, state, actor, query, "dialogue-stale").await;
    }
    let created =
        match actions::workshops::create(state, &actor.caller(), std::slice::from_ref(&new)).await?
        {
            Ok(created) => created[0],
            Err(refusal) => return refuse_with(bot, state, actor, query, &refusal).await,
        };
    bot.answer_callback_query(query.id.clone()).await?;
    let (id, invited, queued) = (created.id, created.invited, created.queued);
    let args = Args::new()
        .text("title", &new.title)
        .num("number", id)
        .num("invited", invited as i64)
        .num("queued", queued as i64);
    let html = state
        .i18n
        .t_args(actor.language, "new-workshop-created", &args);
    let keyboard = InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback(
        state.i18n.t(actor.language, "button-workshop-details"),
        Action::Details(id).encode(),
    )]]);
    edit_html(bot, query, html, Some(keyboard)).await?;
    Ok(())
}

/// The step after an answer: the next question, or the summary once all are answered.
fn next_step(draft: &WorkshopDraft) -> DraftStep {
    match draft.missing() {
        Some(Field::Audience) => DraftStep::Audience(None),
        Some(field) => DraftStep::Ask(field),
        None => DraftStep::Summary,
    }
}

fn user_id(actor: &Actor) -> i64 {
    actor.user.id.0 as i64
}

/// The message and buttons of a step.
async fn view(
    state: &AppState,
    actor: &Actor,
    nonce: i64,
    draft: &WorkshopDraft,
    step: DraftStep,
) -> anyhow::Result<(String, InlineKeyboardMarkup)> {
    let l = actor.language;
    let i18n = &state.i18n;
    let button = |key: &str, pressed: DialogueButton| {
        InlineKeyboardButton::callback(
            i18n.t(l, key),
            Action::Dialogue {
                nonce,
                button: pressed,
            }
            .encode(),
        )
    };
    let cancel_row = vec![button("button-new-workshop-cancel", DialogueButton::Cancel)];
    match step {
        DraftStep::Ask(field) => {
            let header = i18n.t_args(
                l,
                "new-workshop-header",
                &Args::new()
                    .num("step", field.number() as i64)
                    .num("total", Field::ALL.len() as i64),
            );
            let zone = &state.settings.timezone;
            let example = example_day(state);
            let mut args = Args::new()
                .text("example", example.format("%d/%m/%Y"))
                .text(
                    "example_deadline",
                    (example - chrono::Duration::days(1)).format("%d/%m/%Y 18:00"),
                );
            if field == Field::Deadline
                && let Some(start) = draft.starts_at
            {
                let default = default_deadline(start, zone, state.clock.now());
                args = args.text("default", i18n.format_datetime(l, default, zone));
            }
            let question = i18n.t_args(l, &format!("new-workshop-ask-{}", field.code()), &args);
            let hint = i18n.t(l, "new-workshop-cancel-hint");
            let mut rows = Vec::new();
            match field {
                Field::Topic => rows.push(vec![button("button-skip", DialogueButton::Default)]),
                Field::Time => rows.extend(time_rows(nonce)),
                Field::Capacity => rows.push(seat_row(nonce)),
                Field::Reminders | Field::Deadline => {
                    rows.push(vec![button("button-default", DialogueButton::Default)]);
                }
                _ => {}
            }
            rows.push(cancel_row);
            Ok((
                format!("{header}\n{question}\n\n{hint}"),
                InlineKeyboardMarkup::new(rows),
            ))
        }
        DraftStep::Audience(shown) => {
            let places = roster::places(&state.db).await?;
            let audience = draft.audience.clone().unwrap_or_default();
            let count = store::audience::head_count(&state.db, &audience).await?;
            let header = i18n.t_args(
                l,
                "new-workshop-header",
                &Args::new()
                    .num("step", Field::Audience.number() as i64)
                    .num("total", Field::ALL.len() as i64),
            );
            let args = Args::new()
                .raw("audience", describe_audience(state, l, &audience, &places))
                .num("count", count as i64);
            let mut text = format!(
                "{header}\n{}",
                i18n.t_args(l, "new-workshop-ask-audience", &args)
            );
            let mut rows: Vec<Vec<InlineKeyboardButton>> = Vec::new();
            let ticked = |on: bool, label: String| if on { format!("✓ {label}") } else { label };
            match shown.and_then(|id| places.iter().find(|p| p.id == id)) {
                None => {
                    for pair in Role::ALL.chunks(2) {
                        rows.push(
                            pair.iter()
                                .map(|&role| {
                                    InlineKeyboardButton::callback(
                                        ticked(
                                            audience.has_role(role),
                                            i18n.t(l, &format!("role-{}", role.code())),
                                        ),
                                        Action::Dialogue {
                                            nonce,
                                            button: DialogueButton::Role(role),
                                        }
                                        .encode(),
                                    )
                                })
                                .collect(),
                        );
                    }
                    for pair in places.chunks(2) {
                        rows.push(
                            pair.iter()
                                .map(|p| {
                                    let name = p.name.display(l).to_owned();
                                    let chosen = audience.communes_in(&p.name.latin);
                                    let label = if audience.has_province(&p.name.latin) {
                                        format!("✓ {name} ›")
                                    } else if chosen > 0 {
                                        format!("{name} ({chosen}) ›")
                                    } else {
                                        format!("{name} ›")
                                    };
                                    InlineKeyboardButton::callback(
                                        label,
                                        Action::Dialogue {
                                            nonce,
                                            button: DialogueButton::Province(p.id),
                                        }
                                        .encode(),
                                    )
                                })
                                .collect(),
                        );
                    }
                    rows.push(vec![
                        button("button-audience-everyone", DialogueButton::Everyone),
                        InlineKeyboardButton::callback(
                            i18n.t_args(
                                l,
                                "button-audience-done",
                                &Args::new().num("count", count as i64),
                            ),
                            Action::Dialogue {
                                nonce,
                                button: DialogueButton::AudienceDone,
                            }
                            .encode(),
                        ),
                    ]);
                }
                Some(province) => {
                    let args = Args::new().text("province", province.name.display(l));
                    text.push_str("\n\n");
                    text.push_str(&i18n.t_args(l, "new-workshop-province", &args));
                    rows.push(vec![InlineKeyboardButton::callback(
                        ticked(
                            audience.has_province(&province.name.latin),
                            i18n.t_args(l, "button-whole-province", &args),
                        ),
                        Action::Dialogue {
                            nonce,
                            button: DialogueButton::WholeProvince(province.id),
                        }
                        .encode(),
                    )]);
                    for chunk in province.communes.chunks(3) {
                        rows.push(
                            chunk
                                .iter()
                                .map(|(id, name)| {
                                    let commune = CommuneRef {
                                        province: province.name.latin.clone(),
                                        commune: name.latin.clone(),
                                    };
                                    InlineKeyboardButton::callback(
                                        ticked(
                                            audience.has_commune(&commune),
                                            name.display(l).to_owned(),
                                        ),
                                        Action::Dialogue {
                                            nonce,
                                            button: DialogueButton::Commune(*id),
                                        }
                                        .encode(),
                                    )
                                })
                                .collect(),
                        );
                    }
                    rows.push(vec![button("button-back", DialogueButton::Back)]);
                }
            }
            rows.push(cancel_row);
            Ok((text, InlineKeyboardMarkup::new(rows)))
        }
        DraftStep::Summary | DraftStep::EditMenu => {
            let text = summary(state, l, draft).await?;
            let rows = if step == DraftStep::Summary {
                vec![
                    vec![button(
                        "button-new-workshop-confirm",
                        DialogueButton::Confirm,
                    )],
                    vec![
                        button("button-new-workshop-edit", DialogueButton::EditMenu),
                        button("button-new-workshop-cancel", DialogueButton::Cancel),
                    ],
                ]
            } else {
                let mut rows: Vec<Vec<InlineKeyboardButton>> = Field::ALL
                    .chunks(3)
                    .map(|chunk| {
                        chunk
                            .iter()
                            .map(|&field| {
                                InlineKeyboardButton::callback(
                                    field_label(i18n, l, field),
                                    Action::Dialogue {
                                        nonce,
                                        button: DialogueButton::Edit(field),
                                    }
                                    .encode(),
                                )
                            })
                            .collect()
                    })
                    .collect();
                rows.push(vec![button("button-back", DialogueButton::Summary)]);
                rows
            };
            let prompt = if step == DraftStep::EditMenu {
                format!("{text}\n\n{}", i18n.t(l, "new-workshop-edit-which"))
            } else {
                text
            };
            Ok((prompt, InlineKeyboardMarkup::new(rows)))
        }
    }
}

/// The summary of a complete draft, with the audience's head-count.
async fn summary(state: &AppState, l: Language, draft: &WorkshopDraft) -> anyhow::Result<String> {
    let i18n = &state.i18n;
    let zone = &state.settings.timezone;
    let places = roster::places(&state.db).await?;
    let audience = draft.audience.clone().unwrap_or_default();
    let count = store::audience::head_count(&state.db, &audience).await?;
    let dash = || "—".to_owned();
    let args = Args::new()
        .text("title", draft.title.clone().unwrap_or_else(dash))
        .text(
            "topic",
            draft
                .topic
                .clone()
                .flatten()
                .unwrap_or_else(|| i18n.t(l, "new-workshop-no-topic")),
        )
        .text(
            "when",
            draft
                .starts_at
                .map(|at| i18n.format_datetime(l, at, zone))
                .unwrap_or_else(dash),
        )
        .text("venue", draft.venue.clone().unwrap_or_else(dash))
        .raw("audience", describe_audience(state, l, &audience, &places))
        .num("count", count as i64)
        .num("capacity", draft.capacity.map_or(0, |c| i64::from(c.get())))
        .text(
            "reminders",
            draft
                .reminders
                .as_deref()
                .map(|offsets| describe_offsets(state, l, offsets))
                .unwrap_or_else(dash),
        )
        .text(
            "deadline",
            draft
                .deadline
                .map(|at| i18n.format_datetime(l, at, zone))
                .unwrap_or_else(dash),
        );
    Ok(i18n.t_args(l, "new-workshop-summary", &args))
}
