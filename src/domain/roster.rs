//! The roster: who takes part in the programme, read from an organiser's CSV file.
//!
//! Every value here is a newtype or enum that can only be built valid (`Phone::parse`,
//! `InviteCode::parse` …), so the rest of the bot never checks them again.

mod gender;
mod import;
mod invite;
mod language;
mod person;
mod phone;
mod place;
mod role;
mod sync;
mod text;

pub use gender::{Gender, UnknownGender};
pub use import::{
    MAX_CODE_CHARS, MAX_NAME_CHARS, MAX_PLACE_CHARS, ROSTER_COLUMNS, RosterError, RosterErrors,
    RosterProblem, RosterRow, parse_roster,
};
pub use invite::{InviteCode, InviteCodeError};
pub use language::{Language, UnknownLanguage};
pub use person::PersonDetails;
pub use phone::{Phone, PhoneError};
pub use place::{BodyKind, PlaceName, parse_body};
pub use role::{Appointment, Role, UnknownRole};
pub use sync::{
    Change, Field as ChangedField, Plan, StoredPerson, StoredPlaces, SyncOptions, SyncProblem, plan,
};
pub use text::person_matches;
