//! The roster at the command line: the real `takwin` binary on a real database.

use std::path::Path;
use std::process::{Command, Output};

use takwin::clock::SystemClock;
use takwin::config::Settings;
use takwin::domain::roster::Language;
use takwin::state::AppState;
use takwin::store::{audit, roster, workshops};

use crate::support::{Backend, SAMPLE_ROSTER, TestDatabase};

/// Runs the real `takwin` binary on a database.
pub fn takwin(database_url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_takwin"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("USER", "organiser-test")
        .env_remove("TAKWIN_BOT_USERNAME")
        .output()
        .expect("the takwin binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// What a run printed on its error stream.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn write(dir: &Path, name: &str, content: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, content).expect("write a file");
    path.display().to_string()
}

pub async fn state(url: &str) -> AppState {
    let settings = Settings {
        database_url: url.to_owned(),
        timezone: takwin::domain::zone::Zone::casablanca(),
        default_language: Language::Ar,
    };
    AppState::build(settings, std::sync::Arc::new(SystemClock))
        .await
        .expect("state")
}

pub async fn bad_rows_are_all_named_and_nothing_changes(backend: Backend) {
    let db = TestDatabase::create(&backend).await;
    let sample = write(db.dir.path(), "sample.csv", SAMPLE_ROSTER);
    assert!(
        takwin(&db.url, &["roster", "import", &sample])
            .status
            .success()
    );
    let state = state(&db.url).await;
    let before = roster::all_people(&state.db).await.unwrap();

    let bad = write(
        db.dir.path(),
        "bad.csv",
        "province,commune,full_name,role,phone,language\n\
         El Hajeb,Agourai,Nouveau Conseiller,councillor,0600099001,fr\n\
         El Hajeb,Agourai,Mauvais Numéro,councillor,0612,fr\n\
         El Hajeb,Agourai,Rôle Inconnu,astronaut,0600099002,fr\n\
         El Hajeb,,Sans Commune,councillor,0600099003,ar\n\
         El Hajeb,Bitit,Doublon,councillor,0600099001,ar\n",
    );
    let output = takwin(&db.url, &["roster", "import", &bad]);
    assert!(!output.status.success(), "a file with bad rows is refused");
    let err = stderr(&output);
    for line in ["line 3", "line 4", "line 5", "line 6"] {
        assert!(err.contains(line), "{line} is named: {err}");
    }
    assert!(
        !err.contains("line 2:"),
        "the good line is not blamed: {err}"
    );
    assert!(err.contains("nothing was changed"), "{err}");

    let after = roster::all_people(&state.db).await.unwrap();
    assert_eq!(
        before.len(),
        after.len(),
        "all or nothing: not even the good row"
    );
    state.db.pool.close().await;
    db.drop_database().await;
}

/// Who is in the roster, as far as an import could change it.
async fn roster_snapshot(state: &AppState) -> Vec<(String, String, String)> {
    roster::all_people(&state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|p| {
            (
                p.details.full_name,
                p.details.phone.as_str().to_owned(),
                p.invite_code,
            )
        })
        .collect()
}

/// The lines of a refusal that name a line of the file.
fn blamed(output: &Output) -> Vec<String> {
    stderr(output)
        .lines()
        .filter(|l| l.starts_with("line "))
        .map(str::to_owned)
        .collect()
}

/// A NUL (which SQLite would store and PostgreSQL refuse, naming no line), a right-to-left
/// override, a name of zero-width spaces, a 100 KB name and an unclosed quote: each refused by
/// the domain with its line named, in the same words on both backends, and nothing changed.
pub async fn hostile_cells_are_refused_alike_on_both_backends(backend: Backend) {
    let db = TestDatabase::create(&backend).await;
    let sample = write(db.dir.path(), "sample.csv", SAMPLE_ROSTER);
    assert!(
        takwin(&db.url, &["roster", "import", &sample])
            .status
            .success()
    );
    let state = state(&db.url).await;
    let before = roster_snapshot(&state).await;

    let header = "province,commune,full_name,role,phone,language\n";
    let good = "El Hajeb,Agourai,Nouveau Conseiller,councillor,0600099001,fr\n";
    let huge = "A".repeat(100 * 1024);
    let cases = [
        (
            "nul",
            "El Hajeb,Agourai,Ah\0med,councillor,0600099002,fr\n".to_owned(),
            "line 3: full_name: a control character (U+0000) at character 3, which cannot be stored",
        ),
        (
            "override",
            "El Hajeb,Agourai,\u{202e}ireduoB arimaS,councillor,0600099003,fr\n".to_owned(),
            "line 3: full_name: a bidirectional control (U+202E) at character 1, which can make \
             text display otherwise than it is written",
        ),
        (
            "zero-width",
            "El Hajeb,Agourai,\u{200b}\u{200b}\u{200b},councillor,0600099004,fr\n".to_owned(),
            "line 3: full_name: no visible character",
        ),
        (
            "huge",
            format!("El Hajeb,Agourai,{huge},councillor,0600099005,fr\n"),
            "line 3: full_name: 102400 characters, more than 120",
        ),
        (
            "quote",
            "El Hajeb,Agourai,\"Karim Alaoui,councillor,0600099006,fr\n\
             El Hajeb,Agourai,Suivant,councillor,0600099007,fr\n\
             El Hajeb,Agourai,Dernier,councillor,0600099008,fr\n"
                .to_owned(),
            "line 3: a quote opens here and is never closed (it swallows lines 4–5)",
        ),
    ];
    for (name, bad, expected) in &cases {
        let file = write(
            db.dir.path(),
            &format!("{name}.csv"),
            &format!("{header}{good}{bad}"),
        );
        let output = takwin(&db.url, &["roster", "import", &file]);
        assert!(!output.status.success(), "{name}: refused");
        assert!(
            stderr(&output).contains("nothing was changed"),
            "{name}: {}",
            stderr(&output)
        );
        assert_eq!(blamed(&output), [*expected], "{name}: {}", stderr(&output));
        assert_eq!(
            roster_snapshot(&state).await,
            before,
            "{name}: nothing changed"
        );
    }

    // All in one file: every bad line told at once, the good line not blamed, nothing changed.
    let all: String = cases.iter().map(|(_, bad, _)| bad.as_str()).collect();
    let file = write(db.dir.path(), "all.csv", &format!("{header}{good}{all}"));
    let output = takwin(&db.url, &["roster", "import", &file]);
    assert!(!output.status.success());
    let expected: Vec<String> = cases
        .iter()
        .enumerate()
        .map(|(i, (.., message))| message.replacen("line 3", &format!("line {}", i + 3), 1))
        .map(|m| m.replace("lines 4–5", "lines 8–9"))
        .collect();
    assert_eq!(blamed(&output), expected, "{}", stderr(&output));
    assert_eq!(roster_snapshot(&state).await, before, "all or nothing");

    // The same file without the bad lines goes in: the refusals were the cells', not the
    // database's.
    let file = write(db.dir.path(), "good.csv", &format!("{header}{good}"));
    let output = takwin(&db.url, &["roster", "import", &file]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(roster_snapshot(&state).await.len(), before.len() + 1);
    state.db.pool.close().await;
    db.drop_database().await;
}

pub async fn same_file_twice_changes_nothing(backend: Backend) {
    let db = TestDatabase::create(&backend).await;
    let sample = write(db.dir.path(), "sample.csv", SAMPLE_ROSTER);
    let rows = SAMPLE_ROSTER
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count()
        - 1;

    let dry = takwin(&db.url, &["roster", "import", &sample, "--dry-run"]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(
        stdout(&dry).contains(&format!(
            "would add 1 province, 17 communes or councils, {rows} people"
        )),
        "{}",
        stdout(&dry)
    );
    let state = state(&db.url).await;
    assert!(
        roster::all_people(&state.db).await.unwrap().is_empty(),
        "a dry run changes nothing"
    );

    let first = takwin(&db.url, &["roster", "import", &sample]);
    assert!(first.status.success(), "{}", stderr(&first));
    let people = roster::all_people(&state.db).await.unwrap();
    assert_eq!(people.len(), rows);

    let second = takwin(&db.url, &["roster", "import", &sample]);
    assert!(second.status.success());
    let out = stdout(&second);
    assert!(
        out.contains("added 0 provinces, 0 communes or councils, 0 people; 0 people updated"),
        "{out}"
    );
    assert!(out.contains(&format!("{rows} unchanged")), "{out}");
    let again = roster::all_people(&state.db).await.unwrap();
    let codes = |p: &[roster::Person]| p.iter().map(|p| p.invite_code.clone()).collect::<Vec<_>>();
    assert_eq!(
        codes(&people),
        codes(&again),
        "invitation codes survive a re-import"
    );
    state.db.pool.close().await;
    db.drop_database().await;
}

pub async fn invites_and_organisers_from_the_command_line(backend: Backend) {
    let db = TestDatabase::create(&backend).await;
    let sample = write(db.dir.path(), "sample.csv", SAMPLE_ROSTER);
    assert!(
        takwin(&db.url, &["roster", "import", &sample])
            .status
            .success()
    );

    let no_name = takwin(&db.url, &["roster", "invites"]);
    assert!(!no_name.status.success());
    assert!(
        stderr(&no_name).contains("TAKWIN_BOT_USERNAME"),
        "{}",
        stderr(&no_name)
    );

    let out = db.dir.path().join("invites.csv");
    let out_arg = out.display().to_string();
    let invites = takwin(
        &db.url,
        &[
            "roster",
            "invites",
            "--out",
            &out_arg,
            "--bot-username",
            "@takwin_bot",
        ],
    );
    assert!(invites.status.success(), "{}", stderr(&invites));
    let state = state(&db.url).await;
    let people = roster::all_people(&state.db).await.unwrap();
    let mut reader = csv::Reader::from_path(&out).expect("the invites file");
    let links: Vec<String> = reader.records().map(|r| r.unwrap()[6].to_owned()).collect();
    assert_eq!(links.len(), people.len());
    for person in &people {
        let link = format!("https://t.me/takwin_bot?start={}", person.invite_code);
        assert!(links.contains(&link), "{link}");
    }

    let staff = people
        .iter()
        .find(|p| p.role.code() == "province_staff")
        .unwrap();
    let add = takwin(&db.url, &["organiser", "add", staff.phone.as_str()]);
    assert!(add.status.success(), "{}", stderr(&add));
    let list = stdout(&takwin(&db.url, &["organiser", "list"]));
    assert!(list.contains(&staff.full_name), "{list}");
    let unknown = takwin(&db.url, &["organiser", "add", "0699999999"]);
    assert!(!unknown.status.success());
    assert!(
        stderr(&unknown).contains("nobody in the roster"),
        "{}",
        stderr(&unknown)
    );
    let remove = takwin(&db.url, &["organiser", "remove", staff.phone.as_str()]);
    assert!(remove.status.success());
    assert!(!stdout(&takwin(&db.url, &["organiser", "list"])).contains(&staff.full_name));

    let actions: Vec<String> = audit::latest(&state.db, 10)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.actor == "cli:organiser-test")
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        ["organiser.remove", "organiser.add", "roster.import"]
    );
    state.db.pool.close().await;
    db.drop_database().await;
}

pub async fn schedule_next_and_outbox_status(backend: Backend) {
    let db = TestDatabase::create(&backend).await;
    let next = takwin(
        &db.url,
        &[
            "schedule",
            "next",
            "30 2 * * *",
            "--from",
            "2026-03-20T12:00:00Z",
            "--count",
            "3",
        ],
    );
    assert!(next.status.success(), "{}", stderr(&next));
    // 22 March 2026: the clock jumps from 02:00 to 03:00, so 02:30 fires once, at 03:30.
    assert_eq!(
        stdout(&next),
        "2026-03-21T02:30:00+00:00\t2026-03-21T02:30:00Z\n\
         2026-03-22T03:30:00+01:00\t2026-03-22T02:30:00Z\n\
         2026-03-23T02:30:00+01:00\t2026-03-23T01:30:00Z\n"
    );
    let paris = takwin(
        &db.url,
        &[
            "schedule",
            "next",
            "0 9 * * 1",
            "--tz",
            "Europe/Paris",
            "--from",
            "2026-11-29T00:00:00Z",
            "--count",
            "1",
        ],
    );
    assert_eq!(
        stdout(&paris),
        "2026-11-30T09:00:00+01:00\t2026-11-30T08:00:00Z\n"
    );
    let bad = takwin(&db.url, &["schedule", "next", "0 9 * *"]);
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains("expected 5 fields"),
        "{}",
        stderr(&bad)
    );
    let bad_field = takwin(&db.url, &["schedule", "next", "61 * * * *"]);
    assert!(
        stderr(&bad_field).contains("minute"),
        "{}",
        stderr(&bad_field)
    );

    let status = takwin(&db.url, &["outbox", "status"]);
    assert!(status.status.success(), "{}", stderr(&status));
    let out = stdout(&status);
    for state in [
        "queued",
        "sending",
        "sent",
        "failed",
        "skipped",
        "nothing queued",
    ] {
        assert!(out.contains(state), "{out}");
    }
    db.drop_database().await;
}

/// Runs the real `takwin` binary under coreutils' `timeout`, for inputs that used to make it
/// wait for ever: a run cut short exits 124 and the test says it hung.
fn takwin_within(database_url: &str, seconds: u32, args: &[&str]) -> Output {
    let output = Command::new("timeout")
        .arg(seconds.to_string())
        .arg(env!("CARGO_BIN_EXE_takwin"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("USER", "organiser-test")
        .output()
        .expect("coreutils' timeout runs");
    assert_ne!(output.status.code(), Some(124), "takwin {args:?} hung");
    output
}

/// An organiser gives the wrong file: a device that never ends, a pipe nobody writes to, a
/// folder, a file far too large. Each is refused with the reason before it is read, and
/// nothing changes.
pub async fn files_that_never_end_or_are_too_large_are_refused_unread(backend: Backend) {
    let db = TestDatabase::create(&backend).await;
    let sample = write(db.dir.path(), "sample.csv", SAMPLE_ROSTER);
    assert!(
        takwin(&db.url, &["roster", "import", &sample])
            .status
            .success()
    );
    let pipe = db.dir.path().join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap()
            .success(),
        "mkfifo"
    );
    let pipe = pipe.display().to_string();
    let huge = db.dir.path().join("huge.csv");
    // Sparse: 6 MB on paper, nothing on disk.
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(6 * 1024 * 1024)
        .unwrap();
    let huge = huge.display().to_string();
    let folder = db.dir.path().display().to_string();

    for (args, reason) in [
        (
            vec!["contributions", "import", "/dev/zero"],
            "not a regular file",
        ),
        (vec!["contributions", "import", &pipe], "not a regular file"),
        (vec!["contributions", "import", &huge], "larger than 5 MB"),
        (
            vec!["workshop", "import", "/dev/zero"],
            "not a regular file",
        ),
        (vec!["workshop", "import", &huge], "larger than 5 MB"),
        (vec!["roster", "import", &pipe], "not a regular file"),
        (vec!["roster", "import", &folder], "is a folder"),
        (
            vec![
                "broadcast",
                "send",
                "--audience",
                "all",
                "--text-file",
                &pipe,
            ],
            "not a regular file",
        ),
        (
            vec![
                "broadcast",
                "send",
                "--audience",
                "all",
                "--text-file",
                "/dev/zero",
            ],
            "not a regular file",
        ),
    ] {
        let output = takwin_within(&db.url, 60, &args);
        assert!(!output.status.success(), "{args:?} is refused");
        let err = stderr(&output);
        assert!(err.contains(reason), "{args:?}: {err}");
        assert!(
            err.contains("nothing was"),
            "{args:?} says nothing changed: {err}"
        );
    }

    let state = state(&db.url).await;
    let report = takwin(&db.url, &["report", "contributions", "--format", "json"]);
    assert!(report.status.success(), "{}", stderr(&report));
    assert!(
        !stdout(&report).contains("\"amount_due\":1"),
        "no contribution was set: {}",
        stdout(&report)
    );
    assert!(
        workshops::upcoming(&state.db, chrono::Utc::now())
            .await
            .unwrap()
            .is_empty()
    );
    let sent = takwin(&db.url, &["broadcast", "list"]);
    assert!(
        stdout(&sent).trim().lines().count() <= 1,
        "{}",
        stdout(&sent)
    );
    db.drop_database().await;
}

pub async fn a_programme_of_workshops_is_imported_all_or_nothing(backend: Backend) {
    let db = TestDatabase::create(&backend).await;
    let sample = write(db.dir.path(), "sample.csv", SAMPLE_ROSTER);
    assert!(
        takwin(&db.url, &["roster", "import", &sample])
            .status
            .success()
    );
    let header = "title,topic,date,time,venue,roles,provinces,capacity,reminders,deadline\n";
    // The binary reads the real clock: dates a few weeks ahead of it.
    let day = |weeks: i64| (chrono::Utc::now() + chrono::Duration::weeks(weeks)).format("%d/%m/%Y");
    let (d1, d2, d3) = (day(6), day(7), day(8));
    let bad = write(
        db.dir.path(),
        "bad.csv",
        &format!(
            "{header}Programmation du budget communal,,{d1},09:00,Siège,president;finance_staff,El Hajeb,40,,\n\
             Dans le passé,,01/01/2020,09:00,Siège,president,,40,,\n\
             Sans places,,{d2},09:00,Siège,president,,0,,\n\
             Province mal écrite,,{d2},09:00,Siège,president,El Hajab,40,,\n"
        ),
    );
    let refused = takwin(&db.url, &["workshop", "import", &bad]);
    assert!(!refused.status.success());
    let err = stderr(&refused);
    assert!(
        err.contains("line 3") && err.contains("line 4") && !err.contains("line 2:"),
        "{err}"
    );
    assert!(
        err.contains("line 5: provinces: \"El Hajab\" is not a province of the roster"),
        "{err}"
    );
    assert!(err.contains("nothing was changed"), "{err}");
    let state = state(&db.url).await;
    let now = chrono::Utc::now();
    assert!(
        takwin::store::workshops::upcoming(&state.db, now)
            .await
            .unwrap()
            .is_empty()
    );

    let good = write(
        db.dir.path(),
        "good.csv",
        &format!(
            "{header}Programmation du budget communal,,{d1},09:00,Siège de la province,president;finance_staff,El Hajeb,40,,\n\
             Gestion des archives,,{d3},9h30,Salle du conseil,councillor,,25,\"7d,1d\",\n"
        ),
    );
    let dry = takwin(&db.url, &["workshop", "import", &good, "--dry-run"]);
    assert!(
        stdout(&dry).contains("2 workshops read; dry run"),
        "{}",
        stdout(&dry)
    );
    assert!(
        takwin::store::workshops::upcoming(&state.db, now)
            .await
            .unwrap()
            .is_empty()
    );
    let imported = takwin(&db.url, &["workshop", "import", &good]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    let out = stdout(&imported);
    assert!(
        out.contains("34 invited"),
        "17 presidents and 17 finance staff: {out}"
    );
    let upcoming = takwin::store::workshops::upcoming(&state.db, now)
        .await
        .unwrap();
    assert_eq!(upcoming.len(), 2);
    assert_eq!(upcoming[1].reminders.len(), 2);
    state.db.pool.close().await;
    db.drop_database().await;
}

pub async fn the_attendance_report_matches_a_hand_count(backend: Backend) {
    use takwin::domain::audience::Audience;
    use takwin::domain::roster::Role;
    use takwin::domain::workshop::{Capacity, NewWorkshop};
    use takwin::store::{checkin, workshops};

    let db = TestDatabase::create(&backend).await;
    let sample = write(db.dir.path(), "sample.csv", SAMPLE_ROSTER);
    assert!(
        takwin(&db.url, &["roster", "import", &sample])
            .status
            .success()
    );
    let state = state(&db.url).await;
    let now = chrono::Utc::now();
    let starts_at = now + chrono::Duration::days(3);
    let new = NewWorkshop {
        title: "Programmation du budget communal".into(),
        topic: None,
        starts_at,
        venue: "Siège".into(),
        audience: Audience::roles(&[Role::President]),
        capacity: Capacity::new(40).unwrap(),
        reminders: Vec::new(),
        answer_deadline: starts_at,
        form: Default::default(),
    };
    let (id, invited) = workshops::create(&state.db, &new, "test", now)
        .await
        .unwrap();
    assert_eq!(invited, 17);
    let people = roster::all_people(&state.db).await.unwrap();
    let presidents: Vec<_> = people
        .iter()
        .filter(|p| p.role == Role::President)
        .collect();
    // p1 yes and came; p2 yes and did not; p3 no; p4 did not answer but came; a councillor
    // walked in; the 13 other presidents neither answered nor came.
    // Through the action chat calls for a press on "I will attend" / "I cannot attend".
    for (person, yes) in [
        (presidents[0], true),
        (presidents[1], true),
        (presidents[2], false),
    ] {
        takwin::actions::answers::answer(&state, person.id, id, yes)
            .await
            .unwrap()
            .expect("accepted");
    }
    checkin::mark_present(&state.db, id, presidents[0].id, now)
        .await
        .unwrap();
    checkin::mark_present(&state.db, id, presidents[3].id, now)
        .await
        .unwrap();
    // A councillor from a commune whose president is among the silent ones.
    let taken: Vec<_> = presidents[..4].iter().map(|p| p.body.clone()).collect();
    let councillor = people
        .iter()
        .find(|p| p.role == Role::Councillor && !taken.contains(&p.body))
        .unwrap();
    checkin::mark_present(&state.db, id, councillor.id, now)
        .await
        .unwrap();

    let csv = stdout(&takwin(
        &db.url,
        &["report", "attendance", "--format", "csv"],
    ));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "level,workshop,province,commune,invited,yes,no,no_answer,waiting,present,absent,walk_ins,attendance_rate_percent,title"
    );
    // 17 invited: 2 yes, 1 no, 14 silent; 2 present of 17 = 11.8 %; 1 walk-in apart.
    assert_eq!(
        lines[1],
        format!("workshop,{id},,,17,2,1,14,0,2,15,1,11.8,Programmation du budget communal")
    );
    assert!(
        lines.contains(&"province,,El Hajeb,,17,2,1,14,0,2,15,1,11.8,"),
        "{csv}"
    );
    assert_eq!(*lines.last().unwrap(), "total,,,,17,2,1,14,0,2,15,1,11.8,");
    let first = presidents[0].body.as_ref().unwrap().1.latin.clone();
    assert!(
        lines.contains(&format!("commune,,El Hajeb,{first},1,1,0,0,0,1,0,0,100.0,").as_str()),
        "{csv}"
    );
    let walk_in = councillor.body.as_ref().unwrap().1.latin.clone();
    // Its president did not answer nor come; the walk-in is counted apart from the rate.
    let expected = format!("commune,,El Hajeb,{walk_in},1,0,0,1,0,0,1,1,0.0,");
    assert!(lines.contains(&expected.as_str()), "{csv}");

    let json = takwin(
        &db.url,
        &[
            "report",
            "attendance",
            "--format",
            "json",
            "--workshop",
            &id.to_string(),
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["total"]["present"], 2);
    assert_eq!(json["total"]["attendance_rate_per_mille"], 118);
    assert_eq!(
        json["workshops"][0]["title"],
        "Programmation du budget communal"
    );
    let none = stdout(&takwin(
        &db.url,
        &["report", "attendance", "--province", "Ifrane"],
    ));
    assert_eq!(none.lines().last(), Some("total,,,,0,0,0,0,0,0,0,0,,"));
    state.db.pool.close().await;
    db.drop_database().await;
}

pub async fn the_evaluation_report_sums_up_ratings_without_names(backend: Backend) {
    use takwin::domain::audience::Audience;
    use takwin::domain::roster::Role;
    use takwin::domain::workshop::{Capacity, NewWorkshop};
    use takwin::store::{checkin, workshops};

    let db = TestDatabase::create(&backend).await;
    let sample = write(db.dir.path(), "sample.csv", SAMPLE_ROSTER);
    assert!(
        takwin(&db.url, &["roster", "import", &sample])
            .status
            .success()
    );
    let state = state(&db.url).await;
    let now = chrono::Utc::now();
    // The binary reads the real clock: one workshop held yesterday, one still to come.
    let workshop = |title: &str, starts_at| NewWorkshop {
        title: title.into(),
        topic: None,
        starts_at,
        venue: "Siège".into(),
        audience: Audience::roles(&[Role::President]),
        capacity: Capacity::new(40).unwrap(),
        reminders: Vec::new(),
        answer_deadline: starts_at,
        form: Default::default(),
    };
    let held = now - chrono::Duration::days(1);
    let (id, _) = workshops::create(
        &state.db,
        &workshop("Budget communal", held),
        "test",
        held - chrono::Duration::days(10),
    )
    .await
    .unwrap();
    workshops::create(
        &state.db,
        &workshop("Archives", now + chrono::Duration::days(9)),
        "test",
        now,
    )
    .await
    .unwrap();
    let presidents: Vec<_> = roster::all_people(&state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.role == Role::President)
        .take(4)
        .collect();
    // Four came; three rated 5, 4, 4 (mean 4.3); one comment with a comma and a line break.
    for p in &presidents {
        checkin::mark_present(&state.db, id, p.id, held)
            .await
            .unwrap();
    }
    for (p, score) in presidents.iter().zip([5, 4, 4]) {
        workshops::rate(&state.db, id, p.id, score, now)
            .await
            .unwrap();
    }
    let comment = "Utile, concret.\nPlus d'exemples SVP";
    workshops::comment(&state.db, id, presidents[0].id, Some(comment), now)
        .await
        .unwrap();

    let csv = stdout(&takwin(&db.url, &["report", "evaluations"]));
    let lines: Vec<&str> = csv.lines().collect();
    // The workshop's figures, then each question of its form: the default form's one
    // rating here, and four empty questions.
    let empty_questions = ",".repeat(19);
    let questions = (1..=5)
        .map(|n| format!(",q{n}_question,q{n}_kind,q{n}_answers,q{n}_mean,q{n}_results"))
        .collect::<String>();
    assert_eq!(
        lines[0],
        format!(
            "workshop,date,present,ratings,response_rate_percent,mean_score,score_1,score_2,\
             score_3,score_4,score_5,title,forms_completed{questions}"
        )
    );
    let date = state
        .settings
        .timezone
        .local(held)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    assert_eq!(
        lines[1],
        format!(
            "{id},{date},4,3,75.0,4.3,0,0,0,2,1,Budget communal,3,\
             rating,scale,3,4.3,1=0; 2=0; 3=0; 4=2; 5=1,{empty_questions}"
        ),
        "the workshop still to come is not in it: {csv}"
    );
    assert_eq!(lines.len(), 2, "{csv}");

    let out = takwin(&db.url, &["report", "evaluations", "--format", "json"]);
    let text = stdout(&out);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["workshops"][0]["comments"][0]["comment"], comment);
    assert_eq!(json["workshops"][0]["comments"][0]["score"], 5);
    assert_eq!(
        json["workshops"][0]["distribution"],
        serde_json::json!([0, 0, 0, 2, 1])
    );
    for p in &presidents {
        assert!(!text.contains(&p.full_name), "anonymous: {text}");
    }
    let entry = &audit::latest(&state.db, 1).await.unwrap()[0];
    assert_eq!(entry.action, "report.evaluations");
    state.db.pool.close().await;
    db.drop_database().await;
}

pub async fn people_added_later_are_invited_to_the_upcoming_workshops_for_them(backend: Backend) {
    let db = TestDatabase::create(&backend).await;
    let sample = write(db.dir.path(), "sample.csv", SAMPLE_ROSTER);
    assert!(
        takwin(&db.url, &["roster", "import", &sample])
            .status
            .success()
    );
    let state = state(&db.url).await;
    // A workshop for the whole region, a month ahead of the machine's clock.
    let starts_at = chrono::Utc::now() + chrono::Duration::days(30);
    let new = takwin::domain::workshop::NewWorkshop {
        title: "Programmation du budget communal".into(),
        topic: None,
        starts_at,
        venue: "Siège de la Région".into(),
        audience: takwin::domain::audience::Audience::everyone(),
        capacity: takwin::domain::workshop::Capacity::new(500).unwrap(),
        reminders: takwin::domain::schedule::DEFAULT_REMINDER_OFFSETS.to_vec(),
        answer_deadline: starts_at - chrono::Duration::days(1),
        form: Default::default(),
    };
    let created = takwin::actions::workshops::create(
        &state,
        &takwin::actions::Caller::command_line(),
        &[new],
    )
    .await
    .unwrap()
    .unwrap()[0];
    let before = workshops::invitees(&state.db, created.id)
        .await
        .unwrap()
        .len();

    // A councillor elected since is added to the roster: invited to it at once.
    let with_newcomer = format!(
        "{SAMPLE_ROSTER}El Hajeb,Agourai / أكوراي,Samira Newcomer,councillor,0699887766,fr,f\n"
    );
    let file = write(db.dir.path(), "with-newcomer.csv", &with_newcomer);
    let imported = takwin(&db.url, &["roster", "import", &file]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert!(
        stdout(&imported).contains("1 invitation to upcoming workshops added"),
        "{}",
        stdout(&imported)
    );
    let newcomer = roster::all_people(&state.db)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.full_name == "Samira Newcomer")
        .expect("imported");
    let invitees = workshops::invitees(&state.db, created.id).await.unwrap();
    assert_eq!(invitees.len(), before + 1);
    assert!(invitees.iter().any(|i| i.person == newcomer.id));
    state.db.pool.close().await;
    db.drop_database().await;
}

/// Names, places and titles that a spreadsheet would run as formulas come out of every CSV
/// export with a leading `'`, while the figures stay numbers and the JSON keeps the text as
/// it was typed.
pub async fn spreadsheet_formulas_in_exports_stay_text(backend: Backend) {
    use takwin::domain::audience::Audience;
    use takwin::domain::roster::Role;
    use takwin::domain::workshop::{Capacity, NewWorkshop};
    use takwin::store::{checkin, workshops};

    const FORMULA: &str = r#"=HYPERLINK("http://x")"#;
    let db = TestDatabase::create(&backend).await;
    let roster = write(
        db.dir.path(),
        "roster.csv",
        "province,commune,full_name,role,phone,language\n\
         @Province,-Commune,\"=HYPERLINK(\"\"http://x\"\")\",president,0600088001,fr\n\
         @Province,-Commune,+Conseiller,councillor,0600088002,fr\n",
    );
    let import = takwin(&db.url, &["roster", "import", &roster]);
    assert!(import.status.success(), "{}", stderr(&import));
    let state = state(&db.url).await;
    let now = chrono::Utc::now();
    let held = now - chrono::Duration::days(1);
    let new = NewWorkshop {
        title: FORMULA.into(),
        topic: None,
        starts_at: held,
        venue: "@Siège".into(),
        audience: Audience::roles(&[Role::President]),
        capacity: Capacity::new(40).unwrap(),
        reminders: Vec::new(),
        answer_deadline: held,
        form: Default::default(),
    };
    let (id, invited) =
        workshops::create(&state.db, &new, "test", held - chrono::Duration::days(10))
            .await
            .unwrap();
    assert_eq!(invited, 1);
    let people = roster::all_people(&state.db).await.unwrap();
    let president = people.iter().find(|p| p.full_name == FORMULA).unwrap();
    checkin::mark_present(&state.db, id, president.id, held)
        .await
        .unwrap();
    workshops::rate(&state.db, id, president.id, 4, now)
        .await
        .unwrap();
    let quoted = format!("'{FORMULA}");

    let out = db.dir.path().join("invites.csv");
    let out_arg = out.display().to_string();
    let invites = takwin(
        &db.url,
        &[
            "roster",
            "invites",
            "--out",
            &out_arg,
            "--bot-username",
            "takwin_bot",
        ],
    );
    assert!(invites.status.success(), "{}", stderr(&invites));
    let rows: Vec<csv::StringRecord> = csv::Reader::from_path(&out)
        .unwrap()
        .records()
        .map(Result::unwrap)
        .collect();
    let row = rows.iter().find(|r| r[4] == *"+212600088001").unwrap();
    assert_eq!(&row[0], "'@Province");
    assert_eq!(&row[1], "'-Commune");
    assert_eq!(row[2], quoted);
    assert!(
        row[6].starts_with("https://t.me/takwin_bot?start="),
        "{row:?}"
    );
    assert!(rows.iter().any(|r| &r[2] == "'+Conseiller"), "{rows:?}");

    let attendance = takwin(&db.url, &["report", "attendance", "--format", "csv"]);
    assert!(attendance.status.success(), "{}", stderr(&attendance));
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(attendance.stdout.as_slice())
        .records()
        .map(Result::unwrap)
        .collect();
    let workshop = rows.iter().find(|r| &r[0] == "workshop").unwrap();
    assert_eq!(workshop[13], quoted);
    let province = rows.iter().find(|r| &r[0] == "province").unwrap();
    assert_eq!(&province[2], "'@Province");
    let commune = rows.iter().find(|r| &r[0] == "commune").unwrap();
    assert_eq!((&commune[2], &commune[3]), ("'@Province", "'-Commune"));
    for row in &rows {
        for count in 4..12 {
            row[count]
                .parse::<u32>()
                .unwrap_or_else(|_| panic!("a number: {row:?}"));
        }
    }

    let evaluations = takwin(&db.url, &["report", "evaluations"]);
    assert!(evaluations.status.success(), "{}", stderr(&evaluations));
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(evaluations.stdout.as_slice())
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0][11], quoted);
    assert_eq!((&rows[0][2], &rows[0][3], &rows[0][5]), ("1", "1", "4.0"));

    let json = takwin(&db.url, &["report", "attendance", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        json["workshops"][0]["title"], FORMULA,
        "JSON is no spreadsheet"
    );
    state.db.pool.close().await;
    db.drop_database().await;
}

/// A database URL's password never shows in what `takwin` prints, whether the URL is
/// malformed, names an unreachable server, or (on PostgreSQL) is refused by the real server.
pub async fn database_passwords_never_show(backend: Backend) {
    let mut urls = vec![
        "postgres://u:s3cret@127.0.0.1:1/x".to_owned(),
        "postgresql//u:s3cret@".to_owned(),
        "postgres://u:s3cret@127.0.0.1:port/x".to_owned(),
        "mysql://u:s3cret@127.0.0.1/x".to_owned(),
        "postgres://127.0.0.1:port/x?user=u&password=s3cret".to_owned(),
    ];
    if let Backend::Postgres(base) = &backend {
        // The real server, with a database that does not exist: it answers with an error.
        let mut url = url::Url::parse(base).unwrap();
        url.set_password(Some("s3cret")).unwrap();
        url.set_path("takwin_no_such_database");
        urls.push(url.to_string());
    }
    // All at once: the unreachable server is retried until sqlx's 30-second acquire
    // timeout, and the others need not wait behind it.
    let runs: Vec<_> = urls
        .iter()
        .map(|url| {
            let child = Command::new(env!("CARGO_BIN_EXE_takwin"))
                .arg("migrate")
                .env("DATABASE_URL", url)
                .env("RUST_LOG", "debug")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("the takwin binary runs");
            (url, child)
        })
        .collect();
    for (url, child) in runs {
        let output = child.wait_with_output().expect("the takwin binary ends");
        let (out, err) = (stdout(&output), stderr(&output));
        assert!(!output.status.success(), "{url} is refused: {out}{err}");
        assert!(!err.is_empty(), "{url}: the refusal says why");
        assert!(
            !out.contains("s3cret") && !err.contains("s3cret"),
            "{url} shows its password:\n{out}{err}"
        );
    }
    let malformed = stderr(&takwin("postgresql//u:s3cret@", &["migrate"]));
    assert!(malformed.contains("postgresql//u:***@"), "{malformed}");
}

/// `takwin run` with no token, a blank one or a mangled one stops at once with the reason,
/// before opening the database or calling Telegram, and never prints the token.
pub async fn a_bad_token_is_refused_at_start_without_showing_it(backend: Backend) {
    let db = TestDatabase::create(&backend).await;
    for (token, reason) in [
        ("", "token is empty"),
        ("   ", "token is empty"),
        (
            "110201543 AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
            "not of BotFather's form",
        ),
        (
            "110201543:AAHdqTcvCH1vGWJx fSeofSAs0K5PALDsaw",
            "not of BotFather's form",
        ),
    ] {
        let output = Command::new("timeout")
            .args(["60", env!("CARGO_BIN_EXE_takwin"), "run"])
            .env("DATABASE_URL", &db.url)
            .env("TELOXIDE_TOKEN", token)
            .env("TAKWIN_API_URL", "http://127.0.0.1:9/")
            .output()
            .expect("takwin runs");
        assert_eq!(output.status.code(), Some(1), "{token:?} stops at once");
        let err = stderr(&output);
        assert!(err.contains(reason), "{token:?}: {err}");
        if !token.trim().is_empty() {
            assert!(!err.contains("AAHdqTcvCH1vGWJx"), "the token shows: {err}");
        }
    }
    db.drop_database().await;
}

pub async fn contributions_are_set_paid_approved_and_reported_to_the_centime(backend: Backend) {
    let db = TestDatabase::create(&backend).await;
    let roster = write(db.dir.path(), "roster.csv", SAMPLE_ROSTER);
    assert!(
        takwin(&db.url, &["roster", "import", &roster])
            .status
            .success()
    );
    let sample = include_str!("../../samples/contributions-el-hajeb.csv");
    let file = write(db.dir.path(), "contributions.csv", sample);

    // A dry run changes nothing; the same file twice changes nothing.
    let dry = takwin(&db.url, &["contributions", "import", &file, "--dry-run"]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(
        stdout(&dry).contains("would set 17 new contributions"),
        "{}",
        stdout(&dry)
    );
    let first = takwin(&db.url, &["contributions", "import", &file]);
    assert!(
        stdout(&first).contains("set 17 new contributions"),
        "{}",
        stdout(&first)
    );
    let again = takwin(&db.url, &["contributions", "import", &file]);
    assert!(stdout(&again).contains("0 new contributions, 0 changed; 17 unchanged"));

    // A bad file is refused whole, every bad line named.
    let bad = write(
        db.dir.path(),
        "bad.csv",
        "province,commune,amount,due_date\n\
         El Hajeb,Agourai,\"45 000,00\",31/03/2027\n\
         El Hajeb,Agourai,douze mille,31/02/2027\n\
         El Hajab,Bitit,100,31/03/2027\n\
         El Hajeb,Bitit,\"45000,500\",31/03/2027\n\
         El Hajeb,Jahjouh,45.000,31/03/2027\n",
    );
    let refused = takwin(&db.url, &["contributions", "import", &bad]);
    assert!(!refused.status.success());
    let err = stderr(&refused);
    assert!(
        err.contains("line 3") && err.contains("amount") && err.contains("due_date"),
        "{err}"
    );
    assert!(err.contains("line 4") && err.contains("El Hajab"), "{err}");
    // Three decimals are not read as thousands, and a lone `.000` is not guessed at.
    assert!(
        err.contains("line 5") && err.contains("more than two decimals"),
        "{err}"
    );
    assert!(
        err.contains("line 6") && err.contains("thousands or as decimals"),
        "{err}"
    );
    assert!(err.contains("nothing was changed"), "{err}");

    // Payments as people write amounts: Agourai pays in two parts, Bitit pays too much.
    let pay = |commune: &str, amount: &str, reference: &str| {
        takwin(
            &db.url,
            &[
                "contributions",
                "pay",
                "--province",
                "el hajeb",
                "--commune",
                commune,
                "--amount",
                amount,
                "--date",
                "15/03/2026",
                "--reference",
                reference,
            ],
        )
    };
    for (commune, amount, reference) in [
        ("Agourai", "20 000,50", "VIR-1"),
        ("AGOURAI", "24.999,50 DH", "VIR-2"),
        ("Bitit", "20500", "VIR-3"),
        ("Provincial Council", "150000.01", "VIR-4"),
    ] {
        let done = pay(commune, amount, reference);
        assert!(done.status.success(), "{commune}: {}", stderr(&done));
    }
    // Malformed amounts and dates are refused with the reason; nothing is recorded.
    for (amount, reason) in [
        ("12,5000", "more than two decimals"),
        // Recorded as a verified payment of 12,500,500 dirhams before the grammar.
        ("12500.500", "more than two decimals"),
        ("12.500", "thousands or as decimals"),
    ] {
        let wrong = pay("Agourai", amount, "VIR-9");
        assert!(!wrong.status.success(), "{amount}");
        assert!(
            stderr(&wrong).contains(reason),
            "{amount}: {}",
            stderr(&wrong)
        );
    }
    let wrong_day = takwin(
        &db.url,
        &[
            "contributions",
            "pay",
            "--province",
            "El Hajeb",
            "--commune",
            "Agourai",
            "--amount",
            "100",
            "--date",
            "31/02/2027",
            "--reference",
            "VIR-9",
        ],
    );
    assert!(!wrong_day.status.success());
    assert!(
        stderr(&wrong_day).contains("--date"),
        "{}",
        stderr(&wrong_day)
    );
    let approved = takwin(
        &db.url,
        &[
            "contributions",
            "approve",
            "--province",
            "El Hajeb",
            "--commune",
            "Agourai",
            "--date",
            "2026-02-03",
            "--session",
            "session ordinaire de février",
            "--decision",
            "12/2027",
        ],
    );
    assert!(approved.status.success(), "{}", stderr(&approved));

    // The report, checked by hand to the centime.
    let report = takwin(&db.url, &["report", "contributions", "--format", "json"]);
    assert!(report.status.success(), "{}", stderr(&report));
    let json: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    let body = |name: &str| {
        json["bodies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["body"] == name)
            .unwrap()
            .clone()
    };
    let agourai = body("Agourai");
    assert_eq!(agourai["paid_centimes"], 4_500_000);
    assert_eq!(agourai["outstanding_centimes"], 0);
    assert_eq!(agourai["agreement"], "approved");
    assert_eq!(agourai["approved_on"], "2026-02-03");
    assert_eq!(
        body("Bitit")["outstanding_centimes"],
        -50_000,
        "overpaid, shown"
    );
    let council = body("Conseil provincial");
    assert_eq!(council["outstanding_centimes"], 30_000_000 - 15_000_001);
    let region = &json["region"];
    let due: i64 = [
        300_000, 80_000, 45_000, 60_000, 40_000, 25_000, 22_500, 25_000, 22_500, 20_000, 25_000,
        20_000, 22_500, 22_500, 20_000, 20_000, 20_000,
    ]
    .iter()
    .sum::<i64>()
        * 100;
    let paid = 2_000_050 + 2_499_950 + 2_050_000 + 15_000_001;
    assert_eq!(region["due_centimes"], due);
    assert_eq!(region["paid_centimes"], paid);
    assert_eq!(region["outstanding_centimes"], due - paid);
    assert_eq!(json["provinces"][0]["paid_centimes"], paid);
    let csv = takwin(&db.url, &["report", "contributions"]);
    let csv = stdout(&csv);
    assert!(
        csv.contains("El Hajeb,Agourai,approved,2026-02-03,45000.00,45000.00,0.00,0.00,0"),
        "{csv}"
    );
    db.drop_database().await;
}

/// A database with the sample roster and contributions, for the funding commands.
async fn funding_database(backend: &Backend) -> TestDatabase {
    let db = TestDatabase::create(backend).await;
    let roster = write(db.dir.path(), "roster.csv", SAMPLE_ROSTER);
    assert!(
        takwin(&db.url, &["roster", "import", &roster])
            .status
            .success()
    );
    let sample = include_str!("../../samples/contributions-el-hajeb.csv");
    let file = write(db.dir.path(), "contributions.csv", sample);
    assert!(
        takwin(&db.url, &["contributions", "import", &file])
            .status
            .success()
    );
    db
}

/// `takwin contributions pay` for Agourai.
fn pay_agourai(url: &str, amount: &str, date: &str, reference: &str) -> Output {
    takwin(
        url,
        &[
            "contributions",
            "pay",
            "--province",
            "El Hajeb",
            "--commune",
            "Agourai",
            "--amount",
            amount,
            "--date",
            date,
            "--reference",
            reference,
        ],
    )
}

/// The finance service records Agourai's council vote from the command line.
fn approve_agourai(url: &str, date: &str, session: &str) -> Output {
    takwin(
        url,
        &[
            "contributions",
            "approve",
            "--province",
            "El Hajeb",
            "--commune",
            "Agourai",
            "--date",
            date,
            "--session",
            session,
        ],
    )
}

/// The contributions report as JSON, and Agourai's line in it.
fn agourai_in_report(url: &str) -> (serde_json::Value, serde_json::Value) {
    let report = takwin(url, &["report", "contributions", "--format", "json"]);
    assert!(report.status.success(), "{}", stderr(&report));
    let json: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    let agourai = json["bodies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["body"] == "Agourai")
        .unwrap()
        .clone();
    (json, agourai)
}

/// The finance service runs the same `pay` twice (the same statement read twice): one
/// record, "already recorded". The same reference (typed otherwise) with another amount is
/// refused with the reason and the correction to run; the correction is audited with what it
/// was, and the report shows it. Approvals alike: one standing per body, a second refused,
/// a correction replacing it.
pub async fn the_same_payment_twice_is_recorded_once_and_corrected_openly(backend: Backend) {
    let db = funding_database(&backend).await;
    let first = pay_agourai(&db.url, "20 000,50", "15/03/2026", "VIR-2026-100");
    assert!(first.status.success(), "{}", stderr(&first));
    let again = pay_agourai(&db.url, "20000.50", "2026-03-15", "vir-2026-100 ");
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stdout(&again).contains("Already recorded") && stdout(&again).contains("Nothing was added"),
        "{}",
        stdout(&again)
    );
    let (_, agourai) = agourai_in_report(&db.url);
    assert_eq!(agourai["paid_centimes"], 2_000_050, "counted once");

    // Another amount under that reference: refused, with what stands and how to correct it.
    let conflict = pay_agourai(&db.url, "25 000", "15/03/2026", "VIR-2026-100");
    assert!(!conflict.status.success());
    let err = stderr(&conflict);
    assert!(
        err.contains("The reference VIR-2026-100 is already recorded for this body")
            && err.contains("verified by the Region")
            && err.contains(
                "takwin contributions correct-payment --province 'El Hajeb' --commune Agourai \
                 --reference VIR-2026-100"
            ),
        "{err}"
    );
    let (_, agourai) = agourai_in_report(&db.url);
    assert_eq!(agourai["paid_centimes"], 2_000_050, "nothing added");

    // The correction: audited with what it was, and the report shows it.
    let corrected = takwin(
        &db.url,
        &[
            "contributions",
            "correct-payment",
            "--province",
            "El Hajeb",
            "--commune",
            "Agourai",
            "--reference",
            "Vir-2026-100",
            "--amount",
            "25 000",
        ],
    );
    assert!(corrected.status.success(), "{}", stderr(&corrected));
    assert!(
        stdout(&corrected).contains("(was 20000.50 DH on 2026-03-15)"),
        "{}",
        stdout(&corrected)
    );
    let (json, agourai) = agourai_in_report(&db.url);
    assert_eq!(agourai["paid_centimes"], 2_500_000);
    assert_eq!(agourai["outstanding_centimes"], 2_000_000);
    assert_eq!(json["region"]["paid_centimes"], 2_500_000);
    let state = state(&db.url).await;
    let entries = audit::latest(&state.db, 20).await.unwrap();
    let correction = entries
        .iter()
        .find(|e| e.action == "funding.correct")
        .expect("the correction is audited");
    assert!(
        correction.actor == "cli:organiser-test"
            && correction
                .detail
                .contains("from 20000.50 paid on 2026-03-15")
            && correction.detail.contains("to 25000.00 paid on 2026-03-15"),
        "{correction:?}"
    );
    // Nothing to correct under a reference never recorded.
    let unknown = takwin(
        &db.url,
        &[
            "contributions",
            "correct-payment",
            "--province",
            "El Hajeb",
            "--commune",
            "Agourai",
            "--reference",
            "VIR-404",
            "--amount",
            "1",
        ],
    );
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("no transfer is recorded under \"VIR-404\""));

    // The approval: once; another while it stands is refused; the correction replaces it.
    let approve = |date: &str| approve_agourai(&db.url, date, "session de février");
    assert!(approve("03/02/2026").status.success());
    let twice = approve("2026-02-03");
    assert!(twice.status.success());
    assert!(
        stdout(&twice).contains("Already recorded"),
        "{}",
        stdout(&twice)
    );
    let other = approve("04/02/2026");
    assert!(!other.status.success());
    let err = stderr(&other);
    assert!(
        err.contains(
            "already recorded for this body: the council's vote of Tuesday 3 February 2026"
        ) && err.contains("takwin contributions correct-approval --province 'El Hajeb'"),
        "{err}"
    );
    let fixed = takwin(
        &db.url,
        &[
            "contributions",
            "correct-approval",
            "--province",
            "El Hajeb",
            "--commune",
            "Agourai",
            "--date",
            "04/02/2026",
            "--decision",
            "7/2026",
        ],
    );
    assert!(fixed.status.success(), "{}", stderr(&fixed));
    let (_, agourai) = agourai_in_report(&db.url);
    assert_eq!(agourai["agreement"], "approved");
    assert_eq!(agourai["approved_on"], "2026-02-04");
    let entries = audit::latest(&state.db, 5).await.unwrap();
    let correction = entries
        .iter()
        .find(|e| e.action == "funding.correct")
        .expect("the correction is audited");
    assert!(
        correction
            .detail
            .contains("from 2026-02-03, session session de février to")
            && correction
                .detail
                .contains("to 2026-02-04, session session de février (decision 7/2026)"),
        "{correction:?}"
    );
    state.db.pool.close().await;
    db.drop_database().await;
}

/// A transfer or a vote dated after today, or in 1925, and a reference carrying a
/// right-to-left override, are refused from the command line with the reason; nothing is
/// recorded.
pub async fn impossible_days_and_hostile_references_are_refused_from_the_command_line(
    backend: Backend,
) {
    let db = funding_database(&backend).await;
    // The command line runs on the machine's clock: two days ahead is after today in any
    // time zone.
    let ahead = (chrono::Utc::now() + chrono::Duration::days(2))
        .format("%d/%m/%Y")
        .to_string();
    let future = pay_agourai(&db.url, "100", &ahead, "VIR-9");
    assert!(!future.status.success());
    assert!(
        stderr(&future).contains("is after today") && stderr(&future).contains("check the date"),
        "{}",
        stderr(&future)
    );
    let old = pay_agourai(&db.url, "100", "15/03/1925", "VIR-9");
    assert!(!old.status.success());
    assert!(
        stderr(&old)
            .contains("Sunday 15 March 1925 is before the programme began (Sunday 1 January 2023)"),
        "{}",
        stderr(&old)
    );
    let hostile = pay_agourai(&db.url, "100", "15/03/2026", "VIR-\u{202E}9-RIV");
    assert!(!hostile.status.success());
    assert!(
        stderr(&hostile)
            .contains("The reference contains a text-direction control (U+202E, character 5)"),
        "{}",
        stderr(&hostile)
    );
    let long = pay_agourai(&db.url, "100", "15/03/2026", &"9".repeat(61));
    assert!(!long.status.success());
    assert!(stderr(&long).contains("The reference has 61 characters; at most 60"));
    for (date, session) in [
        (ahead.as_str(), "session de mai"),
        ("01/05/1925", "session de mai"),
        ("05/05/2026", "session \u{202E}de mai"),
    ] {
        let refused = approve_agourai(&db.url, date, session);
        assert!(!refused.status.success(), "{date} {session}");
    }
    let (_, agourai) = agourai_in_report(&db.url);
    assert_eq!(agourai["paid_centimes"], 0, "nothing recorded");
    assert_eq!(agourai["agreement"], "pending");
    db.drop_database().await;
}

/// A database written before one transfer became one record holds the same transfer twice
/// (and a reference typed otherwise), and two approvals of one body, the first dated a
/// century ago: the upgrade does not fail on them. Of each transfer one record stands (the
/// verified one first), the others are kept, marked rejected with the reason; of the
/// approvals the latest verified one stands, and the report reads it.
pub async fn duplicates_recorded_before_survive_the_upgrade(backend: Backend) {
    let db = TestDatabase::create(&backend).await;
    sqlx::any::install_default_drivers();
    let url = match backend {
        Backend::Sqlite => format!("{}?mode=rwc", db.url),
        Backend::Postgres(_) => db.url.clone(),
    };
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    let mut before = match backend {
        Backend::Sqlite => sqlx::migrate!("migrations/sqlite"),
        Backend::Postgres(_) => sqlx::migrate!("migrations/postgres"),
    };
    before.migrations = before
        .migrations
        .iter()
        .filter(|m| m.version < 22)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    before.run(&pool).await.unwrap();
    for statement in [
        "INSERT INTO provinces (id, name_latin, name_arabic) VALUES (1, 'El Hajeb', 'الحاجب')",
        "INSERT INTO bodies (id, province_id, kind, name_latin, name_arabic) \
         VALUES (1, 1, 'commune', 'Agourai', 'أكوراي')",
        "INSERT INTO contributions (body_id, amount_due, due_on, updated_at) \
         VALUES (1, 4500000, '2026-03-31', 0)",
        // VIR-1 recorded twice, then declared again by the president as "vir-1 ".
        "INSERT INTO payments (id, body_id, amount, paid_on, reference, state, declared_by, \
         declared_at) VALUES (1, 1, 2000000, '2026-03-15', 'VIR-1', 'verified', 'cli', 0)",
        "INSERT INTO payments (id, body_id, amount, paid_on, reference, state, declared_by, \
         declared_at) VALUES (2, 1, 2000000, '2026-03-15', 'VIR-1', 'verified', 'cli', 0)",
        "INSERT INTO payments (id, body_id, amount, paid_on, reference, state, declared_by, \
         declared_at) VALUES (3, 1, 2000000, '2026-03-16', 'vir-1 ', 'declared', 'tg', 0)",
        // VIR-2 declared by the president, then recorded by the Region: the verified stands.
        "INSERT INTO payments (id, body_id, amount, paid_on, reference, state, declared_by, \
         declared_at) VALUES (4, 1, 500000, '2026-03-20', 'VIR-2', 'declared', 'tg', 0)",
        "INSERT INTO payments (id, body_id, amount, paid_on, reference, state, declared_by, \
         declared_at) VALUES (5, 1, 500000, '2026-03-18', 'VIR-2', 'verified', 'cli', 0)",
        // An approval dated a century ago, then the right one.
        "INSERT INTO approvals (id, body_id, approved_on, state, declared_by, declared_at) \
         VALUES (1, 1, '1925-02-03', 'verified', 'cli', 0)",
        "INSERT INTO approvals (id, body_id, approved_on, state, declared_by, declared_at) \
         VALUES (2, 1, '2026-02-03', 'verified', 'cli', 0)",
    ] {
        sqlx::query(statement).execute(&pool).await.unwrap();
    }
    pool.close().await;

    // The upgrade runs with the next command, and the report counts each transfer once.
    let (json, agourai) = agourai_in_report(&db.url);
    assert_eq!(agourai["paid_centimes"], 2_500_000, "{json}");
    assert_eq!(agourai["declared_centimes"], 0, "{json}");
    assert_eq!(agourai["agreement"], "approved");
    assert_eq!(agourai["approved_on"], "2026-02-03");
    let state = state(&db.url).await;
    let rows = sqlx::query("SELECT id, state, reason FROM payments ORDER BY id")
        .fetch_all(&state.db.pool)
        .await
        .unwrap();
    let states: Vec<(i64, String)> = rows
        .iter()
        .map(|r| (sqlx::Row::get(r, 0), sqlx::Row::get(r, 1)))
        .collect();
    assert_eq!(
        states,
        [
            (1, "verified".to_owned()),
            (2, "rejected".to_owned()),
            (3, "rejected".to_owned()),
            (4, "rejected".to_owned()),
            (5, "verified".to_owned()),
        ]
    );
    let reason: Option<String> = sqlx::Row::get(&rows[1], 2);
    assert!(
        reason
            .as_deref()
            .is_some_and(|r| r.starts_with("Recorded twice")),
        "{reason:?}"
    );
    let approvals: Vec<String> = sqlx::query_scalar("SELECT state FROM approvals ORDER BY id")
        .fetch_all(&state.db.pool)
        .await
        .unwrap();
    assert_eq!(approvals, ["rejected", "verified"]);
    state.db.pool.close().await;
    db.drop_database().await;
}
