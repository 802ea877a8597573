//! Long polling with nothing lost: every update is written to the inbox (`store::inbox`)
//! before it is handed to the dispatcher, and marked handled when its handling ends (in
//! `schema.rs`). teloxide's poller acknowledges a batch to Telegram as soon as it asks for the
//! next one, while the batch's handlers may still be running; a process killed then would
//! lose those updates. With the inbox, the next start (or the replica that takes over
//! polling) handles them first, and an update Telegram sends again after a stop is handled
//! once.
//!
//! Written over teloxide's own `Polling` listener, which keeps its timeouts, backoff and
//! webhook handling; this only adds the writing and the replay.

use std::collections::HashSet;
use std::sync::{Arc, Mutex as StdMutex};

use futures::{Stream, StreamExt};
use teloxide::RequestError;
use teloxide::prelude::*;
use teloxide::types::AllowedUpdate;
use teloxide::update_listeners::{
    AsUpdateStream, Polling, StatefulListener, UpdateListener, polling_default,
};

use crate::state::AppState;
use crate::store::inbox;

/// Whether this replica may poll now, by its own clock: the elected poller may until shortly
/// before its lease could run out unrenewed. A poller that stalled past its lease (SIGSTOP,
/// a long pause) and wakes after another has taken over takes nothing more: its stream ends
/// at the first thing it brings, before storing it, and asks Telegram for nothing again, so
/// what it brought stays unconfirmed for the new poller.
#[derive(Clone, Debug)]
pub struct PollingPermit(Arc<StdMutex<Option<tokio::time::Instant>>>);

impl PollingPermit {
    /// A permit without end: a lone bot that is not elected (the tests, the demo).
    pub fn always() -> PollingPermit {
        PollingPermit(Arc::new(StdMutex::new(None)))
    }

    /// A permit that lapses at `until`, unless extended.
    pub fn until(until: tokio::time::Instant) -> PollingPermit {
        PollingPermit(Arc::new(StdMutex::new(Some(until))))
    }

    /// Moves the end to `until` (a renewal), or to now (the lease was lost).
    pub fn extend(&self, until: tokio::time::Instant) {
        *self.0.lock().expect("permit lock") = Some(until);
    }

    /// Whether polling is still allowed.
    pub fn allows(&self) -> bool {
        self.0
            .lock()
            .expect("permit lock")
            .is_none_or(|until| tokio::time::Instant::now() < until)
    }
}

/// The most updates one poll brings (Telegram's `limit` of getUpdates).
const POLL_BATCH: usize = 100;

/// The listener's state: teloxide's poller, what to replay, the replayed updates' ids (so
/// one that Telegram also sends again goes once), and until when it may poll.
pub struct Inbox {
    polling: Polling<Bot>,
    replay: Vec<Update>,
    state: AppState,
    seen: HashSet<i64>,
    permit: PollingPermit,
}

/// The listener for `Dispatcher::dispatch_with_listener`, taking updates while `permit`
/// allows.
pub async fn listener(
    bot: Bot,
    state: AppState,
    permit: PollingPermit,
) -> anyhow::Result<impl UpdateListener<Err = RequestError>> {
    let mut replay = Vec::new();
    for (id, payload) in inbox::unhandled(&state.db).await? {
        match serde_json::from_str::<Update>(&payload) {
            Ok(update) => replay.push(update),
            Err(err) => {
                // Written by an older release in a shape this one cannot read: logged, and
                // marked so it is not tried at every start.
                tracing::error!(update = id, error = %err, "an unhandled update no longer reads");
                inbox::handled(&state.db, id, state.clock.now()).await?;
            }
        }
    }
    if !replay.is_empty() {
        tracing::warn!(
            count = replay.len(),
            "updates taken before a stop were not handled; handling them now"
        );
    }
    let polling = polling_default(bot).await;
    let seen = replay.iter().map(|u| i64::from(u.id.0)).collect();
    Ok(StatefulListener::new_with_hints(
        Inbox {
            polling,
            replay,
            state,
            seen,
            permit,
        },
        stream,
        |inbox: &mut Inbox| inbox.polling.stop_token(),
        Some(hint as fn(&mut Inbox, &mut dyn Iterator<Item = AllowedUpdate>)),
    ))
}

fn hint(inbox: &mut Inbox, hint: &mut dyn Iterator<Item = AllowedUpdate>) {
    inbox.polling.hint_allowed_updates(hint);
}

/// The replayed updates first, then Telegram's, each written to the inbox before it goes on.
fn stream(inbox: &mut Inbox) -> impl Stream<Item = Result<Update, RequestError>> + Send + '_ {
    let replay = futures::stream::iter(std::mem::take(&mut inbox.replay).into_iter().map(Ok));
    let Inbox {
        polling,
        state,
        seen,
        permit,
        ..
    } = inbox;
    let permit = permit.clone();
    let live = polling
        .as_stream()
        .take_while(move |_| {
            let allowed = permit.allows();
            if !allowed {
                tracing::warn!("this replica's turn to poll ran out; it takes no more updates");
            }
            futures::future::ready(allowed)
        })
        // What one poll brought is ready at once: written to the inbox in one statement.
        .ready_chunks(POLL_BATCH)
        .then(move |received| {
            let state = state.clone();
            // Replayed from the inbox already, then sent again by Telegram: not twice.
            let fresh: Vec<Result<Update, RequestError>> = received
                .into_iter()
                .filter(|r| match r {
                    Ok(update) => !seen.remove(&i64::from(update.id.0)),
                    Err(_) => true,
                })
                .collect();
            async move {
                let updates: Vec<(i64, String)> = fresh
                    .iter()
                    .filter_map(|r| r.as_ref().ok())
                    .map(|u| {
                        let payload = serde_json::to_string(u).unwrap_or_default();
                        (i64::from(u.id.0), payload)
                    })
                    .collect();
                match inbox::receive_all(&state.db, &updates, state.clock.now()).await {
                    // Those handled before a stop, then sent again by Telegram: not twice.
                    Ok(to_handle) => fresh
                        .into_iter()
                        .filter(|r| match r {
                            Ok(update) => to_handle.contains(&i64::from(update.id.0)),
                            Err(_) => true,
                        })
                        .collect(),
                    Err(err) => {
                        // Not kept, but not dropped either: handled now, as without an inbox.
                        tracing::warn!(error = %err, "cannot keep updates in the inbox");
                        fresh
                    }
                }
            }
        })
        .flat_map(futures::stream::iter);
    replay.chain(live)
}
