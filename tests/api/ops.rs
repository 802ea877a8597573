//! What an operator asks a running replica (`takwin run --listen`): `/healthz`, `/readyz`
//! (503 once draining, so a balancer stops sending work), and `/metrics` in Prometheus's
//! text format with the run's figures: updates handled, messages delivered, the outbox's
//! depth and which replica holds the poller.

use takwin::domain::audience::Audience;
use takwin::domain::roster::Role;
use takwin::domain::schedule::CronSchedule;
use takwin::ops::{self, Ops};
use takwin::outbox::{Payload, scheduler};

use crate::new_workshop::{ORGANISER, organiser_app};
use crate::support::Backend;

pub async fn health_readiness_and_metrics_are_served(backend: Backend) {
    let app = organiser_app(backend).await;
    // Some work to count: the organiser's /start and /workshops were handled; a workshop's
    // invitations go to three presidents.
    app.presidents_invited(&[9101, 9102, 9103], 40).await;
    app.says(ORGANISER, "/workshops").await;

    let ops = Ops::new(app.state.clone());
    let listener = ops::bind("127.0.0.1:0".parse().unwrap()).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = {
        let ops = ops.clone();
        tokio::spawn(async move {
            ops.serve(listener, axum::Router::new(), async {
                let _ = stopped.await;
            })
            .await
        })
    };
    let http = reqwest::Client::new();
    let get = |path: &str| {
        let http = http.clone();
        let url = format!("http://{addr}{path}");
        async move {
            let response = http.get(url).send().await.unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };

    assert_eq!(get("/healthz").await, (200, "ok\n".into()));
    assert_eq!(get("/readyz").await, (200, "ready\n".into()));
    let (status, metrics) = get("/metrics").await;
    assert_eq!(status, 200);
    for line in [
        "takwin_updates_handled_total{kind=\"message\",outcome=\"handled\"}",
        "takwin_handler_duration_seconds_bucket{",
        "takwin_messages_total{outcome=\"sent\"}",
        "takwin_outbox_rows{state=\"sent\"}",
        "takwin_outbox_rows{state=\"queued\"}",
        "takwin_outbox_oldest_due_seconds",
        "takwin_telegram_429_total",
    ] {
        assert!(metrics.contains(line), "{line} missing from:\n{metrics}");
    }
    // The outbox's sent rows, as the database has them.
    let sent = takwin::store::outbox::status(&app.state.db, app.now())
        .await
        .unwrap()
        .counts
        .iter()
        .find(|(s, _)| s.code() == "sent")
        .map(|(_, n)| *n)
        .unwrap();
    assert!(sent > 0);
    assert!(
        metrics.contains(&format!("takwin_outbox_rows{{state=\"sent\"}} {sent}\n")),
        "{metrics}"
    );

    // A schedule whose occurrence has come, and no scheduler ticked: the lag shows how long
    // it has waited, until a tick fires it.
    let hourly = CronSchedule::parse("0 * * * *").unwrap();
    let audience = Audience::roles(&[Role::President]);
    let payload = Payload::html("Rappel.");
    let lateness = chrono::Duration::hours(6);
    scheduler::save(
        &app.state, "hourly", &hourly, &audience, &payload, lateness, None,
    )
    .await
    .unwrap();
    app.clock.advance(chrono::Duration::minutes(150));
    let lag = |metrics: &str| -> f64 {
        metrics
            .lines()
            .find_map(|l| l.strip_prefix("takwin_scheduler_lag_seconds "))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no scheduler lag in:\n{metrics}"))
    };
    let waited = lag(&get("/metrics").await.1);
    assert!((5400.0..=9000.0).contains(&waited), "{waited}");
    scheduler::tick(&app.state).await.unwrap();
    let (_, metrics) = get("/metrics").await;
    assert_eq!(lag(&metrics), 0.0);
    assert!(
        metrics.contains("takwin_scheduler_fired_late_seconds_count"),
        "{metrics}"
    );

    // Stopping: not ready any more, still alive.
    ops.drain();
    assert_eq!(get("/readyz").await.0, 503);
    assert_eq!(get("/healthz").await.0, 200);
    let _ = stop.send(());
    server.await.unwrap().unwrap();
    app.finish().await;
}
