//! Which updates the bot has finished handling, so tests and the demo wait for exactly that
//! instead of sleeping.

use std::collections::{HashSet, VecDeque};
use std::sync::{Arc, Mutex};

use tokio::sync::Notify;

/// How many handled updates are remembered. A running bot handles updates for months and
/// nobody waits for them; a test or the demo waits for one just sent. The oldest are
/// forgotten beyond this, so the set stays a few hundred kilobytes however long the bot runs.
const REMEMBERED: usize = 10_000;

/// Tells which updates the bot has finished handling, so tests and the demo wait for exactly
/// that instead of sleeping.
#[derive(Clone, Default)]
pub struct UpdateTracker {
    done: Arc<Mutex<Done>>,
    notify: Arc<Notify>,
}

/// The updates handled lately, and in which order they were, to forget the oldest.
#[derive(Default)]
struct Done {
    ids: HashSet<i64>,
    order: VecDeque<i64>,
}

impl Done {
    fn insert(&mut self, id: i64) {
        if self.ids.insert(id) {
            self.order.push_back(id);
        }
        while self.order.len() > REMEMBERED {
            if let Some(oldest) = self.order.pop_front() {
                self.ids.remove(&oldest);
            }
        }
    }
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
            if self
                .done
                .lock()
                .expect("tracker lock")
                .ids
                .contains(&update_id)
            {
                return;
            }
            notified.await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_run_remembers_only_the_latest_updates() {
        let tracker = UpdateTracker::default();
        for id in 0..(REMEMBERED as i64 + 500) {
            drop(tracker.guard(id));
        }
        let done = tracker.done.lock().unwrap();
        assert_eq!(done.ids.len(), REMEMBERED);
        assert_eq!(done.order.len(), REMEMBERED);
        assert!(!done.ids.contains(&499));
        assert!(done.ids.contains(&500));
        assert!(done.ids.contains(&(REMEMBERED as i64 + 499)));
    }

    #[tokio::test]
    async fn a_wait_for_an_update_handled_returns() {
        let tracker = UpdateTracker::default();
        drop(tracker.guard(7));
        tracker.handled(7).await;
    }
}
