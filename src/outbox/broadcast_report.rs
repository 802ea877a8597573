//! The organiser's live report of an announcement sent from chat, at once or at a given time:
//! the confirmation message is edited in place as its messages go (waiting, sent, failed, blocked), and ends with the
//! summary. Each round edits a message only when its figures changed, and rounds come every
//! [`EVERY`], so one message is edited at most once per interval; each edit waits for its turn
//! in the delivery engine's pacing (the global rate and the chat's own), like a message, so
//! the edits never push the sending of the announcement itself over Telegram's limits.

use std::time::Duration;

use teloxide::prelude::*;
use teloxide::types::{MessageId, ParseMode};
use tokio::sync::watch;

use super::sender::Deliverer;
use crate::state::AppState;
use crate::store::broadcasts::{self, Figures, Standing};
use crate::store::{roster, schedules};
use crate::views::broadcast::report_text;

/// How often the reports are brought up to date.
pub const EVERY: Duration = Duration::from_secs(3);

/// Brings every live report up to date; returns how many messages were edited.
pub async fn report(state: &AppState, bot: &Bot, pacing: &Deliverer) -> anyhow::Result<u64> {
    report_some(state, bot, pacing, false).await
}

/// Shows the summary in the live reports of the announcements just finished, and edits no
/// other: run when the delivery worker has emptied the queue, so that the organiser reads
/// the summary at once, not up to [`EVERY`] later, while reports still under way keep to
/// one edit per interval.
pub async fn report_finished(
    state: &AppState,
    bot: &Bot,
    pacing: &Deliverer,
) -> anyhow::Result<u64> {
    report_some(state, bot, pacing, true).await
}

async fn report_some(
    state: &AppState,
    bot: &Bot,
    pacing: &Deliverer,
    finished_only: bool,
) -> anyhow::Result<u64> {
    let mut edited = 0;
    for r in broadcasts::reporting(&state.db).await? {
        let figures = broadcasts::figures(&state.db, r.id).await?;
        let next_at = schedules::next_of(&state.db, r.schedule_id).await?;
        // A live report follows an announcement that goes once (now or at a time).
        let standing = Standing::of(r.cancelled_at, false, next_at, &figures);
        if matches!(standing, Standing::Scheduled(_)) && figures == Figures::default() {
            // Not gone yet: the confirmation keeps saying when it will.
            continue;
        }
        let done = standing.finished();
        // Within its last second of sending, an announcement's progress is not shown: the
        // summary follows at once, and an edit now would hold it back by the chat's interval.
        let last_second = figures.queued <= i64::from(pacing.config().rate_per_second);
        if !done && (finished_only || last_second) {
            continue;
        }
        let cancelled = matches!(standing, Standing::Cancelled(_));
        let language = roster::by_telegram(&state.db, r.chat_id)
            .await?
            .map_or(state.settings.default_language, |p| p.language);
        let text = report_text(
            state,
            language,
            r.id,
            &figures,
            r.unreachable,
            done,
            cancelled,
        );
        if r.shown.as_deref() == Some(text.as_str()) {
            continue;
        }
        let Ok(message_id) = i32::try_from(r.message_id) else {
            broadcasts::reported(&state.db, r.id, &text, true).await?;
            continue;
        };
        let turn = pacing.wait_turn(r.chat_id).await;
        let sent = bot
            .edit_message_text(ChatId(r.chat_id), MessageId(message_id), text.clone())
            .parse_mode(ParseMode::Html)
            .await;
        drop(turn);
        match sent {
            Ok(_) => {
                edited += 1;
                broadcasts::reported(&state.db, r.id, &text, done).await?;
            }
            Err(err) => {
                // The message is gone (deleted, the chat blocked): stop following it.
                tracing::warn!(broadcast = r.id, error = %err, "cannot update a live report");
                broadcasts::reported(&state.db, r.id, &text, true).await?;
            }
        }
    }
    Ok(edited)
}

/// Updates the reports every [`EVERY`], and the finished ones as soon as the delivery worker
/// has emptied the queue, until `stop` turns true, on the replica that sends the messages
/// (the others would edit the same reports again, and their edits count against the bot's
/// rate too).
pub async fn run(
    state: AppState,
    bot: Bot,
    pacing: std::sync::Arc<Deliverer>,
    mut stop: watch::Receiver<bool>,
) {
    let mut finished_only = false;
    while !*stop.borrow() {
        if pacing.sends() {
            let round = report_some(&state, &bot, &pacing, finished_only).await;
            if let Err(err) = round {
                tracing::error!(error = %err, "a live report round failed");
            }
        }
        finished_only = tokio::select! {
            _ = stop.changed() => false,
            _ = tokio::time::sleep(EVERY) => false,
            _ = pacing.went_idle() => true,
        };
    }
}
