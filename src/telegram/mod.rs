//! Telegram at the edge: the update tree, thin handlers, keyboards and the command menu.

pub mod command;
pub mod dialogue;
pub mod handlers;
pub mod inbox;
pub mod menu;
pub mod permissions;
pub mod schema;
pub mod tracker;
pub mod webhook;

use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardMarkup, ParseMode, ReplyMarkup, User};

use crate::actions::{Caller, Refusal};
use crate::domain::roster::{Appointment, Language};
use crate::i18n::Args;
use crate::state::AppState;
use crate::store::roster::Person;
use crate::views::text::split_message;

/// What handlers return; errors are logged by the dispatcher and the user gets a generic
/// apology from the handler that knows the context.
pub type HandlerResult = anyhow::Result<()>;

/// The person behind an update, loaded once per update.
#[derive(Debug, Clone)]
pub struct Actor {
    /// Their Telegram account.
    pub user: User,
    /// The roster entry linked to that account, if any.
    pub person: Option<Person>,
    /// Whether that person is an organiser.
    pub is_organiser: bool,
    /// Whether that person is one of the Region's finance officers.
    pub is_finance_officer: bool,
    /// The language to speak to them.
    pub language: Language,
}

impl Actor {
    /// Loads the roster entry linked to a Telegram account. `reached_us` says the update is
    /// something the person did towards the bot (a message, a press, unblocking it), which
    /// shows they no longer block it; the update saying they blocked it is not.
    pub async fn load(state: &AppState, user: &User, reached_us: bool) -> anyhow::Result<Actor> {
        let found =
            crate::store::roster::by_telegram_with_appointments(&state.db, user.id.0 as i64)
                .await?;
        let (person, appointments) = found.map_or((None, Vec::new()), |(p, a)| (Some(p), a));
        if reached_us
            && let Some(person) = person.as_ref().filter(|p| p.unreachable_since.is_some())
        {
            crate::actions::roster::back_in_reach(state, person).await?;
        }
        // A stranger holds no appointment.
        let is_organiser = appointments.contains(&Appointment::Organiser);
        let is_finance_officer = appointments.contains(&Appointment::FinanceOfficer);
        let language = person
            .as_ref()
            .map(|p| p.language)
            .or_else(|| Language::from_telegram(user.language_code.as_deref()))
            .unwrap_or(state.settings.default_language);
        Ok(Actor {
            user: user.clone(),
            person,
            is_organiser,
            is_finance_officer,
            language,
        })
    }

    /// The chat with this person (a private chat's id is the user's id).
    pub fn chat(&self) -> ChatId {
        ChatId(self.telegram_id())
    }

    /// The actor as the use-case layer knows them.
    pub fn caller(&self) -> Caller {
        Caller {
            label: self.label(),
            person: self.person.as_ref().map(|p| p.id),
            organiser: self.is_organiser,
            finance_officer: self.is_finance_officer,
        }
    }

    /// What the permission table, `/help` and the command menu look at in this person.
    pub fn standing(&self) -> permissions::Standing {
        permissions::Standing {
            role: self.person.as_ref().map(|p| p.role),
            body: self
                .person
                .as_ref()
                .and_then(|p| p.body.as_ref())
                .map(|(kind, _)| *kind),
            organiser: self.is_organiser,
            finance_officer: self.is_finance_officer,
        }
    }

    /// Their Telegram account's id, as Takwin stores it (Telegram's ids fit 52 bits).
    pub fn telegram_id(&self) -> i64 {
        self.user.id.0 as i64
    }

    /// How organisers and the audit log name this actor.
    pub fn label(&self) -> String {
        match &self.person {
            Some(p) => format!("tg:{} {}", self.user.id.0, p.full_name),
            None => format!("tg:{} {}", self.user.id.0, describe_user(&self.user)),
        }
    }
}

/// A Telegram account described for organisers: name, @username and id.
pub fn describe_user(user: &User) -> String {
    let mut name = user.first_name.clone();
    if let Some(last) = &user.last_name {
        name.push(' ');
        name.push_str(last);
    }
    match &user.username {
        Some(u) => format!("{name} (@{u}, id {})", user.id.0),
        None => format!("{name} (id {})", user.id.0),
    }
}

/// Sends an HTML message, the one way Takwin talks; a text longer than Telegram allows goes
/// as several messages, the buttons under the last one.
pub async fn send_html(
    bot: &Bot,
    chat: ChatId,
    html: String,
    markup: Option<ReplyMarkup>,
) -> anyhow::Result<Message> {
    let mut pieces = split_message(&html);
    let last = pieces.pop().unwrap_or(html);
    for piece in pieces {
        bot.send_message(chat, piece)
            .parse_mode(ParseMode::Html)
            .await?;
    }
    let mut request = bot.send_message(chat, last).parse_mode(ParseMode::Html);
    if let Some(markup) = markup {
        request = request.reply_markup(markup);
    }
    Ok(request.await?)
}

/// Whether a button was pressed on a message of the presser's own chat with the bot. The bot
/// speaks in private chats, whose id is the person's: a press on a message of another chat
/// (someone else's reminder, forwarded or forged) is not the presser's to answer, and that
/// message is not theirs to change.
pub fn pressed_on_own_message(query: &CallbackQuery) -> bool {
    query
        .message
        .as_ref()
        .is_none_or(|message| message.chat().id == ChatId(query.from.id.0 as i64))
}

/// A button press being handled: the bot, the shared state, who pressed, and the press. The
/// router makes one per press and hands it to the button's handler, whose moves below answer
/// the press (no spinner left turning), refuse it alike everywhere, or change the message it
/// was on.
#[derive(Clone, Copy)]
pub struct Press<'a> {
    /// The bot that answers.
    pub bot: &'a Bot,
    /// What every handler shares.
    pub state: &'a AppState,
    /// Who pressed.
    pub actor: &'a Actor,
    /// The press, and the message it was on.
    pub query: &'a CallbackQuery,
}

impl<'a> Press<'a> {
    /// The press `query` of `actor`, to answer with `bot`.
    pub fn new(
        bot: &'a Bot,
        state: &'a AppState,
        actor: &'a Actor,
        query: &'a CallbackQuery,
    ) -> Press<'a> {
        Press {
            bot,
            state,
            actor,
            query,
        }
    }

    /// Answers the press, saying nothing.
    pub async fn answer(self) -> HandlerResult {
        self.bot
            .answer_callback_query(self.query.id.clone())
            .await?;
        Ok(())
    }

    /// Answers the press with a short notice that goes by itself.
    pub async fn toast(self, text: &str) -> HandlerResult {
        self.notice(text, false).await
    }

    /// Answers the press with a notice: one that goes by itself, or (`alert`) one to close.
    /// Telegram shows either as plain text, so it carries no bidi marks (which some clients
    /// draw as boxes).
    async fn notice(self, text: &str, alert: bool) -> HandlerResult {
        let mut request = self
            .bot
            .answer_callback_query(self.query.id.clone())
            .text(crate::i18n::strip_bidi(text));
        if alert {
            request = request.show_alert(true);
        }
        request.await?;
        Ok(())
    }

    /// Answers the press with an alert saying, in the presser's language, why it did nothing.
    pub async fn refuse(self, key: &str) -> HandlerResult {
        let text = self.state.i18n.t(self.actor.language, key);
        self.notice(&text, true).await
    }

    /// Answers the press with an alert giving an action's refusal, in the presser's language.
    pub async fn refuse_with(self, refusal: &impl Refusal) -> HandlerResult {
        let text = refusal.message(&self.state.i18n, self.actor.language);
        self.notice(&text, true).await
    }

    /// What an action allowed, or `None` once its refusal has answered the press: the one
    /// way a handler goes on only when the action was not refused.
    pub async fn unless_refused<T>(
        self,
        outcome: Result<T, impl Refusal>,
    ) -> anyhow::Result<Option<T>> {
        match outcome {
            Ok(allowed) => Ok(Some(allowed)),
            Err(refusal) => {
                self.refuse_with(&refusal).await?;
                Ok(None)
            }
        }
    }

    /// Replaces the message the button was on: its text, and its buttons (none unless
    /// given), so that an answered question cannot be answered twice.
    pub async fn edit(self, html: String, keyboard: Option<InlineKeyboardMarkup>) -> HandlerResult {
        let Some(message) = &self.query.message else {
            return Ok(());
        };
        if !pressed_on_own_message(self.query) {
            // The router refuses such a press before any handler; never someone else's message.
            return Ok(());
        }
        let mut request = self
            .bot
            .edit_message_text(message.chat().id, message.id(), html)
            .parse_mode(ParseMode::Html);
        if let Some(keyboard) = keyboard {
            request = request.reply_markup(keyboard);
        }
        request.await?;
        Ok(())
    }

    /// Replaces only the buttons of the message the button was on (none unless given); its
    /// text stays.
    pub async fn edit_buttons(self, keyboard: Option<InlineKeyboardMarkup>) -> HandlerResult {
        let Some(message) = &self.query.message else {
            return Ok(());
        };
        let mut request = self
            .bot
            .edit_message_reply_markup(message.chat().id, message.id());
        if let Some(keyboard) = keyboard {
            request = request.reply_markup(keyboard);
        }
        request.await?;
        Ok(())
    }

    /// Answers the press and replaces the text (and buttons) of the message it was on: how
    /// most presses end.
    pub async fn answer_with_edit(
        self,
        html: String,
        keyboard: Option<InlineKeyboardMarkup>,
    ) -> HandlerResult {
        self.answer().await?;
        self.edit(html, keyboard).await
    }

    /// Sends the presser a new message, below the one the button was on.
    pub async fn send(self, html: String, markup: Option<ReplyMarkup>) -> HandlerResult {
        send_html(self.bot, self.actor.chat(), html, markup).await?;
        Ok(())
    }
}

/// A message sent while a dialogue is open, being handled: the bot, the shared state, who
/// sent it, the dialogue's nonce and what they typed (a file's caption, for an announcement). The
/// router makes one per message and hands it to the dialogue's handler, with the dialogue's
/// answers so far.
#[derive(Clone, Copy)]
pub struct Reply<'a> {
    /// The bot that answers.
    pub bot: &'a Bot,
    /// What every handler shares.
    pub state: &'a AppState,
    /// Who sent it.
    pub actor: &'a Actor,
    /// The open dialogue's nonce.
    pub nonce: i64,
    /// What they typed: the text, or a file's caption.
    pub typed: &'a str,
}

/// What an action allowed, or `None` once its refusal has been said to the person: how a
/// command goes on only when its action was not refused.
pub async fn unless_refused<T>(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    outcome: Result<T, impl Refusal>,
) -> anyhow::Result<Option<T>> {
    match outcome {
        Ok(allowed) => Ok(Some(allowed)),
        Err(refusal) => {
            let text = refusal.message(&state.i18n, actor.language);
            send_html(bot, actor.chat(), text, None).await?;
            Ok(None)
        }
    }
}

/// The commands the person may use, as `/help` lists them: from the table their command menu
/// is made of (`menu.rs`). Their chat's menu is announced again with it, so that the two
/// agree even when what they may do changed since (an appointment granted or withdrawn).
pub async fn send_help(bot: &Bot, state: &AppState, actor: &Actor) -> anyhow::Result<()> {
    let who = actor.standing();
    let province_kind = actor.person.as_ref().map_or("province", |p| {
        crate::views::text::province_kind(&p.province)
    });
    let args = Args::new().choice("province_kind", province_kind);
    let text = menu::help(&state.i18n, actor.language, &who, &args);
    send_html(bot, actor.chat(), text, None).await?;
    menu::announce_chat_commands(bot, state, actor.chat(), actor.language, &who).await
}

/// Translates a message without arguments in the actor's language and sends it.
pub async fn say(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    key: &str,
    markup: Option<ReplyMarkup>,
) -> anyhow::Result<Message> {
    let text = state.i18n.t(actor.language, key);
    send_html(bot, actor.chat(), text, markup).await
}

/// Translates a message with arguments in the actor's language and sends it.
pub async fn say_args(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    key: &str,
    args: &Args,
    markup: Option<ReplyMarkup>,
) -> anyhow::Result<Message> {
    let text = state.i18n.t_args(actor.language, key, args);
    send_html(bot, actor.chat(), text, markup).await
}
