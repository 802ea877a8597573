//! Bot API methods other than getUpdates' waiting, operating on the locked state.

use std::time::Instant;

use serde_json::{Value, json};

use super::html::{Parsed, finish, parse_html};
use super::markdown::{parse_markdown, parse_markdown_v2};
use super::params::{ApiError, ApiResult, Params};
use super::state::{ChatKind, State, parse_markup};
use super::types::{
    AnsweredPress, CallbackAnswer, ChatMessage, Entity, FileData, Markup, Shown, ShownKind,
};

/// Canonical names of the methods the emulator implements, for dispatch,
/// statistics and the recording.
pub const METHODS: &[&str] = &[
    "getMe",
    "getUpdates",
    "setWebhook",
    "deleteWebhook",
    "getWebhookInfo",
    "sendMessage",
    "sendDocument",
    "sendPhoto",
    "sendChatAction",
    "editMessageText",
    "editMessageReplyMarkup",
    "deleteMessage",
    "answerCallbackQuery",
    "setMyCommands",
    "getMyCommands",
    "deleteMyCommands",
    "setChatMenuButton",
    "getChatMenuButton",
    "getChat",
];

/// Methods that deliver or change messages: injected faults apply to them.
pub const FAULTABLE: &[&str] = &[
    "sendMessage",
    "sendDocument",
    "sendPhoto",
    "editMessageText",
    "editMessageReplyMarkup",
];

/// The canonical name of a method, matched case-insensitively.
pub fn canonical(method: &str) -> Option<&'static str> {
    METHODS
        .iter()
        .copied()
        .find(|m| m.eq_ignore_ascii_case(method))
}

const MAX_TEXT: usize = 4096;
const MAX_CAPTION: usize = 1024;

/// Runs a method; getUpdates must be handled by the caller (it may wait).
pub fn call(st: &mut State, method: &str, p: &Params, now: Instant) -> ApiResult {
    match method {
        "getMe" => Ok(get_me(st)),
        "setWebhook" => set_webhook(st, p),
        "deleteWebhook" => {
            delete_webhook(st, p);
            Ok(json!(true))
        }
        "getWebhookInfo" => Ok(webhook_info(st)),
        "sendMessage" => send_message(st, p, now),
        "sendDocument" => send_file(st, p, now, "document"),
        "sendPhoto" => send_file(st, p, now, "photo"),
        "sendChatAction" => {
            let chat = chat_id(st, p)?;
            p.str("action")
                .ok_or_else(|| ApiError::bad("action is empty"))?;
            check_not_blocked(st, chat)?;
            Ok(json!(true))
        }
        "editMessageText" => edit_text(st, p),
        "editMessageReplyMarkup" => edit_markup(st, p),
        "deleteMessage" => delete_message(st, p),
        "answerCallbackQuery" => answer_callback(st, p),
        "setMyCommands" => set_commands(st, p),
        "getMyCommands" => {
            let key = commands_key(st, p)?;
            let list = st.commands.get(&key).cloned().unwrap_or_default();
            Ok(Value::Array(
                list.into_iter()
                    .map(|(c, d)| json!({"command": c, "description": d}))
                    .collect(),
            ))
        }
        "deleteMyCommands" => {
            let key = commands_key(st, p)?;
            st.commands.remove(&key);
            Ok(json!(true))
        }
        "setChatMenuButton" => {
            let chat = match p.int("chat_id")? {
                Some(id) if st.chats.contains_key(&id) => Some(id),
                Some(_) => return Err(ApiError::bad("chat not found")),
                None => None,
            };
            let button = p
                .json("menu_button")?
                .unwrap_or_else(|| json!({"type": "default"}));
            match button.get("type").and_then(Value::as_str) {
                Some("default" | "commands") => {}
                Some("web_app") if button.pointer("/web_app/url").is_some() => {}
                _ => return Err(ApiError::bad("can't parse menu button JSON object")),
            }
            st.menu_buttons.insert(chat, button);
            Ok(json!(true))
        }
        "getChatMenuButton" => {
            let chat = p.int("chat_id")?;
            let b = st
                .menu_buttons
                .get(&chat)
                .or_else(|| st.menu_buttons.get(&None));
            Ok(b.cloned().unwrap_or_else(|| json!({"type": "commands"})))
        }
        "getChat" => get_chat(st, p),
        _ => Err(ApiError {
            code: 404,
            description: "Not Found: method not found".into(),
            retry_after: None,
        }),
    }
}

fn get_me(st: &State) -> Value {
    let mut v = st.bot_json();
    v["can_join_groups"] = json!(true);
    v["can_read_all_group_messages"] = json!(false);
    v["supports_inline_queries"] = json!(false);
    v["can_connect_to_business"] = json!(false);
    v["has_main_web_app"] = json!(false);
    v
}

fn webhook_info(st: &State) -> Value {
    let mut v = json!({
        "url": st.webhook.as_ref().map(|w| w.url.as_str()).unwrap_or_default(),
        "has_custom_certificate": false,
        "pending_update_count": st.updates.len(),
    });
    if let Some(w) = &st.webhook {
        v["max_connections"] = json!(w.max_connections);
        if let Some(a) = &w.allowed_updates {
            v["allowed_updates"] = a.clone();
        }
        if let Some((date, message)) = &w.last_error {
            v["last_error_date"] = json!(date);
            v["last_error_message"] = json!(message);
        }
    }
    v
}

/// The longest secret token Telegram accepts.
const MAX_SECRET: usize = 256;

fn set_webhook(st: &mut State, p: &Params) -> ApiResult {
    let url = p.str("url").unwrap_or_default();
    if url.is_empty() {
        delete_webhook(st, p);
        return Ok(json!(true));
    }
    let url = match url::Url::parse(&url) {
        Ok(u)
            if u.has_host()
                && (u.scheme() == "https" || st.insecure_webhooks && u.scheme() == "http") =>
        {
            u
        }
        _ => {
            return Err(ApiError::bad(
                "bad webhook: An HTTPS URL must be provided for webhook",
            ));
        }
    };
    let secret_token = p.str("secret_token").filter(|s| !s.is_empty());
    if let Some(secret) = &secret_token {
        if secret.len() > MAX_SECRET {
            return Err(ApiError::bad("secret token is too long"));
        }
        if !secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return Err(ApiError::bad("secret token contains unallowed characters"));
        }
    }
    // Telegram clamps an out-of-range value rather than refusing it.
    let max_connections = p.int("max_connections")?.unwrap_or(40).clamp(1, 100);
    let allowed_updates = p.json("allowed_updates")?;
    if let Some(list) = allowed_updates.as_ref().and_then(Value::as_array) {
        st.allowed_updates = Some(
            list.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
        );
    }
    if p.flag("drop_pending_updates") {
        st.updates.clear();
    }
    st.webhook = Some(super::state::Webhook {
        url,
        secret_token,
        max_connections: usize::try_from(max_connections).unwrap_or(40),
        allowed_updates,
        last_error: None,
    });
    Ok(json!(true))
}

fn delete_webhook(st: &mut State, p: &Params) {
    st.webhook = None;
    if p.flag("drop_pending_updates") {
        st.updates.clear();
    }
}

/// Resolves `chat_id` (numeric, or `@username` of a user) to a known chat.
fn chat_id(st: &State, p: &Params) -> ApiResult<i64> {
    let raw = p
        .str("chat_id")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ApiError::bad("chat_id is empty"))?;
    let id = if let Some(name) = raw.strip_prefix('@') {
        st.users
            .values()
            .find(|u| {
                u.info
                    .username
                    .as_deref()
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
            })
            .map(|u| u.info.id)
    } else {
        raw.trim().parse::<i64>().ok()
    };
    id.filter(|id| st.chats.contains_key(id))
        .ok_or_else(|| ApiError::bad("chat not found"))
}

fn check_not_blocked(st: &State, chat: i64) -> ApiResult<()> {
    if st.is_blocked(chat) {
        return Err(ApiError::forbidden("bot was blocked by the user"));
    }
    Ok(())
}

/// Parses text according to `parse_mode` / `entities` parameters.
fn formatted(
    p: &Params,
    text: &str,
    mode_key: &str,
    entities_key: &str,
) -> ApiResult<(Parsed, Option<String>)> {
    let mode = p.str(mode_key).filter(|m| !m.is_empty());
    let parsed = match mode.as_deref() {
        None => {
            let entities = match p.json(entities_key)? {
                Some(Value::Array(list)) => list
                    .iter()
                    .map(|e| {
                        Entity::from_json(e)
                            .ok_or_else(|| ApiError::bad("can't parse entities JSON object"))
                    })
                    .collect::<ApiResult<Vec<_>>>()?,
                Some(_) => return Err(ApiError::bad("can't parse entities JSON object")),
                None => Vec::new(),
            };
            Parsed {
                text: text.to_owned(),
                entities,
            }
        }
        Some(m) => {
            let result = if m.eq_ignore_ascii_case("html") {
                parse_html(text)
            } else if m.eq_ignore_ascii_case("markdownv2") {
                parse_markdown_v2(text)
            } else if m.eq_ignore_ascii_case("markdown") {
                parse_markdown(text)
            } else {
                return Err(ApiError::bad("unsupported parse_mode"));
            };
            result.map_err(|e| ApiError::bad(&format!("can't parse entities: {e}")))?
        }
    };
    Ok((finish(parsed), mode))
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

fn markup(p: &Params, inline_only: bool) -> ApiResult<(Option<Markup>, Option<Value>)> {
    match p.json("reply_markup")? {
        None => Ok((None, None)),
        Some(v) => {
            let (m, json) = parse_markup(&v, inline_only)?;
            // An empty inline keyboard means no keyboard.
            let m = match m {
                Markup::Inline(rows) if rows.is_empty() => None,
                m => Some(m),
            };
            Ok((m, json))
        }
    }
}

fn check_rate(st: &mut State, chat: i64, now: Instant) -> ApiResult<()> {
    if !st.rate_limits_on {
        return Ok(());
    }
    let private = st
        .chats
        .get(&chat)
        .is_some_and(|c| c.kind == ChatKind::Private);
    st.limiter
        .check(chat, private, now)
        .map_err(ApiError::flood)
}

fn deliver(st: &mut State, chat: i64, msg: ChatMessage, inline: Option<Value>) -> Value {
    st.record_shown(chat, &msg);
    let id = st.push_message(chat, msg, inline);
    st.stats.sent += 1;
    let c = &st.chats[&chat];
    st.message_json(c, c.find(i64::from(id)).expect("just stored"))
}

fn bot_message(
    text: String,
    raw: Option<String>,
    mode: Option<String>,
    entities: Vec<Entity>,
    markup: Option<Markup>,
    now: Instant,
) -> ChatMessage {
    ChatMessage {
        message_id: 0,
        from_bot: true,
        from_user: None,
        text,
        html: raw,
        parse_mode: mode,
        entities,
        reply_markup: markup,
        document: None,
        photo: None,
        contact: None,
        edits: 0,
        date: super::state::now_unix(),
        received_at: now,
    }
}

fn send_message(st: &mut State, p: &Params, now: Instant) -> ApiResult {
    let chat = chat_id(st, p)?;
    let raw = p.str("text").unwrap_or_default();
    if raw.is_empty() {
        return Err(ApiError::bad("message text is empty"));
    }
    let (parsed, mode) = formatted(p, &raw, "parse_mode", "entities")?;
    if parsed.text.is_empty() {
        return Err(ApiError::bad("message text is empty"));
    }
    if utf16_len(&parsed.text) > MAX_TEXT {
        return Err(ApiError::bad("message is too long"));
    }
    let (markup, inline) = markup(p, false)?;
    check_not_blocked(st, chat)?;
    check_rate(st, chat, now)?;
    let raw = mode.is_some().then_some(raw);
    Ok(deliver(
        st,
        chat,
        bot_message(parsed.text, raw, mode, parsed.entities, markup, now),
        inline,
    ))
}

fn send_file(st: &mut State, p: &Params, now: Instant, field: &str) -> ApiResult {
    let chat = chat_id(st, p)?;
    let file: FileData = if let Some(up) = p.files.get(field) {
        if up.bytes.is_empty() {
            return Err(ApiError::bad("file must be non-empty"));
        }
        if up.bytes.len() > 50 * 1024 * 1024 {
            return Err(ApiError {
                code: 413,
                description: "Request Entity Too Large".into(),
                retry_after: None,
            });
        }
        let prefix = if field == "photo" { "AgAC" } else { "BQAC" };
        st.new_file(
            prefix,
            up.file_name.clone(),
            up.content_type.clone(),
            up.bytes.clone(),
        )
    } else {
        let Some(s) = p.str(field).filter(|s| !s.is_empty()) else {
            return Err(ApiError::bad(&format!(
                "there is no {field} in the request"
            )));
        };
        if let Some(f) = st.files.get(&s) {
            f.clone()
        } else if s.starts_with("http://") || s.starts_with("https://") {
            let name = s
                .rsplit('/')
                .next()
                .filter(|n| !n.is_empty())
                .map(str::to_owned);
            st.new_file("BQAC", name, None, Vec::new())
        } else {
            return Err(ApiError::bad("wrong file identifier/HTTP URL specified"));
        }
    };
    let raw = p.str("caption").unwrap_or_default();
    let (parsed, mode) = formatted(p, &raw, "parse_mode", "caption_entities")?;
    if utf16_len(&parsed.text) > MAX_CAPTION {
        return Err(ApiError::bad("message caption is too long"));
    }
    let (markup, inline) = markup(p, false)?;
    check_not_blocked(st, chat)?;
    check_rate(st, chat, now)?;
    let raw = (mode.is_some() && !raw.is_empty()).then_some(raw);
    let mut msg = bot_message(parsed.text, raw, mode, parsed.entities, markup, now);
    if field == "photo" {
        msg.photo = Some(file);
    } else {
        msg.document = Some(file);
    }
    Ok(deliver(st, chat, msg, inline))
}

/// Locates the bot message an edit targets.
fn edit_target(st: &State, p: &Params) -> ApiResult<(i64, i64)> {
    if p.str("inline_message_id").is_some() {
        return Err(ApiError::bad("message to edit not found"));
    }
    let chat = chat_id(st, p)?;
    let id = p
        .int("message_id")?
        .ok_or_else(|| ApiError::bad("message identifier is not specified"))?;
    let m = st.chats[&chat]
        .find(id)
        .ok_or_else(|| ApiError::bad("message to edit not found"))?;
    if !m.msg.from_bot {
        return Err(ApiError::bad("message can't be edited"));
    }
    check_not_blocked(st, chat)?;
    Ok((chat, id))
}

const NOT_MODIFIED: &str = "message is not modified: specified new message content and reply markup are \
                            exactly the same as a current content and reply markup of the message";

fn edit_text(st: &mut State, p: &Params) -> ApiResult {
    let (chat, id) = edit_target(st, p)?;
    let raw = p.str("text").unwrap_or_default();
    if raw.is_empty() {
        return Err(ApiError::bad("message text is empty"));
    }
    let (parsed, mode) = formatted(p, &raw, "parse_mode", "entities")?;
    if parsed.text.is_empty() {
        return Err(ApiError::bad("message text is empty"));
    }
    if utf16_len(&parsed.text) > MAX_TEXT {
        return Err(ApiError::bad("MESSAGE_TOO_LONG"));
    }
    let (markup, inline) = markup(p, true)?;
    let stored = st
        .chats
        .get_mut(&chat)
        .and_then(|c| c.find_mut(id))
        .expect("checked by edit_target");
    if stored.msg.document.is_some() || stored.msg.photo.is_some() {
        return Err(ApiError::bad("there is no text in the message to edit"));
    }
    if stored.msg.text == parsed.text
        && stored.msg.entities == parsed.entities
        && stored.inline_markup == inline
    {
        return Err(ApiError::bad(NOT_MODIFIED));
    }
    stored.msg.text = parsed.text;
    stored.msg.entities = parsed.entities;
    stored.msg.html = mode.is_some().then_some(raw);
    stored.msg.parse_mode = mode;
    // Like Telegram, an edit without reply_markup removes the inline keyboard.
    stored.msg.reply_markup = markup;
    stored.inline_markup = inline;
    finish_edit(st, chat, id)
}

fn finish_edit(st: &mut State, chat: i64, id: i64) -> ApiResult {
    let stored = st
        .chats
        .get_mut(&chat)
        .and_then(|c| c.find_mut(id))
        .expect("exists");
    stored.msg.edits += 1;
    stored.edit_date = Some(super::state::now_unix());
    let shown = stored.msg.clone();
    st.record_shown(chat, &shown);
    st.stats.edits += 1;
    let c = &st.chats[&chat];
    Ok(st.message_json(c, c.find(id).expect("exists")))
}

fn edit_markup(st: &mut State, p: &Params) -> ApiResult {
    let (chat, id) = edit_target(st, p)?;
    let (markup, inline) = markup(p, true)?;
    let stored = st
        .chats
        .get_mut(&chat)
        .and_then(|c| c.find_mut(id))
        .expect("checked by edit_target");
    if stored.inline_markup == inline {
        return Err(ApiError::bad(NOT_MODIFIED));
    }
    stored.msg.reply_markup = markup;
    stored.inline_markup = inline;
    finish_edit(st, chat, id)
}

fn delete_message(st: &mut State, p: &Params) -> ApiResult {
    let chat = chat_id(st, p)?;
    let id = p
        .int("message_id")?
        .ok_or_else(|| ApiError::bad("message identifier is not specified"))?;
    let c = st.chats.get_mut(&chat).expect("resolved");
    let pos = c
        .history
        .iter()
        .position(|m| i64::from(m.msg.message_id) == id)
        .ok_or_else(|| ApiError::bad("message to delete not found"))?;
    c.history.remove(pos);
    Ok(json!(true))
}

fn answer_callback(st: &mut State, p: &Params) -> ApiResult {
    let id = p.str("callback_query_id").unwrap_or_default();
    let invalid =
        || ApiError::bad("query is too old and response timeout expired or query id is invalid");
    let q = st.queries.get_mut(&id).ok_or_else(invalid)?;
    if q.answer.is_some() {
        return Err(invalid());
    }
    let text = p.str("text").filter(|t| !t.is_empty());
    if text.as_deref().is_some_and(|t| t.chars().count() > 200) {
        return Err(ApiError::bad("MESSAGE_TOO_LONG"));
    }
    if let Some(text) = &text {
        let shown = Shown {
            chat: q.user,
            kind: ShownKind::Alert,
            text: text.clone(),
        };
        st.shown.push(shown);
    }
    let answered_at = st.time.now();
    let q = st.queries.get_mut(&id).ok_or_else(invalid)?;
    q.answer = Some(CallbackAnswer {
        text,
        show_alert: p.flag("show_alert"),
        url: p.str("url"),
        cache_time: p.int("cache_time")?,
        answered_at,
    });
    let answered = AnsweredPress {
        update_id: q.update_id,
        pressed_at: q.pressed_at,
        answered_at,
    };
    // Watchers that went away are forgotten.
    st.answer_watchers
        .retain(|watcher| watcher.send(answered).is_ok());
    Ok(json!(true))
}

/// Canonical key of a `BotCommandScope` JSON object.
pub fn scope_key(scope: &Value) -> Option<String> {
    let kind = scope.get("type")?.as_str()?;
    let num = |k: &str| match scope.get(k) {
        Some(Value::Number(n)) => n.as_i64().map(|n| n.to_string()),
        Some(Value::String(s)) => Some(s.clone()),
        _ => None,
    };
    match kind {
        "default" | "all_private_chats" | "all_group_chats" | "all_chat_administrators" => {
            Some(kind.to_owned())
        }
        "chat" | "chat_administrators" => Some(format!("{kind}:{}", num("chat_id")?)),
        "chat_member" => Some(format!("{kind}:{}:{}", num("chat_id")?, num("user_id")?)),
        _ => None,
    }
}

fn commands_key(st: &State, p: &Params) -> ApiResult<(String, String)> {
    let scope = p
        .json("scope")?
        .unwrap_or_else(|| json!({"type": "default"}));
    let key = scope_key(&scope)
        .ok_or_else(|| ApiError::bad("can't parse BotCommandScope JSON object"))?;
    if let Some(chat) = scope.get("chat_id") {
        let id = chat
            .as_i64()
            .or_else(|| chat.as_str().and_then(|s| s.parse().ok()));
        if !id.is_some_and(|id| st.chats.contains_key(&id)) {
            return Err(ApiError::bad("chat not found"));
        }
    }
    let lang = p.str("language_code").unwrap_or_default();
    if !(lang.is_empty() || (lang.len() == 2 && lang.bytes().all(|b| b.is_ascii_lowercase()))) {
        return Err(ApiError::bad("invalid language code specified"));
    }
    Ok((key, lang))
}

fn set_commands(st: &mut State, p: &Params) -> ApiResult {
    let key = commands_key(st, p)?;
    let list = match p.json("commands")? {
        Some(Value::Array(list)) => list,
        Some(_) => return Err(ApiError::bad("can't parse commands JSON object")),
        None => return Err(ApiError::bad("commands is empty")),
    };
    if list.len() > 100 {
        return Err(ApiError::bad("BOT_COMMANDS_TOO_MUCH"));
    }
    let mut commands = Vec::with_capacity(list.len());
    for c in &list {
        let name = c.get("command").and_then(Value::as_str).unwrap_or_default();
        // Clients often write the slash; Telegram drops it.
        let name = name.strip_prefix('/').unwrap_or(name);
        let desc = c
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if name.is_empty()
            || name.len() > 32
            || !name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err(ApiError::bad("BOT_COMMAND_INVALID"));
        }
        let len = desc.chars().count();
        if len == 0 || len > 256 {
            return Err(ApiError::bad("BOT_COMMAND_DESCRIPTION_INVALID"));
        }
        commands.push((name.to_owned(), desc.to_owned()));
    }
    if commands.is_empty() {
        st.commands.remove(&key);
    } else {
        st.commands.insert(key, commands);
    }
    Ok(json!(true))
}

fn get_chat(st: &State, p: &Params) -> ApiResult {
    let id = chat_id(st, p)?;
    let chat = &st.chats[&id];
    let mut v = st.chat_json(chat);
    v["accent_color_id"] = json!(id.rem_euclid(7));
    v["max_reaction_count"] = json!(11);
    v["accepted_gift_types"] = json!({
        "unlimited_gifts": true,
        "limited_gifts": true,
        "unique_gifts": true,
        "premium_subscription": true,
        "gifts_from_channels": true,
    });
    Ok(v)
}
