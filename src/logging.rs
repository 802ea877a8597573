//! Structured logs on standard error. `RUST_LOG` chooses what is shown.

use tracing_subscriber::EnvFilter;

/// What is logged when `RUST_LOG` is not set. usvg warns once per character its font lacks
/// (an emoji in a workshop's title, drawn in a chart as an empty box): errors only.
pub const DEFAULT_FILTER: &str = "info,sqlx=warn,teloxide=warn,usvg=error";

/// Installs the log subscriber once, with `default` unless `RUST_LOG` says otherwise; later
/// calls do nothing.
pub fn init(default: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
