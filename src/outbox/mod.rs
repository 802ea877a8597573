//! The delivery engine: every message Takwin sends on its own initiative goes through the
//! durable outbox (`store::outbox`) and is sent by [`sender::Deliverer`], within Telegram's
//! limits.

pub mod failure;
pub mod reminders;
pub mod scheduler;
pub mod sender;

use serde::{Deserialize, Serialize};
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

/// A button under a message: its label and its callback payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Button {
    /// What the person sees.
    pub text: String,
    /// The callback payload (see `telegram::callback`).
    pub data: String,
}

/// What an outbox row asks to send, stored as JSON in the row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Payload {
    /// A message whose text is fixed when it is enqueued (an announcement, an alert).
    Message {
        /// HTML text, user text already escaped.
        html: String,
        /// Rows of buttons.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        buttons: Vec<Vec<Button>>,
    },
}

impl Payload {
    /// A plain HTML message without buttons.
    pub fn html(html: impl Into<String>) -> Payload {
        Payload::Message {
            html: html.into(),
            buttons: Vec::new(),
        }
    }

    /// The JSON stored in the outbox.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a payload always serialises")
    }

    /// Reads a stored payload.
    pub fn from_json(json: &str) -> Result<Payload, serde_json::Error> {
        serde_json::from_str(json)
    }
}

/// A payload made ready for Telegram.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// HTML text.
    pub html: String,
    /// Inline keyboard, if any.
    pub keyboard: Option<InlineKeyboardMarkup>,
}

impl Payload {
    /// Renders the payload at send time.
    pub fn render(&self) -> Rendered {
        match self {
            Payload::Message { html, buttons } => Rendered {
                html: html.clone(),
                keyboard: (!buttons.is_empty()).then(|| {
                    InlineKeyboardMarkup::new(buttons.iter().map(|row| {
                        row.iter()
                            .map(|b| InlineKeyboardButton::callback(b.text.clone(), b.data.clone()))
                            .collect::<Vec<_>>()
                    }))
                }),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_round_trip_through_json() {
        let payload = Payload::Message {
            html: "<b>Salam</b>".into(),
            buttons: vec![vec![Button {
                text: "OK".into(),
                data: "1:ok".into(),
            }]],
        };
        let json = payload.to_json();
        assert!(json.contains("\"kind\":\"message\""), "{json}");
        assert_eq!(Payload::from_json(&json).unwrap(), payload);
        assert!(Payload::html("x").render().keyboard.is_none());
        assert!(payload.render().keyboard.is_some());
    }
}
