//! Telegram at the edge: the update tree, thin handlers, keyboards and the command menu.

pub mod callback;
pub mod dialogue;
pub mod handlers;
pub mod menu;
pub mod schema;

use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardMarkup, ParseMode, ReplyMarkup, User};

use crate::app::AppState;
use crate::domain::roster::{BodyKind, Language, PlaceName};
use crate::i18n::Args;
use crate::store::roster::Person;

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
    /// The language to speak to them.
    pub language: Language,
}

impl Actor {
    /// Loads the roster entry linked to a Telegram account.
    pub async fn load(state: &AppState, user: &User) -> anyhow::Result<Actor> {
        let person = crate::store::roster::by_telegram(&state.db, user.id.0 as i64).await?;
        let is_organiser = match &person {
            Some(p) => crate::store::roster::is_organiser(&state.db, p.id).await?,
            None => false,
        };
        let language = person
            .as_ref()
            .map(|p| p.language)
            .or_else(|| Language::from_telegram(user.language_code.as_deref()))
            .unwrap_or(state.settings.default_language);
        Ok(Actor {
            user: user.clone(),
            person,
            is_organiser,
            language,
        })
    }

    /// The chat with this person (a private chat's id is the user's id).
    pub fn chat(&self) -> ChatId {
        ChatId(self.user.id.0 as i64)
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

/// Telegram's limit on a message, in UTF-16 code units of its text after parsing. The HTML
/// source is measured instead: never shorter, so a piece that fits by it fits.
const MAX_MESSAGE: usize = 4096;

/// Cuts a text too long for one message into pieces at line breaks (a list per commune of a
/// whole region runs to several thousand characters). Lines are whole in every template, so
/// tags stay balanced; a single line longer than a message is cut at the limit.
pub fn split_message(html: &str) -> Vec<String> {
    let units = |s: &str| s.encode_utf16().count();
    if units(html) <= MAX_MESSAGE {
        return vec![html.to_owned()];
    }
    let mut pieces = Vec::new();
    let mut current = String::new();
    for line in html.split('\n') {
        let mut line = line.to_owned();
        while units(&line) > MAX_MESSAGE {
            let cut: String = line
                .chars()
                .scan(0, |used, c| {
                    *used += c.len_utf16();
                    (*used <= MAX_MESSAGE).then_some(c)
                })
                .collect();
            line = line[cut.len()..].to_owned();
            if !current.is_empty() {
                pieces.push(std::mem::take(&mut current));
            }
            pieces.push(cut);
        }
        if !current.is_empty() && units(&current) + 1 + units(&line) > MAX_MESSAGE {
            pieces.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(&line);
    }
    if !current.trim().is_empty() {
        pieces.push(current);
    }
    // Telegram refuses an empty message: a piece of blank lines only is dropped.
    pieces.retain(|p| !p.trim().is_empty());
    pieces
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

/// Replaces the message a button was on: its text, and its buttons (none unless given), so
/// that an answered question cannot be answered twice.
pub async fn edit_html(
    bot: &Bot,
    query: &CallbackQuery,
    html: String,
    keyboard: Option<InlineKeyboardMarkup>,
) -> anyhow::Result<()> {
    let Some(message) = &query.message else {
        return Ok(());
    };
    let mut request = bot
        .edit_message_text(message.chat().id, message.id(), html)
        .parse_mode(ParseMode::Html);
    if let Some(keyboard) = keyboard {
        request = request.reply_markup(keyboard);
    }
    request.await?;
    Ok(())
}

/// Answers a button press with an alert. Telegram shows it as plain text, so it carries no
/// markup and no bidi marks (which some clients draw as boxes).
pub async fn alert(bot: &Bot, query: &CallbackQuery, text: &str) -> anyhow::Result<()> {
    bot.answer_callback_query(query.id.clone())
        .text(crate::i18n::strip_bidi(text))
        .show_alert(true)
        .await?;
    Ok(())
}

/// Answers a button press with an alert saying, in the presser's language, why it did
/// nothing.
pub async fn refuse_press(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
    key: &str,
) -> anyhow::Result<()> {
    alert(bot, query, &state.i18n.t(actor.language, key)).await
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

/// How a body is named to a person: a commune by its name in their script, the Provincial
/// Council and the province's own services by what they are.
pub fn place_label(
    state: &AppState,
    language: Language,
    province: &PlaceName,
    body: Option<&(BodyKind, PlaceName)>,
) -> String {
    match body {
        Some((BodyKind::Commune, name)) => name.display(language).to_owned(),
        Some((BodyKind::ProvincialCouncil, _)) => state.i18n.t(language, "body-provincial-council"),
        None => {
            let args = Args::new().text("province", province.display(language));
            state.i18n.t_args(language, "body-province-services", &args)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_at_line_breaks_within_the_limit() {
        let line = "• <b>آيت بوبيدمان</b>: ✅ 12 · ❌ 3 · ❔ 40";
        let html = vec![line; 400].join("\n");
        let pieces = split_message(&html);
        assert!(pieces.len() > 1);
        for piece in &pieces {
            assert!(piece.encode_utf16().count() <= MAX_MESSAGE);
            assert_eq!(piece.matches("<b>").count(), piece.matches("</b>").count());
        }
        assert_eq!(pieces.join("\n"), html, "nothing lost, nothing added");
        assert_eq!(split_message("short"), ["short"]);
        let giant = "x".repeat(MAX_MESSAGE * 2 + 10);
        let pieces = split_message(&format!("title\n{giant}"));
        assert_eq!(pieces.len(), 4);
        assert!(
            pieces
                .iter()
                .all(|p| p.encode_utf16().count() <= MAX_MESSAGE)
        );
    }
}
