//! Who a message is for, described rather than listed, so that it is resolved against the
//! roster as it is when the message goes (people join, leave, change roles).

use serde::{Deserialize, Serialize};

use crate::domain::roster::{PlaceName, Role};

/// A description of some people of the roster. Empty lists mean "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audience {
    /// Roles, by code (`president`, `finance_staff` …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Provinces, by their Latin name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provinces: Vec<String>,
}

impl Audience {
    /// Everyone in the roster.
    pub fn everyone() -> Audience {
        Audience::default()
    }

    /// People with one of these roles.
    pub fn roles(roles: &[Role]) -> Audience {
        Audience {
            roles: roles.iter().map(|r| r.code().to_owned()).collect(),
            provinces: Vec::new(),
        }
    }

    /// Whether a person with this role in this province is in the audience.
    pub fn includes(&self, role: Role, province: &PlaceName) -> bool {
        (self.roles.is_empty() || self.roles.iter().any(|r| r == role.code()))
            && (self.provinces.is_empty()
                || self
                    .provinces
                    .iter()
                    .any(|p| p.eq_ignore_ascii_case(&province.latin)))
    }

    /// The JSON stored with a schedule.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("an audience always serialises")
    }

    /// Reads a stored audience.
    pub fn from_json(json: &str) -> Result<Audience, serde_json::Error> {
        serde_json::from_str(json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_provinces_narrow_the_audience() {
        let hajeb = PlaceName::new("El Hajeb", Some("الحاجب"));
        let ifrane = PlaceName::new("Ifrane", None);
        assert!(Audience::everyone().includes(Role::Councillor, &ifrane));
        let presidents = Audience::roles(&[Role::President]);
        assert!(presidents.includes(Role::President, &hajeb));
        assert!(!presidents.includes(Role::FinanceStaff, &hajeb));
        let hajeb_presidents = Audience {
            provinces: vec!["el hajeb".into()],
            ..presidents
        };
        assert!(hajeb_presidents.includes(Role::President, &hajeb));
        assert!(!hajeb_presidents.includes(Role::President, &ifrane));
        let json = hajeb_presidents.to_json();
        assert_eq!(Audience::from_json(&json).unwrap(), hajeb_presidents);
    }
}
