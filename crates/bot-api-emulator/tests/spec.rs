//! The Bot API emulator checked against Telegram's machine-readable Bot API spec
//! (`api.json`): method names, required parameters and the limits the spec states.
//!
//! The spec is not part of the repository. It is looked up at `$TAKWIN_BOT_API_SPEC`,
//! else at `../shared/telegram-bot-api/api.json` next to the repository; when it is absent, a note
//! on stderr names the file looked for and every check that needs it is reported *ignored*
//! with that reason, so a run never counts as passed a check it did not make. libtest can
//! only ignore a test at compile time, hence `harness = false` and `libtest-mimic`, as in
//! `tests/api`.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;

use bot_api_emulator::{Emulator, EmulatorConfig, NewUser};
use libtest_mimic::{Arguments, Completion, Trial};
use serde_json::{Value, json};

/// The emulator's own list of implemented methods (`methods::METHODS`, which is private):
/// read from its source so that a method added there is checked here without editing this file.
const METHODS_RS: &str = include_str!("../src/methods.rs");
const SERVER_RS: &str = include_str!("../src/server.rs");
/// Its crate docs, which list the implemented methods for users of the emulator.
const MOD_RS: &str = include_str!("../src/lib.rs");

/// The user every check talks to; their private chat has the same id.
const USER: i64 = 42;

/// Parameters the spec marks required but whose absence Telegram accepts (and so the emulator:
/// `ok:true`), with why. Each entry is checked, so a change shows up as a failure.
const ABSENCE_ACCEPTED: &[(&str, &str, &str)] = &[(
    "setWebhook",
    "url",
    // The spec itself: "Use an empty string to remove webhook integration", and Telegram's
    // server does not tell an absent string parameter from an empty one (its deleteWebhook
    // is setWebhook without url; a bare setWebhook answers "Webhook is already deleted").
    "an absent url is an empty one: the webhook is removed",
)];

// ---------------------------------------------------------------------------------------
// The spec.

struct Spec {
    json: Value,
}

impl Spec {
    /// Where the spec is looked for.
    fn path() -> PathBuf {
        match std::env::var_os("TAKWIN_BOT_API_SPEC").filter(|p| !p.is_empty()) {
            Some(p) => PathBuf::from(p),
            // The crate sits in `crates/` of the repository, beside which `shared/` is.
            None => PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join("..")
                .join("..")
                .join("shared")
                .join("telegram-bot-api")
                .join("api.json"),
        }
    }

    /// The spec at `path`, which exists; a file that is not the spec fails the check.
    fn load(path: &Path) -> Spec {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        let json: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
        assert!(
            json.get("methods").is_some_and(Value::is_object)
                && json.get("types").is_some_and(Value::is_object),
            "{} has no `methods` and `types` objects; is it the Bot API spec?",
            path.display()
        );
        Spec { json }
    }

    fn version(&self) -> &str {
        self.json["version"].as_str().unwrap_or("unknown version")
    }

    fn method(&self, name: &str) -> Option<&Value> {
        self.json["methods"].get(name)
    }

    fn fields_of<'a>(&'a self, kind: &str, name: &str) -> &'a [Value] {
        self.json[kind][name]["fields"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Description of a parameter of a method (`kind` = "methods") or field of a type ("types").
    fn description(&self, kind: &str, name: &str, field: &str) -> &str {
        self.fields_of(kind, name)
            .iter()
            .find(|f| f["name"] == field)
            .and_then(|f| f["description"].as_str())
            .unwrap_or_else(|| panic!("the spec has no {kind} {name}.{field}"))
    }

    fn params(&self, method: &str) -> Vec<&str> {
        self.fields_of("methods", method)
            .iter()
            .filter_map(|f| f["name"].as_str())
            .collect()
    }

    /// Parameters with `"required": true`.
    fn required(&self, method: &str) -> Vec<&str> {
        self.fields_of("methods", method)
            .iter()
            .filter(|f| f["required"] == true)
            .filter_map(|f| f["name"].as_str())
            .collect()
    }

    /// The parameters a call must give: those with `"required": true`, then, in the spec's
    /// order, each one "Required if X is not specified" (or "required if X isn't specified")
    /// whose alternatives X are not already among them. So editMessageText needs chat_id,
    /// message_id and text, not inline_message_id or rich_message.
    fn effectively_required(&self, method: &str) -> Vec<&str> {
        let params = self.params(method);
        let mut required = self.required(method);
        for f in self.fields_of("methods", method) {
            let (Some(name), Some(desc)) = (f["name"].as_str(), f["description"].as_str()) else {
                continue;
            };
            let desc = desc.to_ascii_lowercase();
            let Some(cond) = desc.split("required if ").nth(1) else {
                continue;
            };
            let cond = cond.split(['.', ';']).next().unwrap_or_default();
            if !(cond.ends_with("not specified") || cond.ends_with("isn't specified")) {
                continue;
            }
            let mut alternatives = params
                .iter()
                .filter(|p| cond.split([' ', ',']).any(|w| w == **p));
            if !required.contains(&name) && !alternatives.any(|a| required.contains(a)) {
                required.push(name);
            }
        }
        required
    }
}

/// The `MIN-MAX <unit>` range a description states, e.g. "1-4096 characters".
fn range(desc: &str, unit: &str) -> Option<(usize, usize)> {
    let words: Vec<&str> = desc.split_whitespace().collect();
    words.windows(2).find_map(|w| {
        let next = w[1].trim_end_matches(|c: char| !c.is_alphanumeric());
        if next != unit {
            return None;
        }
        let (lo, hi) = w[0].split_once('-')?;
        Some((lo.parse().ok()?, hi.parse().ok()?))
    })
}

/// The N of "At most N <noun>".
fn at_most(desc: &str) -> Option<usize> {
    let lower = desc.to_ascii_lowercase();
    let rest = lower.split("at most ").nth(1)?;
    rest.split_whitespace().next()?.parse().ok()
}

fn limit(spec: &Spec, kind: &str, name: &str, field: &str, unit: &str) -> (usize, usize) {
    let desc = spec.description(kind, name, field);
    range(desc, unit).unwrap_or_else(|| {
        panic!("no `MIN-MAX {unit}` in the description of {name}.{field}: {desc:?}")
    })
}

// ---------------------------------------------------------------------------------------
// The emulator's code.

/// Names in `pub const METHODS: &[&str] = &[ … ];` of methods.rs.
fn implemented_methods() -> Vec<&'static str> {
    let start = METHODS_RS
        .find("pub const METHODS: &[&str] = &[")
        .expect("methods.rs no longer has `pub const METHODS: &[&str] = &[`; update tests/spec.rs");
    let rest = &METHODS_RS[start..];
    let open = rest.find("= &[").expect("list start") + "= &[".len();
    let close = rest.find("];").expect("list end");
    let names: Vec<&str> = rest[open..close]
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .unwrap_or_else(|| panic!("METHODS holds {s:?}, not a string literal"))
        })
        .collect();
    assert!(names.len() >= 5, "read only {names:?} from METHODS");
    names
}

/// The method names listed after "Implemented methods:" in the emulator's module docs.
fn documented_methods() -> BTreeSet<String> {
    let docs: String = MOD_RS
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("//!"))
        .collect::<Vec<_>>()
        .join(" ");
    let list = docs
        .split("Implemented methods:")
        .nth(1)
        .and_then(|s| s.split(". Any other method").next())
        .expect("mod.rs docs no longer say \"Implemented methods: …. Any other method\"");
    list.split(',')
        .map(|s| {
            let s = s.trim();
            // "getUpdates (long polling)"
            s.split_whitespace().next().unwrap_or(s).to_owned()
        })
        .collect()
}

/// Parameter names the emulator reads: `.str("x")`, `.int("x")`, `.json("x")`, `.flag("x")`
/// and the two names given to `formatted(p, &raw, "x", "y")`.
fn parameters_read() -> BTreeSet<&'static str> {
    let mut names = BTreeSet::new();
    for src in [METHODS_RS, SERVER_RS] {
        for accessor in [".str(\"", ".int(\"", ".json(\"", ".flag(\""] {
            for piece in src.split(accessor).skip(1) {
                if let Some((name, _)) = piece.split_once('"') {
                    names.insert(name);
                }
            }
        }
        for piece in src.split("formatted(p, &raw, \"").skip(1) {
            let mut parts = piece.split('"');
            if let (Some(a), Some(_), Some(b)) = (parts.next(), parts.next(), parts.next()) {
                names.insert(a);
                names.insert(b);
            }
        }
    }
    names
}

// ---------------------------------------------------------------------------------------
// Talking to the emulator.

struct Api {
    emu: Emulator,
    http: reqwest::Client,
    /// Makes every generated text unique, so that edits always change something.
    counter: std::sync::atomic::AtomicUsize,
}

/// An answer: HTTP status and body.
struct Answer {
    status: u16,
    body: Value,
}

/// Status and body, the body cut short: a sent message echoes texts of thousands of characters.
impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let body = self.body.to_string();
        match body.char_indices().nth(200) {
            Some((cut, _)) => write!(f, "{} {}…", self.status, &body[..cut]),
            None => write!(f, "{} {body}", self.status),
        }
    }
}

impl Answer {
    fn ok(&self) -> bool {
        self.status == 200 && self.body["ok"] == true
    }

    fn bad_request(&self) -> bool {
        self.status == 400
            && self.body["ok"] == false
            && self.body["error_code"] == 400
            && self.body["description"]
                .as_str()
                .is_some_and(|d| d.starts_with("Bad Request: "))
    }
}

impl Api {
    async fn start() -> Api {
        let emu = Emulator::start(EmulatorConfig::default())
            .await
            .expect("emulator starts");
        emu.add_user(NewUser::new(USER, "Amina"));
        Api {
            emu,
            http: reqwest::Client::new(),
            counter: Default::default(),
        }
    }

    async fn call(&self, method: &str, params: &Value) -> Answer {
        let url = format!("{}bot{}/{method}", self.emu.api_url(), self.emu.token());
        let resp = self
            .http
            .post(&url)
            .json(params)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{method}: {e}"));
        let status = resp.status().as_u16();
        let body = resp
            .json()
            .await
            .unwrap_or_else(|e| panic!("{method}: answer is not JSON: {e}"));
        Answer { status, body }
    }

    /// Calls a method that must succeed and returns its result.
    async fn must(&self, method: &str, params: Value) -> Value {
        let a = self.call(method, &params).await;
        assert!(a.ok(), "{method} {params} was refused: {a:?}");
        a.body["result"].clone()
    }

    fn unique_text(&self) -> String {
        let n = self
            .counter
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        format!("spec check {n}")
    }

    /// A fresh bot message with an inline button; returns its id and the button's data.
    async fn bot_message(&self) -> (i64, String) {
        let data = self.unique_text();
        let sent = self
            .must(
                "sendMessage",
                json!({
                    "chat_id": USER,
                    "text": self.unique_text(),
                    "reply_markup": {"inline_keyboard": [[{"text": "Go", "callback_data": data}]]},
                }),
            )
            .await;
        (sent["message_id"].as_i64().expect("message_id"), data)
    }

    /// A fresh, unanswered callback query.
    async fn callback_query(&self) -> String {
        let (message_id, data) = self.bot_message().await;
        let message_id = i32::try_from(message_id).expect("small message id");
        let update = self
            .emu
            .press_button(USER, message_id, &data)
            .expect("button pressed");
        self.emu.callback_query_id(update).expect("query id")
    }

    /// A valid value for a required parameter of a method, creating what it refers to.
    async fn valid_value(&self, method: &str, param: &str) -> Value {
        match param {
            "chat_id" => json!(USER),
            "text" => json!(self.unique_text()),
            "message_id" => json!(self.bot_message().await.0),
            "callback_query_id" => json!(self.callback_query().await),
            "document" => json!("https://example.com/spec.pdf"),
            "photo" => json!("https://example.com/spec.jpg"),
            "action" => json!("typing"),
            "commands" => json!([{"command": "start", "description": "Start"}]),
            "url" => json!("https://example.com/hook"),
            _ => panic!(
                "{method}.{param} is required by the spec and tests/spec.rs has no valid value \
                 for it; add one to Api::valid_value"
            ),
        }
    }
}

/// A string of `n` copies of `c`.
fn repeat(c: char, n: usize) -> String {
    std::iter::repeat_n(c, n).collect()
}

// ---------------------------------------------------------------------------------------
// The checks.

/// Every method the emulator implements is a Bot API method of the same name (case included),
/// its module docs list exactly those, and every parameter name it reads exists in the spec.
async fn implemented_methods_are_spec_methods(spec: Spec) {
    let methods = implemented_methods();

    let unknown: Vec<&str> = methods
        .iter()
        .copied()
        .filter(|m| spec.method(m).is_none())
        .collect();
    assert!(
        unknown.is_empty(),
        "the emulator implements methods that {} does not have: {unknown:?}",
        spec.version()
    );
    for m in &methods {
        assert_eq!(
            spec.method(m).unwrap()["name"],
            *m,
            "spec entry {m} names another method"
        );
    }

    let implemented: BTreeSet<String> = methods.iter().map(|m| (*m).to_owned()).collect();
    assert_eq!(
        documented_methods(),
        implemented,
        "the emulator's module docs (\"Implemented methods: …\") and its METHODS list differ"
    );

    let known: BTreeSet<&str> = methods.iter().flat_map(|m| spec.params(m)).collect();
    let foreign: Vec<&str> = parameters_read()
        .into_iter()
        .filter(|p| !known.contains(p))
        .collect();
    assert!(
        foreign.is_empty(),
        "the emulator reads parameters that no method it implements has in {}: {foreign:?}",
        spec.version()
    );
}

/// A Bot API method the emulator does not implement is answered `404 Not Found`, as its docs say.
async fn other_spec_methods_are_not_found(spec: Spec) {
    let implemented = implemented_methods();
    let other = spec.json["methods"]
        .as_object()
        .unwrap()
        .keys()
        .find(|m| !implemented.contains(&m.as_str()))
        .expect("the spec has methods the emulator lacks");
    let api = Api::start().await;
    let a = api.call(other, &json!({})).await;
    assert!(
        a.status == 404 && a.body["ok"] == false && a.body["error_code"] == 404,
        "{other}: {a:?}"
    );
}

/// Each implemented method refuses a call missing a required parameter with `400 Bad Request`
/// (each one left out in turn, the others valid, and all of them left out), accepts the call
/// with all of them, and a method without required parameters accepts an empty call.
/// "Required if X is not specified" counts as required when X is not given.
async fn required_parameters_are_enforced(spec: Spec) {
    let mut problems = Vec::new();
    let mut summary = BTreeMap::new();
    for method in implemented_methods() {
        // A fresh emulator each, so that no method sees another's webhook, commands or edits.
        let api = Api::start().await;
        let required = spec.effectively_required(method);
        summary.insert(method, required.clone());

        // Everything left out.
        let empty = api.call(method, &json!({})).await;
        let accepted_absence: Vec<&str> = ABSENCE_ACCEPTED
            .iter()
            .filter(|(m, p, _)| *m == method && required.contains(p))
            .map(|(_, p, _)| *p)
            .collect();
        let expect_ok = required.iter().all(|p| accepted_absence.contains(p));
        if expect_ok && !empty.ok() {
            problems.push(format!(
                "{method} without parameters: expected ok:true (nothing required), got {empty:?}"
            ));
        }
        if !expect_ok && !empty.bad_request() {
            problems.push(format!(
                "{method} without parameters: expected 400 Bad Request (requires {required:?}), \
                 got {empty:?}"
            ));
        }

        // Valid values for all of them, then each one left out.
        let mut full = serde_json::Map::new();
        for p in &required {
            full.insert((*p).to_owned(), api.valid_value(method, p).await);
        }
        for p in &required {
            let mut partial = full.clone();
            partial.remove(*p);
            let a = api.call(method, &Value::Object(partial.clone())).await;
            if let Some((_, _, why)) = ABSENCE_ACCEPTED
                .iter()
                .find(|(m, q, _)| *m == method && q == p)
            {
                if !a.ok() {
                    problems.push(format!(
                        "{method} without {p}: listed in ABSENCE_ACCEPTED ({why}) but got {a:?}; \
                         remove the entry if the emulator now refuses it"
                    ));
                }
            } else if !a.bad_request() {
                problems.push(format!(
                    "{method} without {p} (given {}): expected 400 Bad Request, got {a:?}",
                    Value::Object(partial)
                ));
            }
        }
        // Last, since it may consume what the values refer to (a deleted message, an answered query).
        let a = api.call(method, &Value::Object(full.clone())).await;
        if !a.ok() {
            problems.push(format!(
                "{method} with {}: expected ok:true, got {a:?}",
                Value::Object(full)
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n(required parameters per {}: {summary:?})",
        problems.join("\n"),
        spec.version()
    );
}

/// sendMessage and editMessageText `text`: "1-4096 characters after entities parsing".
async fn message_text_length(spec: Spec) {
    let api = Api::start().await;

    let (min, max) = limit(&spec, "methods", "sendMessage", "text", "characters");
    assert!(min >= 1, "sendMessage text minimum {min}");
    let send = |text: String, html: bool| {
        let mut p = json!({"chat_id": USER, "text": text});
        if html {
            p["parse_mode"] = json!("HTML");
        }
        p
    };
    let a = api
        .call("sendMessage", &send(repeat('a', max), false))
        .await;
    assert!(a.ok(), "sendMessage text of {max} characters: {a:?}");
    let a = api
        .call("sendMessage", &send(repeat('a', max + 1), false))
        .await;
    assert!(
        a.bad_request(),
        "sendMessage text of {} characters: {a:?}",
        max + 1
    );
    let a = api
        .call("sendMessage", &send(repeat('a', min - 1), false))
        .await;
    assert!(
        a.bad_request(),
        "sendMessage text of {} characters: {a:?}",
        min - 1
    );
    // Counted after entities parsing: the tags are not text.
    let tagged = format!("<b>{}</b>", repeat('a', max));
    let a = api.call("sendMessage", &send(tagged, true)).await;
    assert!(
        a.ok(),
        "sendMessage HTML text of {max} characters after parsing: {a:?}"
    );
    let tagged = format!("<b>{}</b>", repeat('a', max + 1));
    let a = api.call("sendMessage", &send(tagged, true)).await;
    assert!(
        a.bad_request(),
        "sendMessage HTML text of {} characters after parsing: {a:?}",
        max + 1
    );
    // Nothing left after parsing is an empty text.
    let a = api.call("sendMessage", &send("<b></b>".into(), true)).await;
    assert!(
        a.bad_request(),
        "sendMessage HTML text empty after parsing: {a:?}"
    );

    let (min, max) = limit(&spec, "methods", "editMessageText", "text", "characters");
    assert!(min >= 1, "editMessageText text minimum {min}");
    let (message_id, _) = api.bot_message().await;
    let edit = |text: String| json!({"chat_id": USER, "message_id": message_id, "text": text});
    let a = api
        .call("editMessageText", &edit(repeat('b', max + 1)))
        .await;
    assert!(
        a.bad_request(),
        "editMessageText text of {} characters: {a:?}",
        max + 1
    );
    let a = api
        .call("editMessageText", &edit(repeat('b', min - 1)))
        .await;
    assert!(
        a.bad_request(),
        "editMessageText text of {} characters: {a:?}",
        min - 1
    );
    let a = api.call("editMessageText", &edit(repeat('b', max))).await;
    assert!(a.ok(), "editMessageText text of {max} characters: {a:?}");
}

/// sendDocument and sendPhoto `caption`: "0-1024 characters after entities parsing".
async fn caption_length(spec: Spec) {
    let api = Api::start().await;
    for (method, file) in [
        (
            "sendDocument",
            json!({"document": "https://example.com/spec.pdf"}),
        ),
        (
            "sendPhoto",
            json!({"photo": "https://example.com/spec.jpg"}),
        ),
    ] {
        let (min, max) = limit(&spec, "methods", method, "caption", "characters");
        let call = |caption: String| {
            let mut p = file.clone();
            p["chat_id"] = json!(USER);
            p["caption"] = json!(caption);
            p
        };
        let a = api.call(method, &call(repeat('c', min))).await;
        assert!(a.ok(), "{method} caption of {min} characters: {a:?}");
        let a = api.call(method, &call(repeat('c', max))).await;
        assert!(a.ok(), "{method} caption of {max} characters: {a:?}");
        let a = api.call(method, &call(repeat('c', max + 1))).await;
        assert!(
            a.bad_request(),
            "{method} caption of {} characters: {a:?}",
            max + 1
        );
    }
}

/// answerCallbackQuery `text`: "0-200 characters".
async fn callback_answer_length(spec: Spec) {
    let api = Api::start().await;
    let (min, max) = limit(
        &spec,
        "methods",
        "answerCallbackQuery",
        "text",
        "characters",
    );
    let query = api.callback_query().await;
    let answer = |text: String| json!({"callback_query_id": query, "text": text});
    // A refused answer leaves the query unanswered, so the same one serves twice.
    let a = api
        .call("answerCallbackQuery", &answer(repeat('d', max + 1)))
        .await;
    assert!(
        a.bad_request(),
        "answerCallbackQuery text of {} characters: {a:?}",
        max + 1
    );
    let a = api
        .call("answerCallbackQuery", &answer(repeat('é', max)))
        .await;
    assert!(
        a.ok(),
        "answerCallbackQuery text of {max} characters: {a:?}"
    );
    let query = api.callback_query().await;
    let a = api
        .call(
            "answerCallbackQuery",
            &json!({"callback_query_id": query, "text": repeat('d', min)}),
        )
        .await;
    assert!(
        a.ok(),
        "answerCallbackQuery text of {min} characters: {a:?}"
    );
}

/// InlineKeyboardButton `callback_data`: "1-64 bytes" (bytes, not characters).
async fn callback_data_length(spec: Spec) {
    let api = Api::start().await;
    let (min, max) = limit(
        &spec,
        "types",
        "InlineKeyboardButton",
        "callback_data",
        "bytes",
    );
    assert!(min >= 1 && max % 2 == 0, "callback_data range {min}-{max}");
    let send = |data: String| {
        json!({
            "chat_id": USER,
            "text": "Choose",
            "reply_markup": {"inline_keyboard": [[{"text": "Go", "callback_data": data}]]},
        })
    };
    let cases = [
        (repeat('a', max), true),
        (repeat('a', max + 1), false),
        (repeat('a', min), true),
        (repeat('a', min - 1), false),
        // "é" is 2 bytes in UTF-8: max/2 of them fill the limit, one more exceeds it.
        (repeat('é', max / 2), true),
        (repeat('é', max / 2 + 1), false),
    ];
    for (data, accepted) in cases {
        let a = api.call("sendMessage", &send(data.clone())).await;
        let what = format!(
            "callback_data of {} bytes ({} characters)",
            data.len(),
            data.chars().count()
        );
        if accepted {
            assert!(a.ok(), "{what}: {a:?}");
        } else {
            assert!(a.bad_request(), "{what}: {a:?}");
        }
    }
    // And the same limit on an edited keyboard.
    let (message_id, _) = api.bot_message().await;
    let edit = |data: String| {
        json!({
            "chat_id": USER,
            "message_id": message_id,
            "reply_markup": {"inline_keyboard": [[{"text": "Go", "callback_data": data}]]},
        })
    };
    let a = api
        .call("editMessageReplyMarkup", &edit(repeat('z', max + 1)))
        .await;
    assert!(
        a.bad_request(),
        "edited callback_data of {} bytes: {a:?}",
        max + 1
    );
    let a = api
        .call("editMessageReplyMarkup", &edit(repeat('z', max)))
        .await;
    assert!(a.ok(), "edited callback_data of {max} bytes: {a:?}");
}

/// setMyCommands: BotCommand `command` "1-32 characters", `description` "1-256 characters",
/// and "At most 100 commands".
async fn bot_command_limits(spec: Spec) {
    let api = Api::start().await;
    let set = |commands: Value| json!({"commands": commands});
    let one = |command: String, description: String| {
        set(json!([{"command": command, "description": description}]))
    };
    let check = |a: Answer, accepted: bool, what: String| {
        if accepted {
            assert!(a.ok(), "setMyCommands with {what}: {a:?}");
        } else {
            assert!(a.bad_request(), "setMyCommands with {what}: {a:?}");
        }
    };

    let (min, max) = limit(&spec, "types", "BotCommand", "command", "characters");
    assert!(min >= 1, "command minimum {min}");
    for (n, accepted) in [(max, true), (max + 1, false), (min, true), (min - 1, false)] {
        let a = api
            .call("setMyCommands", &one(repeat('a', n), "Help".into()))
            .await;
        check(a, accepted, format!("a command of {n} characters"));
    }

    let desc = spec.description("types", "BotCommand", "command");
    assert!(
        desc.contains("only lowercase English letters, digits and underscores"),
        "BotCommand.command no longer says which characters it may hold: {desc:?}"
    );
    for (command, accepted) in [
        ("a_1", true),
        ("Start", false),
        ("sta-rt", false),
        ("sta rt", false),
        ("café", false),
    ] {
        let a = api
            .call("setMyCommands", &one(command.into(), "Help".into()))
            .await;
        check(a, accepted, format!("the command {command:?}"));
    }

    let (min, max) = limit(&spec, "types", "BotCommand", "description", "characters");
    assert!(min >= 1, "description minimum {min}");
    for (c, n, accepted) in [
        ('h', max, true),
        ('h', max + 1, false),
        ('h', min, true),
        ('h', min - 1, false),
        // Characters, not bytes.
        ('é', max, true),
        ('é', max + 1, false),
    ] {
        let a = api
            .call("setMyCommands", &one("help".into(), repeat(c, n)))
            .await;
        check(
            a,
            accepted,
            format!("a description of {n} {c:?} characters"),
        );
    }

    let desc = spec.description("methods", "setMyCommands", "commands");
    let most = at_most(desc).unwrap_or_else(|| panic!("no \"At most N\" in {desc:?}"));
    let list = |n: usize| {
        Value::Array(
            (0..n)
                .map(|i| json!({"command": format!("c{i}"), "description": "Command"}))
                .collect(),
        )
    };
    let a = api.call("setMyCommands", &set(list(most + 1))).await;
    check(a, false, format!("{} commands", most + 1));
    let a = api.call("setMyCommands", &set(list(most))).await;
    check(a, true, format!("{most} commands"));
    let kept = api.must("getMyCommands", json!({})).await;
    assert_eq!(
        kept.as_array().map(Vec::len),
        Some(most),
        "getMyCommands after setting {most}"
    );
}

fn limits_are_read_from_descriptions() {
    assert_eq!(
        range(
            "Text of the message to be sent, 1-4096 characters after entities parsing",
            "characters"
        ),
        Some((1, 4096))
    );
    assert_eq!(
        range("Optional. Data …, 1-64 bytes", "bytes"),
        Some((1, 64))
    );
    assert_eq!(
        range(
            "Text of the command; 1-32 characters. Can contain",
            "characters"
        ),
        Some((1, 32))
    );
    assert_eq!(range("1-64 bytes", "characters"), None);
    assert_eq!(
        at_most("A list. At most 100 commands can be specified."),
        Some(100)
    );
}

// ---------------------------------------------------------------------------------------
// The harness.

/// Without the spec, a run of this very binary reports a check as ignored with the reason,
/// not as passed, and the note on stderr names the file it looked for.
fn an_absent_spec_is_reported_as_ignored() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let absent = dir.path().join("api.json");
    let run = std::process::Command::new(std::env::current_exe().expect("this test binary"))
        .args(["message_text_length", "--exact", "--color", "never"])
        .env("TAKWIN_BOT_API_SPEC", &absent)
        .output()
        .expect("this test binary runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stdout}\n{stderr}");
    let reason = format!("api.json not found at {}", absent.display());
    assert!(
        stdout.contains(&format!("test message_text_length ... ignored ({reason})")),
        "{stdout}"
    );
    assert!(stdout.contains("0 passed; 0 failed; 1 ignored"), "{stdout}");
    assert!(stderr.contains(&reason), "{stderr}");
}

type Check = fn(Spec) -> Pin<Box<dyn Future<Output = ()>>>;

macro_rules! checks {
    ($($name:ident),* $(,)?) => {
        vec![$((stringify!($name), (|spec| Box::pin($name(spec))) as Check),)*]
    };
}

fn main() {
    let args = Arguments::from_args();
    let path = Spec::path();
    let absent = (!path.exists()).then(|| format!("api.json not found at {}", path.display()));
    if let Some(reason) = &absent {
        eprintln!(
            "note: {reason}, so the checks against the Bot API spec are ignored; set \
             TAKWIN_BOT_API_SPEC to check the emulator against it"
        );
    }
    let checks = checks![
        implemented_methods_are_spec_methods,
        other_spec_methods_are_not_found,
        required_parameters_are_enforced,
        message_text_length,
        caption_length,
        callback_answer_length,
        callback_data_length,
        bot_command_limits,
    ];
    let mut trials: Vec<Trial> = checks
        .into_iter()
        .map(|(name, check)| {
            let (path, absent) = (path.clone(), absent.clone());
            Trial::ignorable_test(name, move || {
                if let Some(reason) = absent {
                    return Ok(Completion::ignored_with(reason));
                }
                let spec = Spec::load(&path);
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("a runtime")
                    .block_on(check(spec));
                Ok(Completion::Completed)
            })
        })
        .collect();
    trials.push(Trial::test("limits_are_read_from_descriptions", || {
        limits_are_read_from_descriptions();
        Ok(())
    }));
    trials.push(Trial::test("an_absent_spec_is_reported_as_ignored", || {
        an_absent_spec_is_reported_as_ignored();
        Ok(())
    }));
    libtest_mimic::run(&args, trials).exit();
}
