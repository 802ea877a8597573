//! Request parameters, whatever encoding the client used.
//!
//! JSON bodies carry typed values; query strings, url-encoded forms and multipart
//! forms carry strings, with nested objects JSON-encoded. The accessors accept both.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

/// An uploaded file part.
#[derive(Debug, Clone)]
pub struct Upload {
    /// File name given by the client.
    pub file_name: Option<String>,
    /// Content type given by the client.
    pub content_type: Option<String>,
    /// File content.
    pub bytes: Vec<u8>,
}

/// An error answered to the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status and `error_code`.
    pub code: u16,
    /// Telegram's description.
    pub description: String,
    /// `parameters.retry_after` of a 429.
    pub retry_after: Option<u32>,
}

impl ApiError {
    /// A `400 Bad Request: …`.
    pub fn bad(msg: &str) -> Self {
        Self {
            code: 400,
            description: format!("Bad Request: {msg}"),
            retry_after: None,
        }
    }

    /// A `403 Forbidden: …`.
    pub fn forbidden(msg: &str) -> Self {
        Self {
            code: 403,
            description: format!("Forbidden: {msg}"),
            retry_after: None,
        }
    }

    /// A `429 Too Many Requests: retry after N`.
    pub fn flood(retry_after: u32) -> Self {
        Self {
            code: 429,
            description: format!("Too Many Requests: retry after {retry_after}"),
            retry_after: Some(retry_after),
        }
    }

    /// The Telegram error envelope.
    pub fn to_json(&self) -> Value {
        let mut v = json!({"ok": false, "error_code": self.code, "description": self.description});
        if let Some(r) = self.retry_after {
            v["parameters"] = json!({"retry_after": r});
        }
        v
    }
}

/// Result type of the method handlers.
pub type ApiResult<T = Value> = Result<T, ApiError>;

/// Parameters of one call.
#[derive(Debug, Default, Clone)]
pub struct Params {
    /// Non-file parameters.
    pub values: Map<String, Value>,
    /// File parameters, keyed by parameter name (`attach://` already resolved).
    pub files: HashMap<String, Upload>,
}

impl Params {
    /// The parameters as the recording shows them: files as name and size.
    pub fn recorded(&self) -> Value {
        let mut m = self.values.clone();
        for (k, f) in &self.files {
            m.insert(
                k.clone(),
                json!({"file_name": f.file_name, "size": f.bytes.len()}),
            );
        }
        Value::Object(m)
    }

    fn raw(&self, key: &str) -> Option<&Value> {
        self.values.get(key).filter(|v| !v.is_null())
    }

    /// A string parameter; numbers and booleans are given in their text form.
    pub fn str(&self, key: &str) -> Option<String> {
        match self.raw(key)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            other => Some(other.to_string()),
        }
    }

    /// An integer parameter; a non-integer value is an error, as in Telegram.
    pub fn int(&self, key: &str) -> ApiResult<Option<i64>> {
        match self.raw(key) {
            None => Ok(None),
            Some(Value::Number(n)) => n
                .as_i64()
                .map(Some)
                .ok_or_else(|| ApiError::bad(&format!("invalid {key} specified"))),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => s
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| ApiError::bad(&format!("invalid {key} specified"))),
            Some(_) => Err(ApiError::bad(&format!("invalid {key} specified"))),
        }
    }

    /// A boolean parameter (`true`, `"true"`, `1`, `"1"`); absent is false.
    pub fn flag(&self, key: &str) -> bool {
        match self.raw(key) {
            Some(Value::Bool(b)) => *b,
            Some(Value::Number(n)) => n.as_i64() == Some(1),
            Some(Value::String(s)) => matches!(s.as_str(), "true" | "True" | "1"),
            _ => false,
        }
    }

    /// A JSON parameter: given as a JSON value or as a JSON-encoded string.
    pub fn json(&self, key: &str) -> ApiResult<Option<Value>> {
        match self.raw(key) {
            None => Ok(None),
            Some(Value::String(s)) if s.is_empty() => Ok(None),
            Some(Value::String(s)) => serde_json::from_str(s).map(Some).map_err(|_| {
                ApiError::bad(&match key {
                    "reply_markup" => "can't parse reply keyboard markup JSON object".to_owned(),
                    _ => format!("can't parse {key} JSON object"),
                })
            }),
            Some(v) => Ok(Some(v.clone())),
        }
    }
}
