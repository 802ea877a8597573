//! Who a message is for, described rather than listed, so that it is resolved against the
//! roster as it is when the message goes (people join, leave, change roles).

use serde::{Deserialize, Serialize};

use crate::domain::roster::{BodyKind, PlaceName, Role};

/// One commune, named by its province (commune names repeat across provinces).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CommuneRef {
    /// The province's Latin name.
    pub province: String,
    /// The commune's Latin name.
    pub commune: String,
}

impl CommuneRef {
    /// Whether this names the commune `commune` of `province`.
    pub fn is(&self, province: &PlaceName, commune: &PlaceName) -> bool {
        self.province.eq_ignore_ascii_case(&province.latin)
            && self.commune.eq_ignore_ascii_case(&commune.latin)
    }
}

/// A description of some people of the roster.
///
/// Roles narrow; places add up: "presidents and finance staff of El Hajeb and of the commune
/// of Ifrane" is `roles: [president, finance_staff]`, `provinces: [El Hajeb]`,
/// `communes: [Ifrane/Ifrane]`. No roles means every role, no place means everywhere.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audience {
    /// Roles, by code (`president`, `finance_staff` …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Whole provinces, by their Latin name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provinces: Vec<String>,
    /// Single communes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub communes: Vec<CommuneRef>,
    /// Only people of these kinds of body, by code (`commune`, `provincial_council`): the
    /// presidents reminded ahead of their own kind of council's sessions. None means any
    /// person, of a body or not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body_kinds: Vec<String>,
    /// Only people of the bodies that still owe the programme something (the agreement's
    /// approval or contribution), as `domain::funding::gets_reminder` decides at the time.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub owing: bool,
    /// Only the Region's organisers (appointed, not a role of the roster): their weekly
    /// funding summary.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub organisers: bool,
    /// Only people invited to each of these workshops, by answer or attendance if given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub workshops: Vec<WorkshopPart>,
    /// Audiences this one's people must each be in as well: the factors of an intersection
    /// that holds a union, `province:Ifrane & (role:president | role:councillor)`. Kept as
    /// written rather than multiplied out into a union of intersections, which grows
    /// exponentially with the factors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub within: Vec<Audience>,
    /// Other audiences whose people are added to this one's (each person once): the parts of
    /// a union, `province:Ifrane | role:president`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Audience>,
}

/// What an audience asks about a person of the roster to say whether they are in it.
pub struct Member<'a> {
    /// Their role.
    pub role: Role,
    /// Their province.
    pub province: &'a PlaceName,
    /// Their body (a commune, a provincial council), if any.
    pub body: Option<&'a (BodyKind, PlaceName)>,
    /// Whether their body still owes the programme something (asked only by an audience of
    /// bodies owing something).
    pub owes: bool,
    /// Whether they are one of the Region's organisers.
    pub organiser: bool,
    /// Their invitation to a workshop, by the workshop's id.
    pub invitation: &'a dyn Fn(i64) -> Option<Invitation>,
}

/// The invitees of a workshop, optionally only those with one answer or attendance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopPart {
    /// The workshop's id.
    pub workshop_id: i64,
    /// Which of its invitees; none means all of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub among: Option<Among>,
}

/// Some of a workshop's invitees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Among {
    /// Said they will attend (a seat or the waiting list).
    Yes,
    /// Said they cannot attend.
    No,
    /// Have not answered.
    NoAnswer,
    /// Were marked present (walk-ins included).
    Present,
    /// Invited and not marked present.
    Absent,
}

impl Among {
    /// Every kind, in the order the expression language lists them.
    pub const ALL: [Among; 5] = [
        Among::NoAnswer,
        Among::Yes,
        Among::No,
        Among::Present,
        Among::Absent,
    ];

    /// Its name in an audience expression: `no-answer`, `yes`, `no`, `present`, `absent`.
    pub fn code(self) -> &'static str {
        match self {
            Among::Yes => "yes",
            Among::No => "no",
            Among::NoAnswer => "no-answer",
            Among::Present => "present",
            Among::Absent => "absent",
        }
    }
}

impl WorkshopPart {
    /// Whether someone is in it, from their invitation: `None` if not invited, else whether
    /// they said yes (`Some(Some(true))`), no, or nothing, whether they came, and whether
    /// they came without an invitation (a walk-in).
    pub fn includes(&self, invitation: Option<&Invitation>) -> bool {
        let Some(inv) = invitation else {
            return false;
        };
        match self.among {
            None => !inv.walk_in,
            Some(Among::Yes) => inv.answer == Some(true),
            Some(Among::No) => inv.answer == Some(false),
            Some(Among::NoAnswer) => !inv.walk_in && inv.answer.is_none(),
            Some(Among::Present) => inv.present,
            Some(Among::Absent) => !inv.walk_in && !inv.present,
        }
    }
}

/// A person's invitation to a workshop, as far as an audience asks about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invitation {
    /// Yes (a seat or the waiting list), no, or no answer.
    pub answer: Option<bool>,
    /// Marked present.
    pub present: bool,
    /// Came without an invitation.
    pub walk_in: bool,
}

impl Audience {
    /// Whether a person is in the audience: the one rule every resolution applies. They are
    /// when they fit its own roles, places, funding, organisers and workshops and are in each
    /// audience of `within`, or when they are in one of `also`. Each audience is checked once
    /// per person, so an expression costs as much as its size, whatever its shape.
    pub fn reaches(&self, member: &Member<'_>) -> bool {
        self.holds(&|part: &Audience| part.fits(member))
    }

    /// Whether anyone of this role, province and body could ever be in the audience, whatever
    /// their funding, appointment or invitations.
    pub fn may_reach(
        &self,
        role: Role,
        province: &PlaceName,
        body: Option<&(BodyKind, PlaceName)>,
    ) -> bool {
        self.holds(&|part: &Audience| part.includes(role, province, body))
    }

    /// How `within` and `also` combine, `own` judging each audience's own fields. Recursion
    /// as deep as the audience is nested: an expression's brackets are bounded
    /// (`audience_expression::MAX_DEPTH`), and a stored audience is read by serde_json, which
    /// refuses nesting deeper than 128.
    fn holds(&self, own: &dyn Fn(&Audience) -> bool) -> bool {
        (own(self) && self.within.iter().all(|w| w.holds(own)))
            || self.also.iter().any(|a| a.holds(own))
    }

    /// Whether a person fits this audience's own fields (not `within` nor `also`).
    fn fits(&self, m: &Member<'_>) -> bool {
        self.includes(m.role, m.province, m.body)
            && (!self.owing || m.owes)
            && (!self.organisers || m.organiser)
            && self
                .workshops
                .iter()
                .all(|w| w.includes((m.invitation)(w.workshop_id).as_ref()))
    }

    /// Every audience of this one, itself included (`within` and `also`, at any depth), read
    /// without recursion: what a resolver must look up before checking people (the bodies
    /// owing funding, the organisers, each workshop's invitations).
    pub fn every_part(&self) -> Vec<&Audience> {
        let mut out = Vec::new();
        let mut pending = vec![self];
        while let Some(part) = pending.pop() {
            out.push(part);
            pending.extend(part.within.iter());
            pending.extend(part.also.iter());
        }
        out
    }

    /// Whether it is one set of roles, places and narrowing choices, without intersections or
    /// unions of other audiences: what the dialogue's buttons make, and can describe in words.
    pub fn is_simple(&self) -> bool {
        self.within.is_empty() && self.also.is_empty()
    }

    /// The next choice of a workshop's invitees, as a button cycles through them: all of
    /// them, those who have not answered, those who said yes, those who said no, then the
    /// workshop no longer narrows the audience. Once the workshop has started, what counts is
    /// who came: all of them, those present, those absent, then no longer.
    pub fn cycle_workshop(&mut self, workshop_id: i64, started: bool) {
        let at = self
            .workshops
            .iter()
            .position(|w| w.workshop_id == workshop_id);
        let current = at.map(|i| self.workshops[i].among);
        let next = match (started, current) {
            (_, None) => Some(None),
            (false, Some(None)) => Some(Some(Among::NoAnswer)),
            (false, Some(Some(Among::NoAnswer))) => Some(Some(Among::Yes)),
            (false, Some(Some(Among::Yes))) => Some(Some(Among::No)),
            (true, Some(None)) => Some(Some(Among::Present)),
            (true, Some(Some(Among::Present))) => Some(Some(Among::Absent)),
            (_, Some(Some(_))) => None,
        };
        self.workshops.retain(|w| w.workshop_id != workshop_id);
        if let Some(among) = next {
            self.workshops.push(WorkshopPart { workshop_id, among });
        }
    }

    /// Everyone in the roster.
    pub fn everyone() -> Audience {
        Audience::default()
    }

    /// The presidents and finance staff of the bodies that still owe the programme
    /// something: a funding campaign's audience.
    pub fn owing_bodies() -> Audience {
        Audience {
            owing: true,
            ..Audience::roles(&[Role::President, Role::FinanceStaff])
        }
    }

    /// The Region's organisers.
    pub fn organisers() -> Audience {
        Audience {
            organisers: true,
            ..Audience::default()
        }
    }

    /// People with one of these roles.
    pub fn roles(roles: &[Role]) -> Audience {
        Audience {
            roles: roles.iter().map(|r| r.code().to_owned()).collect(),
            ..Audience::default()
        }
    }

    /// Whether a role is chosen (explicitly: an empty list chooses none here).
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.iter().any(|r| r == role.code())
    }

    /// Adds or removes a role.
    pub fn toggle_role(&mut self, role: Role) {
        if self.has_role(role) {
            self.roles.retain(|r| r != role.code());
        } else {
            self.roles.push(role.code().to_owned());
        }
    }

    /// Whether a whole province is chosen.
    pub fn has_province(&self, province: &str) -> bool {
        self.provinces
            .iter()
            .any(|p| p.eq_ignore_ascii_case(province))
    }

    /// Adds or removes a whole province; its communes chosen one by one are then dropped,
    /// since the whole province covers them.
    pub fn toggle_province(&mut self, province: &str) {
        self.communes
            .retain(|c| !c.province.eq_ignore_ascii_case(province));
        if self.has_province(province) {
            self.provinces.retain(|p| !p.eq_ignore_ascii_case(province));
        } else {
            self.provinces.push(province.to_owned());
        }
    }

    /// Whether a commune is chosen on its own.
    pub fn has_commune(&self, commune: &CommuneRef) -> bool {
        self.communes.iter().any(|c| {
            c.province.eq_ignore_ascii_case(&commune.province)
                && c.commune.eq_ignore_ascii_case(&commune.commune)
        })
    }

    /// Adds or removes one commune; choosing a commune of a province chosen whole narrows the
    /// province to that commune.
    pub fn toggle_commune(&mut self, commune: CommuneRef) {
        if self.has_commune(&commune) {
            self.communes.retain(|c| {
                !(c.province.eq_ignore_ascii_case(&commune.province)
                    && c.commune.eq_ignore_ascii_case(&commune.commune))
            });
        } else {
            self.provinces
                .retain(|p| !p.eq_ignore_ascii_case(&commune.province));
            self.communes.push(commune);
            self.communes.sort();
        }
    }

    /// How many communes of a province are chosen one by one.
    pub fn communes_in(&self, province: &str) -> usize {
        self.communes
            .iter()
            .filter(|c| c.province.eq_ignore_ascii_case(province))
            .count()
    }

    /// Whether a person with this role, in this province and body, is in the audience.
    pub fn includes(
        &self,
        role: Role,
        province: &PlaceName,
        body: Option<&(BodyKind, PlaceName)>,
    ) -> bool {
        let role_fits = self.roles.is_empty() || self.has_role(role);
        let everywhere = self.provinces.is_empty() && self.communes.is_empty();
        let in_commune = || match body {
            Some((BodyKind::Commune, commune)) => {
                self.communes.iter().any(|c| c.is(province, commune))
            }
            _ => false,
        };
        let kind_fits = self.body_kinds.is_empty()
            || body.is_some_and(|(kind, _)| self.body_kinds.iter().any(|k| k == kind.code()));
        role_fits && kind_fits && (everywhere || self.has_province(&province.latin) || in_commune())
    }

    /// The same audience, narrowed to people of one kind of body.
    pub fn of_body_kind(self, kind: BodyKind) -> Audience {
        Audience {
            body_kinds: vec![kind.code().to_owned()],
            ..self
        }
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

    fn commune(name: &str) -> Option<(BodyKind, PlaceName)> {
        Some((BodyKind::Commune, PlaceName::new(name, None)))
    }

    #[test]
    fn roles_and_provinces_narrow_the_audience() {
        let hajeb = PlaceName::new("El Hajeb", Some("الحاجب"));
        let ifrane = PlaceName::new("Ifrane", None);
        assert!(Audience::everyone().includes(Role::Councillor, &ifrane, None));
        let presidents = Audience::roles(&[Role::President]);
        assert!(presidents.includes(Role::President, &hajeb, None));
        assert!(!presidents.includes(Role::FinanceStaff, &hajeb, None));
        let hajeb_presidents = Audience {
            provinces: vec!["el hajeb".into()],
            ..presidents
        };
        assert!(hajeb_presidents.includes(
            Role::President,
            &hajeb,
            commune("Sebt Jahjouh").as_ref()
        ));
        assert!(!hajeb_presidents.includes(Role::President, &ifrane, None));
        let json = hajeb_presidents.to_json();
        assert_eq!(Audience::from_json(&json).unwrap(), hajeb_presidents);
    }

    #[test]
    fn communes_add_to_provinces() {
        let hajeb = PlaceName::new("El Hajeb", None);
        let ifrane = PlaceName::new("Ifrane", None);
        let mut audience = Audience::roles(&[Role::President, Role::FinanceStaff]);
        audience.toggle_province("El Hajeb");
        audience.toggle_commune(CommuneRef {
            province: "Ifrane".into(),
            commune: "Tizguite".into(),
        });
        let tizguite = commune("Tizguite");
        let azrou = commune("Azrou");
        assert!(audience.includes(Role::President, &ifrane, tizguite.as_ref()));
        assert!(!audience.includes(Role::President, &ifrane, azrou.as_ref()));
        // The same commune name in another province is another commune.
        assert!(!audience.includes(
            Role::President,
            &PlaceName::new("Sefrou", None),
            tizguite.as_ref()
        ));
        assert!(audience.includes(Role::FinanceStaff, &hajeb, None));
        assert!(!audience.includes(Role::Councillor, &ifrane, tizguite.as_ref()));
        // Province services are not in any commune.
        assert!(!audience.includes(Role::President, &ifrane, None));
        let json = audience.to_json();
        assert_eq!(Audience::from_json(&json).unwrap(), audience);
        // Older rows without communes still read.
        assert_eq!(
            Audience::from_json(r#"{"roles":["president"]}"#).unwrap(),
            Audience::roles(&[Role::President])
        );
    }

    #[test]
    fn a_kind_of_body_narrows_the_audience() {
        let hajeb = PlaceName::new("El Hajeb", None);
        let council = Some((BodyKind::ProvincialCouncil, PlaceName::provincial_council()));
        let councils =
            Audience::roles(&[Role::President]).of_body_kind(BodyKind::ProvincialCouncil);
        assert!(councils.includes(Role::President, &hajeb, council.as_ref()));
        assert!(!councils.includes(Role::President, &hajeb, commune("Agourai").as_ref()));
        assert!(!councils.includes(Role::President, &hajeb, None));
        let communes = Audience::roles(&[Role::President]).of_body_kind(BodyKind::Commune);
        assert!(communes.includes(Role::President, &hajeb, commune("Agourai").as_ref()));
        assert!(!communes.includes(Role::President, &hajeb, council.as_ref()));
        let json = communes.to_json();
        assert_eq!(json, r#"{"roles":["president"],"body_kinds":["commune"]}"#);
        assert_eq!(Audience::from_json(&json).unwrap(), communes);
    }

    #[test]
    fn a_workshop_button_cycles_through_its_invitees() {
        let mut audience = Audience::everyone();
        let mut seen = Vec::new();
        for _ in 0..5 {
            audience.cycle_workshop(7, false);
            seen.push(audience.workshops.first().map(|w| w.among));
        }
        assert_eq!(
            seen,
            [
                Some(None),
                Some(Some(Among::NoAnswer)),
                Some(Some(Among::Yes)),
                Some(Some(Among::No)),
                None
            ]
        );
        assert_eq!(audience, Audience::everyone());
        // A workshop that took place: who came, then who did not.
        let mut seen = Vec::new();
        for _ in 0..4 {
            audience.cycle_workshop(7, true);
            seen.push(audience.workshops.first().map(|w| w.among));
        }
        assert_eq!(
            seen,
            [
                Some(None),
                Some(Some(Among::Present)),
                Some(Some(Among::Absent)),
                None
            ]
        );
    }

    #[test]
    fn a_whole_province_and_its_single_communes_exclude_each_other() {
        let mut audience = Audience::everyone();
        let tizguite = CommuneRef {
            province: "Ifrane".into(),
            commune: "Tizguite".into(),
        };
        audience.toggle_commune(tizguite.clone());
        assert_eq!(audience.communes_in("ifrane"), 1);
        audience.toggle_province("Ifrane");
        assert!(audience.has_province("Ifrane"));
        assert_eq!(audience.communes_in("Ifrane"), 0);
        audience.toggle_commune(tizguite.clone());
        assert!(!audience.has_province("Ifrane"));
        assert!(audience.has_commune(&tizguite));
        audience.toggle_commune(tizguite.clone());
        assert_eq!(audience, Audience::everyone());
        audience.toggle_role(Role::President);
        assert!(audience.has_role(Role::President));
        audience.toggle_role(Role::President);
        assert_eq!(audience, Audience::everyone());
    }
}
