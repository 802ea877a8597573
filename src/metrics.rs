//! What an operator watches, counted as it happens: updates handled (by kind and outcome, and
//! how long their handlers took), messages delivered (by outcome), Telegram's 429 answers; and,
//! read from the database when `/metrics` is asked, the outbox's depth and oldest due row,
//! which replica holds the poller, and how far behind the schedulers are. Exposed in
//! Prometheus's text format by `ops`.
//!
//! One registry per process, reached from where things happen (the update tree, the delivery
//! engine) without threading it through every call: a leaf that imports nothing of Takwin's.

use std::sync::OnceLock;
use std::sync::atomic::AtomicU64;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

/// An update's kind and what became of it.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct UpdateLabels {
    /// `message`, `callback_query`, `my_chat_member`, `other`.
    pub kind: String,
    /// `handled`, or `failed` (the person got an apology).
    pub outcome: String,
}

/// An update's kind alone.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct KindLabels {
    /// As in [`UpdateLabels::kind`].
    pub kind: String,
}

/// A delivery's outcome: `sent`, `retried`, `failed`, `skipped`.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OutcomeLabels {
    /// The outcome.
    pub outcome: String,
}

/// An outbox state: `queued`, `sending`, `sent`, `failed`, `skipped`.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct StateLabels {
    /// The state.
    pub state: String,
}

/// Which replica holds the poller's lease.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct HolderLabels {
    /// The replica's name (host, process, a random part).
    pub holder: String,
}

/// Handler durations from 1 ms to about 33 s.
fn handler_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.001, 2.0, 16))
}

/// The process's metrics.
pub struct Metrics {
    registry: Registry,
    /// Updates handled.
    pub updates: Family<UpdateLabels, Counter>,
    /// How long the handlers of an update took, in seconds.
    pub handler_seconds: Family<KindLabels, Histogram, fn() -> Histogram>,
    /// Deliveries by outcome.
    pub messages: Family<OutcomeLabels, Counter>,
    /// Telegram's 429 answers ("too many requests"): each a near-miss of the pacing.
    pub too_many_requests: Counter,
    /// Outbox rows per state, as read at the last scrape.
    pub outbox_rows: Family<StateLabels, Gauge>,
    /// How long the oldest due queued row has waited, in seconds (0 when none is due).
    pub outbox_oldest_due_seconds: Gauge<f64, AtomicU64>,
    /// 1 for the replica holding the poller's lease, as read at the last scrape.
    pub poller: Family<HolderLabels, Gauge>,
    /// How long the earliest occurrence that has come has waited to be fired, in seconds, as
    /// read at the last scrape (0 when none waits). A scheduler ticks every 15 s: more than
    /// that means none runs, or one is stuck.
    pub scheduler_lag_seconds: Gauge<f64, AtomicU64>,
    /// How late each occurrence was fired, in seconds after its time.
    pub fired_late_seconds: Histogram,
    /// Webhook requests by answer: `accepted`, `duplicate`, `unauthorized`, `bad_request`,
    /// `draining`, `error`.
    pub webhook_requests: Family<OutcomeLabels, Counter>,
}

impl Metrics {
    fn new() -> Metrics {
        let mut registry = Registry::with_prefix("takwin");
        let updates = Family::<UpdateLabels, Counter>::default();
        registry.register(
            "updates_handled",
            "Updates handled, by kind and outcome",
            updates.clone(),
        );
        let handler_seconds =
            Family::<KindLabels, Histogram, fn() -> Histogram>::new_with_constructor(
                handler_histogram,
            );
        registry.register(
            "handler_duration_seconds",
            "How long an update's handlers took",
            handler_seconds.clone(),
        );
        let messages = Family::<OutcomeLabels, Counter>::default();
        registry.register(
            "messages",
            "Deliveries by outcome (sent, retried, failed, skipped)",
            messages.clone(),
        );
        let too_many_requests = Counter::default();
        registry.register(
            "telegram_429",
            "Telegram's 429 answers (too many requests)",
            too_many_requests.clone(),
        );
        let outbox_rows = Family::<StateLabels, Gauge>::default();
        registry.register("outbox_rows", "Outbox rows per state", outbox_rows.clone());
        let outbox_oldest_due_seconds = Gauge::<f64, AtomicU64>::default();
        registry.register(
            "outbox_oldest_due_seconds",
            "How long the oldest due queued message has waited",
            outbox_oldest_due_seconds.clone(),
        );
        let poller = Family::<HolderLabels, Gauge>::default();
        registry.register(
            "poller",
            "1 for the replica that holds the poller's lease",
            poller.clone(),
        );
        let scheduler_lag_seconds = Gauge::<f64, AtomicU64>::default();
        registry.register(
            "scheduler_lag_seconds",
            "How long the earliest occurrence due has waited to be fired",
            scheduler_lag_seconds.clone(),
        );
        // From a tenth of a second to about an hour and a half.
        let fired_late_seconds = Histogram::new(exponential_buckets(0.1, 2.0, 16));
        registry.register(
            "scheduler_fired_late_seconds",
            "How late each occurrence was fired, after its time",
            fired_late_seconds.clone(),
        );
        let webhook_requests = Family::<OutcomeLabels, Counter>::default();
        registry.register(
            "webhook_requests",
            "Webhook requests by answer (accepted, duplicate, unauthorized, bad_request, draining, error)",
            webhook_requests.clone(),
        );
        Metrics {
            registry,
            updates,
            handler_seconds,
            messages,
            too_many_requests,
            outbox_rows,
            outbox_oldest_due_seconds,
            poller,
            scheduler_lag_seconds,
            fired_late_seconds,
            webhook_requests,
        }
    }

    /// Counts an update handled, with how long its handlers took.
    pub fn update_handled(&self, kind: &str, failed: bool, seconds: f64) {
        let outcome = if failed { "failed" } else { "handled" };
        self.updates
            .get_or_create(&UpdateLabels {
                kind: kind.to_owned(),
                outcome: outcome.to_owned(),
            })
            .inc();
        self.handler_seconds
            .get_or_create(&KindLabels {
                kind: kind.to_owned(),
            })
            .observe(seconds);
    }

    /// Counts a delivery's outcome.
    pub fn delivered(&self, outcome: &str) {
        self.messages
            .get_or_create(&OutcomeLabels {
                outcome: outcome.to_owned(),
            })
            .inc();
    }

    /// Counts a webhook request by its answer.
    pub fn webhook_request(&self, outcome: &str) {
        self.webhook_requests
            .get_or_create(&OutcomeLabels {
                outcome: outcome.to_owned(),
            })
            .inc();
    }

    /// Everything, in Prometheus's text format.
    pub fn encode(&self) -> String {
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &self.registry)
            .expect("writing to a String does not fail");
        text
    }
}

/// The process's metrics, made on first use.
pub fn global() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(Metrics::new)
}
