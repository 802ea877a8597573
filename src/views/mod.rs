//! What people see: the button vocabulary, keyboards and message building from the Fluent
//! files. Used by the chat handlers and by the outbox's renderer alike, so a message looks the
//! same whether it answers a tap or goes out on its own; nothing here reads or writes the
//! database or talks to Telegram.

pub mod broadcast;
pub mod buttons;
pub mod certificate;
pub mod charts;
pub mod digest;
pub mod draft;
pub mod evaluation;
pub mod follow_up;
pub mod funding;
pub mod keyboards;
pub mod programme_report;
pub mod text;
pub mod workshop;
