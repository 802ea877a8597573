//! The one place that answers "what time is it": injected everywhere, so tests and the demo
//! move time by hand instead of sleeping.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use tokio::sync::watch;

/// A source of the current instant.
pub trait Clock: Send + Sync + 'static {
    /// The current instant, in UTC.
    fn now(&self) -> DateTime<Utc>;
}

/// The machine's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that only moves when told to; shared by clones.
///
/// Code that must wait for an instant can wait on it ([`ManualClock::sleep_until`]); the
/// clock knows who is waiting and for when ([`ManualClock::sleepers`]), so a test can move it
/// to the next deadline once everything it drives is waiting, instead of sleeping and hoping.
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    now: Mutex<DateTime<Utc>>,
    /// The deadline of every task waiting in `sleep_until`, by a number of its own.
    sleepers: Mutex<Vec<(u64, DateTime<Utc>)>>,
    /// Bumped on every move of the clock and every sleeper that comes or goes.
    changes: watch::Sender<u64>,
}

impl ManualClock {
    /// A clock stopped at `at`.
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Arc::new(Inner {
            now: Mutex::new(at),
            sleepers: Mutex::new(Vec::new()),
            changes: watch::channel(0).0,
        }))
    }

    /// Moves the clock forward (or back, with a negative duration).
    pub fn advance(&self, by: Duration) {
        *self.0.now.lock().expect("clock lock") += by;
        self.changed();
    }

    /// Puts the clock at `at`.
    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.now.lock().expect("clock lock") = at;
        self.changed();
    }

    /// Waits until the clock shows `at` or later: until someone moves it there.
    pub async fn sleep_until(&self, at: DateTime<Utc>) {
        // Subscribed before the first look, so a move in between is not missed.
        let mut changes = self.0.changes.subscribe();
        if Clock::now(self) >= at {
            return;
        }
        let _waiting = Sleeper::register(self, at);
        while Clock::now(self) < at {
            if changes.changed().await.is_err() {
                // Cannot happen while `self` holds the sender; never spin if it did.
                return;
            }
        }
    }

    /// The deadlines of the tasks waiting in [`ManualClock::sleep_until`], soonest first. A
    /// deadline the clock has reached stays listed until its task has run and left.
    pub fn sleepers(&self) -> Vec<DateTime<Utc>> {
        let mut deadlines: Vec<DateTime<Utc>> = self
            .0
            .sleepers
            .lock()
            .expect("clock lock")
            .iter()
            .map(|(_, at)| *at)
            .collect();
        deadlines.sort();
        deadlines
    }

    /// A receiver that sees every move of the clock and every sleeper that comes or goes.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.0.changes.subscribe()
    }

    fn changed(&self) {
        self.0.changes.send_modify(|n| *n = n.wrapping_add(1));
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.now.lock().expect("clock lock")
    }
}

/// A task's place in the list of sleepers, removed when its wait ends or is dropped (a
/// timeout, a `select!` that chose another branch).
struct Sleeper {
    clock: ManualClock,
    id: u64,
}

impl Sleeper {
    fn register(clock: &ManualClock, at: DateTime<Utc>) -> Sleeper {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        clock.0.sleepers.lock().expect("clock lock").push((id, at));
        clock.changed();
        Sleeper {
            clock: clock.clone(),
            id,
        }
    }
}

impl Drop for Sleeper {
    fn drop(&mut self) {
        if let Ok(mut sleepers) = self.clock.0.sleepers.lock() {
            sleepers.retain(|(id, _)| *id != self.id);
        }
        self.clock.changed();
    }
}

/// The time the delivery engine measures its dealings with Telegram in: the intervals of its
/// limits, 429 pauses and the send timeout.
///
/// Every real run uses [`SendClock::Real`]: tokio's monotonic time, whatever the programme's
/// clock says, because Telegram counts real seconds and a wall clock can jump. Tests use
/// [`SendClock::manual`]: the engine then waits on a [`ManualClock`] that the test moves step
/// by step, so what they check (a message's turn, a timeout) never depends on how fast the
/// machine is.
#[derive(Debug, Clone, Default)]
pub enum SendClock {
    /// tokio's monotonic time.
    #[default]
    Real,
    /// A hand-moved clock, read as monotonic time from the instant it was attached.
    Manual {
        /// The clock.
        clock: ManualClock,
        /// What the clock showed when attached, and the monotonic instant that stands for it.
        origin: (DateTime<Utc>, tokio::time::Instant),
    },
}

impl SendClock {
    /// Paces by `clock`, which from now on stands for the passing of real time.
    pub fn manual(clock: &ManualClock) -> SendClock {
        SendClock::Manual {
            clock: clock.clone(),
            origin: (Clock::now(clock), tokio::time::Instant::now()),
        }
    }

    /// The current instant.
    pub fn now(&self) -> tokio::time::Instant {
        match self {
            SendClock::Real => tokio::time::Instant::now(),
            SendClock::Manual {
                clock,
                origin: (at, instant),
            } => {
                // A clock set back before it was attached reads as the attaching instant.
                let since = (Clock::now(clock) - *at).to_std().unwrap_or_default();
                *instant + since
            }
        }
    }

    /// Runs `work` until it ends or `limit` passes, whichever comes first; `Err` if it did
    /// not end in time. Real time is `tokio::time::timeout` itself.
    pub async fn timeout<T>(
        &self,
        limit: std::time::Duration,
        work: impl std::future::Future<Output = T>,
    ) -> Result<T, TimedOut> {
        match self {
            SendClock::Real => tokio::time::timeout(limit, work)
                .await
                .map_err(|_| TimedOut),
            SendClock::Manual { .. } => {
                let deadline = self.now() + limit;
                // Work first, as `tokio::time::timeout` polls it: what is done in time counts.
                tokio::select! {
                    biased;
                    done = work => Ok(done),
                    () = self.sleep_until(deadline) => Err(TimedOut),
                }
            }
        }
    }

    /// Waits until [`SendClock::now`] reaches `deadline`.
    pub async fn sleep_until(&self, deadline: tokio::time::Instant) {
        match self {
            SendClock::Real => tokio::time::sleep_until(deadline).await,
            SendClock::Manual {
                clock,
                origin: (at, instant),
            } => {
                let since = deadline.saturating_duration_since(*instant);
                match Duration::from_std(since)
                    .ok()
                    .and_then(|since| at.checked_add_signed(since))
                {
                    Some(when) => clock.sleep_until(when).await,
                    // Beyond any date the clock can show: never.
                    None => std::future::pending().await,
                }
            }
        }
    }
}

/// What [`SendClock::timeout`] answers when the work did not end in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimedOut;

/// The shared handle every component holds.
pub type SharedClock = Arc<dyn Clock>;

/// Instants are stored as integer UTC milliseconds, the one representation both backends share.
pub fn to_millis(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

/// The inverse of [`to_millis`].
pub fn from_millis(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[tokio::test]
    async fn a_sleeper_waits_for_the_clock_and_is_listed_meanwhile() {
        let start = Utc.with_ymd_and_hms(2026, 1, 10, 9, 0, 0).unwrap();
        let clock = ManualClock::new(start);
        // A deadline already reached returns at once and lists nobody.
        clock.sleep_until(start).await;
        assert!(clock.sleepers().is_empty());

        let deadline = start + Duration::seconds(1);
        let waiting = tokio::spawn({
            let clock = clock.clone();
            async move { clock.sleep_until(deadline).await }
        });
        let mut changes = clock.subscribe();
        while clock.sleepers() != [deadline] {
            changes.changed().await.unwrap();
        }
        clock.advance(Duration::milliseconds(999));
        assert_eq!(clock.sleepers(), [deadline], "not yet");
        clock.advance(Duration::milliseconds(1));
        waiting.await.unwrap();
        assert!(clock.sleepers().is_empty(), "it left the list");
    }

    #[tokio::test]
    async fn a_dropped_sleeper_leaves_the_list() {
        let start = Utc.with_ymd_and_hms(2026, 1, 10, 9, 0, 0).unwrap();
        let clock = ManualClock::new(start);
        let gave_up = tokio::time::timeout(
            std::time::Duration::from_millis(1),
            clock.sleep_until(start + Duration::hours(1)),
        )
        .await;
        assert!(gave_up.is_err());
        assert!(clock.sleepers().is_empty());
    }

    #[tokio::test]
    async fn a_manual_send_clock_reads_the_clock_as_monotonic_time() {
        let start = Utc.with_ymd_and_hms(2026, 1, 10, 9, 0, 0).unwrap();
        let clock = ManualClock::new(start);
        let pacing = SendClock::manual(&clock);
        let t0 = pacing.now();
        clock.advance(Duration::milliseconds(1500));
        assert_eq!(pacing.now() - t0, std::time::Duration::from_millis(1500));
        let deadline = t0 + std::time::Duration::from_secs(2);
        let waiting = tokio::spawn({
            let pacing = pacing.clone();
            async move { pacing.sleep_until(deadline).await }
        });
        let mut changes = clock.subscribe();
        while clock.sleepers() != [start + Duration::seconds(2)] {
            changes.changed().await.unwrap();
        }
        clock.advance(Duration::milliseconds(500));
        waiting.await.unwrap();
        assert_eq!(pacing.now(), deadline);
    }

    #[tokio::test]
    async fn a_manual_timeout_comes_when_the_clock_passes_it_and_not_before() {
        let start = Utc.with_ymd_and_hms(2026, 1, 10, 9, 0, 0).unwrap();
        let clock = ManualClock::new(start);
        let send_clock = SendClock::manual(&clock);
        let limit = std::time::Duration::from_secs(20);
        assert_eq!(send_clock.timeout(limit, async { 7 }).await, Ok(7));
        let never = send_clock.timeout(limit, std::future::pending::<()>());
        let moving = async {
            let mut changes = clock.subscribe();
            while clock.sleepers() != [start + Duration::seconds(20)] {
                changes.changed().await.unwrap();
            }
            clock.advance(Duration::seconds(20));
        };
        let (timed_out, ()) = tokio::join!(never, moving);
        assert_eq!(timed_out, Err(TimedOut));
    }
}
