//! Several `takwin run` replicas on one database: exactly one long-polls Telegram (a second
//! poller gets 409 and could handle an update twice); when it dies another takes over, and
//! when it stops cleanly the next takes over at once. Driven step by step on the app's clock.

use chrono::Duration;
use takwin::app::{POLLER_LEASE, PollerElection, Polling};
use takwin::store::leases;

use crate::support::{Backend, TestApp};

pub async fn one_replica_polls_and_another_takes_over(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let state = &app.state;
    let holder = || async {
        leases::holder(&state.db, leases::POLLER, app.now())
            .await
            .unwrap()
    };
    let mut a = PollerElection::named("replica-a");
    let mut b = PollerElection::named("replica-b");

    // Two replicas start together: one polls.
    let (first, second) = tokio::join!(a.step(state), b.step(state));
    let mut starts = [first, second];
    starts.sort_by_key(|p| *p == Polling::Start);
    assert_eq!(starts, [Polling::Keep, Polling::Start], "exactly one polls");
    if holder().await.as_deref() == Some("replica-b") {
        std::mem::swap(&mut a, &mut b);
    }
    assert_eq!(holder().await.as_deref(), Some(a.holder.as_str()));

    // The poller renews in time; the other keeps waiting.
    app.clock.advance(Duration::seconds(20));
    assert_eq!(a.step(state).await, Polling::Keep);
    assert_eq!(b.step(state).await, Polling::Keep);
    app.clock.advance(Duration::seconds(20));
    assert_eq!(
        b.step(state).await,
        Polling::Keep,
        "renewed 20 s ago: still held"
    );

    // The poller stalls (or dies) past its lease: the other takes over, and the stalled one
    // stops as soon as it wakes, so the two never poll together.
    app.clock.advance(POLLER_LEASE);
    assert_eq!(b.step(state).await, Polling::Start);
    assert_eq!(a.step(state).await, Polling::Stop);
    assert_eq!(holder().await.as_deref(), Some(b.holder.as_str()));

    // A clean stop hands over at once.
    b.resign(state).await;
    assert_eq!(holder().await, None);
    assert_eq!(a.step(state).await, Polling::Start);
    app.finish().await;
}
