//! What a failed send means for its row: pure rules, tested directly.

use std::time::Duration;

use teloxide::{ApiError, RequestError};

/// The kinds of failure the engine treats differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// 429: Telegram asks to wait. A near-miss to avoid, not a normal event.
    TooManyRequests(Duration),
    /// 403: the person blocked the bot or deleted their account; do not retry.
    Unreachable(String),
    /// 5xx, network trouble, timeouts: worth retrying later.
    Transient(String),
    /// Any other refusal: retrying would give the same answer.
    Permanent(String),
}

/// Descriptions Telegram gives with a 5xx status; teloxide keeps only the description.
const SERVER_ERRORS: [&str; 4] = [
    "Internal Server Error",
    "Bad Gateway",
    "Service Unavailable",
    "Gateway Timeout",
];

/// Sorts a teloxide error into a [`Failure`], keeping Telegram's description.
pub fn classify(error: &RequestError) -> Failure {
    match error {
        RequestError::RetryAfter(seconds) => Failure::TooManyRequests(seconds.duration()),
        RequestError::Api(api) => match api {
            ApiError::BotBlocked | ApiError::UserDeactivated | ApiError::BotKicked => {
                Failure::Unreachable(api.to_string())
            }
            ApiError::Unknown(description)
                if SERVER_ERRORS.iter().any(|e| description.contains(e)) =>
            {
                Failure::Transient(description.clone())
            }
            ApiError::Unknown(description) => Failure::Permanent(description.clone()),
            other => Failure::Permanent(other.to_string()),
        },
        RequestError::Network(e) => Failure::Transient(format!("network: {e}")),
        RequestError::Io(e) => Failure::Transient(format!("i/o: {e}")),
        RequestError::InvalidJson { .. } => Failure::Transient("unreadable answer".into()),
        RequestError::MigrateToChatId(id) => {
            Failure::Permanent(format!("the group moved to chat {id}"))
        }
    }
}

/// How long to wait before attempt `attempts + 1`: exponential from `base`, capped, with
/// "equal jitter" (half fixed, half random) so that many rows failing together do not all
/// come back at the same instant. `random` is in [0, 1).
pub fn backoff(attempts: i64, base: Duration, cap: Duration, random: f64) -> Duration {
    let exponent = u32::try_from(attempts.clamp(1, 30) - 1).unwrap_or(0);
    let full = base.saturating_mul(2u32.saturating_pow(exponent)).min(cap);
    full / 2 + full.mul_f64(random.clamp(0.0, 1.0) / 2.0)
}

#[cfg(test)]
mod tests {
    use teloxide::types::Seconds;

    use super::*;

    #[test]
    fn telegram_errors_are_sorted() {
        let too_many = RequestError::RetryAfter(Seconds::from_seconds(7));
        assert_eq!(
            classify(&too_many),
            Failure::TooManyRequests(Duration::from_secs(7))
        );
        assert!(matches!(
            classify(&RequestError::Api(ApiError::BotBlocked)),
            Failure::Unreachable(d) if d.contains("blocked")
        ));
        let bad_gateway = RequestError::Api(ApiError::Unknown("Bad Gateway".into()));
        assert_eq!(
            classify(&bad_gateway),
            Failure::Transient("Bad Gateway".into())
        );
        let too_long = RequestError::Api(ApiError::MessageTextIsEmpty);
        assert!(matches!(classify(&too_long), Failure::Permanent(_)));
        let odd = RequestError::Api(ApiError::Unknown("Bad Request: BUTTON_DATA_INVALID".into()));
        assert_eq!(
            classify(&odd),
            Failure::Permanent("Bad Request: BUTTON_DATA_INVALID".into())
        );
    }

    #[test]
    fn backoff_grows_is_capped_and_jittered() {
        let base = Duration::from_secs(2);
        let cap = Duration::from_secs(600);
        assert_eq!(backoff(1, base, cap, 0.0), Duration::from_secs(1));
        assert_eq!(backoff(1, base, cap, 0.999_999).as_secs(), 1);
        assert_eq!(backoff(3, base, cap, 0.0), Duration::from_secs(4));
        assert_eq!(backoff(30, base, cap, 0.0), Duration::from_secs(300));
        assert!(backoff(30, base, cap, 0.99) <= cap);
        assert_eq!(backoff(5, Duration::ZERO, cap, 0.5), Duration::ZERO);
    }
}
