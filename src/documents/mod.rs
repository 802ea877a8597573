//! Documents the bot attaches to its messages, built as pure functions (bytes in memory, no
//! I/O) so that the callers decide how to send them and the tests can check them exactly.
//! They render from plain data, already in the reader's language, so chat, the command line
//! and the digests share them.
//!
//! - [`workshop_ics`]: the calendar file (.ics) that comes with a workshop invitation, a move
//!   or a cancellation.
//! - [`qr_png`]: the QR image of the check-in link that organisers show in the room.
//! - [`chart`]: charts (attendance, answers, ratings, funding, months) as SVG;
//!   [`document`]: headings, figures, tables and charts as A4 pages or HTML;
//!   [`render`] turns any drawing into PNG or PDF with the built-in [`fonts`].

pub mod calendar;
pub mod certificate;
pub mod chart;
pub mod document;
pub mod fonts;
pub mod qr;
pub mod render;
pub mod svg;

pub use calendar::{CalendarEvent, workshop_ics};
pub use qr::qr_png;
