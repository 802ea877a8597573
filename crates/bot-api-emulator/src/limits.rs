//! Flood control and injected faults.
//!
//! The limiter is strict (no burst allowance): a private chat gets at most one
//! message per `private_interval`, a group `group_per_minute` messages in any
//! sliding minute, and the bot `global_per_second` messages in any sliding second.
//! Refused calls are not counted, so a client retrying too early is not punished
//! further.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use super::types::{Fault, FaultTarget, RateLimits};

/// Sliding-window flood control; time is passed in so tests need no sleeping.
#[derive(Debug)]
pub struct RateLimiter {
    limits: RateLimits,
    global: VecDeque<Instant>,
    private_last: HashMap<i64, Instant>,
    groups: HashMap<i64, VecDeque<Instant>>,
}

/// Whole seconds to wait, rounded up, at least one, as Telegram reports them.
fn retry_secs(wait: Duration) -> u32 {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    u32::try_from(secs.max(1)).unwrap_or(u32::MAX)
}

impl RateLimiter {
    /// A limiter with the given limits and no history.
    pub fn new(limits: RateLimits) -> Self {
        Self {
            limits,
            global: VecDeque::new(),
            private_last: HashMap::new(),
            groups: HashMap::new(),
        }
    }

    /// Checks a message to `chat` at `now`; records it when allowed, otherwise
    /// returns the `retry_after` to answer.
    pub fn check(&mut self, chat: i64, is_private: bool, now: Instant) -> Result<(), u32> {
        let l = self.limits;
        let second = Duration::from_secs(1).saturating_sub(l.grace);
        while self
            .global
            .front()
            .is_some_and(|t| now.duration_since(*t) >= second)
        {
            self.global.pop_front();
        }
        if self.global.len() >= l.global_per_second as usize {
            let oldest = self.global[0];
            return Err(retry_secs(
                second.saturating_sub(now.duration_since(oldest)),
            ));
        }
        if is_private {
            let interval = l.private_interval.saturating_sub(l.grace);
            if let Some(last) = self.private_last.get(&chat) {
                let elapsed = now.duration_since(*last);
                if elapsed < interval {
                    return Err(retry_secs(interval - elapsed));
                }
            }
            self.private_last.insert(chat, now);
        } else {
            let minute = Duration::from_secs(60).saturating_sub(l.grace);
            let q = self.groups.entry(chat).or_default();
            while q.front().is_some_and(|t| now.duration_since(*t) >= minute) {
                q.pop_front();
            }
            if q.len() >= l.group_per_minute as usize {
                return Err(retry_secs(minute.saturating_sub(now.duration_since(q[0]))));
            }
            q.push_back(now);
        }
        self.global.push_back(now);
        Ok(())
    }
}

/// An armed fault with the number of calls it still applies to.
#[derive(Debug, Clone)]
struct Armed {
    target: FaultTarget,
    fault: Fault,
    remaining: u32,
}

/// Faults waiting for the next send calls, oldest first.
#[derive(Debug, Default)]
pub struct Faults {
    armed: Vec<Armed>,
}

impl Faults {
    /// Arms `fault` for the next `times` matching calls.
    pub fn arm(&mut self, target: FaultTarget, fault: Fault, times: u32) {
        if times > 0 {
            self.armed.push(Armed {
                target,
                fault,
                remaining: times,
            });
        }
    }

    /// Removes every armed fault.
    pub fn clear(&mut self) {
        self.armed.clear();
    }

    /// Takes one use of the first fault matching a call to `chat`.
    pub fn take(&mut self, chat: Option<i64>) -> Option<Fault> {
        let idx = self.armed.iter().position(|a| match a.target {
            FaultTarget::Any => true,
            FaultTarget::Chat(c) => Some(c) == chat,
        })?;
        let armed = &mut self.armed[idx];
        let fault = armed.fault;
        armed.remaining -= 1;
        if armed.remaining == 0 {
            self.armed.remove(idx);
        }
        Some(fault)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter() -> RateLimiter {
        RateLimiter::new(RateLimits {
            grace: Duration::ZERO,
            ..RateLimits::default()
        })
    }

    #[test]
    fn private_chat_one_per_second() {
        let mut l = limiter();
        let t0 = Instant::now();
        assert_eq!(l.check(1, true, t0), Ok(()));
        assert_eq!(l.check(1, true, t0 + Duration::from_millis(10)), Err(1));
        // Another chat is independent.
        assert_eq!(l.check(2, true, t0 + Duration::from_millis(10)), Ok(()));
        assert_eq!(l.check(1, true, t0 + Duration::from_millis(1000)), Ok(()));
    }

    #[test]
    fn grace_absorbs_jitter() {
        let mut l = RateLimiter::new(RateLimits::default());
        let t0 = Instant::now();
        assert_eq!(l.check(1, true, t0), Ok(()));
        assert_eq!(l.check(1, true, t0 + Duration::from_millis(990)), Ok(()));
    }

    #[test]
    fn group_twenty_per_minute() {
        let mut l = limiter();
        let t0 = Instant::now();
        for k in 0..20 {
            assert_eq!(
                l.check(-5, false, t0 + Duration::from_millis(100 * k)),
                Ok(())
            );
        }
        assert_eq!(l.check(-5, false, t0 + Duration::from_secs(30)), Err(30));
        assert_eq!(l.check(-5, false, t0 + Duration::from_secs(60)), Ok(()));
    }

    #[test]
    fn global_thirty_per_second() {
        let mut l = limiter();
        let t0 = Instant::now();
        for chat in 0..30 {
            assert_eq!(l.check(chat, true, t0), Ok(()));
        }
        assert_eq!(l.check(99, true, t0 + Duration::from_millis(500)), Err(1));
        assert_eq!(l.check(99, true, t0 + Duration::from_secs(1)), Ok(()));
    }

    #[test]
    fn faults_are_consumed_in_order() {
        let mut f = Faults::default();
        f.arm(FaultTarget::Chat(7), Fault::ServerError(502), 1);
        f.arm(
            FaultTarget::Any,
            Fault::TooManyRequests { retry_after: 3 },
            2,
        );
        assert_eq!(
            f.take(Some(8)),
            Some(Fault::TooManyRequests { retry_after: 3 })
        );
        assert_eq!(f.take(Some(7)), Some(Fault::ServerError(502)));
        assert_eq!(
            f.take(Some(7)),
            Some(Fault::TooManyRequests { retry_after: 3 })
        );
        assert_eq!(f.take(Some(7)), None);
    }
}
