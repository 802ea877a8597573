//! `takwin demo`: the real bot against the built-in Telegram emulator on a temporary SQLite
//! database, playing a scripted scenario through Telegram's wire protocol and printing what
//! each person saw. It exits 0 only if every step went as scripted.

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;

use chrono::{TimeZone, Utc};

use crate::actions::{self, Caller};
use crate::clock::ManualClock;
use crate::config::Settings;
use crate::domain::roster::{Appointment, Language, Role};
use crate::i18n::strip_bidi;
use crate::stage::Stage;
use crate::store::roster::{self, Person};
use bot_api_emulator::{ChatMessage, EmulatorConfig, Markup};

mod announcement;
mod digest;
mod funding;

/// The sample roster the demo imports.
pub const SAMPLE_ROSTER: &str = include_str!("../samples/roster-el-hajeb.csv");

/// Who is on stage: a Telegram account and the name the transcript gives it.
struct Cast {
    names: HashMap<i64, String>,
    /// Per chat, how many bot messages and edits the transcript has shown.
    shown: HashMap<i64, HashMap<i32, u32>>,
    failures: Vec<String>,
}

impl Cast {
    fn new() -> Cast {
        Cast {
            names: HashMap::new(),
            shown: HashMap::new(),
            failures: Vec::new(),
        }
    }

    fn name(&self, user: i64) -> &str {
        self.names.get(&user).map(String::as_str).unwrap_or("?")
    }

    /// Prints what changed in every chat since the last call.
    fn print_news(&mut self, stage: &Stage) {
        let mut users: Vec<i64> = self.names.keys().copied().collect();
        users.sort();
        for user in users {
            let seen = self.shown.entry(user).or_default();
            for message in stage.received(user) {
                let news = match seen.get(&message.message_id) {
                    None => Some(""),
                    Some(&edits) if edits < message.edits => Some(" (edited)"),
                    _ => None,
                };
                if let Some(note) = news {
                    let name = self.names.get(&user).map(String::as_str).unwrap_or("?");
                    println!("   🤖 → {name}{note}:");
                    println!("{}", render(&message));
                    seen.insert(message.message_id, message.edits);
                }
            }
        }
    }

    fn check(&mut self, ok: bool, what: &str) {
        if ok {
            println!("   ✔ {what}");
        } else {
            println!("   ✘ NOT AS SCRIPTED: {what}");
            self.failures.push(what.to_owned());
        }
    }
}

/// A message as a person sees it: text, then its buttons.
fn render(message: &ChatMessage) -> String {
    let mut out = String::new();
    for line in strip_bidi(&message.text).lines() {
        out.push_str("      │ ");
        out.push_str(line);
        out.push('\n');
    }
    let buttons: Vec<String> = message
        .buttons()
        .into_iter()
        .map(|b| format!("[ {} ]", b.text))
        .collect();
    if !buttons.is_empty() {
        out.push_str("      │ ");
        out.push_str(&buttons.join(" "));
        out.push('\n');
    }
    if let Some(file) = &message.document {
        let name = file.file_name.as_deref().unwrap_or("file");
        out.push_str(&format!("      │ [📎 {name}]\n"));
    }
    if message.photo.is_some() {
        out.push_str("      │ [🖼 photo]\n");
    }
    if matches!(message.reply_markup, Some(Markup::Remove)) {
        out.push_str("      │ (keyboard closed)\n");
    }
    out.trim_end().to_owned()
}

fn step(title: &str) {
    println!("\n── {title}");
}

/// Runs the demo; `record` also writes every Bot API request as JSON lines; `keep` keeps
/// the database in that new file instead of a temporary one.
pub async fn run(record: Option<&Path>, keep: Option<&Path>) -> anyhow::Result<ExitCode> {
    let dir = tempfile::tempdir()?;
    let database = match keep {
        // A demo played over real data would mix the two: only a new file is taken.
        Some(path) if path.exists() => {
            anyhow::bail!("--keep: {} already exists; name a new file", path.display())
        }
        Some(path) => path.to_path_buf(),
        None => dir.path().join("demo.db"),
    };
    let settings = Settings {
        database_url: format!("sqlite://{}", database.display()),
        timezone: crate::domain::zone::Zone::casablanca(),
        default_language: Language::Ar,
    };
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap());
    let emulator = EmulatorConfig {
        record_to: record.map(Path::to_path_buf),
        ..EmulatorConfig::default()
    };
    let stage = Stage::start(settings, clock, emulator).await?;
    let mut cast = Cast::new();
    let outcome = play(&stage, &mut cast).await;
    stage.stop().await;
    outcome?;
    println!();
    if cast.failures.is_empty() {
        println!("The demo went as scripted.");
        if let Some(path) = record {
            println!("Every Bot API request is in {}.", path.display());
        }
        Ok(ExitCode::SUCCESS)
    } else {
        println!(
            "The demo did NOT go as scripted ({} steps):",
            cast.failures.len()
        );
        for failure in &cast.failures {
            println!("  - {failure}");
        }
        Ok(ExitCode::FAILURE)
    }
}

async fn person(
    stage: &Stage,
    role: Role,
    nth: usize,
    language: Language,
) -> anyhow::Result<Person> {
    roster::all_people(&stage.state.db)
        .await?
        .into_iter()
        .filter(|p| p.role == role && p.language == language)
        .nth(nth)
        .ok_or_else(|| anyhow::anyhow!("the sample roster has no {role:?} speaking {language:?}"))
}

async fn linked_to(stage: &Stage, user: i64) -> anyhow::Result<Option<Person>> {
    Ok(roster::by_telegram(&stage.state.db, user).await?)
}

/// The demo acts as the administrator at the command line does.
fn demo() -> Caller {
    Caller {
        label: "demo".into(),
        person: None,
        organiser: true,
        finance_officer: false,
    }
}

async fn play(stage: &Stage, cast: &mut Cast) -> anyhow::Result<()> {
    println!(
        "Takwin demo — the bot and a Telegram emulator in one process, on a temporary database."
    );

    step("The organiser imports the roster of El Hajeb province");
    let imported = actions::roster::import(
        &stage.state,
        &demo(),
        SAMPLE_ROSTER.as_bytes(),
        &Default::default(),
        |_, _| {},
    )
    .await?
    .map_err(|e| anyhow::anyhow!("the sample roster is refused: {e:?}"))?;
    let report = &imported.report;
    println!(
        "   {} people in {} communes and councils imported, each with a personal invitation link.",
        report.people_added, report.bodies_added
    );
    cast.check(
        report.people_added == imported.rows,
        "every row of the roster is imported",
    );

    step("An organiser of the province's HR division is appointed, and joins by link (French)");
    let organiser = person(stage, Role::ProvinceStaff, 0, Language::Fr)
        .await
        .or(person(stage, Role::ProvinceStaff, 0, Language::Ar).await)?;
    actions::roster::set_appointment(
        &stage.state,
        &demo(),
        &organiser.phone,
        Appointment::Organiser,
        true,
    )
    .await?
    .map_err(|e| anyhow::anyhow!("the organiser is refused: {e:?}"))?;
    let organiser_id = 500;
    cast.names
        .insert(organiser_id, format!("{} (organiser)", organiser.full_name));
    stage.user(organiser_id, "Organiser", Some("fr"));
    println!(
        "   👤 {} opens https://t.me/takwin_bot?start={}",
        cast.name(organiser_id),
        organiser.invite_code
    );
    stage
        .says(organiser_id, &format!("/start {}", organiser.invite_code))
        .await?;
    cast.print_news(stage);
    let linked = linked_to(stage, organiser_id).await?;
    cast.check(
        linked.map(|p| p.id) == Some(organiser.id),
        "the organiser is linked",
    );

    step("A commune president joins by personal link, in Arabic");
    let president = person(stage, Role::President, 0, Language::Ar).await?;
    let president_id = 501;
    cast.names.insert(president_id, president.full_name.clone());
    stage.user(president_id, "President", Some("ar"));
    println!("   👤 {} opens their link", cast.name(president_id));
    stage
        .says(president_id, &format!("/start {}", president.invite_code))
        .await?;
    cast.print_news(stage);
    println!("   👤 {} taps « العربية »", cast.name(president_id));
    stage.presses(president_id, "العربية").await?;
    cast.print_news(stage);
    let linked = linked_to(stage, president_id).await?;
    cast.check(
        linked.as_ref().map(|p| (p.id, p.language)) == Some((president.id, Language::Ar)),
        "the president is linked and speaks Arabic",
    );

    step("A councillor opens the bot without a link and shares their phone number, in French");
    let councillor = person(stage, Role::Councillor, 0, Language::Fr).await?;
    let councillor_id = 502;
    cast.names
        .insert(councillor_id, councillor.full_name.clone());
    stage.user(councillor_id, "Councillor", Some("fr"));
    println!("   👤 {} sends /start", cast.name(councillor_id));
    stage.says(councillor_id, "/start").await?;
    cast.print_news(stage);
    println!(
        "   👤 {} taps « share my phone number »",
        cast.name(councillor_id)
    );
    let phone = councillor.phone.as_str().trim_start_matches('+').to_owned();
    stage
        .shares_contact(councillor_id, &phone, Some(councillor_id))
        .await?;
    cast.print_news(stage);
    println!("   👤 {} taps « Français »", cast.name(councillor_id));
    stage.presses(councillor_id, "Français").await?;
    cast.print_news(stage);
    let linked = linked_to(stage, councillor_id).await?;
    cast.check(
        linked.as_ref().map(|p| (p.id, p.language)) == Some((councillor.id, Language::Fr)),
        "the councillor is linked by phone and speaks French",
    );

    step("A stranger tries to join with a number that is not in the roster");
    let stranger_id = 503;
    cast.names.insert(stranger_id, "A stranger".to_owned());
    stage.user(stranger_id, "Stranger", Some("ar"));
    stage
        .shares_contact(stranger_id, "+212699999999", Some(stranger_id))
        .await?;
    cast.print_news(stage);
    cast.check(
        linked_to(stage, stranger_id).await?.is_none(),
        "the stranger is refused",
    );
    println!("   👤 the stranger tries again with someone else's contact card");
    stage
        .shares_contact(stranger_id, president.phone.as_str(), Some(999))
        .await?;
    // The organisers' alert goes through the outbox, urgent.
    worker(stage).deliver_due().await?;
    cast.print_news(stage);
    let alerts = stage
        .received(organiser_id)
        .iter()
        .filter(|m| m.text.contains("Stranger"))
        .count();
    cast.check(alerts == 1, "the organiser is told once, not per attempt");

    step("The president tries an organiser command");
    stage.says(president_id, "/joined").await?;
    cast.print_news(stage);

    step("The organiser checks who has joined, per commune");
    stage.says(organiser_id, "/joined").await?;
    cast.print_news(stage);
    let summary = stage
        .received(organiser_id)
        .last()
        .map(|m| strip_bidi(m.as_sent()));
    let args = crate::i18n::Args::new()
        .num("joined", 3)
        .num("total", imported.rows as i64);
    let expected = strip_bidi(
        &stage
            .state
            .i18n
            .t_args(Language::Fr, "joined-summary", &args),
    );
    cast.check(
        summary.is_some_and(|s| s.starts_with(&expected)),
        "the organiser sees that three people have joined",
    );
    step("The president reads their profile");
    stage.says(president_id, "/me").await?;
    cast.print_news(stage);

    let cast_ids = Ids {
        organiser: organiser_id,
        president: president_id,
        councillor: councillor_id,
    };
    workshop(stage, cast, cast_ids, &councillor).await?;
    funding::play(stage, cast, cast_ids).await?;
    announcement::play(stage, cast, cast_ids).await?;
    digest::play(stage, cast, cast_ids).await?;
    bidi_check(stage, cast);
    Ok(())
}

/// The Telegram accounts of the demo's people.
#[derive(Clone, Copy)]
struct Ids {
    organiser: i64,
    president: i64,
    councillor: i64,
}

fn toast(text: Option<String>) {
    if let Some(text) = text {
        println!("   💬 {}", strip_bidi(&text));
    }
}

/// Journey 2: a workshop from the invitation to the evaluation and the report.
async fn workshop(
    stage: &Stage,
    cast: &mut Cast,
    ids: Ids,
    councillor: &Person,
) -> anyhow::Result<()> {
    use crate::store::workshops;

    let worker = worker(stage);
    let clock = &stage.clock;
    let now = || crate::clock::Clock::now(clock);

    step(
        "The organiser creates a workshop in chat (/new_workshop) for the presidents and councillors of El Hajeb: one seat, to show the waiting list",
    );
    let organiser = ids.organiser;
    stage.says(organiser, "/new_workshop").await?;
    stage
        .says(organiser, "Programmation du budget communal")
        .await?;
    stage.presses(organiser, "Passer").await?;
    cast.print_news(stage);
    println!("   👤 the organiser mistypes the date, and is told why");
    stage.says(organiser, "31/02/2026").await?;
    cast.print_news(stage);
    stage.says(organiser, "20/01/2026").await?;
    stage.presses(organiser, "09:00").await?;
    stage
        .says(organiser, "Siège de la province d'El Hajeb")
        .await?;
    cast.print_news(stage);
    println!("   👤 the organiser ticks two roles, then the whole province");
    stage.presses(organiser, "Présidents").await?;
    stage.presses(organiser, "Conseillers").await?;
    stage.presses(organiser, "El Hajeb ›").await?;
    stage.presses(organiser, "toute la province").await?;
    stage.presses(organiser, "Retour").await?;
    cast.print_news(stage);
    stage.presses(organiser, "Valider").await?;
    stage.says(organiser, "1").await?;
    stage.presses(organiser, "Par défaut").await?;
    stage.presses(organiser, "Par défaut").await?;
    cast.print_news(stage);
    stage.presses(organiser, "Confirmer").await?;
    cast.print_news(stage);
    let created = workshops::upcoming(&stage.state.db, now()).await?;
    cast.check(
        created.len() == 1 && created[0].capacity.get() == 1,
        "the workshop is created with one seat",
    );
    let Some(id) = created.first().map(|w| w.id) else {
        anyhow::bail!("no workshop was created");
    };
    let invited = workshops::invitees(&stage.state.db, id).await?.len();
    println!("   {invited} invited; invitations go to those who have joined.");
    worker.deliver_due().await?;
    cast.print_news(stage);

    step("The president accepts (Arabic); the councillor accepts too (French) and waits");
    toast(stage.presses(ids.president, "✅").await?);
    cast.print_news(stage);
    println!(
        "   👤 {} looks at their workshops (/my)",
        cast.name(ids.president)
    );
    stage.says(ids.president, "/my").await?;
    cast.print_news(stage);
    toast(stage.presses(ids.councillor, "✅").await?);
    cast.print_news(stage);
    stage.says(ids.organiser, "/workshops").await?;
    cast.print_news(stage);

    step("The president cannot come after all; the councillor is promoted and told");
    toast(stage.presses(ids.president, "❌").await?);
    cast.print_news(stage);
    stage.presses(ids.president, "دورة المجلس").await?;
    worker.deliver_due().await?;
    cast.print_news(stage);
    let seats = workshops::invitees(&stage.state.db, id).await?;
    let councillor_seat = seats
        .iter()
        .find(|i| i.person == councillor.id)
        .map(|i| i.seat);
    cast.check(
        councillor_seat == Some(crate::domain::workshop::SeatKind::Confirmed),
        "the councillor moved up from the waiting list",
    );

    step("Seven days before, at 09:00 local: the reminder, only to who is coming");
    clock.set(Utc.with_ymd_and_hms(2026, 1, 13, 8, 0, 0).unwrap());
    let round = worker.deliver_due().await?;
    cast.print_news(stage);
    cast.check(
        round.sent == 1 && round.skipped == 1,
        "one reminder sent, the declined one skipped",
    );

    step("On the day, 08:40 local: the organiser opens check-in; the councillor sends the code");
    clock.set(Utc.with_ymd_and_hms(2026, 1, 20, 7, 40, 0).unwrap());
    stage.says(ids.organiser, "/checkin").await?;
    stage.presses(ids.organiser, "📍").await?;
    cast.print_news(stage);
    let shown = stage
        .received(ids.organiser)
        .pop()
        .map(|m| strip_bidi(&m.text))
        .unwrap_or_default();
    let code: String = shown
        .split(|c: char| !(c.is_ascii_digit() || c == ' '))
        .map(|run| run.replace(' ', ""))
        .find(|run| run.len() == 6)
        .unwrap_or_default();
    println!("   👤 {} types {code}", cast.name(ids.councillor));
    stage.says(ids.councillor, &code).await?;
    cast.print_news(stage);
    cast.check(
        workshops::was_present(&stage.state.db, id, councillor.id).await?,
        "the councillor is marked present",
    );

    step("Someone came without an invitation: the organiser finds her by name from the roll call");
    stage.presses(ids.organiser, "📋").await?;
    stage.presses(ids.organiser, "➕").await?;
    stage.says(ids.organiser, "nadia amrani").await?;
    cast.print_news(stage);
    stage.presses(ids.organiser, "Nadia El Amrani").await?;
    cast.print_news(stage);
    let present = workshops::present_count(&stage.state.db, id).await?;
    cast.check(present == 2, "the walk-in is counted present");

    step("After the workshop: a rating request to who came, \"we missed you\" to the others");
    clock.set(Utc.with_ymd_and_hms(2026, 1, 20, 12, 0, 0).unwrap());
    worker.deliver_due().await?;
    cast.print_news(stage);
    let certificates = |chat| {
        stage
            .received(chat)
            .iter()
            .filter(|m| {
                m.document
                    .as_ref()
                    .and_then(|d| d.file_name.as_deref())
                    .is_some_and(|name| name.starts_with("certificate-"))
            })
            .count()
    };
    cast.check(
        certificates(ids.councillor) == 1 && certificates(ids.president) == 0,
        "a certificate of attendance (PDF) to the councillor who came, none to the president who did not",
    );
    stage.presses(ids.councillor, "5 ⭐").await?;
    cast.print_news(stage);
    let scores = workshops::scores(&stage.state.db, id).await?;
    cast.check(scores == [(councillor.id, 5)], "the rating is recorded");
    println!("   👤 {} adds a comment", cast.name(ids.councillor));
    stage
        .says(
            ids.councillor,
            "Très concret, merci. Plus d'exemples de budgets de communes rurales ?",
        )
        .await?;
    cast.print_news(stage);
    cast.check(
        workshops::comments(&stage.state.db, id).await?.len() == 1,
        "the comment is recorded with the rating",
    );

    println!("   👤 {} looks back (/history)", cast.name(ids.president));
    stage.says(ids.president, "/history").await?;
    cast.print_news(stage);

    step("The organiser exports the attendance report (CSV)");
    let report = workshops::attendance(&stage.state.db, Some(id), None, |_| true).await?;
    let csv = crate::report::attendance_csv(&report, |_| "Programmation du budget communal".into());
    for line in csv
        .lines()
        .filter(|l| !l.starts_with("commune") || !l.contains(",0,0,0,0,0,0,0,0"))
    {
        println!("   {line}");
    }
    // Counted by hand from the script: Agourai's president (declined) and its three
    // councillors were invited, one of whom (Samira Bouzidi) said yes and came.
    cast.check(
        csv.lines()
            .any(|l| l == "commune,,El Hajeb,Agourai,4,1,1,2,0,1,3,0,25.0,"),
        "Agourai's row matches a hand count: 4 invited, 1 yes, 1 no, 2 silent, 1 present",
    );
    cast.check(
        report.total.invited == invited as u32
            && report.total.present == 1
            && report.total.walk_ins == 1,
        "the report counts every invitee, the one present and the walk-in",
    );

    Ok(())
}

/// The delivery worker the scenes drive step by step: fast, so a scene never waits on the
/// rate.
fn worker(stage: &Stage) -> crate::outbox::sender::Deliverer {
    use crate::outbox::sender::{Deliverer, DeliveryConfig};
    Deliverer::new(
        stage.state.clone(),
        stage.bot.clone(),
        DeliveryConfig {
            rate_per_second: 1000,
            ..DeliveryConfig::default()
        },
    )
}

/// Every text shown, read as a phone lays it out.
fn bidi_check(stage: &Stage, cast: &mut Cast) {
    step("Every text shown, read as a phone lays it out");
    let problems = crate::i18n::bidi::check_shown(&stage.emulator.shown());
    for problem in &problems {
        println!("   {problem}");
    }
    cast.check(
        problems.is_empty(),
        "every Arabic line reads right to left, numbers, dates and times in order, and no \
         French text carries a bidi mark for nothing",
    );
}
