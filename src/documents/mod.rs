//! Documents the bot attaches to its messages, built as pure functions (bytes in memory, no
//! I/O) so that the callers decide how to send them and the tests can check them exactly.
//!
//! - [`workshop_ics`]: the calendar file (.ics) that comes with a workshop invitation, a move
//!   or a cancellation.
//! - [`qr_png`]: the QR image of the check-in link that organisers show in the room.

pub mod calendar;
pub mod qr;

pub use calendar::{CalendarEvent, workshop_ics};
pub use qr::qr_png;
