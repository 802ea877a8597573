//! The delivery worker: claims due rows, sends them through teloxide within Telegram's limits,
//! and records each outcome.
//!
//! Limits: a global rate (30 messages/s by default), at most one message per second to one
//! private chat and 20 per minute to one group. Pacing uses real time, whatever the
//! injected clock says: Telegram counts real seconds (`DeliveryConfig::send_clock`, which
//! only tests change). A 429 pauses every send for `retry_after` and is counted as a
//! near-miss.
//!
//! The limits are kept strictly, without counting on any allowance for jitter: Telegram
//! counts a message when it *arrives*, which is some time after it left and before its answer
//! came back, and a request that left late may arrive together with the next one. So a
//! message counts against the sliding second from the instant it leaves until one second
//! after its answer ([`Window`]), and the next message to the same chat waits for the
//! interval from the answer of the one before. Whatever the network does, no sliding second
//! at Telegram's end then sees more than the rate.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex as StdMutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::{StreamExt, TryStreamExt};
use teloxide::RequestError;
use teloxide::prelude::*;
use teloxide::types::{InputFile, ParseMode};
use tokio::sync::{Mutex, Notify, watch};
use tokio::time::Instant;

use super::Payload;
use super::failure::{Failure, backoff, classify};
use super::render::{Attachment, Rendered, render};
use crate::clock::SendClock;
use crate::domain::schedule::QuietHours;
use crate::state::AppState;
use crate::store;
use crate::store::outbox::{self, Claimed, Settlement};

/// Outcomes recorded per transaction at most.
const SETTLE_BATCH: usize = 256;

/// How the engine sends.
#[derive(Debug, Clone)]
pub struct DeliveryConfig {
    /// Messages per second in total. Telegram allows about 30; with paid broadcasts
    /// (`allow_paid_broadcast`) up to 1000.
    pub rate_per_second: u32,
    /// Send with `allow_paid_broadcast`, which Telegram bills, for rates above 30/s.
    pub paid_broadcast: bool,
    /// The least time between two messages to one private chat.
    pub private_interval: Duration,
    /// The least time between two messages to one group (20 per minute).
    pub group_interval: Duration,
    /// Attempts before a row fails for good.
    pub max_attempts: i64,
    /// The first retry's delay; later ones double.
    pub backoff_base: Duration,
    /// The longest delay between retries.
    pub backoff_cap: Duration,
    /// How long one send may take before it counts as a timeout.
    pub send_timeout: Duration,
    /// How long a claim is held: a worker that dies leaves its rows for others after this.
    pub lease: chrono::Duration,
    /// Messages in flight at once, at least: at high rates the engine allows a tenth of a
    /// second's worth (100 at 1,000/s), so that answers taking up to 100 ms do not hold
    /// the rate back.
    pub concurrency: usize,
    /// How often the background loop looks for due rows when nobody wakes it.
    pub poll_interval: Duration,
    /// This worker's name in the leases (unique per process).
    pub owner: String,
    /// Hours (local time) when non-urgent messages wait; `None` sends at any hour.
    pub quiet_hours: Option<QuietHours>,
    /// The time the limits, 429 pauses and the send timeout are measured in: real time in
    /// every real run. Tests give a hand-moved clock and move it step by step, so that a
    /// message's turn or a timeout comes when they say, however loaded the machine.
    pub send_clock: SendClock,
}

impl Default for DeliveryConfig {
    fn default() -> Self {
        DeliveryConfig {
            rate_per_second: 30,
            paid_broadcast: false,
            private_interval: Duration::from_secs(1),
            group_interval: Duration::from_secs(3),
            max_attempts: 6,
            backoff_base: Duration::from_secs(2),
            backoff_cap: Duration::from_secs(600),
            send_timeout: Duration::from_secs(20),
            lease: chrono::Duration::seconds(30),
            concurrency: 32,
            poll_interval: Duration::from_secs(1),
            owner: format!(
                "worker-{}-{:08x}",
                std::process::id(),
                rand::random::<u32>()
            ),
            quiet_hours: Some(QuietHours::default()),
            send_clock: SendClock::Real,
        }
    }
}

impl DeliveryConfig {
    /// How many messages may be on their way at once: see [`DeliveryConfig::concurrency`].
    pub fn in_flight(&self) -> usize {
        // A tenth of a second's worth, up to Telegram's highest rate (1,000/s, paid).
        let tenth_of_a_second = (self.rate_per_second.min(1000) / 10) as usize;
        self.concurrency.max(tenth_of_a_second).max(1)
    }
}

/// What one delivery round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    /// Rows claimed.
    pub claimed: u64,
    /// Sent.
    pub sent: u64,
    /// Put back for later (retry, quiet hours, a pause).
    pub retried: u64,
    /// Failed for good.
    pub failed: u64,
    /// Skipped on purpose.
    pub skipped: u64,
}

/// Counters since the worker started.
#[derive(Debug, Default)]
pub struct Counters {
    /// Messages Telegram accepted.
    pub sent: AtomicU64,
    /// 429 answers: each is a near-miss the pacing should have avoided.
    pub too_many_requests: AtomicU64,
}

/// The delivery worker. Several may run, in one process or in several replicas.
pub struct Deliverer {
    state: AppState,
    bot: Bot,
    config: DeliveryConfig,
    /// The global rate's next free slot. Slots are reserved on a fixed grid, one per
    /// `1 / rate`, so a timer that wakes a little late (tokio's is per millisecond) does not
    /// push every later message back: at 300/s a rate limiter that restarts its interval
    /// from each late grant loses about 5%.
    next_global: Mutex<Instant>,
    /// Time between two slots of the global rate.
    global_interval: Duration,
    /// Per chat, when its last message left or, once answered, when its answer came.
    /// A std mutex: held for a few instructions, never across an await, and released in
    /// [`Turn`]'s `drop`, which cannot await.
    last_sent: StdMutex<HashMap<i64, Instant>>,
    /// The sliding second as the sender sees it.
    window: StdMutex<Window>,
    /// Told whenever a message's answer comes: a sender waiting for room in the window
    /// learns when the answered message will leave it.
    window_freed: Notify,
    paused_until: Mutex<Option<Instant>>,
    wake: Notify,
    /// Told when a round that sent something has emptied the queue (see
    /// [`Deliverer::went_idle`]).
    idle: Notify,
    /// Whether this replica is the one that sends (see [`SENDER_LEASE`]).
    sending: StdMutex<Sending>,
    /// Set when the worker is asked to stop: no more rows are claimed.
    stopping: std::sync::atomic::AtomicBool,
    /// Counters since start.
    pub counters: Counters,
}

/// How long the sender's lease lasts unless renewed. Telegram's limits are the bot's, not a
/// replica's: of several replicas on one database, only the holder of this lease sends (at
/// the whole rate), so together they never pass the rate or a chat's interval, and the one
/// left after another dies takes the whole rate over once the lease runs out.
pub const SENDER_LEASE: chrono::Duration = chrono::Duration::seconds(10);
/// How often the holder renews the lease, and the others ask for it.
pub const SENDER_RENEW: Duration = Duration::from_secs(2);
/// How long before the lease runs out (as the replica's own clock measures it from when it
/// asked) the holder stops sending if it could not renew: a replica that stalled (SIGSTOP, a
/// long pause) or lost the database sends nothing once another may have taken over, even with
/// the machines' clocks a little apart, and the last message it sent has left the sliding
/// second long before the next holder's first.
pub const SENDER_MARGIN: Duration = Duration::from_secs(3);

/// Whether this worker may send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sending {
    /// No lease is kept: a worker driven round by round by tests and benchmarks, alone.
    Alone,
    /// It holds the lease, and may send until then (its own clock).
    Until(Instant),
    /// Another replica holds it.
    NotHeld,
}

impl Deliverer {
    /// A worker sending through `bot`.
    pub fn new(state: AppState, bot: Bot, config: DeliveryConfig) -> Deliverer {
        let global_interval = global_interval(config.rate_per_second);
        Deliverer {
            state,
            bot,
            next_global: Mutex::new(config.send_clock.now()),
            config,
            global_interval,
            last_sent: StdMutex::new(HashMap::new()),
            window: StdMutex::new(Window::default()),
            window_freed: Notify::new(),
            paused_until: Mutex::new(None),
            wake: Notify::new(),
            idle: Notify::new(),
            sending: StdMutex::new(Sending::Alone),
            stopping: std::sync::atomic::AtomicBool::new(false),
            counters: Counters::default(),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &DeliveryConfig {
        &self.config
    }

    /// Wakes the background loop: something was just enqueued.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Sends everything due now, batch after batch, until nothing due is left, and returns
    /// once every outcome is recorded.
    ///
    /// Three stages overlap so that the database is never on the send path: rows are claimed
    /// a batch at a time, the next batch while the last messages of the one before are
    /// still in flight (the pipeline never drains at a batch's end); up to `concurrency`
    /// messages are rendered and sent at once, each in its turn of the rate; outcomes are
    /// recorded by a third stage, as many per transaction as have piled up since its last
    /// commit. A crash between a send and its record leaves the row claimed: it goes again
    /// when its lease runs out, so a message may be sent twice but is never lost.
    pub async fn deliver_due(&self) -> anyhow::Result<Round> {
        let mut total = Round::default();
        loop {
            if !self.sends() || self.stopping.load(Ordering::SeqCst) {
                return Ok(total);
            }
            // A pass ends when a claim finds nothing, possibly before the outcomes of its last
            // messages were recorded; one of them may be due again at once (a retry without
            // delay), so passes go on until one claims nothing.
            let pass = self.deliver_pass().await?;
            if pass.claimed == 0 {
                return Ok(total);
            }
            total.claimed += pass.claimed;
            total.sent += pass.sent;
            total.retried += pass.retried;
            total.failed += pass.failed;
            total.skipped += pass.skipped;
        }
    }

    /// One pass of the pipeline described at [`Deliverer::deliver_due`].
    async fn deliver_pass(&self) -> anyhow::Result<Round> {
        // About two seconds of work per claim, at most 256 rows, keeps leases short, lets
        // several workers share a large send, and still saves round trips.
        let batch = (i64::from(self.config.rate_per_second) * 2).clamp(1, 256);
        let (outcomes, mut settling) =
            tokio::sync::mpsc::channel::<(Claimed, Settlement)>(SETTLE_BATCH * 4);
        let claimed = AtomicU64::new(0);
        let claims = futures::stream::try_unfold((), |()| async {
            // Asked to stop, or no longer the sender: what was claimed goes out (or back), and
            // nothing more is taken.
            if self.stopping.load(Ordering::SeqCst) || !self.sends() {
                return anyhow::Ok(None);
            }
            let now = self.state.clock.now();
            // A task of its own runs the claim to its end whatever this stream's consumer
            // does. On SQLite a claim is one UPDATE … RETURNING that holds the write lock until
            // its last row is read, and its rows come through a bounded channel: awaited here,
            // it stopped half-read whenever the send stage stopped polling this stream (a full
            // buffer, a full recording channel) and kept the lock that recording the outcomes
            // needs, and delivery stood still. Found by the 20-run loop.
            let (db, owner, lease) = (
                self.state.db.clone(),
                self.config.owner.clone(),
                self.config.lease,
            );
            let rows =
                tokio::spawn(async move { outbox::claim(&db, &owner, now, lease, batch).await })
                    .await??;
            claimed.fetch_add(rows.len() as u64, Ordering::Relaxed);
            if !rows.is_empty() {
                self.state.outbox_claimed.notify_waiters();
            }
            anyhow::Ok((!rows.is_empty()).then_some((futures::stream::iter(rows).map(Ok), ())))
        })
        // Boxed: the stream's type names this function's lifetimes, and the compiler cannot
        // prove the worker's spawned future `Send` through them otherwise.
        .boxed();
        let send = async move {
            let outcomes = outcomes;
            claims
                .try_flatten()
                .map_ok(|row| async move {
                    let settlement = self.attempt(&row).await;
                    anyhow::Ok((row, settlement))
                })
                .try_buffer_unordered(self.config.in_flight())
                .try_for_each(|done| {
                    let outcomes = &outcomes;
                    async move {
                        outcomes
                            .send(done)
                            .await
                            .map_err(|_| anyhow::anyhow!("the recording stage stopped"))
                    }
                })
                .await
        };
        // Owns the receiving end, so that if recording fails the channel closes and the send
        // stage stops too, instead of waiting for room in it for ever.
        let record = async move {
            let mut round = Round::default();
            let mut done = Vec::with_capacity(SETTLE_BATCH);
            while settling.recv_many(&mut done, SETTLE_BATCH).await > 0 {
                self.record(&done, &mut round).await?;
                done.clear();
            }
            anyhow::Ok(round)
        };
        let (sent, recorded) = tokio::join!(send, record);
        let mut round = recorded?;
        sent?;
        round.claimed = claimed.load(Ordering::Relaxed);
        Ok(round)
    }

    /// Records a pile of outcomes in one transaction and counts them.
    async fn record(
        &self,
        done: &[(Claimed, Settlement)],
        round: &mut Round,
    ) -> anyhow::Result<()> {
        let outcomes: Vec<(i64, Settlement)> = done
            .iter()
            .map(|(row, settlement)| (row.id, settlement.clone()))
            .collect();
        let now = self.state.clock.now();
        let mine = outbox::settle_all(&self.state.db, &self.config.owner, &outcomes, now).await?;
        for ((row, settlement), mine) in done.iter().zip(mine) {
            if let Settlement::Failed { reason } = settlement {
                tracing::warn!(row = row.id, chat = row.chat_id, %reason, "a message failed");
            }
            if !mine {
                tracing::warn!(
                    row = row.id,
                    "the lease ran out before the outcome was recorded"
                );
            }
            let outcome = match settlement {
                Settlement::Sent { .. } => {
                    round.sent += 1;
                    "sent"
                }
                Settlement::Retry { .. } => {
                    round.retried += 1;
                    "retried"
                }
                Settlement::Failed { .. } => {
                    round.failed += 1;
                    "failed"
                }
                Settlement::Skipped { .. } => {
                    round.skipped += 1;
                    "skipped"
                }
            };
            crate::metrics::global().delivered(outcome);
        }
        Ok(())
    }

    /// Delivers until `stop` turns true: a round whenever woken, or every poll interval, while
    /// this replica holds the sender's lease ([`SENDER_LEASE`]), kept meanwhile. Once `stop`
    /// turns, nothing more is claimed; the messages already claimed go out (at most a couple of
    /// seconds' worth) or are put back, then the lease is given up for another replica.
    pub async fn run(self: Arc<Self>, mut stop: watch::Receiver<bool>) {
        *self.sending.lock().expect("sending lock") = Sending::NotHeld;
        let keeping = tokio::spawn(self.clone().keep_sender_lease());
        while !*stop.borrow() {
            let round = self.deliver_due();
            tokio::pin!(round);
            let finished = tokio::select! {
                finished = &mut round => Some(finished),
                _ = stop.changed() => None,
            };
            let finished = match finished {
                Some(finished) => finished,
                None => {
                    self.stopping.store(true, Ordering::SeqCst);
                    round.await
                }
            };
            match finished {
                Ok(round) if round.claimed > 0 => self.idle.notify_one(),
                Ok(_) => {}
                Err(err) => tracing::error!(error = %err, "a delivery round failed"),
            }
            if *stop.borrow() {
                break;
            }
            tokio::select! {
                _ = stop.changed() => {}
                _ = self.wake.notified() => {}
                _ = self.state.outbox_added.notified() => {}
                _ = tokio::time::sleep(self.config.poll_interval) => {}
            }
        }
        self.stopping.store(true, Ordering::SeqCst);
        keeping.abort();
        *self.sending.lock().expect("sending lock") = Sending::NotHeld;
        let db = &self.state.db;
        if let Err(err) =
            store::leases::release(db, store::leases::SENDER, &self.config.owner).await
        {
            tracing::warn!(error = %err, "cannot give up the sender's lease");
        }
    }

    /// Resolves when a round that sent something has emptied the queue: the moment an
    /// announcement's last messages are settled, for its live report to show the summary.
    pub async fn went_idle(&self) {
        self.idle.notified().await;
    }

    /// Whether this worker may send now: it is alone, or holds the sender's lease and, by its
    /// own clock, has not come within [`SENDER_MARGIN`] of its end.
    pub fn sends(&self) -> bool {
        match *self.sending.lock().expect("sending lock") {
            Sending::Alone => true,
            Sending::Until(until) => self.config.send_clock.now() < until,
            Sending::NotHeld => false,
        }
    }

    /// Takes or renews the sender's lease every [`SENDER_RENEW`], for as long as the task runs.
    async fn keep_sender_lease(self: Arc<Self>) {
        loop {
            self.renew_sender_lease().await;
            tokio::time::sleep(SENDER_RENEW).await;
        }
    }

    /// One renewal: asks for the lease and says what this worker may do until the next.
    async fn renew_sender_lease(&self) {
        // Measured from before the question: the answer may come late, the lease runs from it.
        let asked = self.config.send_clock.now();
        let held = store::leases::hold(
            &self.state.db,
            store::leases::SENDER,
            &self.config.owner,
            self.state.clock.now(),
            SENDER_LEASE,
        )
        .await;
        let until = asked + SENDER_LEASE.to_std().unwrap_or_default() - SENDER_MARGIN;
        let mut sending = self.sending.lock().expect("sending lock");
        let was = *sending;
        *sending = match held {
            Ok(true) => Sending::Until(until),
            Ok(false) => Sending::NotHeld,
            // Not renewed, not lost either: it lapses by itself at the margin.
            Err(err) => {
                tracing::warn!(error = %err, "cannot renew the sender's lease");
                was
            }
        };
        match (was, *sending) {
            (Sending::NotHeld | Sending::Alone, Sending::Until(_)) => {
                tracing::info!(owner = %self.config.owner, "this replica sends the messages");
                self.wake();
            }
            (Sending::Until(_), Sending::NotHeld) => {
                tracing::warn!("another replica sends the messages now; this one stops sending");
            }
            _ => {}
        }
    }

    async fn attempt(&self, row: &Claimed) -> Settlement {
        let now = self.state.clock.now();
        if let Some(until) = row.valid_until
            && now >= until
        {
            return Settlement::Skipped {
                reason: "too late: what it announces has already started".into(),
            };
        }
        if !row.urgent
            && let Some(quiet) = &self.config.quiet_hours
            && let Some(release) = quiet.holds(&self.state.settings.timezone, now)
        {
            return Settlement::Retry {
                at: release,
                reason: format!("quiet hours ({quiet})"),
                counts: false,
            };
        }
        let payload = match Payload::from_json(&row.payload) {
            Ok(payload) => payload,
            Err(err) => {
                return Settlement::Failed {
                    reason: format!("unreadable payload: {err}"),
                };
            }
        };
        let rendered = match render(&self.state, &payload, row.person_id).await {
            Ok(Ok(rendered)) => rendered,
            Ok(Err(reason)) => return Settlement::Skipped { reason },
            Err(err) => {
                return Settlement::Retry {
                    at: now + chrono::Duration::seconds(5),
                    reason: format!("cannot render: {err}"),
                    counts: true,
                };
            }
        };
        let turn = self.wait_for_slot(row.chat_id).await;
        if !self.sends() {
            // The lease lapsed while this waited for its turn: the row goes back at once, for
            // the replica that sends now.
            return Settlement::Retry {
                at: now,
                reason: "left to the replica that holds the sender's lease".into(),
                counts: false,
            };
        }
        let result = self
            .config
            .send_clock
            .timeout(self.config.send_timeout, self.send(row.chat_id, rendered))
            .await;
        // The answer (or the timeout) is in: from now on the message counts for one more second.
        drop(turn);
        let failure = match result {
            Ok(Ok(message)) => {
                self.counters.sent.fetch_add(1, Ordering::Relaxed);
                return Settlement::Sent {
                    telegram_message_id: message.id.0,
                };
            }
            Ok(Err(error)) => classify(&error),
            Err(_) => Failure::Transient(format!(
                "no answer within {} s",
                self.config.send_timeout.as_secs()
            )),
        };
        self.settlement_for(row, failure, self.state.clock.now())
            .await
    }

    /// One message to Telegram.
    async fn send(&self, chat: i64, rendered: Rendered) -> Result<Message, RequestError> {
        send_rendered(
            &self.bot,
            ChatId(chat),
            rendered,
            self.config.paid_broadcast,
        )
        .await
    }

    async fn settlement_for(
        &self,
        row: &Claimed,
        failure: Failure,
        now: DateTime<Utc>,
    ) -> Settlement {
        match failure {
            Failure::TooManyRequests(wait) => {
                self.counters
                    .too_many_requests
                    .fetch_add(1, Ordering::Relaxed);
                crate::metrics::global().too_many_requests.inc();
                tracing::warn!(
                    chat = row.chat_id,
                    wait_s = wait.as_secs(),
                    "Telegram said 429: pausing"
                );
                *self.paused_until.lock().await = Some(self.config.send_clock.now() + wait);
                Settlement::Retry {
                    at: now + chrono::Duration::from_std(wait).unwrap_or_default(),
                    reason: format!("429: retry after {} s", wait.as_secs()),
                    counts: false,
                }
            }
            Failure::Unreachable(reason) => {
                if let Some(person) = row.person_id
                    && let Err(err) = outbox::mark_unreachable(&self.state.db, person, now).await
                {
                    tracing::error!(error = %err, "cannot mark a person unreachable");
                }
                Settlement::Failed { reason }
            }
            Failure::Permanent(reason) => Settlement::Failed { reason },
            Failure::Transient(reason) if row.attempts >= self.config.max_attempts => {
                Settlement::Failed {
                    reason: format!("{reason} (gave up after {} attempts)", row.attempts),
                }
            }
            Failure::Transient(reason) => {
                let wait = backoff(
                    row.attempts,
                    self.config.backoff_base,
                    self.config.backoff_cap,
                    rand::random::<f64>(),
                );
                Settlement::Retry {
                    at: now + chrono::Duration::from_std(wait).unwrap_or_default(),
                    reason,
                    counts: true,
                }
            }
        }
    }

    /// Waits for a turn within Telegram's limits as a message to `chat` would, for another
    /// request that counts against them (an announcement's live report, edited in place).
    /// Keep the turn until the request's answer has come, then drop it.
    pub async fn wait_turn(&self, chat: i64) -> Turn<'_> {
        self.wait_for_slot(chat).await
    }

    /// Waits until this chat may receive again, any 429 pause is over, the window has room
    /// and the global rate's grid gives a slot. The window's place is taken before the grid
    /// slot: a slot taken first would be lost while waiting for the window, and the messages
    /// held back would then leave together.
    async fn wait_for_slot(&self, chat: i64) -> Turn<'_> {
        let interval = if chat < 0 {
            self.config.group_interval
        } else {
            self.config.private_interval
        };
        let clock = &self.config.send_clock;
        loop {
            let ready_at = {
                let last = self.last_sent.lock().expect("pacing lock");
                last.get(&chat).map(|last| *last + interval)
            };
            if let Some(at) = ready_at {
                clock.sleep_until(at).await;
            }
            loop {
                let paused = *self.paused_until.lock().await;
                match paused {
                    Some(until) if until > clock.now() => clock.sleep_until(until).await,
                    _ => break,
                }
            }
            let mut turn = self.enter_window().await;
            // No burst: a slot missed while nothing was waiting is not made up for later.
            let slot = {
                let mut next = self.next_global.lock().await;
                let slot = (*next).max(clock.now());
                *next = slot + self.global_interval;
                slot
            };
            clock.sleep_until(slot).await;
            let mut last = self.last_sent.lock().expect("pacing lock");
            let now = clock.now();
            if last.get(&chat).is_none_or(|t| *t + interval <= now) {
                last.insert(chat, now);
                if last.len() > 100_000 {
                    last.retain(|_, t| *t + interval > now);
                }
                turn.chat = Some(chat);
                return turn;
            }
            // Another message to this chat went first meanwhile: give the place back (the
            // turn drops unused) and wait for the next one.
        }
    }

    /// Takes a place in the sliding second, waiting until there is one.
    async fn enter_window(&self) -> Turn<'_> {
        let clock = &self.config.send_clock;
        let rate = self.config.rate_per_second.max(1) as usize;
        loop {
            // Registered before looking, so an answer that comes in between is not missed.
            let freed = self.window_freed.notified();
            tokio::pin!(freed);
            freed.as_mut().enable();
            let free_at = {
                let mut window = self.window.lock().expect("pacing lock");
                let now = clock.now();
                window.forget_before(now);
                if window.len() < rate {
                    window.in_flight += 1;
                    return Turn {
                        deliverer: self,
                        chat: None,
                    };
                }
                window.answered.front().map(|at| *at + WINDOW)
            };
            match free_at {
                // An answered message leaves the window then; another answer may come first,
                // which changes nothing, so the sleep alone decides.
                Some(at) => clock.sleep_until(at).await,
                // Every place is held by a message still in flight: wait for an answer.
                None => freed.await,
            }
        }
    }

    /// A turn ends: the message's answer came (or it never left).
    fn end_turn(&self, chat: Option<i64>) {
        let now = self.config.send_clock.now();
        {
            let mut window = self.window.lock().expect("pacing lock");
            window.in_flight -= 1;
            if chat.is_some() {
                window.answered.push_back(now);
            }
        }
        if let Some(chat) = chat {
            // The next message to this chat counts its interval from this answer, after which
            // Telegram has surely received this one.
            let mut last = self.last_sent.lock().expect("pacing lock");
            let at = last.entry(chat).or_insert(now);
            *at = (*at).max(now);
        }
        self.window_freed.notify_waiters();
    }
}

/// How long a message counts against the global rate after its answer.
const WINDOW: Duration = Duration::from_secs(1);

/// The global rate's sliding second on the sender's side: the messages that left and await
/// their answer, and the instants of the answers of the last second. Together they hold at
/// most the rate. A message is received by Telegram between leaving and its answer, so every
/// message Telegram counts in any one second is, at that second's end, still here.
#[derive(Debug, Default)]
struct Window {
    in_flight: usize,
    answered: VecDeque<Instant>,
}

impl Window {
    /// Drops the answers older than a second.
    fn forget_before(&mut self, now: Instant) {
        while self.answered.front().is_some_and(|at| *at + WINDOW <= now) {
            self.answered.pop_front();
        }
    }

    /// Messages that count now.
    fn len(&self) -> usize {
        self.in_flight + self.answered.len()
    }
}

/// One message's place within the limits, from its turn until its answer: dropping it gives
/// the place back, to count for one more second if the message left.
#[must_use = "the turn lasts until the request's answer; drop it then"]
pub struct Turn<'a> {
    deliverer: &'a Deliverer,
    /// The chat, once the message may leave.
    chat: Option<i64>,
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        self.deliverer.end_turn(self.chat);
    }
}

/// One rendered message to Telegram: a text, or a file (made for it, or a photo or document
/// Telegram has already) with the text as its caption. The engine sends through it, and so
/// does an announcement's preview, which is then what its recipients get.
pub async fn send_rendered(
    bot: &Bot,
    chat: ChatId,
    rendered: Rendered,
    paid_broadcast: bool,
) -> Result<Message, RequestError> {
    // Each kind of request is its own type in teloxide: the same options, set on each.
    macro_rules! with_options {
        ($request:expr) => {{
            let mut request = $request.parse_mode(ParseMode::Html);
            if let Some(keyboard) = rendered.keyboard {
                request = request.reply_markup(keyboard);
            }
            if paid_broadcast {
                request = request.allow_paid_broadcast(true);
            }
            request.send().await
        }};
    }
    match rendered.attachment {
        None => with_options!(bot.send_message(chat, rendered.html)),
        Some(Attachment::Made { file_name, bytes }) => {
            let document = InputFile::memory(bytes).file_name(file_name);
            with_options!(bot.send_document(chat, document).caption(rendered.html))
        }
        Some(Attachment::MadePhoto { bytes }) => {
            let photo = InputFile::memory(bytes).file_name("chart.png");
            with_options!(bot.send_photo(chat, photo).caption(rendered.html))
        }
        Some(Attachment::Photo { file_id }) => with_options!(
            bot.send_photo(chat, InputFile::file_id(file_id.into()))
                .caption(rendered.html)
        ),
        Some(Attachment::Document { file_id }) => with_options!(
            bot.send_document(chat, InputFile::file_id(file_id.into()))
                .caption(rendered.html)
        ),
    }
}

/// The time between two slots of the global rate, rounded up to the nanosecond: `rate` slots
/// must span a full second. Rounded down (1 s / 30 = 33,333,333 ns), 30 intervals come to
/// 10 ns short of a second, so a 31st message could go within one second of the first.
fn global_interval(rate_per_second: u32) -> Duration {
    let rate = u64::from(rate_per_second.max(1));
    Duration::from_nanos(1_000_000_000_u64.div_ceil(rate))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_slots_never_fit_one_more_message_into_a_second() {
        for rate in [1, 7, 30, 300, 400, 1000, 5000] {
            let interval = global_interval(rate);
            assert!(interval * rate >= Duration::from_secs(1), "{rate}/s");
            assert!(
                interval * rate < Duration::from_secs(1) + Duration::from_nanos(u64::from(rate))
            );
        }
        assert_eq!(global_interval(0), Duration::from_secs(1));
    }

    #[test]
    fn the_send_timeout_outlasts_teloxides_pause_on_server_errors() {
        // teloxide-core (0.13, net/request.rs: DELAY_ON_SERVER_ERROR) sleeps 10 s before it
        // reads any answer with a 5xx status. A send timeout shorter than that, with room for
        // the answer itself, would record every server error as "no answer" and lose
        // Telegram's description. The delivery tests get their 5xx in the body alone so as
        // not to wait 10 s a try, so this is where it is checked.
        const TELOXIDE_PAUSE_ON_5XX: Duration = Duration::from_secs(10);
        let timeout = DeliveryConfig::default().send_timeout;
        assert!(timeout >= TELOXIDE_PAUSE_ON_5XX + Duration::from_secs(5));
    }
}
