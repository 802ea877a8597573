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

use futures::{Stream, StreamExt};
use teloxide::RequestError;
use teloxide::prelude::*;
use teloxide::types::AllowedUpdate;
use teloxide::update_listeners::{
    AsUpdateStream, Polling, StatefulListener, UpdateListener, polling_default,
};

use crate::state::AppState;
use crate::store::inbox;

/// The listener's state: teloxide's poller, what to replay, and the replayed updates' ids (so
/// one that Telegram also sends again goes once).
pub struct Inbox {
    polling: Polling<Bot>,
    replay: Vec<Update>,
    state: AppState,
    seen: HashSet<i64>,
}

/// The listener for `Dispatcher::dispatch_with_listener`.
pub async fn listener(
    bot: Bot,
    state: AppState,
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
        ..
    } = inbox;
    let live = polling.as_stream().filter_map(move |received| {
        let state = state.clone();
        let first_time = match &received {
            Ok(update) => !seen.remove(&i64::from(update.id.0)),
            Err(_) => true,
        };
        async move {
            let update = match received {
                Ok(update) if first_time => update,
                // Replayed from the inbox already, then sent again by Telegram.
                Ok(_) => return None,
                Err(err) => return Some(Err(err)),
            };
            let id = i64::from(update.id.0);
            let payload = serde_json::to_string(&update).unwrap_or_default();
            match inbox::receive(&state.db, id, &payload, state.clock.now()).await {
                Ok(true) => Some(Ok(update)),
                // Handled before a stop, then sent again by Telegram: not twice.
                Ok(false) => None,
                Err(err) => {
                    // Not kept, but not dropped either: handled now, as without an inbox.
                    tracing::warn!(update = id, error = %err, "cannot keep an update in the inbox");
                    Some(Ok(update))
                }
            }
        }
    });
    replay.chain(live)
}
