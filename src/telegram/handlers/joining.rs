//! Joining the bot: by personal link (`/start <code>`) or by sharing one's own phone number.

use teloxide::prelude::*;
use teloxide::types::{Contact, KeyboardRemove, ReplyMarkup};

use crate::domain::deep_link::StartPayload;
use crate::domain::roster::{Language, Phone};
use crate::i18n::Args;
use crate::outbox::workshops::send_invitations;
use crate::state::AppState;
use crate::store::{audit, roster, workshops};
use crate::telegram::menu::{self, Audience};
use crate::telegram::{Actor, HandlerResult, describe_user, say, say_args, send_help, send_html};
use crate::views::keyboards::{language_keyboard, share_phone_keyboard};
use crate::views::text::place_label;

/// Why a joining attempt was refused; each has its message and its line in the alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    /// The code is unknown, malformed, or already used by another account.
    UnknownCode,
    /// The phone number is not in the roster.
    UnknownPhone,
    /// The contact shared is not the sender's own.
    ForeignContact,
}

impl Refusal {
    fn message_key(self) -> &'static str {
        match self {
            Refusal::UnknownCode => "join-refused-code",
            Refusal::UnknownPhone => "join-refused-phone",
            Refusal::ForeignContact => "join-refused-not-own-contact",
        }
    }

    fn reason_key(self) -> &'static str {
        match self {
            Refusal::UnknownCode => "refusal-reason-unknown-code",
            Refusal::UnknownPhone => "refusal-reason-unknown-phone",
            Refusal::ForeignContact => "refusal-reason-foreign-contact",
        }
    }
}

/// `/start [code]`.
pub async fn start(bot: Bot, state: AppState, actor: Actor, code: String) -> HandlerResult {
    let code = code.trim();
    if let Some(person) = &actor.person {
        if code.is_empty() || code == person.invite_code {
            return send_help(&bot, &state, &actor).await;
        }
        let args = Args::new().text("name", &person.full_name);
        say_args(&bot, &state, &actor, "join-already-linked", &args, None).await?;
        return Ok(());
    }
    if code.is_empty() {
        let keyboard = share_phone_keyboard(&state, actor.language);
        say(&bot, &state, &actor, "welcome-stranger", Some(keyboard)).await?;
        return Ok(());
    }
    // A check-in payload never reaches here: the router sends it to check-in.
    let person = match StartPayload::parse(code) {
        StartPayload::Invitation(code) => roster::by_invite_code(&state.db, code.as_str()).await?,
        _ => None,
    };
    match person {
        Some(person) if person.telegram_user_id.is_none() => {
            complete_join(&bot, &state, &actor, person, false).await
        }
        _ => refuse(&bot, &state, &actor, Refusal::UnknownCode).await,
    }
}

/// A shared contact: accepted only if it is the sender's own and in the roster.
pub async fn contact(bot: Bot, state: AppState, actor: Actor, contact: Contact) -> HandlerResult {
    if contact.user_id != Some(actor.user.id) {
        return refuse(&bot, &state, &actor, Refusal::ForeignContact).await;
    }
    if let Some(person) = &actor.person {
        let args = Args::new().text("name", &person.full_name);
        let remove = ReplyMarkup::KeyboardRemove(KeyboardRemove::new());
        say_args(
            &bot,
            &state,
            &actor,
            "join-already-linked",
            &args,
            Some(remove),
        )
        .await?;
        return Ok(());
    }
    let person = match Phone::parse(&contact.phone_number) {
        Ok(phone) => roster::by_phone(&state.db, &phone).await?,
        Err(_) => None,
    };
    let Some(person) = person else {
        return refuse(&bot, &state, &actor, Refusal::UnknownPhone).await;
    };
    if let Some(previous) = person.telegram_user_id {
        // Telegram vouches that this number belongs to the sender, so the person has moved to
        // a new account: the old link goes, and the move is audited.
        let now = state.clock.now();
        roster::unlink(&state.db, previous, now).await?;
        let detail = format!("person {} moved from tg:{previous}", person.id);
        audit::record(
            &state.db.pool,
            now,
            &actor.label(),
            "roster.relink",
            &detail,
        )
        .await?;
    }
    complete_join(&bot, &state, &actor, person, true).await
}

async fn complete_join(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    person: roster::Person,
    via_contact: bool,
) -> HandlerResult {
    let now = state.clock.now();
    if !roster::link(&state.db, person.id, actor.user.id.0 as i64, now).await? {
        // Someone else linked this person between our read and our write.
        return refuse(bot, state, actor, Refusal::UnknownCode).await;
    }
    // The person chooses next; until then, Telegram's language is the best guess, then the
    // roster's.
    let language =
        Language::from_telegram(actor.user.language_code.as_deref()).unwrap_or(person.language);
    roster::set_language(&state.db, person.id, language, now).await?;
    let is_organiser = roster::is_organiser(&state.db, person.id).await?;
    let is_finance_officer =
        crate::store::funding::is_finance_officer(&state.db, person.id).await?;
    let actor = Actor {
        user: actor.user.clone(),
        language,
        is_organiser,
        is_finance_officer,
        person: Some(roster::Person {
            language,
            telegram_user_id: Some(actor.user.id.0 as i64),
            ..person
        }),
    };
    let person = actor.person.as_ref().expect("just linked");
    let args = Args::new()
        .text("name", &person.full_name)
        .text(
            "role",
            state
                .i18n
                .t(language, &format!("role-{}", person.role.code())),
        )
        .text(
            "body",
            place_label(state, language, &person.province, person.body.as_ref()),
        );
    let remove = via_contact.then(|| ReplyMarkup::KeyboardRemove(KeyboardRemove::new()));
    say_args(bot, state, &actor, "join-welcome", &args, remove).await?;
    let prompt = state.i18n.t(language, "language-prompt");
    send_html(
        bot,
        actor.chat(),
        prompt,
        Some(language_keyboard(state, language)),
    )
    .await?;
    let audience = if is_organiser {
        Audience::Organiser
    } else {
        Audience::Official
    };
    menu::announce_chat_commands(bot, state, actor.chat(), language, audience).await?;
    // Invitations sent before they joined reach them now.
    for workshop in workshops::upcoming_for(&state.db, person.id, now).await? {
        send_invitations(state, workshop).await?;
    }
    tracing::info!(person = person.id.get(), via_contact, "a person joined");
    Ok(())
}

async fn refuse(bot: &Bot, state: &AppState, actor: &Actor, refusal: Refusal) -> HandlerResult {
    let markup = match refusal {
        Refusal::UnknownPhone => Some(ReplyMarkup::KeyboardRemove(KeyboardRemove::new())),
        _ => Some(share_phone_keyboard(state, actor.language)),
    };
    say(bot, state, actor, refusal.message_key(), markup).await?;
    let now = state.clock.now();
    let first =
        roster::record_refusal(&state.db, actor.user.id.0 as i64, refusal.reason_key(), now)
            .await?;
    if first {
        alert_organisers(bot, state, actor, refusal).await?;
    }
    Ok(())
}

/// Tells every joined organiser, in their own language, about a refused attempt.
async fn alert_organisers(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    refusal: Refusal,
) -> HandlerResult {
    for organiser in roster::organisers(&state.db).await? {
        let Some(chat) = organiser.telegram_user_id else {
            continue;
        };
        let language = organiser.language;
        let args = Args::new()
            .text("who", describe_user(&actor.user))
            .text("reason", state.i18n.t(language, refusal.reason_key()));
        let text = state.i18n.t_args(language, "alert-refused-join", &args);
        if let Err(err) = send_html(bot, ChatId(chat), text, None).await {
            tracing::warn!(error = %err, organiser = organiser.id.get(), "cannot alert an organiser");
        }
    }
    Ok(())
}
