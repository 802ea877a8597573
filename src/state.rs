//! What every handler, action and worker shares: the database, the translations, the clock
//! and the programme's settings. A small leaf low in the house, so that everything above it
//! may hold one without importing what builds it.

use std::sync::Arc;

use tokio::sync::Notify;

use crate::clock::SharedClock;
use crate::config::Settings;
use crate::i18n::I18n;
use crate::store::Db;
use crate::store::inbox::HandledMarks;
use crate::store::workshops::AnswerDesk;

/// What every handler and worker shares.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// The translations.
    pub i18n: Arc<I18n>,
    /// The clock.
    pub clock: SharedClock,
    /// The programme's settings.
    pub settings: Arc<Settings>,
    /// Told each time messages are queued, so that this process's delivery worker starts on
    /// them at once rather than at its next look at the outbox.
    pub outbox_added: Arc<Notify>,
    /// Told each time this process's delivery worker has claimed messages: on SQLite, whose
    /// one writing connection serves one write at a time, a long queueing lets the worker
    /// claim its first messages before it writes the rest.
    pub outbox_claimed: Arc<Notify>,
    /// Marks updates handled in the inbox, many in one write.
    pub handled_marks: HandledMarks,
    /// Decides answers to invitations, several in one transaction.
    pub answer_desk: AnswerDesk,
}

impl AppState {
    /// Connects to the database (applying migrations) and loads the translations.
    pub async fn build(settings: Settings, clock: SharedClock) -> anyhow::Result<AppState> {
        let db = Db::connect(&settings.database_url).await?;
        Ok(AppState {
            handled_marks: HandledMarks::start(db.clone()),
            answer_desk: AnswerDesk::start(db.clone()),
            db,
            i18n: Arc::new(I18n::new()),
            clock,
            settings: Arc::new(settings),
            outbox_added: Arc::new(Notify::new()),
            outbox_claimed: Arc::new(Notify::new()),
        })
    }
}
