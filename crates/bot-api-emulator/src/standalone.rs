//! The standalone emulator: what a program that serves the emulator on its own runs, from its
//! command line to SIGTERM. The crate's `bot-api-emulator` binary is this and nothing else;
//! a bot's own binary can offer the same (`takwin emulator`), so that its integration tests,
//! which can start only their own package's binaries, get the standalone emulator too.
//!
//! ```text
//! bot-api-emulator [--listen ADDR] [--token TOKEN] [--strict-limits] [--rate N] [--record FILE]
//!                  [--insecure-webhooks] [--webhook-backend ADDR]... [--webhook-retry-ms N]
//!                  [--webhook-timeout-ms N]
//! ```
//!
//! On start it prints one line of JSON on stdout, `{"api_url": …, "control_url": …,
//! "token": …}`, once it accepts connections; it serves until SIGINT or SIGTERM, then exits 0.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use serde_json::json;

use super::{Emulator, EmulatorConfig, RateLimits};

/// The flags, as `--help` lists them under the usage line.
// Its first line starts on the quote's: a `\` there would drop that line's indent.
const FLAGS: &str = "  --listen ADDR            address to serve on (default 127.0.0.1:8081; port 0 picks a free one)
  --token TOKEN            the bot token accepted (default 123456:TEST-token)
  --strict-limits          enforce Telegram's flood limits with no grace: one message a second
                           per private chat, 20 a minute per group, --rate a second for the bot
  --rate N                 the bot's messages per second under --strict-limits (default 30)
  --record FILE            append every Bot API request to FILE, one JSON line each
  --insecure-webhooks      let setWebhook take an http:// URL (Telegram requires https)
  --webhook-backend ADDR   deliver webhook updates to ADDR (repeatable: in turn, as a load
                           balancer would), with the webhook URL's path, query and Host
  --webhook-retry-ms N     pause before a failed webhook delivery is tried again (default 1000)
  --webhook-timeout-ms N   how long a webhook delivery waits for its answer (default 10000)

Prints {\"api_url\", \"control_url\", \"token\"} as one line of JSON once serving; stops on
SIGINT or SIGTERM. The control API is documented in the crate's docs and in README.md.";

/// The usage line under the name the program is called by, then the flags.
fn usage(program: &str) -> String {
    let indent = " ".repeat("usage: ".len() + program.len() + 1);
    format!(
        "usage: {program} [--listen ADDR] [--token TOKEN] [--strict-limits] [--rate N] [--record FILE]\n\
         {indent}[--insecure-webhooks] [--webhook-backend ADDR]... [--webhook-retry-ms N]\n\
         {indent}[--webhook-timeout-ms N]\n\n{FLAGS}"
    )
}

/// What the command line asks for.
struct Options {
    listen: SocketAddr,
    config: EmulatorConfig,
}

fn parse(args: impl IntoIterator<Item = String>) -> anyhow::Result<Option<Options>> {
    let mut listen: SocketAddr = "127.0.0.1:8081".parse().expect("valid address");
    let mut config = EmulatorConfig::default();
    let mut strict = false;
    let mut rate = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        // Both `--flag value` and `--flag=value`.
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) => (f.to_owned(), Some(v.to_owned())),
            None => (arg, None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .with_context(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--help" | "-h" => return Ok(None),
            "--listen" => {
                let v = value("--listen")?;
                listen = v
                    .parse()
                    .with_context(|| format!("--listen {v}: not an address like 127.0.0.1:8081"))?;
            }
            "--token" => config.token = value("--token")?,
            "--strict-limits" => strict = true,
            "--rate" => {
                let v = value("--rate")?;
                let n: u32 = v
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .with_context(|| format!("--rate {v}: not a positive whole number"))?;
                rate = Some(n);
            }
            "--record" => config.record_to = Some(value("--record")?.into()),
            "--insecure-webhooks" => config.insecure_webhooks = true,
            "--webhook-backend" => {
                let v = value("--webhook-backend")?;
                let addr = v.parse().with_context(|| {
                    format!("--webhook-backend {v}: not an address like 127.0.0.1:8443")
                })?;
                config.webhook_backends.push(addr);
            }
            "--webhook-retry-ms" => {
                config.webhook_retry = millis("--webhook-retry-ms", &value("--webhook-retry-ms")?)?
            }
            "--webhook-timeout-ms" => {
                config.webhook_timeout =
                    millis("--webhook-timeout-ms", &value("--webhook-timeout-ms")?)?
            }
            other => anyhow::bail!("unknown argument {other:?}"),
        }
    }
    anyhow::ensure!(
        rate.is_none() || strict,
        "--rate applies to --strict-limits; give both"
    );
    if strict {
        config.rate_limits = true;
        // Strict: a message that arrives one microsecond early is refused, as Telegram may.
        config.limits = RateLimits {
            grace: Duration::ZERO,
            global_per_second: rate.unwrap_or(RateLimits::default().global_per_second),
            ..RateLimits::default()
        };
    }
    Ok(Some(Options { listen, config }))
}

/// A flag's value in milliseconds.
fn millis(flag: &str, v: &str) -> anyhow::Result<Duration> {
    let ms: u64 = v
        .parse()
        .with_context(|| format!("{flag} {v}: not a whole number of milliseconds"))?;
    Ok(Duration::from_millis(ms))
}

/// Reads the flags in `args` (the program's name left out), serves until SIGINT or SIGTERM,
/// and says how it ended: 0 after a signal or `--help`, 2 for a mistake in the flags, 1 when
/// it could not serve. `program` is the name it is called by, in its usage and messages.
pub async fn main(program: &str, args: impl IntoIterator<Item = String>) -> ExitCode {
    let options = match parse(args) {
        Ok(Some(o)) => o,
        Ok(None) => {
            println!("{}", usage(program));
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("{program}: {e:#}\n\n{}", usage(program));
            return ExitCode::from(2);
        }
    };
    match serve(program, options).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{program}: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(program: &str, options: Options) -> anyhow::Result<()> {
    // Listening for the signals before announcing the address: a supervisor that stops us
    // as soon as it read the start line must get a clean stop, not the default death.
    let stop = stop_signal()?;
    let listener = tokio::net::TcpListener::bind(options.listen)
        .await
        .with_context(|| format!("binding {}", options.listen))?;
    let emulator = Emulator::start_on(listener, options.config).await?;
    let control_url = emulator.api_url().join("control/").expect("valid URL");
    println!(
        "{}",
        json!({
            "api_url": emulator.api_url().as_str(),
            "control_url": control_url.as_str(),
            "token": emulator.token(),
        })
    );
    let signal = stop.await;
    eprintln!("{program}: {signal}, stopping");
    emulator.shutdown().await;
    Ok(())
}

/// Resolves with the name of the first SIGINT or SIGTERM received.
#[cfg(unix)]
fn stop_signal() -> anyhow::Result<impl Future<Output = &'static str>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut terminate = signal(SignalKind::terminate()).context("listening for SIGTERM")?;
    let mut interrupt = signal(SignalKind::interrupt()).context("listening for SIGINT")?;
    Ok(async move {
        tokio::select! {
            _ = terminate.recv() => "SIGTERM",
            _ = interrupt.recv() => "SIGINT",
        }
    })
}

/// Resolves on Ctrl-C, the only stop signal elsewhere.
#[cfg(not(unix))]
fn stop_signal() -> anyhow::Result<impl Future<Output = &'static str>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
        "Ctrl-C"
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> anyhow::Result<Option<Options>> {
        parse(list.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn defaults_and_flags() {
        let o = args(&[]).unwrap().unwrap();
        assert_eq!(o.listen.to_string(), "127.0.0.1:8081");
        assert!(!o.config.rate_limits);
        let o = args(&[
            "--listen=0.0.0.0:9000",
            "--token",
            "1:x",
            "--strict-limits",
            "--rate",
            "1000",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(o.listen.to_string(), "0.0.0.0:9000");
        assert_eq!(o.config.token, "1:x");
        assert!(o.config.rate_limits);
        assert_eq!(o.config.limits.grace, Duration::ZERO);
        assert_eq!(o.config.limits.global_per_second, 1000);
        assert!(args(&["--help"]).unwrap().is_none());
        let o = args(&[
            "--insecure-webhooks",
            "--webhook-backend",
            "127.0.0.1:9001",
            "--webhook-backend=127.0.0.1:9002",
            "--webhook-retry-ms",
            "50",
            "--webhook-timeout-ms=2000",
        ])
        .unwrap()
        .unwrap();
        assert!(o.config.insecure_webhooks);
        assert_eq!(o.config.webhook_backends.len(), 2);
        assert_eq!(o.config.webhook_backends[1].port(), 9002);
        assert_eq!(o.config.webhook_retry, Duration::from_millis(50));
        assert_eq!(o.config.webhook_timeout, Duration::from_secs(2));
    }

    #[test]
    fn the_usage_names_the_program_and_keeps_its_columns() {
        let text = usage("takwin emulator");
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("usage: takwin emulator [--listen ADDR]"));
        assert_eq!(lines[1].find('['), lines[0].find('['));
        assert_eq!(lines[2].find('['), lines[0].find('['));
        assert!(text.contains("\n\n  --listen ADDR            address"));
        assert!(text.contains("\n  --webhook-timeout-ms N   how long"));
    }

    #[test]
    fn mistakes_are_refused() {
        assert!(args(&["--listen", "nowhere"]).is_err());
        assert!(args(&["--listen"]).is_err());
        assert!(args(&["--rate", "10"]).is_err());
        assert!(args(&["--strict-limits", "--rate", "0"]).is_err());
        assert!(args(&["--port", "1"]).is_err());
        assert!(args(&["--webhook-backend", "localhost"]).is_err());
        assert!(args(&["--webhook-retry-ms", "soon"]).is_err());
    }
}
