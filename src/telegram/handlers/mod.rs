//! Thin handlers: parse, check permission, call the domain and storage, render.

pub mod broadcast;
pub mod changes;
pub mod checkin;
pub mod dialogue;
pub mod digest;
pub mod funding;
pub mod joining;
pub mod new_workshop;
pub mod organiser;
pub mod profile;
pub mod programme;
pub mod training;
pub mod workshops;
