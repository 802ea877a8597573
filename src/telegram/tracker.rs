//! Which updates the bot has finished handling, so tests and the demo wait for exactly that
//! instead of sleeping.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use tokio::sync::Notify;

/// Tells which updates the bot has finished handling, so tests and the demo wait for exactly
/// that instead of sleeping.
#[derive(Clone, Default)]
pub struct UpdateTracker {
    done: Arc<Mutex<HashSet<i64>>>,
    notify: Arc<Notify>,
}

/// Marks its update as handled when the dispatcher drops it, after every handler has run.
pub struct UpdateGuard {
    id: i64,
    tracker: UpdateTracker,
}

impl Drop for UpdateGuard {
    fn drop(&mut self) {
        self.tracker
            .done
            .lock()
            .expect("tracker lock")
            .insert(self.id);
        self.tracker.notify.notify_waiters();
    }
}

impl UpdateTracker {
    /// A guard to keep in the handler's dependencies for the update's lifetime.
    pub fn guard(&self, update_id: i64) -> UpdateGuard {
        UpdateGuard {
            id: update_id,
            tracker: self.clone(),
        }
    }

    /// Waits until the update has been handled.
    pub async fn handled(&self, update_id: i64) {
        loop {
            let notified = self.notify.notified();
            if self.done.lock().expect("tracker lock").contains(&update_id) {
                return;
            }
            notified.await;
        }
    }
}
