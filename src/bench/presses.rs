//! `takwin bench presses`: an update storm. N officials, all invited to one workshop whose
//! invitations they received, press its answer buttons M times in all (yes, no, yes, …:
//! every press changes their answer) through the real path: the update is received (long
//! polling, or webhook deliveries to `takwin run` processes), handled, decided in the
//! database, the message's buttons edited and the press answered. Each official presses
//! again once their previous press is answered, as a person would, so N presses are in
//! flight at once. Time runs, per press, from the instant the emulator queued the update
//! to the instant it received the bot's answerCallbackQuery. One JSON object on standard
//! output.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use serde::Serialize;
use sqlx::Row as _;
use teloxide::Bot;

use super::{BenchDatabase, backend_name, round, synthetic_roster, workshop_for_everyone};
use crate::actions::{self, Caller, Refusal as _};
use crate::app;
use crate::cli::{BenchBackend, BenchPressesArgs};
use crate::domain::ids::WorkshopId;
use crate::outbox::sender::{Deliverer, DeliveryConfig};
use crate::state::AppState;
use crate::views::buttons::Action;
use bot_api_emulator::{AnsweredPress, Emulator, EmulatorConfig, NewUser};

/// How long the storm waits for any answer before it calls the rest unanswered.
const PATIENCE: Duration = Duration::from_secs(30);
/// How long setting up (the invitations' delivery, a replica's start) may take.
const SETUP_PATIENCE: Duration = Duration::from_secs(300);
/// The webhook's public URL and secret the replicas register; the emulator, playing the load
/// balancer, posts to each replica's listen address under this path.
const WEBHOOK_URL: &str = "http://takwin.test/telegram";
const WEBHOOK_SECRET: &str = "bench-presses-secret";

/// The JSON printed at the end.
#[derive(Debug, Serialize)]
pub struct Report {
    pub officials: u32,
    pub presses: u32,
    pub backend: &'static str,
    pub replicas: u32,
    /// `polling` (the bot in this process) or `webhook` (`takwin run` processes).
    pub mode: &'static str,
    /// Presses offered per second; 0: each official again as soon as answered.
    pub offered_rate: u32,
    /// From the first press queued to the last answer received.
    pub seconds: f64,
    pub presses_per_second: f64,
    /// From a press queued to its answer received.
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    /// Presses answered with a toast (the answer taken).
    pub answered: u32,
    /// Presses answered with an alert: refused, so no decision was made. Must be 0.
    pub refused: u32,
    /// Presses never answered within the patience. Must be 0.
    pub unanswered: u32,
    /// Presses the emulator would not make (the button was not shown). Must be 0.
    pub failed: u32,
    /// Edits of the invitations' buttons received: one per press.
    pub edits: u64,
    /// Officials whose answer in the database is not their last press's. Must be 0.
    pub decisions_mismatched: u32,
}

impl Report {
    /// What went wrong, if anything: the figures are only worth reading without it.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (count, what) in [
            (self.refused, "presses were refused"),
            (self.unanswered, "presses were never answered"),
            (self.failed, "presses could not be made"),
            (
                self.decisions_mismatched,
                "decisions differ from the last press",
            ),
        ] {
            if count > 0 {
                problems.push(format!("{count} {what}"));
            }
        }
        if self.edits != u64::from(self.presses) {
            problems.push(format!("{} edits for {} presses", self.edits, self.presses));
        }
        problems
    }
}

/// Runs `takwin bench presses` and prints its JSON report on standard output.
pub async fn presses(args: &BenchPressesArgs) -> anyhow::Result<()> {
    check(args)?;
    let report = BenchDatabase::around(args.backend, async |url| run(url, args).await).await?;
    println!("{}", serde_json::to_string_pretty(&report)?);
    let problems = report.problems();
    anyhow::ensure!(
        problems.is_empty(),
        "the run is not clean: {}",
        problems.join("; ")
    );
    Ok(())
}

fn check(args: &BenchPressesArgs) -> anyhow::Result<()> {
    anyhow::ensure!(
        (1..10_000_000).contains(&args.officials),
        "--officials must be 1 to 9999999"
    );
    anyhow::ensure!(args.presses > 0, "--presses must be at least 1");
    anyhow::ensure!(args.replicas > 0, "--replicas must be at least 1");
    anyhow::ensure!(
        args.webhook || args.replicas == 1,
        "--replicas {} needs --webhook: with long polling only one replica takes updates",
        args.replicas
    );
    anyhow::ensure!(
        args.backend == BenchBackend::Postgres || args.replicas == 1,
        "--replicas {} needs --backend postgres: replicas share a PostgreSQL server, not a \
         SQLite file",
        args.replicas
    );
    Ok(())
}

/// One run on its own database: set up, storm, check.
pub async fn run(database_url: &str, args: &BenchPressesArgs) -> anyhow::Result<Report> {
    let state = super::state(database_url).await?;
    eprintln!(
        "set-up: {} officials, one workshop for all …",
        args.officials
    );
    let (workshop, people) = invite_everyone(&state, args.officials).await?;
    let backends: Vec<SocketAddr> = match args.webhook {
        true => (0..args.replicas).map(|_| free_addr()).collect(),
        false => Vec::new(),
    };
    let emu = Emulator::start(EmulatorConfig {
        // Handling is measured, not Telegram's pacing: no flood limits (off by default).
        insecure_webhooks: args.webhook,
        webhook_backends: backends.clone(),
        ..EmulatorConfig::default()
    })
    .await?;
    for (_, chat) in &people {
        emu.add_user(NewUser::new(*chat, "Élu").language("fr"));
    }
    deliver_invitations(&state, &emu, people.len()).await?;
    let mut officials = officials(&emu, workshop, &people, args.presses)?;

    let bot = Bot::new(emu.token()).set_api_url(emu.api_url());
    let bench = BotUnderTest::start(&state, bot, &emu, database_url, &backends).await?;
    eprintln!("storm: {} presses …", args.presses);
    let storm = match args.rate {
        0 => storm(&emu, &mut officials).await,
        rate => offered_storm(&emu, &mut officials, rate).await,
    };
    // The last presses' edits may still be on their way after their answers.
    let edits = wait_edits(&emu, args.presses).await;
    bench.stop().await;
    let storm = storm?;
    let mismatched = mismatched(&state, workshop, &officials).await?;
    let (answered, refused) = answers(&emu, &storm.updates);
    state.db.pool.close().await;
    emu.shutdown().await;

    Ok(Report {
        officials: args.officials,
        presses: args.presses,
        backend: backend_name(args.backend),
        replicas: args.replicas,
        mode: if args.webhook { "webhook" } else { "polling" },
        offered_rate: args.rate,
        seconds: round(storm.seconds, 3),
        presses_per_second: round(storm.delays.len() as f64 / storm.seconds, 0),
        p50_ms: percentile_ms(&storm.delays, 0.50),
        p99_ms: percentile_ms(&storm.delays, 0.99),
        max_ms: percentile_ms(&storm.delays, 1.0),
        answered,
        refused,
        unanswered: storm.unanswered,
        failed: storm.failed,
        edits,
        decisions_mismatched: mismatched,
    })
}

/// A synthetic roster of `n` officials, all joined, and one workshop inviting them all, its
/// invitations queued as Confirm queues them. Returns the workshop and each official's
/// person id and chat.
async fn invite_everyone(
    state: &AppState,
    n: u32,
) -> anyhow::Result<(WorkshopId, Vec<(i64, i64)>)> {
    let organiser = Caller {
        label: "bench".into(),
        person: None,
        organiser: true,
        finance_officer: false,
    };
    synthetic_roster(state, &organiser, n).await?;
    // Every yes is a confirmed seat: the storm measures answers, not the waiting list.
    let new = workshop_for_everyone(&state.settings.timezone, state.clock.now())?;
    let created = actions::workshops::create(state, &organiser, std::slice::from_ref(&new))
        .await?
        .map_err(|refusal| anyhow::anyhow!("refused: {}", refusal.key()))?;
    let people = sqlx::query("SELECT id, telegram_user_id FROM people ORDER BY id")
        .fetch_all(&state.db.pool)
        .await?
        .iter()
        .map(|row| (row.get::<i64, _>(0), row.get::<i64, _>(1)))
        .collect();
    Ok((created[0].id, people))
}

/// Delivers what is due (the invitations) through the delivery engine, as fast as the
/// emulator takes them, then stops it.
async fn deliver_invitations(state: &AppState, emu: &Emulator, n: usize) -> anyhow::Result<()> {
    let bot = Bot::new(emu.token()).set_api_url(emu.api_url());
    let deliverer = Arc::new(Deliverer::new(
        state.clone(),
        bot,
        DeliveryConfig {
            rate_per_second: 1000,
            paid_broadcast: true,
            quiet_hours: None,
            ..DeliveryConfig::default()
        },
    ));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let delivery = tokio::spawn(deliverer.run(stopped));
    let delivered = emu
        .wait_for(SETUP_PATIENCE, |e| {
            (e.stats().sent >= n as u64).then_some(())
        })
        .await
        .context("the invitations were not all delivered");
    let _ = stop.send(true);
    let _ = delivery.await;
    delivered
}

/// One official in the storm.
#[derive(Debug)]
pub struct Official {
    person: i64,
    chat: i64,
    /// Their invitation message, and its buttons' data.
    message_id: i32,
    yes: String,
    no: String,
    /// Presses left to make.
    left: u32,
    /// Their last press: yes (true) or no.
    last: Option<bool>,
}

/// Each official with their invitation, and their share of the `presses`.
fn officials(
    emu: &Emulator,
    workshop: WorkshopId,
    people: &[(i64, i64)],
    presses: u32,
) -> anyhow::Result<Vec<Official>> {
    let (yes, no) = (rsvp(workshop, true), rsvp(workshop, false));
    let n = people.len() as u32;
    people
        .iter()
        .enumerate()
        .map(|(k, &(person, chat))| {
            let invitation = emu
                .bot_messages(chat)
                .into_iter()
                .find(|m| {
                    m.buttons()
                        .iter()
                        .any(|b| b.callback_data.as_ref() == Some(&yes))
                })
                .with_context(|| format!("official {person} has no invitation"))?;
            Ok(Official {
                person,
                chat,
                message_id: invitation.message_id,
                yes: yes.clone(),
                no: no.clone(),
                left: presses / n + u32::from((k as u32) < presses % n),
                last: None,
            })
        })
        .collect()
}

fn rsvp(workshop: WorkshopId, yes: bool) -> String {
    Action::Rsvp {
        workshop,
        yes,
        listed: false,
    }
    .encode()
}

/// The bot under test: in this process by long polling, or `takwin run` processes behind
/// the emulator's load balancer.
enum BotUnderTest {
    Polling(app::RunningBot),
    Webhook(Vec<Replica>, tempfile::TempDir),
}

impl BotUnderTest {
    async fn start(
        state: &AppState,
        bot: Bot,
        emu: &Emulator,
        database_url: &str,
        backends: &[SocketAddr],
    ) -> anyhow::Result<BotUnderTest> {
        if backends.is_empty() {
            return Ok(BotUnderTest::Polling(
                app::start_bot(state.clone(), bot).await?,
            ));
        }
        let dir = tempfile::tempdir()?;
        let mut replicas = Vec::new();
        for (n, &listen) in backends.iter().enumerate() {
            let replica = Replica::start(
                listen,
                emu,
                database_url,
                &dir.path().join(format!("replica-{n}.log")),
            )?;
            // Pushed first: dropped (killed) if the next one fails to start.
            replicas.push(replica);
            replicas[n].wait_ready().await?;
        }
        anyhow::ensure!(
            emu.webhook_url().as_deref() == Some(WEBHOOK_URL),
            "the replicas did not register the webhook"
        );
        Ok(BotUnderTest::Webhook(replicas, dir))
    }

    /// Stops the bot; replicas are killed (their logs go with their folder).
    async fn stop(self) {
        match self {
            BotUnderTest::Polling(running) => running.stop().await,
            BotUnderTest::Webhook(replicas, _dir) => drop(replicas),
        }
    }
}

/// One `takwin run` process in webhook mode; killed when dropped.
struct Replica {
    child: Child,
    listen: SocketAddr,
}

impl Replica {
    fn start(
        listen: SocketAddr,
        emu: &Emulator,
        database_url: &str,
        log: &Path,
    ) -> anyhow::Result<Replica> {
        let exe = std::env::current_exe().context("finding takwin's own executable")?;
        let child = Command::new(exe)
            .arg("run")
            .args([
                "--webhook-url",
                WEBHOOK_URL,
                "--webhook-secret",
                WEBHOOK_SECRET,
            ])
            .args(["--listen", &listen.to_string()])
            .args(["--api-url", emu.api_url().as_str(), "--token", emu.token()])
            .args(["--quiet-hours", "off"])
            .env("DATABASE_URL", database_url)
            .env_remove("TELOXIDE_TOKEN")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(log)?)
            .spawn()
            .context("starting takwin run")?;
        Ok(Replica { child, listen })
    }

    /// Waits until `/readyz` answers 200: migrated, webhook registered, serving.
    async fn wait_ready(&self) -> anyhow::Result<()> {
        let url = format!("http://{}/readyz", self.listen);
        let http = reqwest::Client::new();
        let deadline = Instant::now() + SETUP_PATIENCE;
        loop {
            if let Ok(answer) = http.get(&url).send().await
                && answer.status().is_success()
            {
                return Ok(());
            }
            anyhow::ensure!(
                Instant::now() < deadline,
                "the replica on {} never became ready",
                self.listen
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A free port on the loopback, for a replica's listen address.
fn free_addr() -> SocketAddr {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port on the loopback")
}

/// What the storm measured.
#[derive(Default)]
struct Storm {
    seconds: f64,
    /// Press to answer, one per answered press.
    delays: Vec<Duration>,
    /// Every press made, by update id.
    updates: Vec<i64>,
    unanswered: u32,
    failed: u32,
}

/// Every official presses, and presses again as soon as answered, until their share is
/// made; returns when every press is answered or none came for [`PATIENCE`].
async fn storm(emu: &Emulator, officials: &mut [Official]) -> anyhow::Result<Storm> {
    let mut answers = emu.answered_presses();
    let mut in_flight: HashMap<i64, usize> = HashMap::new();
    let mut storm = Storm::default();
    let started = Instant::now();
    for k in 0..officials.len() {
        press(emu, officials, k, &mut in_flight, &mut storm);
    }
    let mut last_answer = started;
    while !in_flight.is_empty() {
        let Ok(Some(answered)) = tokio::time::timeout(PATIENCE, answers.recv()).await else {
            storm.unanswered = in_flight.len() as u32;
            break;
        };
        let Some(k) = in_flight.remove(&answered.update_id) else {
            continue;
        };
        record(&mut storm, &answered, &mut last_answer);
        press(emu, officials, k, &mut in_flight, &mut storm);
    }
    storm.seconds = last_answer.saturating_duration_since(started).as_secs_f64();
    Ok(storm)
}

/// The presses come at `rate` a second on an even grid, each by the official who has waited
/// longest since their last answer; when every official still waits for an answer, the next
/// press waits for one (the offered load is then not met: `presses_per_second` says what
/// was). Returns when every press is answered or none came for [`PATIENCE`].
async fn offered_storm(
    emu: &Emulator,
    officials: &mut [Official],
    rate: u32,
) -> anyhow::Result<Storm> {
    let mut answers = emu.answered_presses();
    let mut in_flight: HashMap<i64, usize> = HashMap::new();
    let mut storm = Storm::default();
    let every = Duration::from_secs_f64(1.0 / f64::from(rate));
    let mut idle: std::collections::VecDeque<usize> = (0..officials.len()).collect();
    let started = Instant::now();
    let mut next = tokio::time::Instant::now();
    let mut last_answer = started;
    loop {
        let pressing = officials.iter().any(|o| o.left > 0);
        if !pressing && in_flight.is_empty() {
            break;
        }
        let can_press = pressing && !idle.is_empty();
        tokio::select! {
            _ = tokio::time::sleep_until(next), if can_press => {
                if let Some(k) = idle.pop_front() {
                    press(emu, officials, k, &mut in_flight, &mut storm);
                }
                // On the grid: a late wake-up does not push the later presses back.
                next += every;
            }
            answered = tokio::time::timeout(PATIENCE, answers.recv()) => {
                let Ok(Some(answered)) = answered else {
                    storm.unanswered = in_flight.len() as u32;
                    break;
                };
                let Some(k) = in_flight.remove(&answered.update_id) else {
                    continue;
                };
                record(&mut storm, &answered, &mut last_answer);
                if officials[k].left > 0 {
                    idle.push_back(k);
                }
            }
        }
    }
    storm.seconds = last_answer.saturating_duration_since(started).as_secs_f64();
    Ok(storm)
}

fn record(storm: &mut Storm, answered: &AnsweredPress, last_answer: &mut Instant) {
    storm.delays.push(answered.delay());
    *last_answer = (*last_answer).max(answered.answered_at);
}

/// Official `k` presses the other answer than their last, if they have presses left.
fn press(
    emu: &Emulator,
    officials: &mut [Official],
    k: usize,
    in_flight: &mut HashMap<i64, usize>,
    storm: &mut Storm,
) {
    let official = &mut officials[k];
    if official.left == 0 {
        return;
    }
    official.left -= 1;
    let yes = !official.last.unwrap_or(false);
    let data = if yes { &official.yes } else { &official.no };
    match emu.press_button(official.chat, official.message_id, data) {
        Ok(update) => {
            official.last = Some(yes);
            in_flight.insert(update, k);
            storm.updates.push(update);
        }
        Err(_) => storm.failed += 1,
    }
}

/// Waits until the bot has made `presses` edits (one per press), for a short while after
/// the last answer; returns how many it made.
async fn wait_edits(emu: &Emulator, presses: u32) -> u64 {
    let want = u64::from(presses);
    let _ = emu
        .wait_for(PATIENCE, |e| (e.stats().edits >= want).then_some(()))
        .await;
    emu.stats().edits
}

/// Of the presses, how many were answered with a toast and how many with an alert (refused).
fn answers(emu: &Emulator, updates: &[i64]) -> (u32, u32) {
    let (mut answered, mut refused) = (0, 0);
    for &update in updates {
        let answer = emu
            .callback_query_id(update)
            .and_then(|id| emu.callback_answer(&id));
        match answer {
            Some(answer) if answer.show_alert => refused += 1,
            Some(_) => answered += 1,
            None => {}
        }
    }
    (answered, refused)
}

/// Officials whose answer in the database is not their last press's.
async fn mismatched(
    state: &AppState,
    workshop: WorkshopId,
    officials: &[Official],
) -> anyhow::Result<u32> {
    let seats: HashMap<i64, String> =
        sqlx::query("SELECT person_id, seat FROM invitations WHERE workshop_id = $1")
            .bind(workshop)
            .fetch_all(&state.db.pool)
            .await?
            .iter()
            .map(|row| (row.get::<i64, _>(0), row.get::<String, _>(1)))
            .collect();
    let expected = |last: Option<bool>| match last {
        Some(true) => "confirmed",
        Some(false) => "declined",
        None => "no_answer",
    };
    let wrong = officials
        .iter()
        .filter(|o| seats.get(&o.person).map(String::as_str) != Some(expected(o.last)))
        .count();
    Ok(wrong as u32)
}

/// The `p` quantile (nearest rank) of the delays, in milliseconds.
fn percentile_ms(delays: &[Duration], p: f64) -> f64 {
    if delays.is_empty() {
        return 0.0;
    }
    let mut sorted = delays.to_vec();
    sorted.sort_unstable();
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    round(sorted[rank - 1].as_secs_f64() * 1000.0, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny storm by long polling on SQLite: every press answered and taken, one edit
    /// each, the decisions those of the last presses. Timings are not checked.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_tiny_storm_answers_every_press_and_decides_the_last() {
        // As fast as answered, then at an offered rate.
        for rate in [0, 200] {
            let args = BenchPressesArgs {
                officials: 20,
                presses: 101,
                backend: BenchBackend::Sqlite,
                replicas: 1,
                webhook: false,
                rate,
            };
            check(&args).unwrap();
            let report = BenchDatabase::around(args.backend, async |url| run(url, &args).await)
                .await
                .unwrap();
            assert!(report.problems().is_empty(), "{report:?}");
            assert_eq!(report.answered, 101);
            assert_eq!(report.edits, 101);
            assert_eq!(report.offered_rate, rate);
            assert!(report.p50_ms <= report.p99_ms && report.p99_ms <= report.max_ms);
        }
    }

    #[test]
    fn several_replicas_need_webhooks_and_postgres() {
        let args = |replicas, webhook, backend| BenchPressesArgs {
            officials: 10,
            presses: 10,
            backend,
            replicas,
            webhook,
            rate: 0,
        };
        let refusal = check(&args(2, false, BenchBackend::Postgres)).unwrap_err();
        assert!(refusal.to_string().contains("--webhook"), "{refusal}");
        let refusal = check(&args(2, true, BenchBackend::Sqlite)).unwrap_err();
        assert!(refusal.to_string().contains("postgres"), "{refusal}");
        check(&args(2, true, BenchBackend::Postgres)).unwrap();
        check(&args(1, true, BenchBackend::Sqlite)).unwrap();
    }

    #[test]
    fn percentiles_are_nearest_ranks() {
        let delays: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile_ms(&delays, 0.5), 50.0);
        assert_eq!(percentile_ms(&delays, 0.99), 99.0);
        assert_eq!(percentile_ms(&delays, 1.0), 100.0);
        assert_eq!(percentile_ms(&[], 0.5), 0.0);
    }
}
