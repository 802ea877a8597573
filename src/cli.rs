//! The command line: every command has `--help`, every option an environment fallback.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Takwin — reminders, attendance and funding follow-up for a continuous-training programme
/// for elected officials, on Telegram.
#[derive(Debug, Parser)]
#[command(name = "takwin", version, about, long_about = None)]
pub struct Cli {
    /// Options shared by every command.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by every command.
#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// Database URL: `sqlite://FILE` (created on first run) or `postgres://USER@HOST/DB`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://takwin.db",
        global = true
    )]
    pub database_url: String,
    /// The programme's time zone: people see local times in it.
    #[arg(
        long,
        env = "TAKWIN_TIMEZONE",
        default_value = "Africa/Casablanca",
        global = true
    )]
    pub timezone: String,
    /// The language used before a person has chosen one: ar, fr or en.
    #[arg(
        long,
        env = "TAKWIN_DEFAULT_LOCALE",
        default_value = "ar",
        global = true
    )]
    pub default_locale: String,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the bot with long polling (reads TELOXIDE_TOKEN).
    Run(RunArgs),
    /// Apply the database migrations and exit.
    Migrate,
    /// Import the roster and hand out personal invitation links.
    #[command(subcommand)]
    Roster(RosterCommand),
    /// Appoint or remove organisers (people of the roster), or list them.
    #[command(subcommand)]
    Organiser(OrganiserCommand),
    /// Play a scripted scenario against the built-in Telegram emulator: no token, no network.
    Demo(DemoArgs),
}

/// Options of `takwin run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The bot's token from BotFather. Never logged.
    #[arg(long, env = "TELOXIDE_TOKEN", hide_env_values = true)]
    pub token: String,
    /// The Bot API server; the default is Telegram's. Point it at an emulator for tests.
    #[arg(long, env = "TAKWIN_API_URL")]
    pub api_url: Option<url::Url>,
}

/// `takwin roster …`
#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Import a roster CSV (province,commune,full_name,role,phone,language): all or nothing.
    Import {
        /// The CSV file.
        file: PathBuf,
        /// Check the file and say what would change, without changing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write one row per person with their personal https://t.me/<bot>?start=<code> link.
    Invites {
        /// Write to this CSV file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// The bot's username; by default the one remembered from the bot's last start.
        #[arg(long, env = "TAKWIN_BOT_USERNAME")]
        bot_username: Option<String>,
    },
}

/// `takwin organiser …`
#[derive(Debug, Subcommand)]
pub enum OrganiserCommand {
    /// Make the roster person with this phone number an organiser.
    Add {
        /// Their phone number, as in the roster (0612345678 or +212612345678).
        phone: String,
    },
    /// Take organiser rights away from the person with this phone number.
    Remove {
        /// Their phone number.
        phone: String,
    },
    /// List the organisers.
    List,
}

/// Options of `takwin demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Also write every Bot API request as one JSON object per line to this file.
    #[arg(long)]
    pub record: Option<PathBuf>,
}
