//! Attendance: who came, counted per workshop, province and commune for reports.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::answers::SeatKind;
use super::{WorkshopId, rounded_ratio};
use crate::domain::roster::PlaceName;

/// Whether a person came.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// Invited and came.
    Present,
    /// Invited and did not come (or has not checked in yet).
    Absent,
    /// Came without being invited.
    WalkIn,
}

/// One person's facts for one workshop, as the store reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceFact {
    /// The workshop.
    pub workshop: WorkshopId,
    /// The person's province.
    pub province: PlaceName,
    /// The person's commune or council; `None` for the province's own staff.
    pub commune: Option<PlaceName>,
    /// Where they stood when answering (ignored for walk-ins).
    pub seat: SeatKind,
    /// Whether they came.
    pub presence: Presence,
}

/// Attendance counts of a group of facts.
///
/// `invited = yes + no + no_answer`, `waiting` is part of `yes`, `invited = present + absent`,
/// and walk-ins are counted apart: they are neither invited nor in the rate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceCounts {
    /// Invited.
    pub invited: u32,
    /// Said yes (confirmed or waiting).
    pub yes: u32,
    /// Said no.
    pub no: u32,
    /// Did not answer.
    pub no_answer: u32,
    /// Still on the waiting list (part of `yes`).
    pub waiting: u32,
    /// Invited and came.
    pub present: u32,
    /// Invited and did not come.
    pub absent: u32,
    /// Came without an invitation.
    pub walk_ins: u32,
}

impl AttendanceCounts {
    /// Adds one fact.
    pub fn add(&mut self, seat: SeatKind, presence: Presence) {
        if presence == Presence::WalkIn {
            self.walk_ins += 1;
            return;
        }
        self.invited += 1;
        match seat {
            SeatKind::Confirmed => self.yes += 1,
            SeatKind::Waiting => {
                self.yes += 1;
                self.waiting += 1;
            }
            SeatKind::Declined => self.no += 1,
            SeatKind::NoAnswer => self.no_answer += 1,
        }
        match presence {
            Presence::Present => self.present += 1,
            _ => self.absent += 1,
        }
    }

    /// Present per invited in per-mille, rounded half up; the same integer is the percentage
    /// in tenths (`625` is 62.5 %). `None` when nobody was invited.
    pub fn rate_per_mille(&self) -> Option<u32> {
        rounded_ratio(u64::from(self.present) * 1000, u64::from(self.invited))
    }
}

/// Attendance of one workshop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkshopAttendance {
    /// The workshop.
    pub workshop: WorkshopId,
    /// Its counts.
    pub counts: AttendanceCounts,
}

/// Attendance of one province, over the workshops of the facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvinceAttendance {
    /// The province.
    pub province: PlaceName,
    /// Its counts.
    pub counts: AttendanceCounts,
}

/// Attendance of one commune (or the province's own staff), over the workshops of the facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommuneAttendance {
    /// The province.
    pub province: PlaceName,
    /// The commune or council; `None` for the province's own staff.
    pub commune: Option<PlaceName>,
    /// Its counts.
    pub counts: AttendanceCounts,
}

/// Attendance per workshop, province and commune, in a deterministic order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttendanceReport {
    /// Per workshop, by id.
    pub workshops: Vec<WorkshopAttendance>,
    /// Per province, by name.
    pub provinces: Vec<ProvinceAttendance>,
    /// Per commune, by province then commune name; the province's own staff last in it.
    pub communes: Vec<CommuneAttendance>,
    /// Everything together.
    pub total: AttendanceCounts,
}

impl AttendanceReport {
    /// One workshop's counts; zero for a workshop without facts (nobody invited there).
    pub fn of_workshop(&self, workshop: WorkshopId) -> AttendanceCounts {
        self.workshops
            .iter()
            .find(|w| w.workshop == workshop)
            .map(|w| w.counts)
            .unwrap_or_default()
    }
}

/// The sort key of a place name: case-insensitive Latin name, then exact names for ties.
fn place_key(name: &PlaceName) -> (String, String, String) {
    (
        name.latin.to_lowercase(),
        name.latin.clone(),
        name.arabic.clone().unwrap_or_default(),
    )
}

/// Counts attendance per workshop, province and commune.
///
/// Places are grouped by their exact names, as the store gives them from the roster. For the
/// per-commune breakdown of one workshop, pass that workshop's facts only.
pub fn attendance(facts: &[AttendanceFact]) -> AttendanceReport {
    let mut counting = AttendanceCounting::default();
    for fact in facts {
        counting.add(fact);
    }
    counting.finish()
}

type PlaceKey = (String, String, String);
// `None` sorts before `Some`; the flag puts the province's own staff after its communes.
type CommuneKey = (PlaceKey, bool, PlaceKey);

/// An attendance report being counted one fact at a time, so that a national programme's
/// invitations need not all be held at once: what it holds grows with the workshops and
/// places, not with the invitations.
#[derive(Debug, Default)]
pub struct AttendanceCounting {
    workshops: BTreeMap<WorkshopId, AttendanceCounts>,
    provinces: BTreeMap<PlaceKey, (PlaceName, AttendanceCounts)>,
    communes: BTreeMap<CommuneKey, CommuneAttendance>,
    total: AttendanceCounts,
}

impl AttendanceCounting {
    /// Counts one fact.
    pub fn add(&mut self, fact: &AttendanceFact) {
        self.total.add(fact.seat, fact.presence);
        self.workshops
            .entry(fact.workshop)
            .or_default()
            .add(fact.seat, fact.presence);
        let province_key = place_key(&fact.province);
        self.provinces
            .entry(province_key.clone())
            .or_insert_with(|| (fact.province.clone(), AttendanceCounts::default()))
            .1
            .add(fact.seat, fact.presence);
        let commune_key = (
            province_key,
            fact.commune.is_none(),
            fact.commune.as_ref().map(place_key).unwrap_or_default(),
        );
        self.communes
            .entry(commune_key)
            .or_insert_with(|| CommuneAttendance {
                province: fact.province.clone(),
                commune: fact.commune.clone(),
                counts: AttendanceCounts::default(),
            })
            .counts
            .add(fact.seat, fact.presence);
    }

    /// The report, in its deterministic order.
    pub fn finish(self) -> AttendanceReport {
        AttendanceReport {
            workshops: self
                .workshops
                .into_iter()
                .map(|(workshop, counts)| WorkshopAttendance { workshop, counts })
                .collect(),
            provinces: self
                .provinces
                .into_values()
                .map(|(province, counts)| ProvinceAttendance { province, counts })
                .collect(),
            communes: self.communes.into_values().collect(),
            total: self.total,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attendance_matches_a_hand_count() {
        let hajeb = PlaceName::new("El Hajeb", Some("الحاجب"));
        let ifrane = PlaceName::new("Ifrane", Some("إفران"));
        let agourai = Some(PlaceName::new("Agourai", Some("أكوراي")));
        let yaazem = Some(PlaceName::new("Ait Yaazem", Some("آيت يعزم")));
        let hajeb_commune = Some(PlaceName::new("El Hajeb", Some("الحاجب")));
        let fact = |workshop, province: &PlaceName, commune: &Option<PlaceName>, seat, presence| {
            AttendanceFact {
                workshop: WorkshopId::new(workshop),
                province: province.clone(),
                commune: commune.clone(),
                seat,
                presence,
            }
        };
        use Presence::*;
        use SeatKind::*;
        // Deliberately out of order: the report's order must not depend on the input's.
        let facts = vec![
            fact(2, &hajeb, &hajeb_commune, Confirmed, Absent), // p10
            fact(1, &ifrane, &Some(ifrane.clone()), Confirmed, Present), // p9
            fact(1, &hajeb, &agourai, Confirmed, Present),      // p1
            fact(1, &hajeb, &agourai, Confirmed, Absent),       // p2
            fact(1, &hajeb, &None, NoAnswer, Present),          // p8, province staff
            fact(1, &hajeb, &agourai, Declined, Absent),        // p3
            fact(1, &hajeb, &agourai, NoAnswer, WalkIn),        // p4, not invited
            fact(1, &hajeb, &yaazem, NoAnswer, Absent),         // p5
            fact(1, &hajeb, &yaazem, Waiting, Present),         // p6, came from the list
            fact(1, &hajeb, &yaazem, Declined, Present),        // p7, came after all
            fact(2, &hajeb, &agourai, Confirmed, Present),      // p1
            fact(2, &hajeb, &agourai, Waiting, Absent),         // p2
        ];
        let counts =
            |invited, yes, no, no_answer, waiting, present, absent, walk_ins| AttendanceCounts {
                invited,
                yes,
                no,
                no_answer,
                waiting,
                present,
                absent,
                walk_ins,
            };
        let report = attendance(&facts);

        // Workshop 1: invited p1 p2 p3 p5 p6 p7 p8 p9; yes p1 p2 p6 p9; no p3 p7; silent p5
        // p8; waiting p6; present p1 p6 p7 p8 p9; absent p2 p3 p5; walk-in p4. 5/8 = 62.5 %.
        // Workshop 2: invited p1 p2 p10, all yes, p2 waiting; present p1. 1/3 = 33.3 %.
        assert_eq!(
            report.workshops,
            [
                WorkshopAttendance {
                    workshop: WorkshopId::new(1),
                    counts: counts(8, 4, 2, 2, 1, 5, 3, 1)
                },
                WorkshopAttendance {
                    workshop: WorkshopId::new(2),
                    counts: counts(3, 3, 0, 0, 1, 1, 2, 0)
                },
            ]
        );
        assert_eq!(report.workshops[0].counts.rate_per_mille(), Some(625));
        assert_eq!(report.workshops[1].counts.rate_per_mille(), Some(333));

        // El Hajeb: 7 invited to workshop 1 and 3 to workshop 2; 5 of the 10 came.
        let provinces: Vec<_> = report
            .provinces
            .iter()
            .map(|p| {
                (
                    p.province.latin.as_str(),
                    p.counts,
                    p.counts.rate_per_mille(),
                )
            })
            .collect();
        assert_eq!(
            provinces,
            [
                ("El Hajeb", counts(10, 6, 2, 2, 2, 5, 5, 1), Some(500)),
                ("Ifrane", counts(1, 1, 0, 0, 0, 1, 0, 0), Some(1000)),
            ]
        );

        // Per commune, by province then name, the province's staff last in its province.
        let communes: Vec<_> = report
            .communes
            .iter()
            .map(|c| {
                (
                    c.province.latin.as_str(),
                    c.commune.as_ref().map(|n| n.latin.as_str()),
                    c.counts,
                    c.counts.rate_per_mille(),
                )
            })
            .collect();
        assert_eq!(
            communes,
            [
                // p1 p2 p3 (w1), p1 p2 (w2): 2 of 5 came; p4 walked in.
                (
                    "El Hajeb",
                    Some("Agourai"),
                    counts(5, 4, 1, 0, 1, 2, 3, 1),
                    Some(400)
                ),
                // p5 p6 p7: 2 of 3 came, 66.7 %.
                (
                    "El Hajeb",
                    Some("Ait Yaazem"),
                    counts(3, 1, 1, 1, 1, 2, 1, 0),
                    Some(667)
                ),
                (
                    "El Hajeb",
                    Some("El Hajeb"),
                    counts(1, 1, 0, 0, 0, 0, 1, 0),
                    Some(0)
                ),
                ("El Hajeb", None, counts(1, 0, 0, 1, 0, 1, 0, 0), Some(1000)),
                (
                    "Ifrane",
                    Some("Ifrane"),
                    counts(1, 1, 0, 0, 0, 1, 0, 0),
                    Some(1000)
                ),
            ]
        );
        // 6 of 11 came: 54.5 %.
        assert_eq!(report.total, counts(11, 7, 2, 2, 2, 6, 5, 1));
        assert_eq!(report.total.rate_per_mille(), Some(545));
        // The identities the export relies on, on every line.
        for c in report.communes.iter().map(|c| c.counts) {
            assert_eq!(c.invited, c.yes + c.no + c.no_answer);
            assert_eq!(c.invited, c.present + c.absent);
            assert!(c.waiting <= c.yes);
        }
    }

    #[test]
    fn attendance_of_nothing_and_of_walk_ins_only() {
        assert_eq!(attendance(&[]), AttendanceReport::default());
        let report = attendance(&[AttendanceFact {
            workshop: WorkshopId::new(7),
            province: PlaceName::new("Ifrane", None),
            commune: None,
            seat: SeatKind::NoAnswer,
            presence: Presence::WalkIn,
        }]);
        assert_eq!(report.total.walk_ins, 1);
        assert_eq!(report.total.invited, 0);
        assert_eq!(report.total.rate_per_mille(), None);
    }
}
