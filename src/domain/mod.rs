//! Domain rules, plain Rust without I/O.
pub mod audience;
pub mod ids;
pub mod programme;
pub mod roster;
pub mod schedule;
pub mod workshop;
pub mod zone;
