//! Domain rules, plain Rust without I/O.
pub mod audience;
pub mod audience_expression;
pub mod broadcast;
pub mod certificate;
pub mod csv_file;
pub mod deep_link;
pub mod funding;
pub mod html;
pub mod ids;
pub mod money;
pub mod programme;
pub mod roster;
pub mod schedule;
pub mod text;
pub mod workshop;
pub mod zone;
