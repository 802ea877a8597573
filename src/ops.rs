//! What an operator or a load balancer asks a running replica, on `takwin run --listen ADDR`:
//! `/healthz` (the process answers), `/readyz` (the database answers, every migration is
//! applied, and the replica is not draining: 503 otherwise, so a balancer stops sending it
//! work), `/metrics` (Prometheus's text format: [`crate::metrics`], with the outbox and the
//! poller read from the database at each scrape).

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;

use crate::metrics::{HolderLabels, StateLabels};
use crate::state::AppState;
use crate::store::{leases, outbox, schedules};

/// What the endpoints read: the app, and whether this replica is draining.
#[derive(Clone)]
pub struct Ops {
    state: AppState,
    draining: Arc<AtomicBool>,
}

impl Ops {
    /// The endpoints of a replica that is not draining.
    pub fn new(state: AppState) -> Ops {
        Ops {
            state,
            draining: Arc::new(AtomicBool::new(false)),
        }
    }

    /// From now on `/readyz` answers 503: the replica is stopping.
    pub fn drain(&self) {
        self.draining.store(true, Ordering::SeqCst);
    }

    /// The routes.
    pub fn router(&self) -> Router {
        Router::new()
            .route("/healthz", get(|| async { "ok\n" }))
            .route("/readyz", get(ready))
            .route("/metrics", get(metrics))
            .with_state(self.clone())
    }

    /// The draining flag, for another route that refuses work while it is set (the webhook's).
    pub fn draining(&self) -> Arc<AtomicBool> {
        self.draining.clone()
    }

    /// Serves the routes, and `extra` beside them (the webhook's, in webhook mode), on
    /// `listener` until `stop` resolves.
    pub async fn serve(
        &self,
        listener: tokio::net::TcpListener,
        extra: Router,
        stop: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(listener, self.router().merge(extra))
            .with_graceful_shutdown(stop)
            .await
    }
}

/// Binds the address first, so that a port already taken stops `takwin run` at once with the
/// reason, rather than later in a background task.
pub async fn bind(addr: SocketAddr) -> anyhow::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow::anyhow!("--listen {addr}: {e}"))
}

async fn ready(State(ops): State<Ops>) -> impl IntoResponse {
    if ops.draining.load(Ordering::SeqCst) {
        return (StatusCode::SERVICE_UNAVAILABLE, "draining\n");
    }
    if !ops.state.db.is_ready().await {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "the database does not answer, or migrations are missing\n",
        );
    }
    (StatusCode::OK, "ready\n")
}

async fn metrics(State(ops): State<Ops>) -> impl IntoResponse {
    let metrics = crate::metrics::global();
    let now = ops.state.clock.now();
    match outbox::status(&ops.state.db, now).await {
        Ok(status) => {
            for (state, count) in &status.counts {
                metrics
                    .outbox_rows
                    .get_or_create(&StateLabels {
                        state: state.code().to_owned(),
                    })
                    .set(*count);
            }
            let waited = status
                .oldest_due
                .map(|due| (now - due).num_milliseconds().max(0) as f64 / 1000.0)
                .unwrap_or(0.0);
            metrics.outbox_oldest_due_seconds.set(waited);
        }
        Err(err) => tracing::warn!(error = %err, "/metrics cannot read the outbox"),
    }
    match schedules::oldest_due(&ops.state.db, now).await {
        Ok(oldest) => {
            let lag = oldest
                .map(|due| (now - due).num_milliseconds().max(0) as f64 / 1000.0)
                .unwrap_or(0.0);
            metrics.scheduler_lag_seconds.set(lag);
        }
        Err(err) => tracing::warn!(error = %err, "/metrics cannot read the schedules"),
    }
    match leases::holder(&ops.state.db, leases::POLLER, now).await {
        Ok(holder) => {
            // Only the holder now is 1: a replica that held it before reads 0.
            metrics.poller.clear();
            if let Some(holder) = holder {
                metrics
                    .poller
                    .get_or_create(&HolderLabels { holder })
                    .set(1);
            }
        }
        Err(err) => tracing::warn!(error = %err, "/metrics cannot read the poller's lease"),
    }
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        metrics.encode(),
    )
}
