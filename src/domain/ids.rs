//! The ids of the things people act on, as types of their own: a function that takes a
//! workshop and a person cannot be handed them the wrong way round, and a button, an outbox
//! row or a command-line flag names which kind of thing its number is.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(i64);

        impl $name {
            /// The id the store gave it.
            pub const fn new(id: i64) -> Self {
                Self(id)
            }

            /// The number, for the store and for button payloads.
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.parse().map(Self)
            }
        }
    };
}

id!(
    /// A person of the roster.
    PersonId
);
id!(
    /// A workshop.
    WorkshopId
);
id!(
    /// A commune, or a province's Provincial Council: a body of the roster.
    CommuneId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_and_write_as_their_number() {
        let id: WorkshopId = "12".parse().unwrap();
        assert_eq!(id.get(), 12);
        assert_eq!(id.to_string(), "12");
        assert_eq!(serde_json::to_string(&id).unwrap(), "12");
        assert_eq!(
            serde_json::from_str::<PersonId>("7").unwrap(),
            PersonId::new(7)
        );
    }
}
