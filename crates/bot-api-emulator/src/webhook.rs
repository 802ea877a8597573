//! Delivery of updates to the webhook, as Telegram does it: each pending update is POSTed as
//! JSON, with the secret token in `X-Telegram-Bot-Api-Secret-Token`; a 2xx answer confirms
//! it, anything else is recorded as the webhook's last error and the same update is tried
//! again after a pause. Up to `max_connections` updates are in delivery at once, but one
//! chat's updates go one after the other, in order.
//!
//! With [`EmulatorConfig::webhook_backends`] the emulator also plays the load balancer in
//! front of the bot's replicas: deliveries go to the backends in turn, with the webhook URL's
//! path, query and Host header.

use std::collections::HashSet;
use std::sync::Arc;

use axum::http::{HeaderValue, header};
use serde_json::Value;
use tokio::task::JoinSet;

use super::server::Shared;
use super::state::{State, now_unix};
use super::types::{EmulatorConfig, WebhookFaults};

/// The header carrying the webhook's secret token.
const SECRET_HEADER: &str = "X-Telegram-Bot-Api-Secret-Token";

/// Starts deliveries whenever the state changes and an update can go; runs until aborted
/// (aborting it aborts the deliveries under way too).
pub async fn run(shared: Arc<Shared>) {
    // Built at the first delivery: most emulators serve bots that long-poll.
    let mut client = None;
    let mut deliveries = JoinSet::new();
    loop {
        // Subscribe before looking so that a change in between is not missed.
        let mut changes = shared.changes.subscribe();
        let ready = pick(&mut shared.lock());
        for (id, update) in ready {
            let client = match &client {
                Some(c) => c,
                None => client.insert(build_client()),
            };
            deliveries.spawn(deliver(Arc::clone(&shared), client.clone(), id, update));
        }
        while deliveries.try_join_next().is_some() {}
        if changes.changed().await.is_err() {
            return;
        }
    }
}

/// A client that goes straight to the webhook, whatever proxy the environment names.
fn build_client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("an HTTP client with the crate's features")
}

/// The chat an update belongs to, whose updates must reach the bot in order.
fn chat_of(update: &Value) -> Option<i64> {
    let payload = update
        .as_object()?
        .iter()
        .find(|(k, _)| *k != "update_id")?
        .1;
    ["/chat/id", "/message/chat/id", "/from/id"]
        .iter()
        .find_map(|p| payload.pointer(p).and_then(Value::as_i64))
}

/// Marks as in delivery, and returns, the pending updates that may go now: oldest first,
/// within `max_connections`, none of a chat that has an earlier one still unconfirmed.
fn pick(st: &mut State) -> Vec<(i64, Value)> {
    let Some(hook) = &st.webhook else {
        return Vec::new();
    };
    if st.shutting_down {
        return Vec::new();
    }
    let room = hook.max_connections.saturating_sub(st.in_delivery.len());
    let mut waiting_chats = HashSet::new();
    let mut ready = Vec::new();
    for (id, update) in &st.updates {
        if ready.len() >= room {
            break;
        }
        let chat = chat_of(update);
        // A chat's later updates wait behind its first unconfirmed one.
        let first_of_chat = chat.is_none_or(|c| waiting_chats.insert(c));
        if first_of_chat && !st.in_delivery.contains(id) {
            ready.push((*id, update.clone()));
        }
    }
    st.in_delivery.extend(ready.iter().map(|(id, _)| *id));
    ready
}

/// Where one request of a try goes.
#[derive(Debug, Clone)]
struct Target {
    url: String,
    /// The Host header, when the request goes to a backend rather than to the URL's host.
    host: Option<String>,
}

/// A fault injected into a try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Injected {
    Refuse,
    LoseAnswer,
    Duplicate,
}

/// One try to deliver an update.
#[derive(Debug)]
struct Try {
    targets: Vec<Target>,
    secret: Option<String>,
    fault: Option<Injected>,
}

/// How one request of a try ended.
#[derive(Debug)]
enum Answer {
    Status(u16),
    NoAnswer(String),
}

/// Delivers one update until a 2xx confirms it, or the webhook is gone, or the update was
/// dropped meanwhile.
async fn deliver(shared: Arc<Shared>, client: reqwest::Client, id: i64, update: Value) {
    let body = serde_json::to_vec(&update).expect("an update serializes");
    let mut retry = false;
    loop {
        let Some(plan) = shared.mutate(|st| plan(st, &shared.config, id, retry)) else {
            return;
        };
        let answers = send_all(&client, &shared.config, &plan, &body).await;
        if shared.mutate(|st| conclude(st, id, &plan, &answers)) {
            return;
        }
        retry = true;
        tokio::time::sleep(shared.config.webhook_retry).await;
    }
}

/// Plans the next try of update `id`, or ends its delivery (`None`) when there is no webhook
/// any more or the update is no longer pending.
fn plan(st: &mut State, config: &EmulatorConfig, id: i64, retry: bool) -> Option<Try> {
    let pending = st.updates.iter().any(|(u, _)| *u == id);
    let hook = match &st.webhook {
        Some(hook) if pending && !st.shutting_down => hook,
        _ => {
            st.in_delivery.remove(&id);
            return None;
        }
    };
    let url = hook.url.clone();
    let secret = hook.secret_token.clone();
    let fault = take_fault(&mut st.webhook_faults);
    let requests = match fault {
        Some(Injected::Refuse) => 0,
        Some(Injected::Duplicate) => 2,
        _ => 1,
    };
    let targets: Vec<Target> = (0..requests)
        .map(|_| target(&url, &config.webhook_backends, &mut st.next_backend))
        .collect();
    let stats = &mut st.stats.webhook;
    stats.attempts += 1;
    stats.retries += u64::from(retry);
    stats.requests += targets.len() as u64;
    match fault {
        Some(Injected::Refuse) => stats.refused += 1,
        Some(Injected::LoseAnswer) => stats.lost_answers += 1,
        Some(Injected::Duplicate) => stats.duplicated += 1,
        None => {}
    }
    Some(Try {
        targets,
        secret,
        fault,
    })
}

/// Uses one of the armed faults, in the order [`WebhookFaults`] documents.
fn take_fault(faults: &mut WebhookFaults) -> Option<Injected> {
    let (count, fault) = [
        (&mut faults.refuse, Injected::Refuse),
        (&mut faults.lose_answers, Injected::LoseAnswer),
        (&mut faults.duplicates, Injected::Duplicate),
    ]
    .into_iter()
    .find(|(count, _)| **count > 0)?;
    *count -= 1;
    Some(fault)
}

/// The next request's target: the webhook URL, or the next backend in turn with the URL's
/// path, query and host.
fn target(url: &url::Url, backends: &[std::net::SocketAddr], next: &mut usize) -> Target {
    if backends.is_empty() {
        return Target {
            url: url.to_string(),
            host: None,
        };
    }
    let backend = backends[*next % backends.len()];
    *next = next.wrapping_add(1);
    let mut path = url.path().to_owned();
    if let Some(q) = url.query() {
        path = format!("{path}?{q}");
    }
    let host = url.host_str().unwrap_or_default();
    Target {
        url: format!("http://{backend}{path}"),
        host: Some(match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        }),
    }
}

/// Sends a try's requests at once (the two of a duplicated try) and collects how each ended.
async fn send_all(
    client: &reqwest::Client,
    config: &EmulatorConfig,
    plan: &Try,
    body: &[u8],
) -> Vec<Answer> {
    let secret = plan.secret.as_deref();
    match plan.targets.as_slice() {
        [] => Vec::new(),
        [one] => vec![send(client, config, one, secret, body).await],
        [first, second] => {
            let (a, b) = tokio::join!(
                send(client, config, first, secret, body),
                send(client, config, second, secret, body)
            );
            vec![a, b]
        }
        _ => unreachable!("a try sends at most two requests"),
    }
}

async fn send(
    client: &reqwest::Client,
    config: &EmulatorConfig,
    target: &Target,
    secret: Option<&str>,
    body: &[u8],
) -> Answer {
    let mut request = client
        .post(&target.url)
        .timeout(config.webhook_timeout)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.to_vec());
    if let Some(host) = target
        .host
        .as_deref()
        .and_then(|h| HeaderValue::from_str(h).ok())
    {
        request = request.header(header::HOST, host);
    }
    if let Some(secret) = secret {
        request = request.header(SECRET_HEADER, secret);
    }
    match request.send().await {
        Ok(response) => Answer::Status(response.status().as_u16()),
        Err(e) if e.is_timeout() => Answer::NoAnswer("Read timeout expired".to_owned()),
        Err(e) if e.is_connect() => Answer::NoAnswer("Connection refused".to_owned()),
        Err(e) => Answer::NoAnswer(format!("Connection error: {e}")),
    }
}

/// Records how a try ended; on a 2xx (not lost), confirms the update and returns true.
fn conclude(st: &mut State, id: i64, plan: &Try, answers: &[Answer]) -> bool {
    let stats = &mut st.stats.webhook;
    for answer in answers {
        match answer {
            Answer::Status(s) => *stats.statuses.entry(*s).or_default() += 1,
            Answer::NoAnswer(_) => stats.network_errors += 1,
        }
    }
    let answered_ok = answers
        .iter()
        .any(|a| matches!(a, Answer::Status(s) if (200..300).contains(s)));
    if answered_ok && plan.fault != Some(Injected::LoseAnswer) {
        stats.confirmed += 1;
        // Found from the front: the updates in delivery are the oldest ones.
        if let Some(at) = st.updates.iter().position(|(u, _)| *u == id) {
            st.updates.remove(at);
        }
        st.in_delivery.remove(&id);
        return true;
    }
    stats.failures += 1;
    let message = match (plan.fault, answers.first()) {
        (Some(Injected::Refuse), _) | (_, None) => "Connection refused".to_owned(),
        (Some(Injected::LoseAnswer), _) => "Read timeout expired".to_owned(),
        (_, Some(Answer::Status(s))) => {
            format!("Wrong response from the webhook: {}", status_line(*s))
        }
        (_, Some(Answer::NoAnswer(m))) => m.clone(),
    };
    if let Some(hook) = &mut st.webhook {
        hook.last_error = Some((now_unix(), message));
    }
    false
}

/// A status with its reason, as Telegram writes it: `500 Internal Server Error`.
fn status_line(status: u16) -> String {
    let reason = axum::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    format!("{status} {reason}").trim_end().to_owned()
}
