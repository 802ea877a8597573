//! `takwin bench delivery`: the delivery engine against the emulator with Telegram's limits
//! switched on, and, in the same run, the same load through teloxide's `Throttle` adaptor, so
//! the comparison holds on a noisy machine.
//!
//! Both runs send one message to each of N private chats as fast as the configured global
//! rate allows. Time runs from the first claim (or the first `Throttle` request) to the last
//! message the emulator received; lateness compares each receive instant with a perfect
//! pacer's, `t0 + k / R`. The result is one JSON object on standard output; notes go to
//! standard error.

use std::time::{Duration, Instant};

use serde::Serialize;
use teloxide::adaptors::throttle::Limits;
use teloxide::prelude::*;
use teloxide::types::ParseMode;

use super::{BenchDatabase, Run, backend_name, round};
use crate::cli::BenchDeliveryArgs;
use crate::outbox::Payload;
use crate::outbox::sender::{Deliverer, DeliveryConfig};
use crate::store::outbox::{self, NewMessage, State};
use bot_api_emulator::{Emulator, EmulatorConfig, NewUser, RateLimits};

/// Telegram's free global rate; above it the engine needs paid broadcasts.
pub(super) const FREE_RATE: u32 = 30;
/// The first recipient's chat id; the others follow.
const FIRST_CHAT: i64 = 10_000_001;

/// Runs `takwin bench delivery` and prints its JSON report on standard output.
pub async fn delivery(args: &BenchDeliveryArgs) -> anyhow::Result<()> {
    anyhow::ensure!(args.recipients > 0, "--recipients must be at least 1");
    anyhow::ensure!(args.rate > 0, "--rate must be at least 1");
    let limits = strict(args.rate);

    eprintln!(
        "engine: {} messages at {}/s on {} …",
        args.recipients,
        args.rate,
        backend_name(args.backend)
    );
    let engine = BenchDatabase::around(args.backend, async |url| {
        run_engine(url, args, limits).await
    })
    .await?;

    eprintln!(
        "throttle: {} messages at {}/s …",
        args.recipients, args.rate
    );
    let chats: Vec<i64> = chats(args).collect();
    let throttle = run_throttle(&chats, args.rate, limits).await?;

    let report = Report {
        run: Run::new(args.recipients, args.rate, args.backend),
        engine_vs_throttle: round(engine.achieved_rate / throttle.achieved_rate, 3),
        engine_vs_throttle_sustained: round(engine.sustained_rate / throttle.sustained_rate, 3),
        engine,
        throttle,
    };
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}

/// Telegram's limits at `rate` messages a second, strict as Telegram may be: no grace for
/// jitter. A sender that paces to the limit exactly is refused as soon as one message
/// arrives a little early.
pub(super) fn strict(rate: u32) -> RateLimits {
    RateLimits {
        global_per_second: rate,
        grace: Duration::ZERO,
        ..RateLimits::default()
    }
}

/// The JSON printed at the end.
#[derive(Debug, Serialize)]
struct Report {
    #[serde(flatten)]
    run: Run,
    engine: Figures,
    throttle: Figures,
    /// Achieved rate of the engine over that of `Throttle`: at least 1 means no worse.
    engine_vs_throttle: f64,
    /// The same with sustained rates, which do not reward bursts.
    engine_vs_throttle_sustained: f64,
}

/// What one run achieved.
#[derive(Debug, Default, Serialize)]
pub(super) struct Figures {
    /// Messages the emulator received.
    pub messages: usize,
    /// Messages that ended failed instead of sent.
    pub failed: u64,
    pub seconds: f64,
    pub achieved_rate: f64,
    /// Achieved over configured rate.
    pub ratio: f64,
    /// Messages over the time until the limit would admit one more: bursts gain nothing.
    pub sustained_rate: f64,
    /// 429 answers from the emulator: near-misses a good pacer never causes.
    pub too_many_requests: u64,
    /// The most messages received within any sliding second: at most the configured rate.
    pub max_per_second: usize,
    /// The most within any sliding 100 ms, a tenth of the rate for a smooth sender: shows
    /// bursts, which Telegram's limits may not count the way the emulator does.
    max_per_100ms: usize,
    lateness_ms: Lateness,
}

#[derive(Debug, Default, Serialize)]
struct Lateness {
    p50: f64,
    p99: f64,
    max: f64,
}

fn chats(args: &BenchDeliveryArgs) -> impl Iterator<Item = i64> {
    (0..i64::from(args.recipients)).map(|k| FIRST_CHAT + k)
}

pub(super) fn text_for(chat: i64) -> String {
    format!("<b>Rappel</b> : atelier de formation des élus, invitation n° {chat}")
}

/// An emulator enforcing Telegram's limits, with one user per recipient.
pub(super) async fn emulator(chats: &[i64], limits: RateLimits) -> anyhow::Result<Emulator> {
    let emu = Emulator::start(EmulatorConfig {
        rate_limits: true,
        limits,
        ..EmulatorConfig::default()
    })
    .await?;
    for &chat in chats {
        emu.add_user(NewUser::new(chat, "Recipient"));
    }
    Ok(emu)
}

/// How long a run may take before the benchmark gives up: three times the ideal, plus a
/// minute for retries after a 429.
pub(super) fn budget(messages: usize, rate: u32) -> Duration {
    Duration::from_secs_f64(3.0 * messages as f64 / f64::from(rate) + 60.0)
}

/// Reads the receive instants back from the emulator and computes the figures.
pub(super) fn figures(
    emu: &Emulator,
    chats: &[i64],
    configured_rate: u32,
    started: Instant,
    failed: u64,
) -> anyhow::Result<Figures> {
    let mut received: Vec<Instant> = chats
        .iter()
        .flat_map(|&chat| emu.bot_messages(chat))
        .map(|m| m.received_at)
        .collect();
    anyhow::ensure!(!received.is_empty(), "the emulator received no message");
    received.sort();
    let rate = f64::from(configured_rate);
    let last = *received.last().expect("not empty");
    let seconds = last.duration_since(started).as_secs_f64();
    let achieved = received.len() as f64 / seconds;
    // When the limit would admit one more message: a second after the rate-th last one. A
    // sender that bursts a second's quota at once finishes early by the clock above but has
    // used the same quota; this end point charges both kinds of sender alike.
    let quota_end = match received.len().checked_sub(configured_rate as usize) {
        Some(k) => last.max(received[k] + Duration::from_secs(1)),
        None => last,
    };
    let sustained = received.len() as f64 / quota_end.duration_since(started).as_secs_f64();
    let t0 = received[0];
    let mut lateness: Vec<f64> = received
        .iter()
        .enumerate()
        .map(|(k, at)| {
            let ideal = t0 + Duration::from_secs_f64(k as f64 / rate);
            at.saturating_duration_since(ideal).as_secs_f64() * 1000.0
        })
        .collect();
    lateness.sort_by(f64::total_cmp);
    Ok(Figures {
        messages: received.len(),
        failed,
        seconds: round(seconds, 3),
        achieved_rate: round(achieved, 1),
        ratio: round(achieved / rate, 3),
        sustained_rate: round(sustained, 1),
        too_many_requests: emu.stats().too_many_requests,
        max_per_second: max_within(&received, Duration::from_secs(1)),
        max_per_100ms: max_within(&received, Duration::from_millis(100)),
        lateness_ms: Lateness {
            p50: round(percentile(&lateness, 0.50), 1),
            p99: round(percentile(&lateness, 0.99), 1),
            max: round(*lateness.last().expect("not empty"), 1),
        },
    })
}

/// The most instants (sorted) that fall within one sliding window of `width`.
fn max_within(sorted: &[Instant], width: Duration) -> usize {
    let mut first = 0;
    let mut most = 0;
    for (last, at) in sorted.iter().enumerate() {
        while at.duration_since(sorted[first]) >= width {
            first += 1;
        }
        most = most.max(last + 1 - first);
    }
    most
}

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// The engine: N outbox rows enqueued at once, then delivery rounds until none is left.
async fn run_engine(
    database_url: &str,
    args: &BenchDeliveryArgs,
    limits: RateLimits,
) -> anyhow::Result<Figures> {
    let chats: Vec<i64> = chats(args).collect();
    let emu = emulator(&chats, limits).await?;
    let state = super::state(database_url).await?;
    let now = state.clock.now();
    let messages: Vec<NewMessage> = chats
        .iter()
        .map(|&chat| NewMessage {
            chat_id: chat,
            person_id: None,
            payload: Payload::html(text_for(chat)).to_json(),
            dedup_key: format!("bench:{chat}"),
            not_before: now,
            valid_until: None,
            // Quiet hours must not hold a benchmark run at night.
            urgent: true,
            event: None,
        })
        .collect();
    // Seeding, not a person's doing: the load the engine is measured on, written straight to
    // the outbox on a throw-away database (no action stands for "queue N bare messages", and
    // none should, so nothing audited is skipped).
    outbox::enqueue_all(&state.db, &messages, now).await?;

    let bot = Bot::new(emu.token()).set_api_url(emu.api_url());
    let config = DeliveryConfig {
        rate_per_second: args.rate,
        paid_broadcast: args.rate > FREE_RATE,
        // A benchmark measures the engine, whatever the hour it is run at.
        quiet_hours: None,
        ..DeliveryConfig::default()
    };
    let deliverer = Deliverer::new(state.clone(), bot, config);
    let started = Instant::now();
    let deadline = started + budget(chats.len(), args.rate);
    let failed = loop {
        let round = deliverer.deliver_due().await?;
        let status = outbox::status(&state.db, state.clock.now()).await?;
        let count = |s: State| {
            status
                .counts
                .iter()
                .find(|(state, _)| *state == s)
                .map_or(0, |(_, n)| *n)
        };
        if count(State::Queued) + count(State::Sending) == 0 {
            break u64::try_from(count(State::Failed)).unwrap_or(0);
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "the engine had not finished after {:?}",
            budget(chats.len(), args.rate)
        );
        if round.claimed == 0 {
            // Rows put back after a 429 are not due yet.
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    };
    let result = figures(&emu, &chats, args.rate, started, failed);
    state.db.pool.close().await;
    emu.shutdown().await;
    result
}

/// The baseline: one message to each chat, all handed at once to teloxide's `Throttle`.
pub(super) async fn run_throttle(
    chats: &[i64],
    rate: u32,
    limits: RateLimits,
) -> anyhow::Result<Figures> {
    let emu = emulator(chats, limits).await?;
    let bot = Bot::new(emu.token())
        .set_api_url(emu.api_url())
        .throttle(Limits {
            messages_per_sec_overall: rate,
            messages_per_sec_chat: 1,
            messages_per_min_chat: 20,
            messages_per_min_channel_or_supergroup: 20,
        });
    let paid = rate > FREE_RATE;
    let started = Instant::now();
    // Every request at once, as a broadcast loop would: `Throttle` queues and paces them.
    // A smaller window (buffer_unordered) would cap it below its own pacing.
    let sends = chats.iter().map(|&chat| {
        let mut request = bot
            .send_message(ChatId(chat), text_for(chat))
            .parse_mode(ParseMode::Html);
        if paid {
            request = request.allow_paid_broadcast(true);
        }
        request.send()
    });
    // A peer that collapses (a storm of 429s it cannot get out of) is a result, not an
    // error: what it sent within the budget is measured, and the rest counted as not sent.
    let budget = budget(chats.len(), rate);
    let failed = match tokio::time::timeout(budget, futures::future::join_all(sends)).await {
        Ok(results) => {
            let failed = results.iter().filter(|r| r.is_err()).count() as u64;
            if let Some(Err(err)) = results.iter().find(|r| r.is_err()) {
                eprintln!("throttle: {failed} messages failed, e.g. {err}");
            }
            failed
        }
        Err(_) => {
            let received: usize = chats.iter().map(|&chat| emu.bot_messages(chat).len()).sum();
            eprintln!(
                "throttle: had sent {received} of {} messages when its {budget:?} ran out",
                chats.len(),
            );
            (chats.len() as u64).saturating_sub(received as u64)
        }
    };
    let result = figures(&emu, chats, rate, started, failed);
    drop(bot);
    emu.shutdown().await;
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let values: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&values, 0.50), 50.0);
        assert_eq!(percentile(&values, 0.99), 99.0);
        assert_eq!(percentile(&[7.0], 0.99), 7.0);
    }

    #[test]
    fn windows_count_what_falls_within_them() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let sorted = [at(0), at(10), at(20), at(150), at(1000), at(1005)];
        assert_eq!(max_within(&sorted, Duration::from_millis(100)), 3);
        assert_eq!(max_within(&sorted, Duration::from_secs(1)), 5);
        assert_eq!(max_within(&sorted[..1], Duration::from_secs(1)), 1);
    }
}
