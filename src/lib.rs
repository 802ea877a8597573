//! Takwin: a Telegram bot for a regional continuous-training programme for elected officials.
//!
//! The layout follows the architecture: `domain` is plain Rust without I/O, `store` and
//! `telegram` are the edges, `app` wires them together, and `emulator` is a local stand-in
//! for Telegram's Bot API used by the tests, the demo and the benchmarks.

pub mod actions;
pub mod admin;
pub mod app;
pub mod bench;
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod documents;
pub mod domain;
/// The Bot API emulator, a crate of its own (`crates/bot-api-emulator`), under the name
/// Takwin's tests, demo and benchmarks have always used.
pub use bot_api_emulator as emulator;
pub mod fuzzing;
pub mod i18n;
pub mod logging;
pub mod metrics;
pub mod ops;
pub mod outbox;
pub mod report;
pub mod stage;
pub mod state;
pub mod store;
pub mod telegram;
pub mod views;

use std::process::ExitCode;
use std::sync::Arc;

use teloxide::Bot;

use crate::cli::{
    BenchCommand, BotToken, Cli, Command, OrganiserCommand, OutboxCommand, ReportCommand,
    RosterCommand, RunArgs, ScheduleCommand, WorkshopCommand,
};
use crate::clock::SystemClock;
use crate::config::Settings;
use crate::domain::roster::Appointment;
use crate::domain::schedule::QuietHours;
use crate::outbox::sender::{Deliverer, DeliveryConfig};
use crate::state::AppState;

/// Runs one command of the command line.
pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match &cli.command {
        // The demo brings its own temporary database and emulator.
        Command::Demo(args) => {
            return demo::run(args.record.as_deref(), args.keep.as_deref()).await;
        }
        // The standalone emulator needs no database: it reads its own flags.
        Command::Emulator(args) => {
            return Ok(emulator::standalone::main("takwin emulator", args.flags.clone()).await);
        }
        Command::Schedule(ScheduleCommand::Next {
            expression,
            tz,
            count,
            from,
        }) => {
            let zone = tz.as_deref().unwrap_or(&cli.global.timezone);
            admin::schedule_next(expression, zone, *count, from.as_deref())?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Bench(BenchCommand::Delivery(args)) => {
            bench::delivery(args).await?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Bench(BenchCommand::Broadcast(args)) => {
            bench::broadcast(args).await?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Bench(BenchCommand::Report(args)) => {
            bench::report(args).await?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Bench(BenchCommand::Presses(args)) => {
            bench::presses(args).await?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Bench(BenchCommand::Workshop(args)) => {
            bench::workshop(args).await?;
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    // A missing or mangled token, or webhook settings that cannot work, are said before the
    // database is even opened.
    let run_checks = match &cli.command {
        Command::Run(args) => Some((
            BotToken::parse(&args.token).map_err(|e| anyhow::anyhow!(e))?,
            webhook_mode(args)?,
        )),
        _ => None,
    };
    let global = &cli.global;
    let settings = Settings::read(
        &global.database_url,
        &global.timezone,
        &global.default_locale,
    )?;
    let state = AppState::build(settings, Arc::new(SystemClock)).await?;
    match cli.command {
        Command::Demo(_) | Command::Emulator(_) | Command::Schedule(_) | Command::Bench(_) => {
            unreachable!("handled above")
        }
        Command::Migrate => println!("The database is up to date."),
        Command::Run(args) => {
            let (token, webhook) = run_checks.expect("read above for takwin run");
            run_bot(state, args, token, webhook).await?
        }
        Command::Outbox(OutboxCommand::Status) => admin::outbox_status(&state).await?,
        Command::Broadcast(command) => admin::broadcast(&state, command).await?,
        Command::Workshop(WorkshopCommand::Import { file, dry_run }) => {
            admin::import_workshops(&state, &file, dry_run).await?
        }
        Command::Workshop(WorkshopCommand::Move { id, date, time }) => {
            admin::move_workshop(&state, id, &date, &time).await?
        }
        Command::Workshop(WorkshopCommand::Cancel { id }) => {
            admin::cancel_workshop(&state, id).await?
        }
        Command::Report(ReportCommand::Attendance {
            workshop,
            province,
            output,
        }) => admin::attendance_report(&state, workshop, province.as_deref(), &output).await?,
        Command::Report(ReportCommand::Programme {
            format,
            province,
            from,
            to,
            language,
            out,
        }) => {
            let asked = admin::ProgrammeReportArgs {
                format,
                province: province.as_deref(),
                from: from.as_deref(),
                to: to.as_deref(),
                language: &language,
                out: &out,
            };
            admin::programme_report(&state, &asked).await?
        }
        Command::Report(ReportCommand::Evaluations { workshop, output }) => {
            admin::evaluation_report(&state, workshop, &output).await?
        }
        Command::Report(ReportCommand::Training { province, output }) => {
            admin::training_report(&state, province.as_deref(), &output).await?
        }
        Command::Certificate(cli::CertificateCommand::Verify { code }) => {
            admin::verify_certificate(&state, &code).await?
        }
        Command::Roster(RosterCommand::Import {
            file,
            dry_run,
            prune,
            replace_phone,
        }) => {
            let options = actions::roster::ImportOptions {
                dry_run,
                prune,
                new_phones: replace_phone,
            };
            admin::import_roster(&state, &file, &options).await?
        }
        Command::Roster(RosterCommand::Invites { out, bot_username }) => {
            admin::write_invites(&state, out.as_deref(), bot_username).await?
        }
        Command::Organiser(OrganiserCommand::Add { phone }) => {
            admin::set_appointment(&state, &phone, Appointment::Organiser, true).await?
        }
        Command::Organiser(OrganiserCommand::Remove { phone }) => {
            admin::set_appointment(&state, &phone, Appointment::Organiser, false).await?
        }
        Command::Organiser(OrganiserCommand::List) => admin::list_organisers(&state).await?,
        Command::Contributions(command) => admin::contributions(&state, command).await?,
        Command::FinanceOfficer(cli::FinanceOfficerCommand::Add { phone }) => {
            admin::set_appointment(&state, &phone, Appointment::FinanceOfficer, true).await?
        }
        Command::Report(ReportCommand::Contributions { province, output }) => {
            admin::contributions_report(&state, province.as_deref(), &output).await?
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Webhook mode's settings when a URL is given, checked before anything starts: a secret
/// is required, well-formed, and the URL's path must not hide an operations route.
fn webhook_mode(args: &RunArgs) -> anyhow::Result<Option<app::WebhookMode>> {
    let (url, secret) = match (&args.webhook_url, &args.webhook_secret) {
        (None, None) => return Ok(None),
        (None, Some(_)) => anyhow::bail!(
            "a webhook secret was given without --webhook-url (TAKWIN_WEBHOOK_URL): \
             give both for webhook mode, or neither for long polling"
        ),
        (Some(_), None) => anyhow::bail!(
            "webhook mode needs a secret: --webhook-secret or TAKWIN_WEBHOOK_SECRET \
             (e.g. the output of `openssl rand -hex 32`)"
        ),
        (Some(url), Some(secret)) => (url, secret),
    };
    let secret = telegram::webhook::WebhookSecret::parse(secret).map_err(|e| anyhow::anyhow!(e))?;
    anyhow::ensure!(
        !["/healthz", "/readyz", "/metrics"].contains(&url.path()),
        "--webhook-url's path {} is one of the operations routes: choose another, \
         e.g. /telegram",
        url.path()
    );
    Ok(Some(app::WebhookMode {
        url: url.clone(),
        secret,
    }))
}

/// `takwin run`: delivers, schedules and reports on every replica, and takes updates by long
/// polling (the elected replica) or on the webhook (every replica), until SIGTERM or Ctrl-C.
async fn run_bot(
    state: AppState,
    args: RunArgs,
    token: BotToken,
    webhook: Option<app::WebhookMode>,
) -> anyhow::Result<()> {
    let mut bot = Bot::new(token.secret());
    if let Some(url) = args.api_url {
        bot = bot.set_api_url(url);
    }
    let quiet_hours = match args.quiet_hours.trim() {
        "off" | "none" | "" => None,
        text => {
            Some(QuietHours::parse(text).map_err(|e| anyhow::anyhow!("TAKWIN_QUIET_HOURS: {e}"))?)
        }
    };
    let config = DeliveryConfig {
        rate_per_second: args.rate,
        paid_broadcast: args.paid_broadcast,
        quiet_hours,
        lease: chrono::Duration::seconds(i64::from(args.lease_seconds.max(1))),
        ..DeliveryConfig::default()
    };
    if actions::digests::plan(&state).await? {
        tracing::info!("the weekly digest is planned: Mondays at 08:00");
    }
    let repaired = outbox::workshops::queue_missing(&state).await?;
    if repaired > 0 {
        tracing::warn!(
            repaired,
            "invitations were missing (a stop between creating a workshop and queueing them); queued now"
        );
    }
    // Bound before anything starts: a port taken is said at once.
    let ops = ops::Ops::new(state.clone());
    let listener = match args.listen {
        Some(addr) => Some((addr, ops::bind(addr).await?)),
        None => None,
    };
    // In webhook mode every replica takes updates: its dispatcher starts before the route is
    // served, and the route is served before the webhook is registered (below).
    let (webhook_bot, webhook_route) = match &webhook {
        Some(mode) => {
            let (running, route) =
                app::start_webhook(state.clone(), bot.clone(), mode, ops.draining()).await?;
            tracing::info!(path = mode.url.path(), "taking updates on the webhook");
            (Some(running), route)
        }
        None => (None, axum::Router::new()),
    };
    let (ops_stop, ops_stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = listener.map(|(addr, listener)| {
        tracing::info!(%addr, "serving /healthz, /readyz and /metrics");
        let ops = ops.clone();
        tokio::spawn(async move {
            let stop = async {
                let _ = ops_stopped.await;
            };
            ops.serve(listener, webhook_route, stop).await
        })
    });
    // Served first, registered then: Telegram's first delivery finds the route.
    if let Some(mode) = &webhook {
        app::register_webhook(&bot, mode).await?;
    }
    let deliverer = Arc::new(Deliverer::new(state.clone(), bot.clone(), config));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let delivery = tokio::spawn(deliverer.clone().run(stopped.clone()));
    // The organisers' live reports of announcements, edited as delivery goes.
    let reporting = tokio::spawn(outbox::broadcast_report::run(
        state.clone(),
        bot.clone(),
        deliverer.clone(),
        stopped.clone(),
    ));
    let scheduling = tokio::spawn(outbox::scheduler::run(
        state.clone(),
        deliverer,
        std::time::Duration::from_secs(15),
        stopped.clone(),
    ));
    // Long polling: only one replica polls Telegram at a time.
    let polling = match webhook {
        Some(_) => None,
        None => Some(tokio::spawn(app::poll_while_elected(state, bot, stopped))),
    };
    tracing::info!("Takwin is running; stop it with Ctrl-C or SIGTERM");
    wait_for_stop_signal().await;
    // Draining: /readyz and the webhook say 503 while the work in hand finishes or is released.
    ops.drain();
    let _ = stop.send(true);
    let (_, _, _) = tokio::join!(delivery, scheduling, reporting);
    if let Some(running) = webhook_bot {
        running.stop().await;
    }
    if let Some(polling) = polling {
        polling.await??;
    }
    let _ = ops_stop.send(());
    if let Some(serving) = serving {
        serving.await??;
    }
    Ok(())
}

async fn wait_for_stop_signal() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("cannot listen for SIGTERM");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
}
