//! What the roster says of a person: the one set of fields a roster file's line gives, an
//! import compares, and the database stores.

use super::{BodyKind, Gender, Language, Phone, PlaceName, Role};

/// A person as the roster lists them: where they belong, their name, role, phone and
/// language; the roster file's columns, one field each. A line of the file
/// ([`RosterRow`](super::RosterRow)), a person as an import compares them
/// ([`StoredPerson`](super::StoredPerson)) and as the store gives them hold it as `details`,
/// and read as it (`row.full_name`) through `Deref`: the same fields, written once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonDetails {
    /// The province (or prefecture) the person belongs to.
    pub province: PlaceName,
    /// The commune or Provincial Council; `None` for province-level roles.
    pub body: Option<(BodyKind, PlaceName)>,
    /// The person's name as written, cleaned by the text rule (trimmed, one space between
    /// words).
    pub full_name: String,
    /// The person's role.
    pub role: Role,
    /// The person's phone number, E.164.
    pub phone: Phone,
    /// The language the person is written to in.
    pub language: Language,
    /// How the person is addressed (Madame / Monsieur), when the roster says; kept when a
    /// later roster leaves it out.
    pub gender: Option<Gender>,
}
