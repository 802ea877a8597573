//! Structured logs on standard error. `RUST_LOG` chooses what is shown.

use tracing_subscriber::EnvFilter;

/// Installs the log subscriber once; later calls do nothing.
pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,teloxide=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
