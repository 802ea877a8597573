//! `/broadcast`: an organiser writes an announcement (its formatting kept), optionally a
//! version per language, picks its audience with buttons and its head-count, sees it exactly
//! as its recipients will, then sends it now, schedules it, or cancels. `/broadcasts` lists
//! them with their figures and a button to cancel those still to go. Nothing is stored but
//! the dialogue's state until Send now or a schedule is given.

use teloxide::prelude::*;
use teloxide::types::InlineKeyboardMarkup;
use teloxide::utils::render::RenderMessageTextHelper;

use crate::actions::broadcasts::{self, Announcement, Posted};
use crate::domain::audience::Audience;
use crate::domain::broadcast::{
    Attachment, AttachmentKind, MAX_CAPTION, MAX_TEXT, Version, Versions, When, check_text,
    check_typed, max_text,
};
use crate::domain::roster::Language;
use crate::i18n::{Args, escape_html};
use crate::outbox::render;
use crate::outbox::sender::send_rendered;
use crate::state::AppState;
use crate::store::{broadcasts as stored, dialogues, roster, workshops};
use crate::telegram::dialogue::{self, BroadcastStep, Dialogue, Open};
use crate::telegram::handlers::dialogue::cancel_button;
use crate::telegram::handlers::new_workshop::pick_audience;
use crate::telegram::{Actor, HandlerResult, Press, Reply, send_html};
use crate::views::broadcast as views;
use crate::views::buttons::DialogueButton;

/// The announcement dialogue's state, unpacked.
#[derive(Debug, Clone)]
pub struct Composing {
    /// The dialogue's nonce.
    pub nonce: i64,
    /// The texts so far.
    pub versions: Vec<Version>,
    /// Who it goes to.
    pub audience: Audience,
    /// A photo or a document sent with it.
    pub attachment: Option<Attachment>,
    /// Where it stands.
    pub step: BroadcastStep,
}

impl Composing {
    /// The texts written so far, as an announcement carries them.
    fn versions(&self) -> Result<Versions, crate::domain::broadcast::VersionsError> {
        let written = self.versions.iter().map(|v| (v.language, v.html.clone()));
        Versions::new(written.collect(), MAX_TEXT)
    }
}

/// `/broadcast` (organisers): starts the dialogue, replacing any other one.
pub async fn start(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    let step = BroadcastStep::Text(actor.language);
    let dialogue = Dialogue::Broadcast {
        versions: Vec::new(),
        audience: Box::new(Audience::everyone()),
        attachment: None,
        step,
    };
    let nonce =
        dialogue::start(&state.db, actor.telegram_id(), &dialogue, state.clock.now()).await?;
    let composing = Composing {
        nonce,
        versions: Vec::new(),
        audience: Audience::everyone(),
        attachment: None,
        step,
    };
    let (html, keyboard) = view(&state, &actor, &composing).await?;
    send_html(&bot, actor.chat(), html, Some(keyboard.into())).await?;
    Ok(())
}

async fn save(state: &AppState, actor: &Actor, c: &Composing) -> anyhow::Result<bool> {
    let open = Open {
        nonce: c.nonce,
        dialogue: Dialogue::Broadcast {
            versions: c.versions.clone(),
            audience: Box::new(c.audience.clone()),
            attachment: c.attachment.clone(),
            step: c.step,
        },
    };
    dialogue::save(&state.db, actor.telegram_id(), &open, state.clock.now()).await
}

/// What a message carries besides its text, for an announcement.
enum Carried {
    /// Nothing: a text.
    Nothing,
    /// A photo or a document, which an announcement may carry.
    Attachment(Attachment),
    /// Anything else (a video, a voice message, a sticker …), which it may not.
    Unsupported,
}

fn carried(msg: &Message) -> Carried {
    if let Some(sizes) = msg.photo() {
        // Telegram lists a photo's sizes from the smallest: the largest is sent on.
        return match sizes.last() {
            Some(size) => Carried::Attachment(Attachment {
                kind: AttachmentKind::Photo,
                file_id: size.file.id.0.clone(),
                file_name: None,
            }),
            None => Carried::Unsupported,
        };
    }
    if let Some(document) = msg.document() {
        return Carried::Attachment(Attachment {
            kind: AttachmentKind::Document,
            file_id: document.file.id.0.clone(),
            file_name: document.file_name.clone(),
        });
    }
    if msg.text().is_some() {
        Carried::Nothing
    } else {
        Carried::Unsupported
    }
}

/// The notice that a file was attached.
fn attached_notice(state: &AppState, l: Language, attachment: &Attachment) -> String {
    match attachment.kind {
        AttachmentKind::Photo => state.i18n.t(l, "broadcast-attached-photo"),
        AttachmentKind::Document => {
            let name = attachment.file_name.as_deref().unwrap_or("📎");
            let args = Args::new().text("name", name);
            state.i18n.t_args(l, "broadcast-attached-document", &args)
        }
    }
}

/// A message while the dialogue is open: a text, a photo or a document (with its caption as
/// the text, or none yet), or the time it goes.
pub async fn reply(reply: Reply<'_>, mut c: Composing, msg: &Message) -> HandlerResult {
    let (bot, state, actor) = (reply.bot, reply.state, reply.actor);
    let text = reply.typed;
    let l = actor.language;
    // A warning (something refused), and news (a file attached).
    let mut notice = None;
    let mut info = None;
    match c.step {
        BroadcastStep::Text(language) => {
            let mut take_text = true;
            match carried(msg) {
                Carried::Nothing => {}
                Carried::Unsupported => {
                    // Its caption is not taken either: the organiser sends the file again
                    // as a photo or a document, or the text alone.
                    notice = Some(state.i18n.t(l, "broadcast-refused-file"));
                    take_text = false;
                }
                Carried::Attachment(attachment) => {
                    let written = c.versions.iter().map(|v| (v.language, v.html.clone()));
                    let fit = Versions::new(written.collect(), MAX_TEXT)
                        .map_or(true, |versions| versions.fit(MAX_CAPTION));
                    if fit {
                        info = Some(attached_notice(state, l, &attachment));
                        // A second file replaces the first: an announcement carries one.
                        c.attachment = Some(attachment);
                        // Sent without a caption, the file waits for its text.
                        take_text = !text.trim().is_empty();
                    } else {
                        notice = Some(state.i18n.t(l, "broadcast-refused-caption-too-long"));
                        take_text = false;
                    }
                }
            }
            if take_text {
                // The formatting the organiser used (bold, links …) comes as entities. Without
                // any, teloxide's renderer returns the text unescaped: escaped here, so that a
                // typed "<b>" or "&" reads as typed.
                let (entities, rendered) = match msg.text() {
                    Some(_) => (msg.entities(), msg.html_text()),
                    None => (msg.caption_entities(), msg.html_caption()),
                };
                let html = match rendered {
                    Some(html) if entities.is_some_and(|e| !e.is_empty()) => html,
                    _ => escape_html(text),
                };
                // The characters as typed first (where they are in what the organiser sees),
                // then the HTML rendered from the text and its formatting.
                let checked = check_typed(text)
                    .and_then(|()| check_text(&html, max_text(c.attachment.as_ref())));
                match checked {
                    Ok(html) => {
                        c.versions.push(Version { language, html });
                        c.step = BroadcastStep::Versions;
                    }
                    Err(error) => {
                        let (key, args) = views::text_refusal(&error);
                        notice = Some(state.i18n.t_args(l, key, &args));
                    }
                }
            }
        }
        BroadcastStep::When => match When::typed(text, &state.settings.timezone, state.clock.now())
        {
            Ok(when) => return send(bot, state, actor, None, c, when).await,
            // Whatever is wrong with it, the organiser is asked again, with an example.
            Err(_) => {
                let args = Args::new()
                    .text("input", text.trim())
                    .text("example_deadline", views::example_time(state));
                notice = Some(state.i18n.t_args(l, "broadcast-when-refused", &args));
            }
        },
        BroadcastStep::Versions | BroadcastStep::Audience(_) | BroadcastStep::Preview => {
            notice = Some(state.i18n.t(l, "broadcast-use-buttons"));
        }
    }
    if !save(state, actor, &c).await? {
        return Ok(());
    }
    let (mut html, keyboard) = view(state, actor, &c).await?;
    if let Some(notice) = notice {
        html = format!("⚠️ {notice}\n\n{html}");
    }
    if let Some(info) = info {
        html = format!("{info}\n\n{html}");
    }
    send_html(bot, actor.chat(), html, Some(keyboard.into())).await?;
    Ok(())
}

/// A button of the dialogue (its nonce already checked by the dispatcher).
pub async fn button(press: Press<'_>, mut c: Composing, pressed: DialogueButton) -> HandlerResult {
    let (bot, state, actor) = (press.bot, press.state, press.actor);
    match (c.step, pressed) {
        (_, DialogueButton::Cancel) => {
            return cancel_button(press, c.nonce, "broadcast-cancelled").await;
        }
        (BroadcastStep::Versions, DialogueButton::Version(language))
            if !c.versions.iter().any(|v| v.language == language) =>
        {
            c.step = BroadcastStep::Text(language);
        }
        (BroadcastStep::Versions | BroadcastStep::Preview, DialogueButton::ChooseAudience) => {
            c.step = BroadcastStep::Audience(None);
        }
        (BroadcastStep::Audience(None), DialogueButton::AudienceDone) => {
            let reach = broadcasts::reach(state, &c.audience).await?;
            if reach.people == 0 {
                return press.refuse("broadcast-refused-empty-audience").await;
            }
            c.step = BroadcastStep::Preview;
            if !save(state, actor, &c).await? {
                return press.refuse("dialogue-stale").await;
            }
            press.answer().await?;
            return preview(press, &c).await;
        }
        (BroadcastStep::Audience(None), DialogueButton::Owing) => {
            c.audience.owing = !c.audience.owing;
        }
        (BroadcastStep::Audience(None), DialogueButton::Workshop(id)) => {
            let Some(workshop) = workshops::get(&state.db, id).await? else {
                return press.refuse("dialogue-stale").await;
            };
            let started = workshop.starts_at <= state.clock.now();
            c.audience.cycle_workshop(id.get(), started);
        }
        (BroadcastStep::Audience(shown), pressed) => {
            let Some(shown) = pick_audience(state, &mut c.audience, shown, pressed).await? else {
                return press.refuse("dialogue-stale").await;
            };
            c.step = BroadcastStep::Audience(shown);
        }
        (BroadcastStep::Preview, DialogueButton::SendNow) => {
            return send(bot, state, actor, Some(press.query), c, When::Now).await;
        }
        (BroadcastStep::Preview, DialogueButton::Schedule) => {
            c.step = BroadcastStep::When;
        }
        _ => return press.refuse("dialogue-stale").await,
    }
    if !save(state, actor, &c).await? {
        return press.refuse("dialogue-stale").await;
    }
    let (html, keyboard) = view(state, actor, &c).await?;
    press.answer_with_edit(html, Some(keyboard)).await
}

/// The announcement as each language's recipients will see it (the very function that
/// renders it when it is sent), then its reach with Send now / Schedule / Cancel.
async fn preview(press: Press<'_>, c: &Composing) -> HandlerResult {
    let (bot, state, actor) = (press.bot, press.state, press.actor);
    let l = actor.language;
    let versions = c.versions()?;
    let Ok(preview) = broadcasts::preview(state, &actor.caller(), &c.audience, &versions).await?
    else {
        return Ok(());
    };
    let intro = state.i18n.t(l, "broadcast-preview-intro");
    press.edit(intro, None).await?;
    // Each version through the very functions that render and send it to its recipients.
    for (language, _, _) in &preview.messages {
        let rendered = render::announcement(&versions, c.attachment.as_ref(), *language);
        send_rendered(bot, actor.chat(), rendered, false).await?;
    }
    let places = roster::places(&state.db).await?;
    let titles = stored::offered_workshops(&state.db, &c.audience, state.clock.now()).await?;
    let args = Args::new()
        .raw(
            "audience",
            views::describe(state, l, &c.audience, &places, &titles),
        )
        .num("count", preview.reach.people as i64)
        .num("unreachable", preview.reach.unreachable as i64);
    let html = state.i18n.t_args(l, "broadcast-ready", &args);
    let (_, keyboard) = view(state, actor, c).await?;
    send_html(bot, actor.chat(), html, Some(keyboard.into())).await?;
    Ok(())
}

/// Sends (or schedules) the announcement and ends the dialogue. Sent now, the message that
/// confirms it becomes its live report.
async fn send(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: Option<&CallbackQuery>,
    c: Composing,
    when: When,
) -> HandlerResult {
    let l = actor.language;
    let press = query.map(|query| Press::new(bot, state, actor, query));
    // Ending first makes a double press send one announcement: only one press ends it.
    if !dialogues::end(&state.db, actor.telegram_id(), c.nonce).await? {
        if let Some(press) = press {
            press.refuse("dialogue-stale").await?;
        }
        return Ok(());
    }
    let versions = c.versions()?;
    let places = roster::places(&state.db).await?;
    let titles = stored::offered_workshops(&state.db, &c.audience, state.clock.now()).await?;
    let label = crate::i18n::strip_bidi(&views::describe(state, l, &c.audience, &places, &titles));
    let announcement = Announcement {
        audience_label: &label,
        audience: &c.audience,
        versions: &versions,
        attachment: c.attachment.as_ref(),
    };
    let chat = actor.chat();
    // The confirmation, which becomes the live report of an announcement that goes once.
    let post = |html: String| async move {
        if let Some(press) = press {
            press.answer().await?;
        }
        let message = send_html(bot, chat, html, None).await?;
        Ok(Posted {
            chat_id: chat.0,
            message_id: i64::from(message.id.0),
            shows_confirmation: true,
        })
    };
    let sent =
        broadcasts::send_and_follow(state, &actor.caller(), l, &announcement, &when, post).await?;
    if let Err(refusal) = sent {
        match press {
            Some(press) => press.refuse_with(&refusal).await?,
            None => {
                let text = state.i18n.t(l, &crate::actions::Refusal::key(&refusal));
                send_html(bot, chat, text, None).await?;
            }
        }
    }
    Ok(())
}

/// The message and buttons of a step.
async fn view(
    state: &AppState,
    actor: &Actor,
    c: &Composing,
) -> anyhow::Result<(String, InlineKeyboardMarkup)> {
    let (l, nonce) = (actor.language, c.nonce);
    Ok(match c.step {
        BroadcastStep::Text(language) => views::ask_text(state, l, nonce, language),
        BroadcastStep::Versions => {
            let written: Vec<Language> = c.versions.iter().map(|v| v.language).collect();
            views::text_saved(state, l, nonce, &written)
        }
        BroadcastStep::Audience(shown) => {
            let now = state.clock.now();
            let today = state.settings.timezone.local(now).date();
            let choice = stored::audience_choice(&state.db, &c.audience, now, today).await?;
            views::choose_audience(state, l, nonce, &c.audience, shown, &choice)
        }
        BroadcastStep::Preview => views::ready(state, l, nonce),
        BroadcastStep::When => views::ask_when(state, l, nonce),
    })
}

/// `/broadcasts` (organisers): the latest announcements with their figures, and a button to
/// cancel each one still to go.
pub async fn list(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    let (html, keyboard) = list_view(&state, &actor).await?;
    send_html(&bot, actor.chat(), html, keyboard.map(Into::into)).await?;
    Ok(())
}

async fn list_view(
    state: &AppState,
    actor: &Actor,
) -> anyhow::Result<(String, Option<InlineKeyboardMarkup>)> {
    let l = actor.language;
    let listed = match broadcasts::list(state, &actor.caller(), 10).await? {
        Ok(listed) => listed,
        Err(refusal) => {
            return Ok((
                state.i18n.t(l, &crate::actions::Refusal::key(&refusal)),
                None,
            ));
        }
    };
    let places = roster::places(&state.db).await?;
    let titles =
        stored::workshops_named(&state.db, listed.iter().map(|i| &i.broadcast.audience)).await?;
    Ok(views::list(state, l, &listed, &places, &titles))
}

/// The button "Cancel no. N" of `/broadcasts`: cancels it and redraws the list.
pub async fn cancel(press: Press<'_>, id: i64) -> HandlerResult {
    let (state, actor) = (press.state, press.actor);
    let outcome = broadcasts::cancel(state, &actor.caller(), id).await?;
    if press.unless_refused(outcome).await?.is_none() {
        return Ok(());
    }
    let args = Args::new().num("number", id);
    let text = state
        .i18n
        .t_args(actor.language, "broadcast-cancel-done", &args);
    press.toast(&text).await?;
    let (html, keyboard) = list_view(state, actor).await?;
    press.edit(html, keyboard).await
}
