//! The control API: the in-process driver ([`Emulator`](super::Emulator)'s people-playing
//! and reading methods) over HTTP, under `/control/`, for a bot and a test that run as
//! separate processes (the standalone binary). JSON in and out; every route is a thin
//! wrapper over the same [`State`] functions the in-process driver calls.
//!
//! `/control` cannot clash with the Bot API: its routes are `/bot<token>/<method>`.
//! Errors are `{"error": "…"}` with 400 (a bad request, an unknown user, a button not
//! shown), 404 (no such route, an update that is no button press) or 408 (a wait that
//! timed out).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State as AxState};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use serde_json::{Value, json};

use super::server::Shared;
use super::types::{
    CallbackAnswer, ChatMessage, Contact, Entity, FileData, Markup, NewUser, WebhookFaults,
};

/// The longest a read may wait (`wait_ms`): a client that forgot its own timeout must not
/// hold a connection for ever.
const LONGEST_WAIT: Duration = Duration::from_secs(120);

/// A 1×1 transparent PNG: the photo sent when the request gives none.
const SMALL_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

/// The control routes, to be nested under `/control`.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/users", post(add_user))
        .route("/users/bulk", post(add_users))
        .route("/users/{user}/text", post(send_text))
        .route("/users/{user}/press", post(press_button))
        .route("/users/{user}/contact", post(send_contact))
        .route("/users/{user}/photo", post(send_photo))
        .route("/users/{user}/document", post(send_document))
        .route("/groups", post(add_group))
        .route("/users/{user}/block", post(block))
        .route("/users/{user}/unblock", post(unblock))
        .route("/chats/{chat}/messages", get(bot_messages))
        .route("/messages", get(all_bot_messages))
        .route("/chats/{chat}/commands", get(menu_commands))
        .route("/updates/{update_id}/answer", get(callback_answer))
        .route("/updates/pending", get(pending_updates))
        .route("/stats", get(stats))
        .route("/webhook/faults", post(webhook_faults))
        // Without it, `/control/<anything>` would reach the Bot API's `/{bot}/{method}`
        // and be answered as a wrong token.
        .route("/{*rest}", any(no_such_route))
        .fallback(no_such_route)
        .with_state(shared)
}

async fn no_such_route() -> Failure {
    Failure::new(StatusCode::NOT_FOUND, "no such control route")
}

/// An error answer: `{"error": "…"}` under its status.
struct Failure(StatusCode, String);

impl Failure {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self(status, message.into())
    }

    fn bad(message: impl std::fmt::Display) -> Self {
        Self(StatusCode::BAD_REQUEST, message.to_string())
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (self.0, axum::Json(json!({"error": self.1}))).into_response()
    }
}

type Answer = Result<axum::Json<Value>, Failure>;

/// A request's JSON object; an empty body is an empty object.
struct Body(serde_json::Map<String, Value>);

impl Body {
    fn parse(bytes: &[u8]) -> Result<Self, Failure> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self(serde_json::Map::new()));
        }
        match serde_json::from_slice(bytes) {
            Ok(Value::Object(map)) => Ok(Self(map)),
            _ => Err(Failure::bad("the body is not a JSON object")),
        }
    }

    fn str(&self, key: &str) -> Result<Option<String>, Failure> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(Failure::bad(format!("`{key}` must be a string"))),
        }
    }

    fn required_str(&self, key: &str) -> Result<String, Failure> {
        self.str(key)?
            .ok_or_else(|| Failure::bad(format!("`{key}` is required")))
    }

    fn int(&self, key: &str) -> Result<Option<i64>, Failure> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v
                .as_i64()
                .map(Some)
                .ok_or_else(|| Failure::bad(format!("`{key}` must be an integer"))),
        }
    }

    fn required_int(&self, key: &str) -> Result<i64, Failure> {
        self.int(key)?
            .ok_or_else(|| Failure::bad(format!("`{key}` is required")))
    }
}

/// A query parameter as a number, `default` when absent.
fn query_number(q: &HashMap<String, String>, key: &str, default: u64) -> Result<u64, Failure> {
    match q.get(key) {
        None => Ok(default),
        Some(v) => v
            .parse()
            .map_err(|_| Failure::bad(format!("`{key}` must be a whole number"))),
    }
}

/// `wait_ms` of a read: how long to wait for what it asks for (0, the default: answer now).
fn wait(q: &HashMap<String, String>) -> Result<Duration, Failure> {
    Ok(Duration::from_millis(query_number(q, "wait_ms", 0)?).min(LONGEST_WAIT))
}

fn update_answer(update_id: i64) -> Answer {
    Ok(axum::Json(json!({"update_id": update_id})))
}

async fn add_user(AxState(shared): AxState<Arc<Shared>>, body: Bytes) -> Answer {
    let b = Body::parse(&body)?;
    let user = NewUser {
        id: b.required_int("id")?,
        first_name: b.required_str("first_name")?,
        last_name: b.str("last_name")?,
        username: b.str("username")?,
        language_code: b.str("language_code")?,
    };
    let id = shared.mutate(|st| st.add_user(user));
    Ok(axum::Json(json!({"user_id": id})))
}

/// The most users one bulk request registers.
const MOST_IN_BULK: i64 = 1_000_000;

/// `count` users with ids from `first_id` on, all named `first_name` ("User" by default).
async fn add_users(AxState(shared): AxState<Arc<Shared>>, body: Bytes) -> Answer {
    let b = Body::parse(&body)?;
    let count = b.required_int("count")?;
    if !(1..=MOST_IN_BULK).contains(&count) {
        return Err(Failure::bad(format!("`count` must be 1 to {MOST_IN_BULK}")));
    }
    let first = NewUser {
        id: b.required_int("first_id")?,
        first_name: b.str("first_name")?.unwrap_or_else(|| "User".to_owned()),
        last_name: b.str("last_name")?,
        username: None,
        language_code: b.str("language_code")?,
    };
    let count = usize::try_from(count).expect("checked above");
    let ids = shared.mutate(|st| st.add_users(&first, count));
    Ok(axum::Json(
        json!({"first_id": ids.start, "last_id": ids.end - 1, "count": ids.end - ids.start}),
    ))
}

async fn send_text(
    AxState(shared): AxState<Arc<Shared>>,
    Path(user): Path<i64>,
    body: Bytes,
) -> Answer {
    let b = Body::parse(&body)?;
    let text = b.required_str("text")?;
    // A group's message names its chat; a private one's chat is the user's.
    let chat = b.int("chat")?.unwrap_or(user);
    let update = shared
        .mutate(|st| st.user_message(chat, user, &text, None))
        .map_err(Failure::bad)?;
    update_answer(update)
}

async fn press_button(
    AxState(shared): AxState<Arc<Shared>>,
    Path(user): Path<i64>,
    body: Bytes,
) -> Answer {
    let b = Body::parse(&body)?;
    let message_id = i32::try_from(b.required_int("message_id")?)
        .map_err(|_| Failure::bad("`message_id` is out of range"))?;
    let data = b.required_str("callback_data")?;
    let (update, query) = shared
        .mutate(|st| {
            let update = st.press_button(user, message_id, &data)?;
            anyhow::Ok((update, st.query_of_update.get(&update).cloned()))
        })
        .map_err(Failure::bad)?;
    Ok(axum::Json(
        json!({"update_id": update, "callback_query_id": query}),
    ))
}

async fn send_contact(
    AxState(shared): AxState<Arc<Shared>>,
    Path(user): Path<i64>,
    body: Bytes,
) -> Answer {
    let b = Body::parse(&body)?;
    let contact = Contact {
        phone_number: b.required_str("phone_number")?,
        first_name: b.required_str("first_name")?,
        user_id: b.int("user_id")?,
    };
    let update = shared
        .mutate(|st| st.user_message(user, user, "", Some(contact)))
        .map_err(Failure::bad)?;
    update_answer(update)
}

async fn send_photo(
    AxState(shared): AxState<Arc<Shared>>,
    Path(user): Path<i64>,
    body: Bytes,
) -> Answer {
    let b = Body::parse(&body)?;
    let bytes = match b.str("base64")? {
        Some(text) => decode_base64(&text).ok_or_else(|| Failure::bad("`base64` is not base64"))?,
        None => SMALL_PNG.to_vec(),
    };
    let caption = b.str("caption")?.unwrap_or_default();
    let update = shared
        .mutate(|st| st.user_photo(user, bytes, &caption))
        .map_err(Failure::bad)?;
    update_answer(update)
}

async fn send_document(
    AxState(shared): AxState<Arc<Shared>>,
    Path(user): Path<i64>,
    body: Bytes,
) -> Answer {
    let b = Body::parse(&body)?;
    let bytes = decode_base64(&b.required_str("base64")?)
        .ok_or_else(|| Failure::bad("`base64` is not base64"))?;
    let file_name = b.required_str("file_name")?;
    let caption = b.str("caption")?.unwrap_or_default();
    let update = shared
        .mutate(|st| st.user_document(user, bytes, &file_name, &caption))
        .map_err(Failure::bad)?;
    update_answer(update)
}

async fn add_group(AxState(shared): AxState<Arc<Shared>>, body: Bytes) -> Answer {
    let b = Body::parse(&body)?;
    let id = b.required_int("id")?;
    let title = b.required_str("title")?;
    shared.mutate(|st| st.add_group(id, &title));
    Ok(axum::Json(json!({"chat": id})))
}

async fn block(AxState(shared): AxState<Arc<Shared>>, Path(user): Path<i64>) -> Answer {
    set_blocked(&shared, user, true)
}

async fn unblock(AxState(shared): AxState<Arc<Shared>>, Path(user): Path<i64>) -> Answer {
    set_blocked(&shared, user, false)
}

/// Answers the `my_chat_member` update's id, or null when nothing changed.
fn set_blocked(shared: &Shared, user: i64, blocked: bool) -> Answer {
    let update = shared.mutate(|st| {
        anyhow::ensure!(st.users.contains_key(&user), "unknown user {user}");
        Ok(st.set_blocked(user, blocked))
    });
    Ok(axum::Json(
        json!({"update_id": update.map_err(Failure::bad)?}),
    ))
}

/// The bot's messages in a chat, oldest first, edits applied; with `at_least`, waits up to
/// `wait_ms` for that many.
async fn bot_messages(
    AxState(shared): AxState<Arc<Shared>>,
    Path(chat): Path<i64>,
    Query(q): Query<HashMap<String, String>>,
) -> Answer {
    let at_least = usize::try_from(query_number(&q, "at_least", 0)?).unwrap_or(usize::MAX);
    let timeout = wait(&q)?;
    let messages = shared
        .wait_for(timeout, || {
            Some(shared.lock().bot_messages(chat)).filter(|m| m.len() >= at_least)
        })
        .await
        .map_err(|_| {
            let got = shared.lock().bot_messages(chat).len();
            Failure::new(
                StatusCode::REQUEST_TIMEOUT,
                format!("chat {chat}: expected at least {at_least} bot messages within {timeout:?}, got {got}"),
            )
        })?;
    let started = shared.started;
    let list: Vec<Value> = messages.iter().map(|m| message_json(m, started)).collect();
    Ok(axum::Json(json!({"messages": list})))
}

/// The bot's messages in every chat, each with its `chat`, in the order the emulator accepted
/// them; with `at_least`, waits up to `wait_ms` for that many.
async fn all_bot_messages(
    AxState(shared): AxState<Arc<Shared>>,
    Query(q): Query<HashMap<String, String>>,
) -> Answer {
    let at_least = usize::try_from(query_number(&q, "at_least", 0)?).unwrap_or(usize::MAX);
    let timeout = wait(&q)?;
    let messages = shared
        .wait_for(timeout, || {
            Some(shared.lock().all_bot_messages()).filter(|m| m.len() >= at_least)
        })
        .await
        .map_err(|_| {
            let got = shared.lock().all_bot_messages().len();
            Failure::new(
                StatusCode::REQUEST_TIMEOUT,
                format!("expected at least {at_least} bot messages within {timeout:?}, got {got}"),
            )
        })?;
    let started = shared.started;
    let list: Vec<Value> = messages
        .iter()
        .map(|(chat, m)| {
            let mut v = message_json(m, started);
            v["chat"] = json!(chat);
            v
        })
        .collect();
    Ok(axum::Json(json!({"messages": list})))
}

async fn menu_commands(AxState(shared): AxState<Arc<Shared>>, Path(chat): Path<i64>) -> Answer {
    let st = shared.lock();
    let commands: Vec<Value> = st
        .menu_commands(chat)
        .into_iter()
        .map(|(command, description)| json!({"command": command, "description": description}))
        .collect();
    let menu_button = st
        .menu_buttons
        .get(&Some(chat))
        .or_else(|| st.menu_buttons.get(&None))
        .cloned();
    Ok(axum::Json(
        json!({"commands": commands, "menu_button": menu_button}),
    ))
}

/// The bot's answer to the button press that made `update_id`; waits up to `wait_ms`.
async fn callback_answer(
    AxState(shared): AxState<Arc<Shared>>,
    Path(update_id): Path<i64>,
    Query(q): Query<HashMap<String, String>>,
) -> Answer {
    let timeout = wait(&q)?;
    let query = shared
        .lock()
        .query_of_update
        .get(&update_id)
        .cloned()
        .ok_or_else(|| {
            Failure::new(
                StatusCode::NOT_FOUND,
                format!("update {update_id} is not a button press"),
            )
        })?;
    let answer = shared
        .wait_for(timeout, || {
            shared
                .lock()
                .queries
                .get(&query)
                .and_then(|q| q.answer.clone())
        })
        .await
        .map_err(|_| {
            Failure::new(
                StatusCode::REQUEST_TIMEOUT,
                format!("callback query {query} was not answered within {timeout:?}"),
            )
        })?;
    let CallbackAnswer {
        text,
        show_alert,
        url,
        cache_time,
        answered_at: _,
    } = answer;
    Ok(axum::Json(json!({
        "callback_query_id": query,
        "text": text,
        "show_alert": show_alert,
        "url": url,
        "cache_time": cache_time,
    })))
}

/// How many updates the bot has not confirmed yet; with `at_most`, waits up to `wait_ms` until
/// no more are pending (`at_most=0`: until the bot has them all).
async fn pending_updates(
    AxState(shared): AxState<Arc<Shared>>,
    Query(q): Query<HashMap<String, String>>,
) -> Answer {
    let at_most = usize::try_from(query_number(&q, "at_most", u64::MAX)?).unwrap_or(usize::MAX);
    let timeout = wait(&q)?;
    let pending = shared
        .wait_for(timeout, || {
            Some(shared.lock().updates.len()).filter(|n| *n <= at_most)
        })
        .await
        .map_err(|_| {
            let got = shared.lock().updates.len();
            Failure::new(
                StatusCode::REQUEST_TIMEOUT,
                format!("expected at most {at_most} pending updates within {timeout:?}, got {got}"),
            )
        })?;
    Ok(axum::Json(json!({"pending_updates": pending})))
}

/// Arms faults for the next webhook deliveries; answers those armed now.
async fn webhook_faults(AxState(shared): AxState<Arc<Shared>>, body: Bytes) -> Answer {
    let b = Body::parse(&body)?;
    let count = |key: &str| -> Result<u32, Failure> {
        u32::try_from(b.int(key)?.unwrap_or(0))
            .map_err(|_| Failure::bad(format!("`{key}` must be a count from 0")))
    };
    let more = WebhookFaults {
        lose_answers: count("lose_answers")?,
        duplicates: count("duplicates")?,
        refuse: count("refuse")?,
    };
    let armed = shared.mutate(|st| {
        st.webhook_faults.add(more);
        st.webhook_faults
    });
    Ok(axum::Json(json!({
        "lose_answers": armed.lose_answers,
        "duplicates": armed.duplicates,
        "refuse": armed.refuse,
    })))
}

async fn stats(AxState(shared): AxState<Arc<Shared>>) -> Answer {
    let st = shared.lock();
    let s = &st.stats;
    let w = &s.webhook;
    // JSON keys are strings: statuses as {"200": n, "500": n}.
    let statuses: serde_json::Map<String, Value> = w
        .statuses
        .iter()
        .map(|(status, n)| (status.to_string(), json!(n)))
        .collect();
    Ok(axum::Json(json!({
        "requests": s.requests,
        "sent": s.sent,
        "edits": s.edits,
        "too_many_requests": s.too_many_requests,
        "server_errors": s.server_errors,
        "forbidden": s.forbidden,
        "bad_requests": s.bad_requests,
        "pending_updates": st.updates.len(),
        "webhook": {
            "attempts": w.attempts,
            "retries": w.retries,
            "requests": w.requests,
            "statuses": statuses,
            "answered_ok": w.answered_ok(),
            "network_errors": w.network_errors,
            "failures": w.failures,
            "confirmed": w.confirmed,
            "duplicated": w.duplicated,
            "lost_answers": w.lost_answers,
            "refused": w.refused,
        },
    })))
}

/// A [`ChatMessage`] as JSON, field for field; `received_ms` is when the emulator accepted
/// it, in milliseconds since it started (on the machine's clock unless a test gave another).
fn message_json(m: &ChatMessage, started: std::time::Instant) -> Value {
    let entity = |e: &Entity| {
        json!({
            "type": e.kind,
            "offset": e.offset,
            "length": e.length,
            "url": e.url,
            "language": e.language,
            "custom_emoji_id": e.custom_emoji_id,
            "user_id": e.user_id,
        })
    };
    let file = |f: &FileData| {
        json!({
            "file_id": f.file_id,
            "file_name": f.file_name,
            "mime_type": f.mime_type,
            "size": f.bytes.len(),
        })
    };
    let rows = |rows: &[Vec<super::types::Button>]| {
        rows.iter()
            .map(|row| {
                row.iter()
                    .map(|b| {
                        json!({
                            "text": b.text,
                            "callback_data": b.callback_data,
                            "url": b.url,
                            "request_contact": b.request_contact,
                        })
                    })
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    };
    let reply_markup = m.reply_markup.as_ref().map(|markup| match markup {
        Markup::Inline(r) => json!({"kind": "inline", "rows": rows(r)}),
        Markup::Keyboard {
            rows: r,
            one_time,
            resize,
        } => json!({"kind": "keyboard", "rows": rows(r), "one_time": one_time, "resize": resize}),
        Markup::Remove => json!({"kind": "remove"}),
        Markup::ForceReply => json!({"kind": "force_reply"}),
    });
    json!({
        "message_id": m.message_id,
        "from_bot": m.from_bot,
        "from_user": m.from_user,
        "text": m.text,
        "as_sent": m.as_sent(),
        "parse_mode": m.parse_mode,
        "entities": m.entities.iter().map(entity).collect::<Vec<_>>(),
        "reply_markup": reply_markup,
        "document": m.document.as_ref().map(file),
        "photo": m.photo.as_ref().map(file),
        "contact": m.contact.as_ref().map(|c| json!({
            "phone_number": c.phone_number,
            "first_name": c.first_name,
            "user_id": c.user_id,
        })),
        "edits": m.edits,
        "date": m.date,
        "received_ms": u64::try_from(m.received_at.saturating_duration_since(started).as_millis()).unwrap_or(u64::MAX),
    })
}

/// Standard base64 (RFC 4648), padding optional, whitespace ignored: enough for a photo in
/// a request, without a dependency for it.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in text.bytes().filter(|c| !c.is_ascii_whitespace()) {
        if c == b'=' {
            break;
        }
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_decodes_with_and_without_padding() {
        assert_eq!(decode_base64("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(decode_base64("aGVsbG8").unwrap(), b"hello");
        assert_eq!(decode_base64("aGVs\nbG8h").unwrap(), b"hello!");
        assert_eq!(decode_base64("").unwrap(), b"");
        assert!(decode_base64("a*b").is_none());
    }
}
