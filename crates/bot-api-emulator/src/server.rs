//! The HTTP side: routing `/bot<token>/<method>`, decoding parameters,
//! faults, recording and Telegram's response envelopes.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::body::to_bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Request, State as AxState};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use serde_json::{Map, Value, json};
use tokio::sync::watch;

use super::methods::{FAULTABLE, call, canonical};
use super::params::{ApiError, Params, Upload};
use super::state::State;
use super::types::{EmulatorConfig, Fault};

/// Telegram refuses uploads over 50 MB; leave room for the multipart framing.
const BODY_LIMIT: usize = 52 * 1024 * 1024;

/// What the HTTP handlers and the driver share.
pub struct Shared {
    pub config: EmulatorConfig,
    state: Mutex<State>,
    /// Bumped after every state change; waiters (long polls, tests) watch it.
    pub changes: watch::Sender<u64>,
    /// When the emulator started, on the machine's clock: the origin of the control API's
    /// times.
    pub started: std::time::Instant,
    recorder: Option<Mutex<BufWriter<File>>>,
}

impl Shared {
    pub fn new(config: EmulatorConfig) -> anyhow::Result<Self> {
        let recorder = match &config.record_to {
            Some(path) => Some(Mutex::new(BufWriter::new(
                File::options().create(true).append(true).open(path)?,
            ))),
            None => None,
        };
        Ok(Self {
            state: Mutex::new(State::new(&config)),
            config,
            changes: watch::channel(0).0,
            started: std::time::Instant::now(),
            recorder,
        })
    }

    /// Locks the state; a panic in a test holding the lock must not wedge the server.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `f` on the state, then wakes every waiter.
    pub fn mutate<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        let r = f(&mut self.lock());
        self.changes.send_modify(|v| *v = v.wrapping_add(1));
        r
    }

    /// Waits, without polling, until `check` returns `Some`; it is re-run after every change
    /// of the state.
    pub async fn wait_for<T>(
        &self,
        timeout: Duration,
        mut check: impl FnMut() -> Option<T>,
    ) -> anyhow::Result<T> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            // Subscribe before looking so that a change in between is not missed.
            let mut rx = self.changes.subscribe();
            if let Some(v) = check() {
                return Ok(v);
            }
            if tokio::time::timeout_at(deadline, rx.changed())
                .await
                .is_err()
            {
                anyhow::bail!("timed out after {timeout:?}");
            }
        }
    }

    fn record(&self, method: &str, params: &Params) {
        let Some(rec) = &self.recorder else { return };
        let line = json!({"method": method, "params": params.recorded()});
        let mut w = rec.lock().unwrap_or_else(PoisonError::into_inner);
        // Recording is a diagnostic aid: an I/O error must not fail the API call.
        let _ = writeln!(w, "{line}").and_then(|()| w.flush());
    }
}

/// The router serving the Bot API (the control API is nested beside it by the crate's root,
/// so that neither module imports the other).
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/{bot}/{method}", any(handle))
        .fallback(|| async {
            envelope_error(&ApiError {
                code: 404,
                description: "Not Found".into(),
                retry_after: None,
            })
        })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(shared)
}

fn envelope_error(e: &ApiError) -> Response {
    let status = StatusCode::from_u16(e.code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, axum::Json(e.to_json())).into_response()
}

async fn handle(
    AxState(shared): AxState<Arc<Shared>>,
    Path((bot, method)): Path<(String, String)>,
    req: Request,
) -> Response {
    if bot.strip_prefix("bot") != Some(shared.config.token.as_str()) {
        return envelope_error(&ApiError {
            code: 401,
            description: "Unauthorized".into(),
            retry_after: None,
        });
    }
    let params = match read_params(req).await {
        Ok(p) => p,
        Err(e) => return envelope_error(&e),
    };
    let name = canonical(&method);
    shared.record(name.unwrap_or(&method), &params);
    shared.mutate(|st| {
        *st.stats
            .requests
            .entry(name.unwrap_or(&method).to_owned())
            .or_default() += 1
    });
    let Some(name) = name else {
        return envelope_error(&ApiError {
            code: 404,
            description: "Not Found: method not found".into(),
            retry_after: None,
        });
    };
    let (result, framing) = dispatch(&shared, name, params).await;
    shared.mutate(|st| match &result {
        Err(e) if e.code == 429 => st.stats.too_many_requests += 1,
        Err(e) if e.code >= 500 => st.stats.server_errors += 1,
        Err(e) if e.code == 403 => st.stats.forbidden += 1,
        Err(e) if e.code == 400 => st.stats.bad_requests += 1,
        _ => {}
    });
    match result {
        Ok(value) => {
            let mut body = json!({"ok": true, "result": value});
            if let Some(d) = success_description(name) {
                body["description"] = json!(d);
            }
            axum::Json(body).into_response()
        }
        Err(e) if framing == Framing::BodyOnly => {
            (StatusCode::OK, axum::Json(e.to_json())).into_response()
        }
        Err(e) => envelope_error(&e),
    }
}

/// How an error goes out: under its own HTTP status, as Telegram sends it, or only in the
/// body under status 200 ([`Fault::ServerErrorBody`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Framing {
    Status,
    BodyOnly,
}

fn success_description(method: &str) -> Option<&'static str> {
    match method {
        "setWebhook" => Some("Webhook was set"),
        "deleteWebhook" => Some("Webhook was deleted"),
        _ => None,
    }
}

async fn dispatch(
    shared: &Arc<Shared>,
    name: &'static str,
    params: Params,
) -> (Result<Value, ApiError>, Framing) {
    if name == "getUpdates" {
        return (get_updates(shared, &params).await, Framing::Status);
    }
    if FAULTABLE.contains(&name) {
        let chat = params.int("chat_id").ok().flatten();
        match shared.mutate(|st| st.faults.take(chat)) {
            Some(Fault::ServerError(code)) => return (Err(server_error(code)), Framing::Status),
            Some(Fault::ServerErrorBody(code)) => {
                return (Err(server_error(code)), Framing::BodyOnly);
            }
            Some(Fault::TooManyRequests { retry_after }) => {
                return (Err(ApiError::flood(retry_after)), Framing::Status);
            }
            Some(Fault::Delay(d)) => {
                // Processed in its own task so the call completes even if the client hung up.
                let shared = Arc::clone(shared);
                let task = tokio::spawn(async move {
                    tokio::time::sleep(d).await;
                    call_now(&shared, name, &params)
                });
                return (
                    task.await.unwrap_or_else(|_| Err(server_error(500))),
                    Framing::Status,
                );
            }
            Some(Fault::Hold) => {
                // In its own task too: a release processes the call even if the client hung up.
                let shared = Arc::clone(shared);
                let task = tokio::spawn(async move {
                    if held_until_released(&shared).await {
                        call_now(&shared, name, &params)
                    } else {
                        Err(server_error(502))
                    }
                });
                return (
                    task.await.unwrap_or_else(|_| Err(server_error(500))),
                    Framing::Status,
                );
            }
            None => {}
        }
    }
    (call_now(shared, name, &params), Framing::Status)
}

/// Runs a method at the emulator's current time.
fn call_now(shared: &Shared, name: &str, params: &Params) -> Result<Value, ApiError> {
    shared.mutate(|st| {
        let now = st.time.now();
        call(st, name, params, now)
    })
}

/// A 5xx answer with the description Telegram gives with it.
fn server_error(code: u16) -> ApiError {
    let description = match code {
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Internal Server Error",
    };
    ApiError {
        code,
        description: description.into(),
        retry_after: None,
    }
}

/// Waits, counted in [`State::held`], until the test releases the held requests (true) or
/// the emulator shuts down (false).
async fn held_until_released(shared: &Shared) -> bool {
    let releases = shared.mutate(|st| {
        st.held += 1;
        st.releases
    });
    let released = loop {
        // Subscribe before looking so that a release in between is not missed.
        let mut rx = shared.changes.subscribe();
        {
            let st = shared.lock();
            if st.releases != releases {
                break true;
            }
            if st.shutting_down {
                break false;
            }
        }
        if rx.changed().await.is_err() {
            break false;
        }
    };
    shared.mutate(|st| st.held -= 1);
    released
}

/// getUpdates with long polling: answers as soon as an update is pending, or
/// after `timeout` seconds with an empty list.
async fn get_updates(shared: &Arc<Shared>, p: &Params) -> Result<Value, ApiError> {
    let offset = p.int("offset")?;
    let limit = usize::try_from(p.int("limit")?.unwrap_or(100).clamp(1, 100)).unwrap_or(100);
    let timeout =
        Duration::from_secs(u64::try_from(p.int("timeout")?.unwrap_or(0).max(0)).unwrap_or(0));
    let allowed = p.json("allowed_updates")?;
    let deadline = tokio::time::Instant::now() + timeout;
    let generation = shared.mutate(|st| {
        if let Some(Value::Array(list)) = &allowed {
            st.allowed_updates = Some(
                list.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect(),
            );
        }
        st.poll_generation += 1;
        st.poll_generation
    });
    loop {
        // Subscribe before looking so that a change in between is not missed.
        let mut rx = shared.changes.subscribe();
        {
            let mut st = shared.lock();
            if st.webhook.is_some() {
                return Err(ApiError {
                    code: 409,
                    description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first".into(),
                    retry_after: None,
                });
            }
            if st.poll_generation != generation {
                return Err(ApiError {
                    code: 409,
                    description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running".into(),
                    retry_after: None,
                });
            }
            let updates = st.take_updates(offset, limit);
            if !updates.is_empty() || st.shutting_down || tokio::time::Instant::now() >= deadline {
                return Ok(Value::Array(updates));
            }
        }
        if tokio::time::timeout_at(deadline, rx.changed())
            .await
            .is_err()
        {
            let mut st = shared.lock();
            return Ok(Value::Array(st.take_updates(offset, limit)));
        }
    }
}

/// Decodes query string and body (JSON, url-encoded or multipart) into parameters.
async fn read_params(req: Request) -> Result<Params, ApiError> {
    let mut params = Params::default();
    if let Some(q) = req.uri().query() {
        for (k, v) in url::form_urlencoded::parse(q.as_bytes()) {
            params
                .values
                .insert(k.into_owned(), Value::String(v.into_owned()));
        }
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let bad_body = |what: &str| ApiError::bad(&format!("can't parse {what}"));
    if content_type.starts_with("multipart/form-data") {
        let mut mp = Multipart::from_request(req, &())
            .await
            .map_err(|_| bad_body("multipart body"))?;
        let mut uploads: HashMap<String, Upload> = HashMap::new();
        while let Some(field) = mp
            .next_field()
            .await
            .map_err(|_| bad_body("multipart body"))?
        {
            let name = field.name().unwrap_or_default().to_owned();
            let file_name = field.file_name().map(str::to_owned);
            let ctype = field.content_type().map(str::to_owned);
            let bytes = field
                .bytes()
                .await
                .map_err(|_| bad_body("multipart body"))?;
            match (file_name.is_none(), String::from_utf8(bytes.to_vec())) {
                (true, Ok(text)) => {
                    params.values.insert(name, Value::String(text));
                }
                _ => {
                    uploads.insert(
                        name,
                        Upload {
                            file_name,
                            content_type: ctype,
                            bytes: bytes.to_vec(),
                        },
                    );
                }
            }
        }
        // Resolve `attach://name` references, then keep direct file fields.
        let attached: Vec<(String, String)> = params
            .values
            .iter()
            .filter_map(|(k, v)| {
                Some((k.clone(), v.as_str()?.strip_prefix("attach://")?.to_owned()))
            })
            .collect();
        for (param, part) in attached {
            if let Some(up) = uploads.remove(&part) {
                params.values.remove(&param);
                params.files.insert(param, up);
            }
        }
        params.files.extend(uploads);
    } else {
        let body = to_bytes(req.into_body(), BODY_LIMIT)
            .await
            .map_err(|_| ApiError {
                code: 413,
                description: "Request Entity Too Large".into(),
                retry_after: None,
            })?;
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(params);
        }
        if content_type.starts_with("application/json") {
            let v: Map<String, Value> =
                serde_json::from_slice(&body).map_err(|_| bad_body("JSON body"))?;
            params.values.extend(v);
        } else {
            for (k, v) in url::form_urlencoded::parse(&body) {
                params
                    .values
                    .insert(k.into_owned(), Value::String(v.into_owned()));
            }
        }
    }
    Ok(params)
}
