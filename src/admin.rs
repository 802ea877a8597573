//! Administration at the command line: roster import, invitation links, organisers.
//! Each action that changes something is audited under `cli:<user>`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};

use crate::actions::broadcasts::BroadcastRefusal;
use crate::actions::funding::{FundingRefusal, Recording};
use crate::actions::roster::{ImportOptions, RosterRefusal};
use crate::actions::{self, COMMAND_LINE_LANGUAGE, Caller, Refusal};
use crate::cli::{
    BroadcastCommand, ContributionsCommand, DocumentFormat, ReportFormat, TableOutput,
};
use crate::domain::audience_expression::parse_audience;
use crate::domain::broadcast::{MAX_TEXT, Versions, VersionsError, When, WhenError};
use crate::domain::ids::WorkshopId;
use crate::domain::money::Money;
use crate::domain::programme::parse_programme;
use crate::domain::roster::{Appointment, Language, Phone};
use crate::domain::roster::{Change, ChangedField, RosterRow};
use crate::domain::schedule::{CronSchedule, describe_next};
use crate::domain::workshop::{local_start, parse_date, parse_time};
use crate::domain::zone::Zone;
use crate::i18n::Args;
use crate::report::spreadsheet_text;
use crate::state::AppState;
use crate::store::broadcasts::{Reach, Standing};
use crate::store::{outbox, roster, settings};
use crate::views;
use crate::views::text::start_link;

/// A funding refusal in the command line's words: those chat shows too, in English, for a
/// refusal chat shares (a day, a text, a transfer or an approval recorded already).
fn funding_refused(state: &AppState, refusal: FundingRefusal) -> anyhow::Error {
    match refusal {
        FundingRefusal::Record(refusal) => refused(state, &refusal),
        other => anyhow::anyhow!("{other}"),
    }
}

/// An amount given with `--amount`, read by the one grammar of amounts.
fn amount_flag(input: &str) -> anyhow::Result<Money> {
    Money::parse(input).map_err(|error| anyhow::anyhow!("--amount: {error}"))
}

/// A day given with `--date`.
fn date_flag(input: &str) -> anyhow::Result<NaiveDate> {
    parse_date(input)
        .map_err(|_| anyhow::anyhow!("--date: {input:?} is not a date (31/03/2027 or 2027-03-31)"))
}

/// A refusal in the command line's words: the English text chat would show.
fn refused(state: &AppState, refusal: &impl Refusal) -> anyhow::Error {
    let text = refusal.message(&state.i18n, COMMAND_LINE_LANGUAGE);
    anyhow::anyhow!("{}", crate::i18n::strip_bidi(&text))
}

/// `takwin roster import FILE [--dry-run] [--prune] [--replace-phone OLD=NEW]`: lists every
/// change (all of them on a dry run), or every bad line; shows progress on a large file.
pub async fn import_roster(
    state: &AppState,
    file: &Path,
    options: &ImportOptions,
) -> anyhow::Result<()> {
    let input = read_file(file, &ROSTER_FILE)?;
    let progress = |done: usize, total: usize| {
        // Only a large import takes long enough to need it; on standard error, so a
        // script reading standard output gets the report alone.
        if total >= 1000 {
            eprintln!("  {done} of {total} changes written");
        }
    };
    let imported = match actions::roster::import(
        state,
        &Caller::command_line(),
        input.as_slice(),
        options,
        progress,
    )
    .await?
    {
        Ok(imported) => imported,
        Err(RosterRefusal::BadLines(errors)) => anyhow::bail!(
            "{} was not imported; nothing was changed. Fix these lines and import it again:\n{errors}",
            file.display()
        ),
        Err(RosterRefusal::Conflicts(problems)) => {
            let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
            anyhow::bail!(
                "{} was not imported; nothing was changed. It conflicts with the roster:\n{}",
                file.display(),
                lines.join("\n")
            )
        }
        Err(other) => return Err(roster_refused(&other)),
    };
    let dry_run = options.dry_run;
    // Every change on a dry run (what the organiser checks); a real run lists the ones that
    // touch someone's access: new numbers and people leaving.
    for change in &imported.plan.changes {
        if let Some(line) = describe_change(change, dry_run) {
            println!("{line}");
        }
    }
    let report = &imported.report;
    let verb = if dry_run { "would add" } else { "added" };
    println!(
        "{} read; {verb} {}, {}, {}; {} {}; {} unchanged.",
        count(imported.rows, "row", "rows"),
        count(report.provinces_added, "province", "provinces"),
        count(
            report.bodies_added,
            "commune or council",
            "communes or councils"
        ),
        count(report.people_added, "person", "people"),
        count(report.people_updated, "person", "people"),
        if dry_run {
            "would be updated"
        } else {
            "updated"
        },
        report.unchanged
    );
    if report.people_leaving > 0 {
        let verb = if dry_run { "would leave" } else { "left" };
        println!("{} people {verb} the roster.", report.people_leaving);
    }
    if dry_run {
        println!("Dry run: nothing was changed.");
    } else {
        if imported.newly_invited > 0 {
            println!(
                "{} to upcoming workshops added for people now in their audience.",
                count(imported.newly_invited, "invitation", "invitations")
            );
        }
        if imported.promoted > 0 {
            println!(
                "{} moved up from waiting lists into seats given up by people who left.",
                count(imported.promoted, "person", "people")
            );
        }
    }
    Ok(())
}

/// One change of an import in a line, for the organiser to check.
fn describe_change(change: &Change, dry_run: bool) -> Option<String> {
    let place = |row: &RosterRow| match &row.body {
        Some((_, body)) => format!("{}, {}", body.latin, row.province.latin),
        None => row.province.latin.clone(),
    };
    match change {
        Change::Add(row) if dry_run => Some(format!(
            "line {}: add {} ({}, {}, {})",
            row.line,
            row.full_name,
            row.role.code(),
            place(row),
            row.phone
        )),
        Change::Update { row, fields, .. } if dry_run || fields.contains(&ChangedField::Phone) => {
            let fields: Vec<&str> = fields.iter().map(|f| f.code()).collect();
            Some(format!(
                "line {}: {} ({}): {} change",
                row.line,
                row.full_name,
                row.phone,
                fields.join(", ")
            ))
        }
        Change::Leave {
            full_name, phone, ..
        } => Some(format!("{full_name} ({phone}) leaves the roster")),
        _ => None,
    }
}

/// A number of things in English, the command line's language: "1 person", "2 people".
fn count(n: usize, one: &str, other: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { other })
}

/// A roster refusal in the command line's words.
fn roster_refused(refusal: &RosterRefusal) -> anyhow::Error {
    match refusal {
        RosterRefusal::NotOrganiser => anyhow::anyhow!("only organisers manage the roster"),
        RosterRefusal::TooLarge => anyhow::anyhow!(
            "the file is larger than {} MB: that is not a roster (a whole country's is about 3 MB)",
            actions::roster::MAX_ROSTER_BYTES / (1024 * 1024)
        ),
        RosterRefusal::BadLines(errors) => anyhow::anyhow!("{errors}"),
        RosterRefusal::Conflicts(problems) => {
            let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
            anyhow::anyhow!("{}", lines.join("\n"))
        }
        RosterRefusal::BadPhone(phone) => {
            anyhow::anyhow!("{phone:?} is not a Moroccan phone number")
        }
        RosterRefusal::UnknownPhone(phone) => {
            anyhow::anyhow!("nobody in the roster has the phone number {phone}; import them first")
        }
    }
}

/// `takwin roster invites [--out FILE]`: one CSV row per person with their personal link.
pub async fn write_invites(
    state: &AppState,
    out: Option<&Path>,
    bot_username: Option<String>,
) -> anyhow::Result<()> {
    let username = match bot_username {
        Some(name) => name,
        None => settings::get(&state.db, settings::BOT_USERNAME)
            .await?
            .context(
                "the bot's username is not known yet: set TAKWIN_BOT_USERNAME (or --bot-username), \
                 or start the bot once with `takwin run`",
            )?,
    };
    let username = username.trim_start_matches('@').to_owned();
    let sink: Box<dyn Write> = match out {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        ),
        None => Box::new(std::io::stdout()),
    };
    let mut writer = csv::Writer::from_writer(sink);
    writer.write_record([
        "province",
        "commune",
        "full_name",
        "role",
        "phone",
        "joined",
        "link",
    ])?;
    let people = roster::all_people(&state.db).await?;
    for p in &people {
        let body = p
            .body
            .as_ref()
            .map(|(_, n)| n.latin.as_str())
            .unwrap_or_default();
        // The phone is the E.164 number the import normalised (`+212` and digits only), so it
        // cannot hold a formula; it is written as it is stored, for programs that read it back.
        writer.write_record([
            &*spreadsheet_text(&p.province.latin),
            &*spreadsheet_text(body),
            &*spreadsheet_text(&p.full_name),
            p.role.code(),
            p.phone.as_str(),
            if p.telegram_user_id.is_some() {
                "yes"
            } else {
                "no"
            },
            start_link(&username, &p.invite_code).as_str(),
        ])?;
    }
    writer.flush()?;
    if let Some(path) = out {
        eprintln!(
            "{} written to {}",
            count(people.len(), "invitation link", "invitation links"),
            path.display()
        );
    }
    Ok(())
}

/// `takwin organiser add|remove PHONE`, `takwin finance-officer add PHONE`.
pub async fn set_appointment(
    state: &AppState,
    phone: &str,
    appointment: Appointment,
    held: bool,
) -> anyhow::Result<()> {
    let phone = Phone::parse(phone)
        .map_err(|_| roster_refused(&RosterRefusal::BadPhone(phone.to_owned())))?;
    let change =
        actions::roster::set_appointment(state, &Caller::command_line(), &phone, appointment, held)
            .await?
            .map_err(|r| roster_refused(&r))?;
    let title = match appointment {
        Appointment::Organiser => "an organiser",
        Appointment::FinanceOfficer => "a finance officer",
    };
    let done = match (held, change.changed) {
        (true, true) => "is now",
        (true, false) => "was already",
        (false, true) => "is no longer",
        (false, false) => "was not",
    };
    let person = &change.person;
    println!("{} ({}) {done} {title}.", person.full_name, person.phone);
    Ok(())
}

/// `takwin organiser list`.
pub async fn list_organisers(state: &AppState) -> anyhow::Result<()> {
    let organisers = roster::organisers(&state.db).await?;
    if organisers.is_empty() {
        println!("No organisers yet: appoint one with `takwin organiser add PHONE`.");
    }
    for p in organisers {
        let joined = if p.telegram_user_id.is_some() {
            "joined"
        } else {
            "not joined yet"
        };
        println!("{}\t{}\t{}", p.phone, p.full_name, joined);
    }
    Ok(())
}

/// `takwin outbox status`.
pub async fn outbox_status(state: &AppState) -> anyhow::Result<()> {
    let now = state.clock.now();
    let status = outbox::status(&state.db, now).await?;
    for (s, n) in &status.counts {
        println!("{:<8} {n}", s.code());
    }
    match status.oldest_due {
        Some(at) => {
            let late = (now - at).num_seconds();
            let local = state
                .settings
                .timezone
                .local(at)
                .format("%Y-%m-%d %H:%M:%S");
            if late > 0 {
                println!("oldest due: {local} local ({at}), {late} s ago");
            } else {
                println!("next due: {local} local ({at})");
            }
        }
        None => println!("nothing queued"),
    }
    println!(
        "rate: {} messages in the last minute ({:.1}/s)",
        status.sent_last_minute,
        status.sent_last_minute as f64 / 60.0
    );
    Ok(())
}

/// `takwin schedule next`: the next occurrences of a cron expression, one per line, local
/// time then UTC.
pub fn schedule_next(
    expression: &str,
    zone: &str,
    count: usize,
    from: Option<&str>,
) -> anyhow::Result<()> {
    let schedule = CronSchedule::parse(expression)?;
    let zone = Zone::named(zone)?;
    let from = match from {
        Some(text) => DateTime::parse_from_rfc3339(text)
            .with_context(|| {
                format!("--from {text:?} is not an RFC 3339 instant, e.g. 2026-12-01T08:00:00Z")
            })?
            .with_timezone(&Utc),
        None => Utc::now(),
    };
    for line in describe_next(&schedule, &zone, from, count) {
        println!("{line}");
    }
    Ok(())
}

/// `takwin workshop import FILE [--dry-run]`: all or nothing, every bad line named.
pub async fn import_workshops(state: &AppState, file: &Path, dry_run: bool) -> anyhow::Result<()> {
    let input = read_file(file, &PROGRAMME_FILE)?;
    let now = state.clock.now();
    let places = roster::known_places(&state.db).await?;
    let workshops = match parse_programme(input.as_slice(), &state.settings.timezone, now, &places)
    {
        Ok(workshops) => workshops,
        Err(errors) => {
            let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
            anyhow::bail!(
                "{} was not imported; nothing was changed. Fix these lines and import it again:\n{}",
                file.display(),
                lines.join("\n")
            );
        }
    };
    if dry_run {
        println!(
            "{} read; dry run: nothing was changed.",
            count(workshops.len(), "workshop", "workshops")
        );
        return Ok(());
    }
    let created = actions::workshops::create(state, &Caller::command_line(), &workshops)
        .await?
        .map_err(|r| refused(state, &r))?;
    for (created, workshop) in created.iter().zip(&workshops) {
        let local = state.settings.timezone.local(workshop.starts_at);
        println!(
            "workshop {}: {} on {}, {} invited, {} queued (the others get theirs when they \
             join)",
            created.id,
            workshop.title,
            local.format("%Y-%m-%d %H:%M"),
            created.invited,
            count(created.queued, "invitation", "invitations"),
        );
        if created.unreachable > 0 {
            println!(
                "  {}: their invitations go if they write to us again",
                count(
                    created.unreachable,
                    "invitee blocked the bot",
                    "invitees blocked the bot"
                )
            );
        }
    }
    Ok(())
}

/// `takwin workshop move ID --date D --time T`: refused as chat refuses it (a cancelled or
/// started workshop, a start in the past).
pub async fn move_workshop(
    state: &AppState,
    id: i64,
    date: &str,
    time: &str,
) -> anyhow::Result<()> {
    let now = state.clock.now();
    let zone = &state.settings.timezone;
    let date = parse_date(date).map_err(|e| anyhow::anyhow!("--date: {e}"))?;
    let time = parse_time(time).map_err(|e| anyhow::anyhow!("--time: {e}"))?;
    let starts_at = local_start(date, time, zone, now).map_err(|e| anyhow::anyhow!("{e}"))?;
    let id = WorkshopId::new(id);
    let moved = actions::workshops::move_to(state, &Caller::command_line(), id, starts_at)
        .await?
        .map_err(|r| refused(state, &r))?;
    say_told(id, &format!("moved to {date} {time}"), moved.told);
    Ok(())
}

/// What a change of a workshop did: «workshop 12 cancelled; 40 invitees will be told».
fn say_told(id: WorkshopId, what: &str, told: usize) {
    println!(
        "workshop {id} {what}; {} will be told",
        count(told, "invitee", "invitees")
    );
}

/// `takwin workshop cancel ID`: refused as chat refuses it.
pub async fn cancel_workshop(state: &AppState, id: i64) -> anyhow::Result<()> {
    let id = WorkshopId::new(id);
    let cancelled = actions::workshops::cancel(state, &Caller::command_line(), id)
        .await?
        .map_err(|r| refused(state, &r))?;
    say_told(id, "cancelled", cancelled.told);
    Ok(())
}

/// `takwin contributions import|pay|approve|correct-payment|correct-approval|campaign-…`.
pub async fn contributions(state: &AppState, command: ContributionsCommand) -> anyhow::Result<()> {
    let caller = Caller::command_line();
    match command {
        ContributionsCommand::Import { file, dry_run } => {
            let data = read_file(&file, &CONTRIBUTIONS_FILE)?;
            let (lines, report) =
                match actions::funding::import_contributions(state, &caller, &data, dry_run).await?
                {
                    Ok(done) => done,
                    Err(refusal) => anyhow::bail!(
                        "{} was not imported; nothing was changed. Fix these lines and import it \
                         again:\n{refusal}",
                        file.display()
                    ),
                };
            let verb = if dry_run { "would set" } else { "set" };
            println!(
                "{lines} lines read; {verb} {} new contributions, {} changed; {} unchanged.",
                report.added, report.changed, report.unchanged
            );
            if dry_run {
                println!("Dry run: nothing was changed.");
            }
        }
        ContributionsCommand::CampaignStart {
            cron,
            sessions_cron,
            council_sessions_cron,
            escalate_after,
            escalation_delay,
        } => {
            let campaign = actions::funding::Campaign {
                cron,
                sessions_cron,
                council_sessions_cron,
                escalate_after,
                escalation_delay,
            };
            let next = actions::funding::start_campaign_with(state, &caller, &campaign)
                .await?
                .map_err(|refusal| anyhow::anyhow!("{refusal}"))?;
            println!("The funding campaign runs; its next reminders (local time, then UTC):");
            for line in next {
                println!("  {line}");
            }
        }
        ContributionsCommand::CampaignClose => {
            if actions::funding::close_campaign(state, &caller).await? {
                println!("The funding campaign is closed: nothing more is sent.");
            } else {
                println!("No funding campaign was running.");
            }
        }
        ContributionsCommand::PaymentInstructions {
            language,
            text,
            file,
            clear,
            show,
        } => payment_instructions(state, &caller, language, text, file, clear, show).await?,
        ContributionsCommand::Pay {
            province,
            commune,
            amount,
            date,
            reference,
        } => {
            let (amount, paid_on) = (amount_flag(&amount)?, date_flag(&date)?);
            let recorded = actions::funding::record_payment(
                state, &caller, &province, &commune, amount, paid_on, &reference,
            )
            .await?
            .map_err(|refusal| funding_refused(state, refusal))?;
            match recorded {
                Recording::Recorded(p) => println!(
                    "{} DH paid by {commune} ({province}) on {} (reference {}) recorded as \
                     verified.",
                    p.amount, p.paid_on, p.reference
                ),
                Recording::Already(p) => println!(
                    "Already recorded: {} DH paid by {commune} ({province}) on {} (reference {}), \
                     {}. Nothing was added.",
                    p.amount,
                    p.paid_on,
                    p.reference,
                    p.verification.code()
                ),
            }
        }
        ContributionsCommand::Approve {
            province,
            commune,
            date,
            session,
            decision,
        } => {
            let approved_on = date_flag(&date)?;
            let recorded = actions::funding::record_approval(
                state,
                &caller,
                &province,
                &commune,
                approved_on,
                session.as_deref(),
                decision.as_deref(),
            )
            .await?
            .map_err(|refusal| funding_refused(state, refusal))?;
            match recorded {
                Recording::Recorded(a) => println!(
                    "The agreement's approval by {commune} ({province}) on {} is recorded.",
                    a.approved_on
                ),
                Recording::Already(a) => println!(
                    "Already recorded: the agreement's approval by {commune} ({province}) on {}, \
                     {}. Nothing was added.",
                    a.approved_on,
                    a.verification.code()
                ),
            }
        }
        ContributionsCommand::CorrectPayment {
            province,
            commune,
            reference,
            amount,
            date,
        } => {
            let amount = amount.as_deref().map(amount_flag).transpose()?;
            let paid_on = date.as_deref().map(date_flag).transpose()?;
            let (before, after) = actions::funding::correct_payment(
                state, &caller, &province, &commune, &reference, amount, paid_on,
            )
            .await?
            .map_err(|refusal| funding_refused(state, refusal))?;
            println!(
                "Transfer {} of {commune} ({province}) corrected: {} DH on {} (was {} DH on {}); \
                 still {}. The correction is in the audit log.",
                after.reference,
                after.amount,
                after.paid_on,
                before.amount,
                before.paid_on,
                after.verification.code()
            );
        }
        ContributionsCommand::CorrectApproval {
            province,
            commune,
            date,
            session,
            decision,
        } => {
            let approved_on = date.as_deref().map(date_flag).transpose()?;
            let (before, after) = actions::funding::correct_approval(
                state,
                &caller,
                &province,
                &commune,
                approved_on,
                session.as_deref(),
                decision.as_deref(),
            )
            .await?
            .map_err(|refusal| funding_refused(state, refusal))?;
            let describe = |a: &crate::domain::funding::Approval| {
                let mut text = a.approved_on.to_string();
                if let Some(session) = &a.session {
                    text.push_str(&format!(", session {session}"));
                }
                if let Some(decision) = &a.decision {
                    text.push_str(&format!(", decision {decision}"));
                }
                text
            };
            println!(
                "The agreement's approval by {commune} ({province}) corrected: {} (was {}); \
                 still {}. The correction is in the audit log.",
                describe(&after),
                describe(&before),
                after.verification.code()
            );
        }
    }
    Ok(())
}

/// `takwin report contributions`.
pub async fn contributions_report(
    state: &AppState,
    province: Option<&str>,
    output: &TableOutput,
) -> anyhow::Result<()> {
    let caller = Caller::command_line();
    let lines = actions::reports::contributions_report(state, &caller, province)
        .await?
        .map_err(|r| refused(state, &r))?;
    write_table(
        output,
        || crate::report::contributions_csv(&lines),
        || crate::report::contributions_json(&lines),
    )
}

/// Writes a tabular report in the format asked: CSV as built, JSON as people read it (pretty,
/// ending with a line break).
fn write_table(
    output: &TableOutput,
    csv: impl FnOnce() -> String,
    json: impl FnOnce() -> serde_json::Value,
) -> anyhow::Result<()> {
    let text = match output.format {
        ReportFormat::Csv => csv(),
        ReportFormat::Json => {
            let mut text = serde_json::to_string_pretty(&json())?;
            text.push('\n');
            text
        }
    };
    write_report(&text, output.out.as_deref())
}

/// Writes a report to a file, or to standard output.
fn write_report(text: &str, out: Option<&Path>) -> anyhow::Result<()> {
    match out {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
        }
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

/// `takwin report programme`: the report as PDF or HTML, written to a file; the pages'
/// progress on standard error for a large programme.
pub async fn programme_report(
    state: &AppState,
    asked: &ProgrammeReportArgs<'_>,
) -> anyhow::Result<()> {
    let language = Language::parse(asked.language)
        .map_err(|_| anyhow::anyhow!("--language: {:?} is not ar, fr or en", asked.language))?;
    let day = |flag: &str, value: Option<&str>| {
        value
            .map(|v| parse_date(v).map_err(|e| anyhow::anyhow!("--{flag}: {e}")))
            .transpose()
    };
    let scope = actions::reports::Scope {
        province: asked.province.map(str::to_owned),
        from: day("from", asked.from)?,
        to: day("to", asked.to)?,
    };
    let report = actions::reports::programme_report(state, &Caller::command_line(), &scope)
        .await?
        .map_err(|r| refused(state, &r))?;
    let words = views::charts::Words {
        i18n: &state.i18n,
        language,
    };
    let document = views::programme_report::document(words, &report, &state.settings.timezone);
    let bytes = match asked.format {
        DocumentFormat::Html => document.html().into_bytes(),
        DocumentFormat::Pdf => document.pdf(|done, total| {
            // Only a long report needs it; on standard error, so the file alone is output.
            if total >= 20 && (done % 10 == 0 || done == total) {
                eprintln!("page {done} of {total}");
            }
        })?,
    };
    std::fs::write(asked.out, &bytes)
        .with_context(|| format!("cannot write {}", asked.out.display()))?;
    println!(
        "programme report written to {} ({} workshops held)",
        asked.out.display(),
        report.held.len()
    );
    Ok(())
}

/// What `takwin report programme` was asked.
pub struct ProgrammeReportArgs<'a> {
    pub format: DocumentFormat,
    pub province: Option<&'a str>,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub language: &'a str,
    pub out: &'a Path,
}

/// `takwin report evaluations`.
pub async fn evaluation_report(
    state: &AppState,
    workshop: Option<i64>,
    output: &TableOutput,
) -> anyhow::Result<()> {
    let caller = Caller::command_line();
    let rows = actions::reports::evaluation_report(state, &caller, workshop.map(WorkshopId::new))
        .await?
        .map_err(|r| refused(state, &r))?;
    let zone = &state.settings.timezone;
    write_table(
        output,
        || crate::report::evaluations_csv(&rows, zone),
        || crate::report::evaluations_json(&rows, zone),
    )
}

/// `takwin report attendance`.
pub async fn attendance_report(
    state: &AppState,
    workshop: Option<i64>,
    province: Option<&str>,
    output: &TableOutput,
) -> anyhow::Result<()> {
    let caller = Caller::command_line();
    let workshop = workshop.map(WorkshopId::new);
    let (report, titles) = actions::reports::attendance_report(state, &caller, workshop, province)
        .await?
        .map_err(|r| refused(state, &r))?;
    let title = |id: WorkshopId| titles.get(&id).cloned().unwrap_or_default();
    write_table(
        output,
        || crate::report::attendance_csv(&report, title),
        || crate::report::attendance_json(&report, title),
    )
}

/// `takwin report training`: one row per official.
pub async fn training_report(
    state: &AppState,
    province: Option<&str>,
    output: &TableOutput,
) -> anyhow::Result<()> {
    let caller = Caller::command_line();
    let lines = actions::training::training_report(state, &caller, province)
        .await?
        .map_err(|r| refused(state, &r))?;
    write_table(
        output,
        || crate::report::training_csv(&lines),
        || crate::report::training_json(&lines),
    )
}

/// `takwin certificate verify CODE`: whose certificate it is, or the refusal (and a non-zero
/// exit).
pub async fn verify_certificate(state: &AppState, code: &str) -> anyhow::Result<()> {
    let caller = Caller::command_line();
    let found = actions::training::verify(state, &caller, code)
        .await?
        .map_err(|r| refused(state, &r))?;
    let l = COMMAND_LINE_LANGUAGE;
    let zone = &state.settings.timezone;
    let title = views::certificate::person_title(state, l, &found.person);
    // An organiser may have unticked the person since: the paper no longer stands.
    let standing = match found.still_present {
        true => "valid",
        false => "NOT VALID: the attendance it certifies is no longer recorded",
    };
    println!("Certificate {}: {standing}", found.code);
    println!(
        "  issued to: {} ({})",
        found.person.full_name,
        crate::i18n::strip_bidi(&title)
    );
    println!("  workshop:  {}", found.workshop.title);
    println!(
        "  date:      {}",
        state
            .i18n
            .format_datetime(l, found.workshop.starts_at, zone)
    );
    println!("  place:     {}", found.workshop.venue);
    println!(
        "  issued on: {}",
        state
            .i18n
            .format_date(l, zone.local(found.issued_at).date())
    );
    Ok(())
}

/// The largest text file an announcement is read from: far above Telegram's 4,096
/// characters, so that a file chosen by mistake (a PDF, a spreadsheet) is refused unread.
const MAX_TEXT_FILE: u64 = 256 * 1024;

/// A kind of file the command line reads, and how large one may be: each limit is far above
/// the largest real file, so only a wrong file is refused, before it is read into memory.
struct FileKind {
    /// What the file is, in the refusal: "the roster file".
    what: &'static str,
    /// The most bytes read.
    max: u64,
    /// How large such a file really is, said beside the limit.
    usual: &'static str,
    /// What a refusal leaves as it was.
    unchanged: &'static str,
}

const ROSTER_FILE: FileKind = FileKind {
    what: "roster",
    max: actions::roster::MAX_ROSTER_BYTES,
    usual: "a whole country's is about 3 MB",
    unchanged: "nothing was changed",
};

const PROGRAMME_FILE: FileKind = FileKind {
    what: "programme",
    max: 5 * 1024 * 1024,
    usual: "a term's workshops take a few kilobytes",
    unchanged: "nothing was changed",
};

const CONTRIBUTIONS_FILE: FileKind = FileKind {
    what: "contributions",
    max: 5 * 1024 * 1024,
    usual: "the 1,500 bodies of the whole country take about 100 KB",
    unchanged: "nothing was changed",
};

const TEXT_FILE: FileKind = FileKind {
    what: "announcement's text",
    max: MAX_TEXT_FILE,
    usual: "Telegram takes 4,096 characters",
    unchanged: "nothing was sent",
};

/// Reads a file given on the command line, bounded before a byte is read: it must be a
/// regular file (a device or a pipe may never end, and opening a pipe may wait for ever) no
/// larger than its kind's limit, checked again while reading in case it grows meanwhile.
fn read_file(path: &Path, kind: &FileKind) -> anyhow::Result<Vec<u8>> {
    use std::io::Read;
    let (shown, what, unchanged) = (path.display(), kind.what, kind.unchanged);
    let metadata =
        std::fs::metadata(path).with_context(|| format!("cannot read the {what} file {shown}"))?;
    if !metadata.is_file() {
        let is = if metadata.is_dir() {
            "a folder"
        } else {
            "not a regular file (a device, a pipe or a socket)"
        };
        anyhow::bail!("{shown} is {is}: give the {what} file itself, saved on disk; {unchanged}");
    }
    let too_large = || {
        anyhow::anyhow!(
            "{shown} is larger than {}: that is not a {what} file ({}); {unchanged}",
            describe_bytes(kind.max),
            kind.usual
        )
    };
    if metadata.len() > kind.max {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .with_context(|| format!("cannot open the {what} file {shown}"))?
        .take(kind.max + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read the {what} file {shown}"))?;
    if bytes.len() as u64 > kind.max {
        return Err(too_large());
    }
    Ok(bytes)
}

/// A size limit as people say it: `256 KB`, `20 MB`.
fn describe_bytes(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MB", bytes / (1024 * 1024))
    } else {
        format!("{} KB", bytes / 1024)
    }
}

/// `takwin contributions payment-instructions`: sets, clears or shows the texts.
async fn payment_instructions(
    state: &AppState,
    caller: &Caller,
    language: Option<String>,
    text: Option<String>,
    file: Option<PathBuf>,
    clear: bool,
    show: bool,
) -> anyhow::Result<()> {
    if show {
        for language in Language::ALL {
            let text = crate::store::funding::payment_instructions(&state.db, language).await?;
            match text {
                Some(text) => println!("[{language}]\n{text}\n"),
                None => println!("[{language}] (none set: the messages say it in general terms)\n"),
            }
        }
        return Ok(());
    }
    let language = Language::parse(language.as_deref().unwrap_or_default())
        .map_err(|e| anyhow::anyhow!("--language: {e}"))?;
    let text = match (text, file) {
        (Some(text), _) => Some(text),
        (None, Some(file)) => Some(read_text_file(&file)?),
        (None, None) if clear => None,
        (None, None) => anyhow::bail!("give --text, --file or --clear (or --show)"),
    };
    actions::funding::set_payment_instructions(state, caller, language, text.as_deref())
        .await?
        .map_err(|r| refused(state, &r))?;
    match text {
        Some(_) => println!("The payment instructions in {language} are set."),
        None => println!("The payment instructions in {language} are back to the general text."),
    }
    Ok(())
}

/// Reads one announcement text file: UTF-8, not too large.
fn read_text_file(path: &Path) -> anyhow::Result<String> {
    let bytes = read_file(path, &TEXT_FILE)?;
    String::from_utf8(bytes).map_err(|_| {
        anyhow::anyhow!(
            "{} is not UTF-8 text: save it as plain UTF-8 text; nothing was sent",
            path.display()
        )
    })
}

/// The texts of `--text-file` (in the default language) or `--text-dir` (ar.txt, fr.txt,
/// en.txt; the default language's first, then the others in that order).
fn read_texts(
    state: &AppState,
    file: Option<&Path>,
    file_language: Language,
    dir: Option<&Path>,
) -> anyhow::Result<Vec<(Language, String)>> {
    let default = state.settings.default_language;
    if let Some(file) = file {
        return Ok(vec![(file_language, read_text_file(file)?)]);
    }
    let Some(dir) = dir else {
        anyhow::bail!("give --text-file or --text-dir");
    };
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the folder {}", dir.display()))?
    {
        names.push(entry?.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    let known: Vec<String> = Language::ALL
        .iter()
        .map(|l| format!("{}.txt", l.code()))
        .collect();
    if let Some(other) = names.iter().find(|n| !known.contains(n)) {
        anyhow::bail!(
            "{}: {other:?} is not a text of the announcement (ar.txt, fr.txt or en.txt only); \
             nothing was sent",
            dir.display()
        );
    }
    let mut order = vec![default];
    order.extend(Language::ALL.into_iter().filter(|l| *l != default));
    let mut texts = Vec::new();
    for language in order {
        let path = dir.join(format!("{}.txt", language.code()));
        if path.exists() {
            texts.push((language, read_text_file(&path)?));
        }
    }
    if texts.is_empty() {
        anyhow::bail!(
            "{} holds no ar.txt, fr.txt or en.txt; nothing was sent",
            dir.display()
        );
    }
    Ok(texts)
}

/// An instant with its local day name, then UTC: a misread schedule shows at once.
fn local_with_day(state: &AppState, at: DateTime<Utc>) -> String {
    format!(
        "{} ({} UTC)",
        state
            .settings
            .timezone
            .local(at)
            .format("%A %d/%m/%Y %H:%M"),
        at.format("%Y-%m-%d %H:%M")
    )
}

/// `takwin broadcast send|list|cancel`.
pub async fn broadcast(state: &AppState, command: BroadcastCommand) -> anyhow::Result<()> {
    let caller = Caller::command_line();
    match command {
        BroadcastCommand::Send {
            audience,
            text_file,
            language,
            text_dir,
            at,
            cron,
            dry_run,
        } => {
            let language = match language {
                Some(code) => Language::parse(&code)?,
                None => state.settings.default_language,
            };
            let texts = read_texts(state, text_file.as_deref(), language, text_dir.as_deref())?;
            let versions = Versions::new(texts, MAX_TEXT).map_err(|e| {
                let (key, args) = match &e {
                    VersionsError::Text { error, .. } => views::broadcast::text_refusal(error),
                    _ => ("broadcast-refused-empty", Args::new()),
                };
                let reason =
                    crate::i18n::strip_bidi(&state.i18n.plain(COMMAND_LINE_LANGUAGE, key, &args));
                anyhow::anyhow!("{reason}\n{e}; nothing was sent")
            })?;
            let places = roster::known_places(&state.db).await?;
            let parsed = parse_audience(&audience, &places).map_err(|e| {
                anyhow::anyhow!("{e}; nothing was sent (see README, \"Announcements\")")
            })?;
            let now = state.clock.now();
            let zone = &state.settings.timezone;
            // The flag is named with what is wrong with it; a time past and a schedule that
            // never fires say it as chat does.
            let refused_when = |flag: &str, input: &str, error: WhenError| {
                let reason = match error {
                    WhenError::InThePast => refused(state, &BroadcastRefusal::InThePast),
                    WhenError::NeverFires => refused(state, &BroadcastRefusal::NeverFires),
                    other => anyhow::anyhow!("{other}"),
                };
                anyhow::anyhow!("{flag} {input:?}: {reason}; nothing was scheduled")
            };
            let when = match (at, cron) {
                (Some(at), _) => {
                    When::at(&at, zone, now).map_err(|e| refused_when("--at", &at, e))?
                }
                (None, Some(cron)) => {
                    When::every(&cron, zone, now).map_err(|e| refused_when("--cron", &cron, e))?
                }
                (None, None) => When::Now,
            };
            if dry_run {
                let preview = actions::broadcasts::preview(state, &caller, &parsed, &versions)
                    .await?
                    .map_err(|r| refused(state, &r))?;
                print_reach(&preview.reach);
                for (language, html, getting) in &preview.messages {
                    println!(
                        "--- {} ({}) ---",
                        language.code(),
                        count(*getting, "recipient", "recipients")
                    );
                    println!("{html}");
                }
                match &when {
                    When::Now => println!("It would go now."),
                    When::At(at) => println!("It would go on {}.", local_with_day(state, *at)),
                    When::Every(cron) => {
                        println!("It would go every {}, next:", cron.expression());
                        for at in cron.occurrences_after(zone, now).take(3) {
                            println!("  {}", local_with_day(state, at));
                        }
                    }
                }
                println!("Dry run: nothing was sent.");
                return Ok(());
            }
            let sent = actions::broadcasts::send(
                state, &caller, &audience, &parsed, &versions, None, &when,
            )
            .await?
            .map_err(|r| refused(state, &r))?;
            println!("announcement {}:", sent.id);
            print_reach(&sent.reach);
            match &when {
                When::Now => println!(
                    "{} queued now.",
                    count(sent.queued as usize, "message", "messages")
                ),
                When::At(at) => println!("It goes on {}.", local_with_day(state, *at)),
                When::Every(cron) => {
                    println!("It goes every {}, next:", cron.expression());
                    for at in &sent.next {
                        println!("  {}", local_with_day(state, *at));
                    }
                }
            }
        }
        BroadcastCommand::List => {
            let listed = actions::broadcasts::list(state, &caller, 50)
                .await?
                .map_err(|r| refused(state, &r))?;
            if listed.is_empty() {
                println!("No announcement yet.");
            }
            for item in listed {
                let b = &item.broadcast;
                let f = &item.figures;
                let status = match item.standing() {
                    Standing::Cancelled(at) => format!("cancelled {}", local_with_day(state, at)),
                    Standing::Recurring(next) => format!(
                        "every {}, next {}",
                        b.cron.as_deref().unwrap_or_default(),
                        local_with_day(state, next)
                    ),
                    Standing::Scheduled(next) => {
                        format!("scheduled {}", local_with_day(state, next))
                    }
                    Standing::Done => "done".to_owned(),
                    Standing::Sending => "sending".to_owned(),
                };
                println!(
                    "{}\t{}\t{status}\tqueued {}, sent {}, failed {}, blocked {}, skipped {}; \
                     {} in the audience when written, {} of them unreachable",
                    b.id,
                    b.audience_label,
                    f.queued,
                    f.sent,
                    f.failed,
                    f.blocked,
                    f.skipped,
                    b.reach.0,
                    b.reach.1
                );
            }
        }
        BroadcastCommand::Cancel { id } => {
            let dropped = actions::broadcasts::cancel(state, &caller, id)
                .await?
                .map_err(|r| refused(state, &r))?;
            println!(
                "announcement {id} is cancelled: {} not sent.",
                count(dropped as usize, "queued message", "queued messages")
            );
        }
    }
    Ok(())
}

fn print_reach(reach: &Reach) {
    println!(
        "{} in the audience, {} cannot be reached (not joined, or blocked the bot).",
        count(reach.people, "person", "people"),
        reach.unreachable
    );
}
