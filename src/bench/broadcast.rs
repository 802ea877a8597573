//! `takwin bench broadcast`: a national announcement from end to end. A synthetic roster of N
//! officials, all joined; an organiser sends an announcement in Arabic and French to an
//! audience written in the audience language, whose parts overlap; the benchmark times its
//! resolution, its queueing, its delivery through the engine at the configured rate against
//! an emulator enforcing that rate strictly, and the live report until it shows the final
//! summary. In the same run, teloxide's `Throttle` sends one message to the same chats at the
//! same rate, the peer the engine is measured against. One JSON object on standard output.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;
use sqlx::Row as _;
use teloxide::prelude::*;

use super::delivery::{FREE_RATE, Figures, budget, emulator, figures, run_throttle, strict};
use super::{BenchDatabase, Run, backend_name, round, synthetic_roster};
use crate::actions::broadcasts::{self as announcements, Announcement, Posted};
use crate::actions::{Caller, Refusal};
use crate::cli::BenchBroadcastArgs;
use crate::domain::audience_expression::parse_audience;
use crate::domain::broadcast::{MAX_TEXT, Versions, When};
use crate::domain::roster::Language;
use crate::outbox::broadcast_report;
use crate::outbox::sender::{Deliverer, DeliveryConfig};
use crate::state::AppState;
use crate::store::{broadcasts, outbox};

/// The audience: everyone, and the presidents again, so each president falls in two parts
/// and must still get one message.
const AUDIENCE: &str = "all | role:president";
/// The organiser's chat, outside the synthetic roster's chats.
const ORGANISER_CHAT: i64 = 9_000_001;
/// How long the live report may take to show the summary once the last message is sent:
/// a few rounds of the report's interval.
const REPORT_BUDGET: Duration = Duration::from_secs(30);

/// The JSON printed at the end.
#[derive(Debug, Serialize)]
struct Report {
    #[serde(flatten)]
    run: Run,
    audience: &'static str,
    /// Importing the roster (not part of the announcement; for scale).
    roster_import_seconds: f64,
    /// Counting the audience and its unreachable members, as the preview does.
    resolve_ms: f64,
    /// Storing the announcement, resolving its audience and queueing one message per person
    /// (delivery meanwhile under way).
    queue_seconds: f64,
    /// Messages queued: one per person, however many parts of the audience they fall in.
    queued: u64,
    /// From the last message Telegram received to the live report showing the summary.
    report_converged_seconds: f64,
    /// From Send now to the first message Telegram received (delivery starts on the first
    /// rows stored, while the rest are queued).
    first_message_seconds: f64,
    /// From Send now to the live report showing the summary: what the organiser waits.
    send_to_summary_seconds: f64,
    /// Edits of the organiser's message on the way.
    report_edits: u32,
    /// The figures the summary shows, as stored.
    report_sent: i64,
    report_failed: i64,
    engine: Figures,
    throttle: Figures,
    /// Achieved rate of the engine over that of `Throttle`.
    engine_vs_throttle: f64,
}

/// Runs `takwin bench broadcast` and prints its JSON report on standard output.
pub async fn broadcast(args: &BenchBroadcastArgs) -> anyhow::Result<()> {
    anyhow::ensure!(
        (1..10_000_000).contains(&args.recipients),
        "--recipients must be 1 to 9999999"
    );
    anyhow::ensure!(args.rate > 0, "--rate must be at least 1");
    eprintln!(
        "announcement to {} officials at {}/s on {} …",
        args.recipients,
        args.rate,
        backend_name(args.backend)
    );
    let (mut report, chats) =
        BenchDatabase::around(args.backend, async |url| run_engine(url, args).await).await?;

    eprintln!("throttle: {} messages at {}/s …", chats.len(), args.rate);
    report.throttle = run_throttle(&chats, args.rate, strict(args.rate)).await?;
    report.engine_vs_throttle = round(
        report.engine.achieved_rate / report.throttle.achieved_rate,
        3,
    );
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}

/// The engine's run: returns the report without the peer's figures, and the recipients'
/// chats for the peer.
async fn run_engine(
    database_url: &str,
    args: &BenchBroadcastArgs,
) -> anyhow::Result<(Report, Vec<i64>)> {
    let state = super::state(database_url).await?;
    let organiser = Caller {
        label: "bench".into(),
        person: None,
        organiser: true,
        finance_officer: false,
    };
    eprintln!("roster: {} people …", args.recipients);
    let started = Instant::now();
    synthetic_roster(&state, &organiser, args.recipients).await?;
    let roster_import = started.elapsed().as_secs_f64();
    let chats: Vec<i64> =
        sqlx::query("SELECT telegram_user_id FROM people WHERE telegram_user_id IS NOT NULL")
            .fetch_all(&state.db.pool)
            .await?
            .iter()
            .map(|r| r.get::<i64, _>(0))
            .collect();

    let mut everyone = chats.clone();
    everyone.push(ORGANISER_CHAT);
    let emu = emulator(&everyone, strict(args.rate)).await?;
    let bot = Bot::new(emu.token()).set_api_url(emu.api_url());
    // The organiser's confirmation message, which the live report edits. Sent before the
    // announcement's first second, so it takes none of its rate.
    let confirmation = bot
        .send_message(ChatId(ORGANISER_CHAT), "…")
        .await
        .map_err(|e| anyhow::anyhow!("the organiser's message: {e}"))?;

    let places = crate::store::roster::known_places(&state.db).await?;
    let audience = parse_audience(AUDIENCE, &places).map_err(|e| anyhow::anyhow!("{e}"))?;
    let versions = Versions::new(
        vec![
            (
                Language::Ar,
                "<b>إعلان</b>: تنطلق الدورة التكوينية الجديدة للمنتخبين يوم الإثنين.".into(),
            ),
            (
                Language::Fr,
                "<b>Annonce</b> : le nouveau cycle de formation des élus commence lundi.".into(),
            ),
        ],
        MAX_TEXT,
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;

    let started = Instant::now();
    let reach = announcements::reach(&state, &audience).await?;
    let resolve_ms = started.elapsed().as_secs_f64() * 1000.0;
    anyhow::ensure!(
        reach.people == chats.len(),
        "the audience counts {} people, the roster {}",
        reach.people,
        chats.len()
    );

    // The delivery worker and the live report run before the organiser presses Send now, as
    // in `takwin run`: messages leave as soon as the first rows are stored.
    let deliverer = Arc::new(Deliverer::new(
        state.clone(),
        bot.clone(),
        DeliveryConfig {
            rate_per_second: args.rate,
            paid_broadcast: args.rate > FREE_RATE,
            // A benchmark measures the engine, whatever the hour it is run at.
            quiet_hours: None,
            ..DeliveryConfig::default()
        },
    ));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let delivery = tokio::spawn(deliverer.clone().run(stopped.clone()));
    let reporting = tokio::spawn(broadcast_report::run(
        state.clone(),
        bot.clone(),
        deliverer.clone(),
        stopped,
    ));
    // The worker takes the sender's lease first: a fresh database, nobody else holds it.
    while !deliverer.sends() {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }

    eprintln!("send now: store, resolve, queue, deliver …");
    let started = Instant::now();
    // The organiser's message was posted before: it is the one the live report edits.
    let posted = Posted {
        chat_id: ORGANISER_CHAT,
        message_id: i64::from(confirmation.id.0),
        shows_confirmation: false,
    };
    let announcement = Announcement {
        audience_label: AUDIENCE,
        audience: &audience,
        versions: &versions,
        attachment: None,
    };
    let sent = announcements::send_and_follow(
        &state,
        &organiser,
        Language::Fr,
        &announcement,
        &When::Now,
        |_confirmation| async move { Ok(posted) },
    )
    .await?
    .map_err(|refusal| anyhow::anyhow!("refused: {}", refusal.key()))?;
    let queue_seconds = started.elapsed().as_secs_f64();
    anyhow::ensure!(
        sent.queued == chats.len() as u64,
        "{} messages queued for {} people",
        sent.queued,
        chats.len()
    );

    eprintln!("deliver …");
    let outcome = follow(&state, &emu, sent.id, &chats, args.rate).await;
    let _ = stop.send(true);
    let _ = tokio::join!(delivery, reporting);
    let (failed, converged_at) = outcome?;
    let first_received = chats
        .iter()
        .flat_map(|&chat| emu.bot_messages(chat))
        .map(|m| m.received_at)
        .min()
        .expect("messages were received");

    let engine = figures(&emu, &chats, args.rate, started, failed)?;
    let last_received = chats
        .iter()
        .flat_map(|&chat| emu.bot_messages(chat))
        .map(|m| m.received_at)
        .max()
        .expect("messages were received");
    let shown = emu
        .bot_messages(ORGANISER_CHAT)
        .into_iter()
        .find(|m| m.message_id == confirmation.id.0)
        .expect("the organiser's message is there");
    let summary = broadcasts::figures(&state.db, sent.id).await?;
    state.db.pool.close().await;
    emu.shutdown().await;

    let report = Report {
        run: Run::new(args.recipients, args.rate, args.backend),
        audience: AUDIENCE,
        roster_import_seconds: round(roster_import, 3),
        resolve_ms: round(resolve_ms, 1),
        queue_seconds: round(queue_seconds, 3),
        queued: sent.queued,
        report_converged_seconds: round(
            converged_at
                .saturating_duration_since(last_received)
                .as_secs_f64(),
            3,
        ),
        first_message_seconds: round(
            first_received
                .saturating_duration_since(started)
                .as_secs_f64(),
            3,
        ),
        send_to_summary_seconds: round(
            converged_at
                .saturating_duration_since(started)
                .as_secs_f64(),
            3,
        ),
        report_edits: shown.edits,
        report_sent: summary.sent,
        report_failed: summary.failed + summary.blocked,
        engine,
        throttle: Figures::default(),
        engine_vs_throttle: 0.0,
    };
    Ok((report, chats))
}

/// Waits until every message is settled and the live report shows the summary; returns how
/// many messages failed and when the summary was seen.
async fn follow(
    state: &AppState,
    emu: &bot_api_emulator::Emulator,
    id: i64,
    chats: &[i64],
    rate: u32,
) -> anyhow::Result<(u64, Instant)> {
    let deadline = Instant::now() + budget(chats.len(), rate);
    let in_time = || {
        anyhow::ensure!(
            Instant::now() < deadline,
            "the engine had not finished after {:?} ({} received)",
            budget(chats.len(), rate),
            emu.stats().sent
        );
        anyhow::Ok(())
    };
    // Watched on the emulator, in memory, until every message arrived: counting the outbox's
    // 30,000 rows fifty times a second would take the engine's processor time on a two-core
    // machine and measure the watching.
    while emu.stats().sent < chats.len() as u64 {
        in_time()?;
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let failed = loop {
        let status = outbox::status(&state.db, state.clock.now()).await?;
        let count = |s: outbox::State| {
            status
                .counts
                .iter()
                .find(|(state, _)| *state == s)
                .map_or(0, |(_, n)| *n)
        };
        if count(outbox::State::Queued) + count(outbox::State::Sending) == 0 {
            break u64::try_from(count(outbox::State::Failed)).unwrap_or(0);
        }
        in_time()?;
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let deadline = Instant::now() + REPORT_BUDGET;
    loop {
        let reporting = broadcasts::reporting(&state.db).await?;
        if !reporting.iter().any(|r| r.id == id) {
            return Ok((failed, Instant::now()));
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "the live report did not show the summary within {REPORT_BUDGET:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
