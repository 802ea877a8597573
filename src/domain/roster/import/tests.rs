use super::*;

const HEADER: &str = "province,commune,full_name,role,phone,language\n";

fn parse(body: &str) -> Result<Vec<RosterRow>, RosterErrors> {
    parse_roster(format!("{HEADER}{body}").as_bytes())
}

fn problems(body: &str) -> Vec<(usize, RosterProblem)> {
    parse(body)
        .expect_err("the file is refused")
        .into_vec()
        .into_iter()
        .map(|e| (e.line, e.reason))
        .collect()
}

fn phone(s: &str) -> Phone {
    Phone::parse(s).unwrap()
}

#[test]
fn sample_roster_parses_without_errors() {
    let rows = parse_roster(include_str!("../../../../samples/roster-el-hajeb.csv").as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!((80..=100).contains(&rows.len()), "{} people", rows.len());

    let bodies: std::collections::HashSet<_> = rows.iter().filter_map(|r| r.body.clone()).collect();
    let communes = bodies
        .iter()
        .filter(|(k, _)| *k == BodyKind::Commune)
        .count();
    assert_eq!(communes, 16);
    assert!(bodies.contains(&(BodyKind::ProvincialCouncil, PlaceName::provincial_council())));
    for (kind, name) in &bodies {
        assert!(
            name.arabic.is_some(),
            "{kind:?} {name:?} has its Arabic name"
        );
        let presidents = rows
            .iter()
            .filter(|r| {
                r.role == Role::President && r.body.as_ref() == Some(&(*kind, name.clone()))
            })
            .count();
        assert_eq!(presidents, 1, "{name:?}");
        let finance = rows
            .iter()
            .filter(|r| {
                r.role == Role::FinanceStaff && r.body.as_ref() == Some(&(*kind, name.clone()))
            })
            .count();
        assert_eq!(finance, 1, "{name:?}");
    }
    assert!(
        rows.iter()
            .all(|r| r.province == PlaceName::new("El Hajeb", Some("الحاجب")))
    );
    let count = |role| rows.iter().filter(|r| r.role == role).count();
    assert_eq!(count(Role::SecretaryGeneral), 1);
    assert_eq!(count(Role::ProvinceStaff), 2);
    assert!(count(Role::VicePresident) >= 1);
    let speaking = |l| rows.iter().filter(|r| r.language == l).count();
    assert!(speaking(Language::Ar) > speaking(Language::Fr));
    assert!(speaking(Language::Fr) > speaking(Language::En));
    assert!(speaking(Language::En) >= 2);
    // Obviously fake numbers only: the +212 6000 range.
    assert!(
        rows.iter()
            .all(|r| r.phone.as_str().starts_with("+2126000"))
    );
    // The README appoints this number as the first organiser.
    assert!(
        rows.iter()
            .any(|r| r.phone == phone("0600010001") && r.role == Role::ProvinceStaff)
    );
}

#[test]
fn a_good_file_gives_normalised_rows() {
    let rows = parse(
        "El Hajeb / الحاجب, Agourai / أكوراي ,  Samira   Bouzidi ,Conseillère,06 00 01 02 03,Français\n\
         El Hajeb / الحاجب,,محمد المرابط,الكاتب العام,+212600010003,\n\
         El Hajeb,Conseil provincial,أحمد الخياري,رئيس,212600011701,ar\n",
    )
    .unwrap();
    assert_eq!(
        rows[0],
        RosterRow {
            line: 2,
            details: PersonDetails {
                province: PlaceName::new("El Hajeb", Some("الحاجب")),
                body: Some((BodyKind::Commune, PlaceName::new("Agourai", Some("أكوراي")))),
                full_name: "Samira Bouzidi".into(),
                role: Role::Councillor,
                phone: phone("+212600010203"),
                language: Language::Fr,
                gender: None,
            },
        }
    );
    assert_eq!(rows[1].body, None);
    assert_eq!(rows[1].role, Role::SecretaryGeneral);
    assert_eq!(
        rows[1].language,
        Language::Ar,
        "an empty language means Arabic"
    );
    assert_eq!(
        rows[2].body,
        Some((BodyKind::ProvincialCouncil, PlaceName::provincial_council()))
    );
    assert_eq!(rows[2].phone.as_str(), "+212600011701");
    // Line 4 wrote "El Hajeb" alone: it gets the Arabic name written elsewhere.
    assert_eq!(rows[2].province, rows[0].province);
}

#[test]
fn places_get_the_fullest_spelling_in_the_file() {
    let rows = parse(
        "El Hajeb,Bitit,A,president,0600011101,fr\n\
         El Hajeb / الحاجب,بطيط,B,councillor,0600011102,ar\n\
         الحاجب,Bitit / بطيط,C,councillor,0600011103,ar\n",
    )
    .unwrap();
    for row in &rows {
        assert_eq!(row.province, PlaceName::new("El Hajeb", Some("الحاجب")));
        assert_eq!(
            row.body,
            Some((BodyKind::Commune, PlaceName::new("Bitit", Some("بطيط"))))
        );
    }
}

#[test]
fn each_kind_of_bad_row() {
    let cases: Vec<(&str, RosterProblem)> = vec![
        (
            "El Hajeb,Agourai,A,councillor,0600010201\n",
            RosterProblem::MissingColumns {
                expected: 6,
                found: 5,
            },
        ),
        (
            "El Hajeb,Agourai,Ben, Ali,councillor,0600010201,ar\n",
            RosterProblem::ExtraColumns {
                expected: 6,
                found: 7,
            },
        ),
        (
            " ,Agourai,A,councillor,0600010201,ar\n",
            RosterProblem::MissingProvince,
        ),
        (
            "El Hajeb,,A,president,0600010201,ar\n",
            RosterProblem::MissingCommune {
                role: Role::President,
            },
        ),
        (
            "El Hajeb,Agourai,A,secretary_general,0600010201,ar\n",
            RosterProblem::CommuneNotAllowed {
                role: Role::SecretaryGeneral,
                commune: "Agourai".into(),
            },
        ),
        (
            "El Hajeb,Provincial Council,A,province_staff,0600010201,ar\n",
            RosterProblem::CommuneNotAllowed {
                role: Role::ProvinceStaff,
                commune: "Provincial Council".into(),
            },
        ),
        (
            "El Hajeb,Agourai,  ,councillor,0600010201,ar\n",
            RosterProblem::MissingName,
        ),
        (
            "El Hajeb,Agourai,A,,0600010201,ar\n",
            RosterProblem::MissingRole,
        ),
        (
            "El Hajeb,Agourai,A,astronaut,0600010201,ar\n",
            RosterProblem::UnknownRole(UnknownRole("astronaut".into())),
        ),
        (
            "El Hajeb,Agourai,A,councillor,,ar\n",
            RosterProblem::MissingPhone,
        ),
        (
            "El Hajeb,Agourai,A,councillor,0612,ar\n",
            RosterProblem::BadPhone {
                value: "0612".into(),
                reason: PhoneError::TooShort,
            },
        ),
        (
            "El Hajeb,Agourai,A,councillor,06 12 AB,ar\n",
            RosterProblem::BadPhone {
                value: "06 12 AB".into(),
                reason: PhoneError::NotDigits,
            },
        ),
        (
            "El Hajeb,Agourai,A,councillor,0600010201,tamazight\n",
            RosterProblem::UnknownLanguage(UnknownLanguage("tamazight".into())),
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(problems(body), vec![(2, expected)], "{body:?}");
    }
}

#[test]
fn duplicates_name_the_earlier_line() {
    let found = problems(
        "El Hajeb,Agourai,A,president,0600010201,ar\n\
         El Hajeb,Agourai,B,councillor,0600010202,ar\n\
         El Hajeb,Bitit,C,councillor,+212 600 01 02 01,ar\n\
         El Hajeb,agourai / أكوراي,D,Président,0600010204,fr\n\
         El Hajeb,,E,secretary_general,0600010205,ar\n\
         El Hajeb,,F,الكاتب العام,0600010206,ar\n\
         Ifrane,Agourai,G,president,0600010207,ar\n",
    );
    assert_eq!(
        found,
        vec![
            (
                4,
                RosterProblem::DuplicatePhone {
                    phone: phone("0600010201"),
                    first_line: 2
                }
            ),
            (
                5,
                RosterProblem::SecondPresident {
                    body: "Agourai".into(),
                    first_line: 2
                }
            ),
            (
                7,
                RosterProblem::SecondSecretaryGeneral {
                    province: "El Hajeb".into(),
                    first_line: 6
                }
            ),
        ],
        "a commune of the same name in another province is another commune"
    );
}

#[test]
fn the_provincial_council_has_one_president_too() {
    let found = problems(
        "El Hajeb,Provincial Council,A,president,0600011701,ar\n\
         El Hajeb,المجلس الإقليمي,B,president,0600011702,ar\n",
    );
    assert_eq!(
        found,
        vec![(
            3,
            RosterProblem::SecondPresident {
                body: "Conseil provincial".into(),
                first_line: 2
            }
        )]
    );
}

#[test]
fn every_error_of_every_line_at_once() {
    // The file of the CLI's integration test, plus a line with three problems.
    let found = problems(
        "El Hajeb,Agourai,Nouveau Conseiller,councillor,0600099001,fr\n\
         El Hajeb,Agourai,Mauvais Numéro,councillor,0612,fr\n\
         El Hajeb,Agourai,Rôle Inconnu,astronaut,0600099002,fr\n\
         El Hajeb,,Sans Commune,councillor,0600099003,ar\n\
         El Hajeb,Bitit,Doublon,councillor,0600099001,ar\n\
         \n\
         ,Bitit,,councillor,0600099004,xx\n",
    );
    let lines: Vec<usize> = found.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, [3, 4, 5, 6, 8, 8, 8]);
    assert!(matches!(found[0].1, RosterProblem::BadPhone { .. }));
    assert!(matches!(found[1].1, RosterProblem::UnknownRole(_)));
    assert!(matches!(found[2].1, RosterProblem::MissingCommune { .. }));
    assert!(matches!(
        found[3].1,
        RosterProblem::DuplicatePhone { first_line: 2, .. }
    ));
    assert_eq!(found[4].1, RosterProblem::MissingProvince);
    assert_eq!(found[5].1, RosterProblem::MissingName);
    assert!(matches!(found[6].1, RosterProblem::UnknownLanguage(_)));
}

#[test]
fn errors_display_one_line_each_in_english() {
    let errors = parse(
        "El Hajeb,Agourai,A,councillor,0600010201,ar\n\
         El Hajeb,Agourai,B,councillor,0612,ar\n\
         El Hajeb,Agourai,C,astronaut,0600010201,ar\n",
    )
    .unwrap_err();
    assert_eq!(errors.len(), 3);
    assert_eq!(
        errors.to_string(),
        "line 3: bad phone number \"0612\" (too short; expected a Moroccan number like \
         0612345678 or +212612345678)\n\
         line 4: unknown role \"astronaut\" (expected president, vice_president, councillor, \
         finance_staff, province_staff or secretary_general)\n\
         line 4: phone number +212600010201 already appears on line 2"
    );
}

#[test]
fn problem_codes_are_distinct() {
    let problems = [
        RosterProblem::Unreadable(String::new()),
        RosterProblem::NotUtf8,
        RosterProblem::MissingHeader,
        RosterProblem::BadHeader {
            found: String::new(),
        },
        RosterProblem::MissingColumns {
            expected: 6,
            found: 1,
        },
        RosterProblem::ExtraColumns {
            expected: 6,
            found: 7,
        },
        RosterProblem::MissingProvince,
        RosterProblem::MissingCommune {
            role: Role::President,
        },
        RosterProblem::CommuneNotAllowed {
            role: Role::ProvinceStaff,
            commune: String::new(),
        },
        RosterProblem::MissingName,
        RosterProblem::BadText {
            column: "full_name",
            problem: TextError::Invisible,
        },
        RosterProblem::UnclosedQuote(UnclosedQuote {
            opened: 1,
            cell: 0,
            closed: None,
            last_line: 2,
        }),
        RosterProblem::MissingRole,
        RosterProblem::UnknownRole(UnknownRole(String::new())),
        RosterProblem::MissingPhone,
        RosterProblem::BadPhone {
            value: String::new(),
            reason: PhoneError::Empty,
        },
        RosterProblem::UnknownLanguage(UnknownLanguage(String::new())),
        RosterProblem::DuplicatePhone {
            phone: phone("0600010101"),
            first_line: 1,
        },
        RosterProblem::SecondPresident {
            body: String::new(),
            first_line: 1,
        },
        RosterProblem::SecondSecretaryGeneral {
            province: String::new(),
            first_line: 1,
        },
    ];
    let codes: std::collections::HashSet<_> = problems.iter().map(RosterProblem::code).collect();
    assert_eq!(codes.len(), problems.len());
}

#[test]
fn header_bom_case_order_and_delimiters() {
    let body = "El Hajeb,Agourai,A,councillor,0600010201,ar\n";
    let with_bom = format!("\u{feff}{HEADER}{body}");
    assert_eq!(parse_roster(with_bom.as_bytes()).unwrap().len(), 1);

    let shouting = format!(" Province , COMMUNE,Full_Name,Role,PHONE,Language\n{body}");
    assert_eq!(parse_roster(shouting.as_bytes()).unwrap().len(), 1);

    let reordered = "phone,full_name,province,commune,role,language\n\
                     0600010201,A,El Hajeb,Agourai,councillor,fr\n";
    let rows = parse_roster(reordered.as_bytes()).unwrap();
    assert_eq!(rows[0].full_name, "A");
    assert_eq!(rows[0].language, Language::Fr);

    let semicolons = "province;commune;full_name;role;phone;language\n\
                      El Hajeb;Agourai;Ben, Ali;councillor;0600010201;ar\n";
    assert_eq!(
        parse_roster(semicolons.as_bytes()).unwrap()[0].full_name,
        "Ben, Ali"
    );

    let crlf = format!("{HEADER}{body}").replace('\n', "\r\n");
    assert_eq!(parse_roster(crlf.as_bytes()).unwrap()[0].line, 2);

    let trailing_comma = format!("{},\n{}", HEADER.trim_end(), body.replace('\n', ",\n"));
    assert_eq!(parse_roster(trailing_comma.as_bytes()).unwrap().len(), 1);
}

#[test]
fn bad_or_missing_header() {
    let found = parse_roster("name,phone\nA,0600010201\n".as_bytes()).unwrap_err();
    assert_eq!(
        found.errors(),
        [RosterError {
            line: 1,
            reason: RosterProblem::BadHeader {
                found: "name,phone".into()
            }
        }]
    );
    // Data where the header should be: the first row is not taken for a header.
    let headless = parse_roster("El Hajeb,Agourai,A,councillor,0600010201,ar\n".as_bytes());
    assert!(matches!(
        headless.unwrap_err().errors()[0].reason,
        RosterProblem::BadHeader { .. }
    ));
    for empty in ["", "\n\n", "\u{feff}"] {
        assert_eq!(
            parse_roster(empty.as_bytes()).unwrap_err().errors()[0].reason,
            RosterProblem::MissingHeader
        );
    }
    assert_eq!(parse_roster(HEADER.as_bytes()).unwrap(), []);
}

#[test]
fn quoting_and_line_numbers() {
    let rows = parse(
        "\"El Hajeb / الحاجب\",\"Ait Harz Allah / آيت حرز الله\",\"Ben Ali, Mohamed\",councillor,\"06 00 01 07 04\",ar\n\
         \n\
         El Hajeb,Agourai,\"Nom \"\"dit\"\" Surnom\",councillor,0600010201,fr\n\
         El Hajeb,Agourai,Après,councillor,0600010203,fr\n",
    )
    .unwrap();
    assert_eq!(rows[0].full_name, "Ben Ali, Mohamed");
    assert_eq!(rows[1].full_name, "Nom \"dit\" Surnom");
    let lines: Vec<usize> = rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 4, 5], "empty lines are skipped but counted");
}

#[test]
fn a_cell_on_two_lines_is_refused_and_the_lines_after_it_keep_their_numbers() {
    // A quoted cell may hold a line break in CSV, but every roster cell is one line (a name is
    // shown on a button of the roll call): told as the quote that runs over, since that is
    // also what a quote closed by chance further down looks like.
    assert_eq!(
        problems(
            "El Hajeb,Agourai,\"Sur\ndeux lignes\",councillor,0600010202,fr\n\
             El Hajeb,Agourai,Après,councillor,0612,fr\n"
        ),
        [
            (
                2,
                RosterProblem::UnclosedQuote(UnclosedQuote {
                    opened: 2,
                    cell: 2,
                    closed: Some(3),
                    last_line: 3
                })
            ),
            (
                4,
                RosterProblem::BadPhone {
                    value: "0612".into(),
                    reason: PhoneError::TooShort
                }
            ),
        ]
    );
}

#[test]
fn every_cell_goes_through_the_text_rule() {
    let huge = "A".repeat(100 * 1024);
    let found = problems(&format!(
        "El Hajeb,Agourai,Ah\0med,councillor,0600010201,fr\n\
         El Hajeb,Agourai,\u{202e}ireduoB arimaS,councillor,0600010202,fr\n\
         El Hajeb,Agourai,\u{200b}\u{200b}\u{200b},councillor,0600010203,fr\n\
         El Hajeb,Agourai,{huge},councillor,0600010204,fr\n\
         El Hajeb,Agourai,\u{301}\u{301},councillor,0600010205,fr\n\
         El Hajeb,Agou\u{1b}rai,A,councillor,06000\u{2066}10206,fr\n\
         El Hajeb,Agourai,B,councillor,0600010207,fr\n"
    ));
    assert_eq!(
        found,
        [
            (
                2,
                RosterProblem::BadText {
                    column: "full_name",
                    problem: TextError::ControlCharacter {
                        found: '\0',
                        position: 3
                    }
                }
            ),
            (
                3,
                RosterProblem::BadText {
                    column: "full_name",
                    problem: TextError::BidiControl {
                        found: '\u{202e}',
                        position: 1
                    }
                }
            ),
            (
                4,
                RosterProblem::BadText {
                    column: "full_name",
                    problem: TextError::Invisible
                }
            ),
            (
                5,
                RosterProblem::BadText {
                    column: "full_name",
                    problem: TextError::TooLong {
                        chars: 102_400,
                        max: MAX_NAME_CHARS
                    }
                }
            ),
            (
                6,
                RosterProblem::BadText {
                    column: "full_name",
                    problem: TextError::Invisible
                }
            ),
            // Each bad cell once, by its column: not also a missing commune or a bad phone.
            (
                7,
                RosterProblem::BadText {
                    column: "commune",
                    problem: TextError::ControlCharacter {
                        found: '\u{1b}',
                        position: 5
                    }
                }
            ),
            (
                7,
                RosterProblem::BadText {
                    column: "phone",
                    problem: TextError::BidiControl {
                        found: '\u{2066}',
                        position: 6
                    }
                }
            ),
        ]
    );
    let errors = parse("El Hajeb,Agourai,Ah\0med,councillor,0600010201,fr\n").unwrap_err();
    assert_eq!(
        errors.to_string(),
        "line 2: full_name: a control character (U+0000) at character 3, which cannot be stored"
    );
}

#[test]
fn names_are_cleaned_by_the_text_rule() {
    let rows = parse(
        "El Hajeb,Agourai,\u{feff}Samira\u{a0}\u{a0}Bouzidi\u{200b},councillor,0600010201,fr\n\
         El Hajeb,Agourai,\u{200f}محمد\u{200c}علي ,councillor,0600010202,ar\n",
    )
    .unwrap();
    assert_eq!(rows[0].full_name, "Samira Bouzidi");
    assert_eq!(rows[1].full_name, "محمد\u{200c}علي");
    assert!(
        parse(&format!(
            "El Hajeb,Agourai,{},councillor,0600010201,fr\n",
            "ب".repeat(120)
        ))
        .is_ok()
    );
}

#[test]
fn an_unclosed_quote_is_named_where_it_opens() {
    let body = "El Hajeb,Agourai,A,councillor,0600010201,fr\n\
                El Hajeb,Agourai,\"Karim Alaoui,councillor,0600010202,fr\n\
                El Hajeb,Agourai,C,councillor,0600010203,fr\n\
                El Hajeb,Agourai,D,councillor,0600010204,fr\n";
    let errors = parse(body).unwrap_err();
    assert_eq!(
        errors.errors(),
        [RosterError {
            line: 3,
            reason: RosterProblem::UnclosedQuote(UnclosedQuote {
                opened: 3,
                cell: 2,
                closed: None,
                last_line: 5
            })
        }]
    );
    assert_eq!(
        errors.to_string(),
        "line 3: a quote opens here and is never closed (it swallows lines 4–5)"
    );
    // Closed by chance by a quote further down: both lines named; the bad lines before it
    // are still all told.
    let errors = parse(
        "El Hajeb,Agourai,A,councillor,0612,fr\n\
         El Hajeb,Agourai,\"Karim Alaoui,councillor,0600010202,fr\n\
         El Hajeb,Agourai,C,councillor,0600010203,fr\n\
         El Hajeb,Agourai,\"D\",councillor,0600010204,fr\n\
         El Hajeb,Agourai,E,councillor,0600010205,fr\n",
    )
    .unwrap_err();
    assert_eq!(
        errors.to_string(),
        "line 2: bad phone number \"0612\" (too short; expected a Moroccan number like \
         0612345678 or +212612345678)\n\
         line 3: a quote opens here and is closed only on line 5 (it swallows lines 4–5)"
    );
    // Left open in the last column, the cell count is right: the quote is still named.
    let errors = parse(
        "El Hajeb,Agourai,A,councillor,0600010201,\"fr\n\
         El Hajeb,Agourai,B,councillor,0600010202,fr\n",
    )
    .unwrap_err();
    assert_eq!(
        errors.to_string(),
        "line 2: a quote opens here and is never closed (it swallows line 3)"
    );
    // Open on the last line, it swallows only the end of the line.
    let errors = parse("El Hajeb,Agourai,\"Karim,councillor,0600010202,fr\n").unwrap_err();
    assert_eq!(
        errors.to_string(),
        "line 2: a quote opens here and is never closed"
    );
    // In the header, it is named too, rather than the header's columns.
    let errors = parse_roster(
        "province,commune,\"full_name,role,phone,language\nEl Hajeb,Agourai,A,councillor,0600010201,fr\n"
            .as_bytes(),
    )
    .unwrap_err();
    assert_eq!(
        errors.to_string(),
        "line 1: a quote opens here and is never closed (it swallows line 2)"
    );
}

#[test]
fn blank_rows_from_spreadsheets_are_skipped() {
    let rows = parse(",,,,,\nEl Hajeb,Agourai,A,councillor,0600010201,ar\n , , ,,,\n").unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].line, 3);
}

#[test]
fn text_that_is_not_utf8_is_named() {
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(b"El Hajeb,Agourai,Fran\xe7ois,councillor,0600010201,fr\n");
    bytes.extend_from_slice(b"El Hajeb,Agourai,B,councillor,0612,fr\n");
    let errors = parse_roster(&bytes[..]).unwrap_err();
    let found: Vec<_> = errors
        .errors()
        .iter()
        .map(|e| (e.line, e.reason.code()))
        .collect();
    assert_eq!(found, [(2, "not-utf8"), (3, "bad-phone")]);
}

#[test]
fn unreadable_input_is_an_error_not_a_panic() {
    struct Broken;
    impl Read for Broken {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk on fire"))
        }
    }
    let errors = parse_roster(Broken).unwrap_err();
    assert_eq!(
        errors.to_string(),
        "line 1: cannot read the file: disk on fire"
    );
}

#[test]
fn a_gender_column_is_optional_and_read_in_any_language() {
    let rows = parse_roster(
        "province,commune,full_name,role,phone,language,civilité\n\
         El Hajeb,Agourai,Samira Bouzidi,president,0600010203,fr,Mme\n\
         El Hajeb,Bitit,Ali Tazi,president,0600010204,ar,السيد\n\
         El Hajeb,Laqsir,Nadia Filali,councillor,0600010205,ar,\n"
            .as_bytes(),
    )
    .unwrap();
    let genders: Vec<_> = rows.iter().map(|r| r.gender).collect();
    assert_eq!(genders, [Some(Gender::Female), Some(Gender::Male), None]);

    let refused = parse_roster(
        "province,commune,full_name,role,phone,language,gender\n\
         El Hajeb,Agourai,Samira Bouzidi,president,0600010203,fr,Dr\n"
            .as_bytes(),
    )
    .unwrap_err();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused.errors()[0].line, 2);
    assert!(
        refused.to_string().contains("unknown gender \"Dr\""),
        "{refused}"
    );
}
