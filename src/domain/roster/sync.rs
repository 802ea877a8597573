//! A roster file compared with the roster as stored, before anything is written: who is added,
//! who changes (name, role, commune, language, phone, gender), who left (with `prune`), and which
//! places are new. A term of office changes the roster all the time; deciding it whole first
//! lets a dry run list every change without writing, lets the real run write in short
//! transactions (the running bot keeps answering), and lets the rules that span the whole
//! roster — one president per council — be checked against what is stored, not only the file.

use std::collections::{BTreeMap, HashMap};
use std::ops::Deref;

use super::place::FoldedName;
use super::{BodyKind, PersonDetails, Phone, PlaceName, Role, RosterRow};
use crate::domain::ids::PersonId;

/// A person as stored, as far as an import compares them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPerson {
    /// Their id.
    pub id: PersonId,
    /// Their details, as stored.
    pub details: PersonDetails,
    /// False once pruned: no longer on the roster (history kept).
    pub active: bool,
    /// Whether they are an organiser.
    pub organiser: bool,
}

impl Deref for StoredPerson {
    type Target = PersonDetails;

    fn deref(&self) -> &PersonDetails {
        &self.details
    }
}

/// The places already stored: provinces, and each province's bodies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredPlaces {
    /// The provinces, with their communes and council.
    pub provinces: Vec<(PlaceName, Vec<(BodyKind, PlaceName)>)>,
}

/// What the organiser asks of an import besides the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncOptions {
    /// People active in the roster but absent from the file leave it.
    pub prune: bool,
    /// Phone numbers that changed, old to new: the person keeps their identity (their
    /// Telegram link, their rights, their history) under the new number in the file.
    pub new_phones: Vec<(Phone, Phone)>,
}

/// A field of a person that an import changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// The name.
    Name,
    /// The role.
    Role,
    /// The province, or the commune or council.
    Place,
    /// The language.
    Language,
    /// The phone number.
    Phone,
    /// How they are addressed (Madame / Monsieur).
    Gender,
    /// Back on the roster after having left it.
    Active,
}

impl Field {
    /// The field's name in listings.
    pub fn code(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Role => "role",
            Field::Place => "place",
            Field::Language => "language",
            Field::Phone => "phone",
            Field::Gender => "gender",
            Field::Active => "back on the roster",
        }
    }
}

/// One change an import makes to a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A new person.
    Add(RosterRow),
    /// A person already stored, some of whose fields change.
    Update {
        /// Who.
        person: PersonId,
        /// What they become (places written as stored).
        row: RosterRow,
        /// Which fields change.
        fields: Vec<Field>,
    },
    /// A person absent from the file leaves the roster (with `prune`).
    Leave {
        /// Who.
        person: PersonId,
        /// Their name, for the listing.
        full_name: String,
        /// Their phone, for the listing.
        phone: Phone,
    },
}

/// What an import does, decided before anything is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Provinces to create.
    pub new_provinces: Vec<PlaceName>,
    /// Communes and councils to create, with their province (as it will be stored).
    pub new_bodies: Vec<(PlaceName, BodyKind, PlaceName)>,
    /// Arabic names the file gives for places stored without one (or with another):
    /// province, then the body if it is a body's, then the Arabic name.
    pub arabic_names: Vec<(String, Option<String>, String)>,
    /// Changes to people, in file order, then those who leave.
    pub changes: Vec<Change>,
    /// Rows that match the roster exactly.
    pub unchanged: usize,
}

impl Plan {
    /// People added.
    pub fn added(&self) -> usize {
        self.count(|c| matches!(c, Change::Add(_)))
    }

    /// People changed.
    pub fn updated(&self) -> usize {
        self.count(|c| matches!(c, Change::Update { .. }))
    }

    /// People leaving.
    pub fn leaving(&self) -> usize {
        self.count(|c| matches!(c, Change::Leave { .. }))
    }

    /// Whether the import changes nothing.
    pub fn is_noop(&self) -> bool {
        self.changes.is_empty()
            && self.new_provinces.is_empty()
            && self.new_bodies.is_empty()
            && self.arabic_names.is_empty()
    }

    fn count(&self, which: impl Fn(&Change) -> bool) -> usize {
        self.changes.iter().filter(|c| which(c)).count()
    }
}

/// Why the import as a whole is refused; nothing is written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncProblem {
    /// A council would have two presidents: one in the file, one stored (or two stored).
    #[error(
        "line {line}: {body} would have two presidents, {name} and {other} (already on the roster); \
         remove one, or list the other's change in the same file"
    )]
    SecondPresident {
        /// The line of the president in the file.
        line: usize,
        /// The council.
        body: String,
        /// The president in the file.
        name: String,
        /// The president already stored.
        other: String,
    },
    /// `--prune` would have every organiser leave the roster.
    #[error(
        "--prune: {names} would leave the roster, and with them every organiser; keep an \
         organiser in the file, or appoint another first (takwin organiser add PHONE)"
    )]
    LastOrganisers {
        /// The organisers, by name.
        names: String,
    },
    /// `--replace-phone OLD=NEW` names an old number nobody active has.
    #[error("--replace-phone {old}: nobody on the roster has this number")]
    UnknownOldPhone {
        /// The old number.
        old: Phone,
    },
    /// `--replace-phone OLD=NEW` whose new number is not in the file.
    #[error("--replace-phone {old}={new}: the file has no line with {new}")]
    NewPhoneNotInFile {
        /// The old number.
        old: Phone,
        /// The new number.
        new: Phone,
    },
    /// `--replace-phone OLD=NEW` whose new number already belongs to someone else.
    #[error("--replace-phone {old}={new}: {new} is already {other}'s number on the roster")]
    NewPhoneTaken {
        /// The old number.
        old: Phone,
        /// The new number.
        new: Phone,
        /// Whose it is.
        other: String,
    },
}

/// Compares the file with the roster and decides every change, or refuses the whole import.
pub fn plan(
    stored: &[StoredPerson],
    places: &StoredPlaces,
    rows: &[RosterRow],
    options: &SyncOptions,
) -> Result<Plan, Vec<SyncProblem>> {
    let mut problems = Vec::new();
    let by_phone: HashMap<&Phone, &StoredPerson> = stored.iter().map(|p| (&p.phone, p)).collect();
    // The identity a row takes: the person stored under its phone, or under the old phone
    // the organiser says it replaces.
    let mut renamed: HashMap<&Phone, &StoredPerson> = HashMap::new();
    for (old, new) in &options.new_phones {
        match by_phone.get(old).filter(|p| p.active) {
            None => problems.push(SyncProblem::UnknownOldPhone { old: old.clone() }),
            Some(person) => {
                if !rows.iter().any(|r| &r.phone == new) {
                    problems.push(SyncProblem::NewPhoneNotInFile {
                        old: old.clone(),
                        new: new.clone(),
                    });
                }
                if let Some(other) = by_phone.get(new).filter(|o| o.id != person.id) {
                    problems.push(SyncProblem::NewPhoneTaken {
                        old: old.clone(),
                        new: new.clone(),
                        other: other.full_name.clone(),
                    });
                }
                renamed.insert(new, person);
            }
        }
    }

    let mut canonical = Places::new(places);
    let mut plan = Plan::default();
    let mut seen: Vec<PersonId> = Vec::new();
    for row in rows {
        let mut row = row.clone();
        row.details.province = canonical.province(&row.province, &mut plan);
        if let Some((kind, name)) = &row.body {
            let name = canonical.body(&row.province, *kind, name, &mut plan);
            row.details.body = Some((*kind, name));
        }
        let person = renamed
            .get(&row.phone)
            .copied()
            .or_else(|| by_phone.get(&row.phone).copied());
        match person {
            None => plan.changes.push(Change::Add(row)),
            Some(person) => {
                seen.push(person.id);
                // A file that does not say how someone is addressed keeps what is stored: a
                // new term's roster need not repeat it.
                if row.gender.is_none() {
                    row.details.gender = person.gender;
                }
                let fields = differences(person, &row);
                if fields.is_empty() {
                    plan.unchanged += 1;
                } else {
                    plan.changes.push(Change::Update {
                        person: person.id,
                        row,
                        fields,
                    });
                }
            }
        }
    }
    if options.prune {
        for person in stored.iter().filter(|p| p.active && !seen.contains(&p.id)) {
            plan.changes.push(Change::Leave {
                person: person.id,
                full_name: person.full_name.clone(),
                phone: person.phone.clone(),
            });
        }
    }
    problems.extend(second_presidents(stored, &plan));
    problems.extend(last_organisers(stored, &plan));
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(problems)
    }
}

/// A problem when the plan has every organiser leave: nobody could then manage the programme
/// from Telegram, and no one would notice until they needed to.
fn last_organisers(stored: &[StoredPerson], plan: &Plan) -> Option<SyncProblem> {
    let organisers: Vec<&StoredPerson> =
        stored.iter().filter(|p| p.active && p.organiser).collect();
    let leaving = |person: &StoredPerson| {
        plan.changes
            .iter()
            .any(|c| matches!(c, Change::Leave { person: id, .. } if *id == person.id))
    };
    if organisers.is_empty() || !organisers.iter().all(|p| leaving(p)) {
        return None;
    }
    Some(SyncProblem::LastOrganisers {
        names: organisers
            .iter()
            .map(|p| p.full_name.clone())
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// What differs between a stored person and the row that names them.
fn differences(person: &StoredPerson, row: &RosterRow) -> Vec<Field> {
    let mut fields = Vec::new();
    if person.full_name != row.full_name {
        fields.push(Field::Name);
    }
    if person.role != row.role {
        fields.push(Field::Role);
    }
    if !person.province.same_place(&row.province)
        || person.body.as_ref().map(|(k, n)| (*k, n.folded_latin()))
            != row.body.as_ref().map(|(k, n)| (*k, n.folded_latin()))
    {
        fields.push(Field::Place);
    }
    if person.language != row.language {
        fields.push(Field::Language);
    }
    if person.phone != row.phone {
        fields.push(Field::Phone);
    }
    if person.gender != row.gender {
        fields.push(Field::Gender);
    }
    if !person.active {
        fields.push(Field::Active);
    }
    fields
}

/// The president of each council once the plan is applied, and a problem for each council
/// that would have two.
fn second_presidents(stored: &[StoredPerson], plan: &Plan) -> Vec<SyncProblem> {
    let key = |province: &PlaceName, body: &Option<(BodyKind, PlaceName)>| {
        body.as_ref()
            .map(|(_, name)| (province.folded_latin(), name.folded_latin()))
    };
    // Stored presidents who stay presidents where they are: neither changed nor leaving.
    let touched: Vec<PersonId> = plan
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::Update { person, .. } | Change::Leave { person, .. } => Some(*person),
            Change::Add(_) => None,
        })
        .collect();
    let mut presidents: BTreeMap<(String, String), String> = stored
        .iter()
        .filter(|p| p.active && p.role == Role::President && !touched.contains(&p.id))
        .filter_map(|p| Some((key(&p.province, &p.body)?, p.full_name.clone())))
        .collect();
    let mut problems = Vec::new();
    for change in &plan.changes {
        let row = match change {
            Change::Add(row) | Change::Update { row, .. } => row,
            Change::Leave { .. } => continue,
        };
        if row.role != Role::President {
            continue;
        }
        let Some(council) = key(&row.province, &row.body) else {
            continue;
        };
        match presidents.get(&council) {
            // Two presidents within the file are the file's own problem, named when it is
            // read; here only one stored beside one in the file.
            Some(other) if other != &row.full_name => problems.push(SyncProblem::SecondPresident {
                line: row.line,
                body: row
                    .body
                    .as_ref()
                    .map(|(_, n)| n.latin.clone())
                    .unwrap_or_default(),
                name: row.full_name.clone(),
                other: other.clone(),
            }),
            _ => {
                presidents.insert(council, row.full_name.clone());
            }
        }
    }
    problems
}

/// The stored places, matched by folded Latin or Arabic name, so that `EL HAJEB`,
/// `el hajeb` and `الحاجب` all name the stored El Hajeb; new ones are added to the plan once.
struct Places {
    provinces: Vec<KnownProvince>,
}

/// A province of [`Places`]: its name as stored, folded, and its bodies likewise.
struct KnownProvince {
    name: PlaceName,
    folded: FoldedName,
    bodies: Vec<(BodyKind, PlaceName, FoldedName)>,
}

impl Places {
    fn new(stored: &StoredPlaces) -> Places {
        Places {
            provinces: stored
                .provinces
                .iter()
                .map(|(name, bodies)| {
                    let bodies = bodies
                        .iter()
                        .map(|(kind, body)| (*kind, body.clone(), body.folded()))
                        .collect();
                    KnownProvince {
                        name: name.clone(),
                        folded: name.folded(),
                        bodies,
                    }
                })
                .collect(),
        }
    }

    /// The province as stored (or as it will be, when new).
    fn province(&mut self, name: &PlaceName, plan: &mut Plan) -> PlaceName {
        let folded = name.folded();
        if let Some(known) = self
            .provinces
            .iter_mut()
            .find(|p| p.folded.same_place(&folded))
        {
            if let Some(arabic) = name
                .arabic
                .as_ref()
                .filter(|a| known.name.arabic.as_ref() != Some(*a))
            {
                plan.arabic_names
                    .push((known.name.latin.clone(), None, arabic.clone()));
                known.name.arabic = Some(arabic.clone());
            }
            return known.name.clone();
        }
        plan.new_provinces.push(name.clone());
        self.provinces.push(KnownProvince {
            name: name.clone(),
            folded,
            bodies: Vec::new(),
        });
        name.clone()
    }

    /// The body as stored in its province (or as it will be, when new).
    fn body(
        &mut self,
        province: &PlaceName,
        kind: BodyKind,
        name: &PlaceName,
        plan: &mut Plan,
    ) -> PlaceName {
        let folded = name.folded();
        let Some(bodies) = self
            .provinces
            .iter_mut()
            .find(|p| &p.name == province)
            .map(|p| &mut p.bodies)
        else {
            return name.clone();
        };
        if let Some((_, stored, _)) = bodies
            .iter_mut()
            .find(|(k, _, f)| *k == kind && f.same_place(&folded))
        {
            if let Some(arabic) = name
                .arabic
                .as_ref()
                .filter(|a| stored.arabic.as_ref() != Some(*a))
            {
                plan.arabic_names.push((
                    province.latin.clone(),
                    Some(stored.latin.clone()),
                    arabic.clone(),
                ));
                stored.arabic = Some(arabic.clone());
            }
            return stored.clone();
        }
        plan.new_bodies.push((province.clone(), kind, name.clone()));
        bodies.push((kind, name.clone(), folded));
        name.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::roster::Language;

    fn row(
        line: usize,
        province: &str,
        commune: Option<&str>,
        name: &str,
        role: Role,
        phone: &str,
    ) -> RosterRow {
        RosterRow {
            line,
            details: PersonDetails {
                // As the roster file's cells are read (an Arabic-only name keeps its Arabic).
                province: PlaceName::parse(province).unwrap(),
                body: commune.map(|c| (BodyKind::Commune, PlaceName::parse(c).unwrap())),
                full_name: name.into(),
                role,
                phone: Phone::parse(phone).unwrap(),
                language: Language::Fr,
                gender: None,
            },
        }
    }

    fn stored(id: i64, row: &RosterRow) -> StoredPerson {
        StoredPerson {
            id: PersonId::new(id),
            details: row.details.clone(),
            active: true,
            organiser: false,
        }
    }

    /// Karim, president of Agourai, and Leila, a councillor there: as lines 2 and 3 of a
    /// file, and as stored (ids 1 and 2).
    fn agourai() -> ([RosterRow; 2], [StoredPerson; 2]) {
        let karim = row(
            2,
            "El Hajeb",
            Some("Agourai"),
            "Karim",
            Role::President,
            "0611111111",
        );
        let leila = row(
            3,
            "El Hajeb",
            Some("Agourai"),
            "Leila",
            Role::Councillor,
            "0622222222",
        );
        let roster = [stored(1, &karim), stored(2, &leila)];
        ([karim, leila], roster)
    }

    fn places() -> StoredPlaces {
        StoredPlaces {
            provinces: vec![(
                PlaceName::new("El Hajeb", Some("الحاجب")),
                vec![(BodyKind::Commune, PlaceName::new("Agourai", Some("أكوراي")))],
            )],
        }
    }

    #[test]
    fn places_are_matched_folded_and_by_their_arabic_name() {
        let rows = [
            row(
                2,
                "EL HAJEB",
                Some("agourai"),
                "Samira",
                Role::Councillor,
                "0611111111",
            ),
            row(
                3,
                "الحاجب",
                Some("AGOURAI"),
                "Omar",
                Role::Councillor,
                "0622222222",
            ),
            row(
                4,
                "El Hajeb",
                Some("Bitit"),
                "Aya",
                Role::Councillor,
                "0633333333",
            ),
        ];
        let plan = plan(&[], &places(), &rows, &SyncOptions::default()).unwrap();
        assert!(plan.new_provinces.is_empty(), "{:?}", plan.new_provinces);
        assert_eq!(plan.new_bodies.len(), 1, "only Bitit is new");
        let Change::Add(first) = &plan.changes[0] else {
            panic!("an addition")
        };
        assert_eq!(first.province.latin, "El Hajeb", "written as stored");
        assert_eq!(first.body.as_ref().unwrap().1.latin, "Agourai");
    }

    #[test]
    fn a_new_phone_keeps_the_person_and_prune_lists_who_left() {
        let ([karim, _], roster) = agourai();
        let moved = row(
            2,
            "El Hajeb",
            Some("Agourai"),
            "Karim",
            Role::President,
            "0699999999",
        );
        let options = SyncOptions {
            prune: true,
            new_phones: vec![(karim.phone.clone(), moved.phone.clone())],
        };
        let plan = plan(&roster, &places(), std::slice::from_ref(&moved), &options).unwrap();
        assert!(
            matches!(&plan.changes[..], [
                Change::Update { person, row, fields },
                Change::Leave { person: left, .. },
            ] if *person == PersonId::new(1) && row.phone == moved.phone
                && *fields == [Field::Phone] && *left == PersonId::new(2)),
            "{:?}",
            plan.changes
        );
        // Without the replacement, the new number is a new person and the old one stays.
        let plain = super::plan(
            &roster,
            &places(),
            &[row(
                2,
                "El Hajeb",
                Some("Agourai"),
                "Karim",
                Role::Councillor,
                "0699999999",
            )],
            &SyncOptions::default(),
        )
        .unwrap();
        assert_eq!((plain.added(), plain.leaving()), (1, 0));
    }

    #[test]
    fn replacements_that_do_not_fit_are_refused() {
        let ([karim, leila], roster) = agourai();
        let phone = |p: &str| Phone::parse(p).unwrap();
        let options = SyncOptions {
            prune: false,
            new_phones: vec![
                (phone("0655555555"), phone("0666666666")),
                (karim.phone.clone(), phone("0677777777")),
                (karim.phone.clone(), leila.phone.clone()),
            ],
        };
        let problems = plan(
            &roster,
            &places(),
            &[karim.clone(), leila.clone()],
            &options,
        )
        .unwrap_err();
        assert!(matches!(problems[0], SyncProblem::UnknownOldPhone { .. }));
        assert!(matches!(problems[1], SyncProblem::NewPhoneNotInFile { .. }));
        assert!(matches!(problems[2], SyncProblem::NewPhoneTaken { .. }));
    }

    #[test]
    fn pruning_never_leaves_the_programme_without_an_organiser() {
        let karim = row(
            2,
            "El Hajeb",
            None,
            "Karim",
            Role::ProvinceStaff,
            "0611111111",
        );
        let leila = row(
            3,
            "El Hajeb",
            None,
            "Leila",
            Role::ProvinceStaff,
            "0622222222",
        );
        let organiser = |id, row: &RosterRow| StoredPerson {
            organiser: true,
            ..stored(id, row)
        };
        let prune = SyncOptions {
            prune: true,
            new_phones: Vec::new(),
        };
        let both = [organiser(1, &karim), organiser(2, &leila)];
        // One of the two leaves: the other is still there.
        assert!(plan(&both, &places(), std::slice::from_ref(&karim), &prune).is_ok());
        // Both leave: refused, both named.
        let problems = plan(&both, &places(), &[], &prune).unwrap_err();
        assert_eq!(
            problems,
            [SyncProblem::LastOrganisers {
                names: "Karim, Leila".into()
            }]
        );
        assert!(problems[0].to_string().contains("takwin organiser add"));
        // Without --prune nobody leaves; without organisers there is none to keep.
        let keep = SyncOptions {
            prune: false,
            new_phones: Vec::new(),
        };
        assert!(plan(&both, &places(), &[], &keep).is_ok());
        assert!(plan(&[stored(1, &karim)], &places(), &[], &prune).is_ok());
    }

    #[test]
    fn one_president_per_council_across_the_stored_roster() {
        let ([karim, _], _) = agourai();
        let roster = [stored(1, &karim)];
        let second = row(
            7,
            "el hajeb",
            Some("AGOURAI"),
            "Nadia",
            Role::President,
            "0622222222",
        );
        let problems = plan(
            &roster,
            &places(),
            std::slice::from_ref(&second),
            &SyncOptions::default(),
        )
        .unwrap_err();
        assert_eq!(
            problems,
            [SyncProblem::SecondPresident {
                line: 7,
                body: "Agourai".into(),
                name: "Nadia".into(),
                other: "Karim".into(),
            }]
        );
        // The same file stepping Karim down is fine: he is a councillor now.
        let stepped_down = row(
            2,
            "El Hajeb",
            Some("Agourai"),
            "Karim",
            Role::Councillor,
            "0611111111",
        );
        let plan = plan(
            &roster,
            &places(),
            &[stepped_down, second],
            &SyncOptions::default(),
        )
        .unwrap();
        assert_eq!((plan.updated(), plan.added()), (1, 1));
    }
}
