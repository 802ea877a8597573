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
    /// Serve the Bot API emulator on its own, for bots and tests in other processes; the flags
    /// are those of the emulator crate's `bot-api-emulator` binary (`takwin emulator --help`).
    Emulator(EmulatorArgs),
    /// Workshops: load a programme from a CSV file.
    #[command(subcommand)]
    Workshop(WorkshopCommand),
    /// Appoint the Region's finance officers, who verify what bodies declare.
    #[command(subcommand)]
    FinanceOfficer(FinanceOfficerCommand),
    /// Funding: the contributions due, transfers and council approvals received.
    #[command(subcommand)]
    Contributions(ContributionsCommand),
    /// Reports for follow-up and evaluation.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Announcements: send one to an audience (now, at a time, or on a schedule), list them,
    /// cancel one.
    #[command(subcommand)]
    Broadcast(BroadcastCommand),
    /// Look at the outbox: what is queued, sent, failed.
    #[command(subcommand)]
    Outbox(OutboxCommand),
    /// Certificates of attendance: check whose a code is.
    #[command(subcommand)]
    Certificate(CertificateCommand),
    /// Check a schedule before saving it.
    #[command(subcommand)]
    Schedule(ScheduleCommand),
    /// Measure Takwin against the emulator with Telegram's limits switched on.
    #[command(subcommand)]
    Bench(BenchCommand),
}

/// `takwin broadcast …`
#[derive(Debug, Subcommand)]
pub enum BroadcastCommand {
    /// Send an announcement. The audience is resolved when it goes, so people who join
    /// meanwhile get it; each person once, in their language or the first text's.
    Send {
        /// Who gets it, e.g. all, province:"El Hajeb" & role:president, commune:Agourai,
        /// workshop:12:no-answer (or yes, no, present, absent), owing; & for both, | or , for
        /// either, brackets to group.
        #[arg(long)]
        audience: String,
        /// The text (Telegram HTML), one version for everyone.
        #[arg(
            long,
            conflicts_with = "text_dir",
            required_unless_present = "text_dir"
        )]
        text_file: Option<PathBuf>,
        /// The language --text-file is written in (ar, fr, en); by default the default
        /// locale. Only the preview says it: everyone gets the one text.
        #[arg(long, requires = "text_file")]
        language: Option<String>,
        /// A folder with one text per language: ar.txt, fr.txt, en.txt (any of them). People
        /// whose language has none get the default language's, else the first of ar, fr, en.
        #[arg(long)]
        text_dir: Option<PathBuf>,
        /// When, local time: 20/01/2026 09:00 (default: now).
        #[arg(long, conflicts_with = "cron")]
        at: Option<String>,
        /// Again and again, as a five-field cron expression read in the programme's time
        /// zone, e.g. "0 9 * * 1" (Mondays 09:00).
        #[arg(long)]
        cron: Option<String>,
        /// Print the head-count and the message as each language's recipients will see it,
        /// and send nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// The latest announcements with their figures.
    List,
    /// Cancel an announcement: what has not gone yet does not go.
    Cancel {
        /// Its number, as `takwin broadcast list` shows.
        id: i64,
    },
}

/// `takwin finance-officer …`
#[derive(Debug, Subcommand)]
pub enum FinanceOfficerCommand {
    /// Appoint a person of the roster, by phone.
    Add {
        /// Their phone number, as in the roster.
        phone: String,
    },
}

/// `takwin contributions …`
#[derive(Debug, Subcommand)]
pub enum ContributionsCommand {
    /// Set the contributions due from a CSV file (province,commune,amount,due_date): all or
    /// nothing. The commune as in the roster, "Provincial Council" for the province's
    /// council; amounts as written (12500, 12 500,00, 12.500,00 DH); dates 31/03/2027 or
    /// 2027-03-31.
    Import {
        /// The CSV file.
        file: PathBuf,
        /// Check the file and say what would change, without changing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// Start the reminders to the presidents (and finance staff, in copy) of every body that
    /// still owes the agreement's approval or its contribution, or change their rhythm; with
    /// them a reminder ahead of each council session, the Secretaries-General's digests of
    /// the bodies that leave the reminders unanswered, and the organisers' weekly summary.
    CampaignStart {
        /// When, as a five-field cron expression read in the programme's time zone.
        #[arg(long, default_value = "0 10 * * 1")]
        cron: String,
        /// The reminder ahead of the commune councils' ordinary sessions (first week of
        /// February, May and October), to the presidents of communes whose agreement is not
        /// approved.
        #[arg(long, default_value = "0 10 20 1,4,9 *")]
        sessions_cron: String,
        /// The reminder ahead of the provincial and prefectural councils' ordinary sessions
        /// (first week of January, June and September), to their presidents whose agreement
        /// is not approved.
        #[arg(long, default_value = "0 10 20 5,8,12 *")]
        council_sessions_cron: String,
        /// How many reminders left unanswered send a body to its province's
        /// Secretary-General.
        #[arg(long, default_value_t = 3)]
        escalate_after: u32,
        /// How long after each reminder the digests and the organisers' summary go (7d, 1d,
        /// 12h): time for the presidents to answer it.
        #[arg(long, default_value = "1d")]
        escalation_delay: String,
    },
    /// Stop the funding reminders, including those already queued.
    CampaignClose,
    /// Set how bodies pay their contribution (beneficiary, account or Treasury procedure,
    /// whom to ask), one text per language, shown in every funding reminder and in /commune.
    /// Without --text, --file or --clear, shows the texts in use.
    PaymentInstructions {
        /// The language of the text: ar, fr or en.
        #[arg(long, required_unless_present = "show")]
        language: Option<String>,
        /// The text (a few lines, at most 1,000 characters).
        #[arg(long, conflicts_with_all = ["file", "clear"])]
        text: Option<String>,
        /// A UTF-8 file holding the text.
        #[arg(long, conflicts_with = "clear")]
        file: Option<PathBuf>,
        /// Go back to the general text the messages give when none is set.
        #[arg(long)]
        clear: bool,
        /// Show the texts in use, in the three languages.
        #[arg(long, conflicts_with_all = ["language", "text", "file", "clear"])]
        show: bool,
    },
    /// Record a transfer received (from the bank's statement): counted as verified. One
    /// transfer, one record: the same reference twice for a body is recorded once, and a
    /// reference recorded with another amount or day is refused (see correct-payment). The
    /// day is not after today, nor before 1 January 2023.
    Pay {
        /// The province.
        #[arg(long)]
        province: String,
        /// The commune, or "Provincial Council".
        #[arg(long)]
        commune: String,
        /// The amount, as written (12500, 12 500,00 DH …).
        #[arg(long)]
        amount: String,
        /// The day of the transfer.
        #[arg(long)]
        date: String,
        /// The bank's reference.
        #[arg(long)]
        reference: String,
    },
    /// Record a council's approval of the financing agreement (received by post): counted as
    /// verified. A body has one approval standing: another is refused while one stands (see
    /// correct-approval). The day is not after today, nor before 1 January 2023.
    Approve {
        /// The province.
        #[arg(long)]
        province: String,
        /// The commune, or "Provincial Council".
        #[arg(long)]
        commune: String,
        /// The day of the vote.
        #[arg(long)]
        date: String,
        /// The council's session (e.g. "session ordinaire de mai").
        #[arg(long)]
        session: Option<String>,
        /// The decision's number.
        #[arg(long)]
        decision: Option<String>,
    },
    /// Correct a transfer recorded (or declared) for a body, found by its reference (spaces
    /// and case do not count): its amount, its day, or both. Audited with what it was.
    CorrectPayment {
        /// The province.
        #[arg(long)]
        province: String,
        /// The commune, or "Provincial Council".
        #[arg(long)]
        commune: String,
        /// The bank's reference, as recorded.
        #[arg(long)]
        reference: String,
        /// The right amount, as written (12500, 12 500,00 DH …).
        #[arg(long)]
        amount: Option<String>,
        /// The right day of the transfer.
        #[arg(long)]
        date: Option<String>,
    },
    /// Correct the approval of the financing agreement recorded (or declared) for a body: the
    /// day of the vote, the session, the decision's number. It replaces what was recorded;
    /// audited with what it was.
    CorrectApproval {
        /// The province.
        #[arg(long)]
        province: String,
        /// The commune, or "Provincial Council".
        #[arg(long)]
        commune: String,
        /// The right day of the vote.
        #[arg(long)]
        date: Option<String>,
        /// The right session.
        #[arg(long)]
        session: Option<String>,
        /// The right decision's number.
        #[arg(long)]
        decision: Option<String>,
    },
}

/// `takwin workshop …`
#[derive(Debug, Subcommand)]
pub enum WorkshopCommand {
    /// Import workshops (title,topic,date,time,venue,roles,provinces,capacity,reminders,deadline),
    /// invite their audiences and queue the invitations: all or nothing.
    Import {
        /// The CSV file. Dates and times are local; roles and provinces are lists separated by
        /// ';'; empty reminders and deadline take the defaults (7d,1d,2h; the day before 18:00).
        file: PathBuf,
        /// Check the file and say what would be created, without changing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// Move a workshop to another day or time: every invitee is told, reminders follow,
    /// answers are kept.
    Move {
        /// The workshop's number.
        id: i64,
        /// The new local date, e.g. 27/01/2026.
        #[arg(long)]
        date: String,
        /// The new local time, e.g. 09:00.
        #[arg(long)]
        time: String,
    },
    /// Cancel a workshop: every invitee is told, reminders are dropped.
    Cancel {
        /// The workshop's number.
        id: i64,
    },
}

/// `takwin report …`
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Attendance per workshop, province and commune: invited, answers, present, absent,
    /// walk-ins, attendance rate.
    Attendance {
        /// Only this workshop.
        #[arg(long)]
        workshop: Option<i64>,
        /// Only this province (its Latin name).
        #[arg(long)]
        province: Option<String>,
        #[command(flatten)]
        output: TableOutput,
    },
    /// Funding per signing body — agreement, due, paid (verified), declared, outstanding, days
    /// overdue — then per province and for the region, to the centime.
    Contributions {
        /// Only this province (its Latin name).
        #[arg(long)]
        province: Option<String>,
        #[command(flatten)]
        output: TableOutput,
    },
    /// The programme report: cover, key figures, month by month, attendance per province and
    /// commune, each workshop held, evaluations and anonymous comments, funding per body,
    /// with its charts; right to left in Arabic.
    Programme {
        /// pdf or html.
        #[arg(long, value_enum, default_value_t = DocumentFormat::Pdf)]
        format: DocumentFormat,
        /// Only this province (its Latin name).
        #[arg(long)]
        province: Option<String>,
        /// The first day covered, e.g. 01/01/2026 (local); from the programme's start if not
        /// given.
        #[arg(long)]
        from: Option<String>,
        /// The last day covered, e.g. 30/06/2026; until today if not given.
        #[arg(long)]
        to: Option<String>,
        /// The report's language: ar, fr or en.
        #[arg(long, default_value = "ar")]
        language: String,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Each official's training record: workshops attended, hours of training, the codes
    /// of their certificates; one row per official.
    Training {
        /// Only this province (its Latin name).
        #[arg(long)]
        province: Option<String>,
        #[command(flatten)]
        output: TableOutput,
    },
    /// Evaluations of the workshops held: ratings (1–5), mean, distribution, response rate;
    /// the comments in JSON. Anonymous: no names.
    Evaluations {
        /// Only this workshop.
        #[arg(long)]
        workshop: Option<i64>,
        #[command(flatten)]
        output: TableOutput,
    },
}

/// The format of a document: PDF to print and send, HTML to read in a browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DocumentFormat {
    Pdf,
    Html,
}

/// `takwin certificate …`
#[derive(Debug, Subcommand)]
pub enum CertificateCommand {
    /// Whose certificate a code is: the name, the workshop, its date and place. A code no
    /// certificate has is refused, with a non-zero exit.
    Verify {
        /// The code as printed on the certificate, e.g. TKW-7K3M-Q9PD.
        code: String,
    },
}

/// Where a tabular report goes, and in which format: the same two options on every report.
#[derive(Debug, Args)]
pub struct TableOutput {
    /// csv or json.
    #[arg(long, value_enum, default_value_t = ReportFormat::Csv)]
    pub format: ReportFormat,
    /// Write to this file instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// The format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Comma-separated values, one row per workshop, province, commune, and the total.
    Csv,
    /// One JSON object.
    Json,
}

/// `takwin outbox …`
#[derive(Debug, Subcommand)]
pub enum OutboxCommand {
    /// Rows per state (queued, sending, sent, failed, skipped), the oldest due, the current rate.
    Status,
}

/// `takwin schedule …`
#[derive(Debug, Subcommand)]
pub enum ScheduleCommand {
    /// Print the next occurrences of a cron expression, in local time and in UTC (RFC 3339).
    Next {
        /// The cron expression, e.g. '0 9 * * 1' for Mondays at 09:00 local time.
        expression: String,
        /// The time zone the expression is read in; by default the programme's.
        #[arg(long)]
        tz: Option<String>,
        /// How many occurrences to print.
        #[arg(long, default_value_t = 5)]
        count: usize,
        /// Start after this instant (RFC 3339), instead of now.
        #[arg(long)]
        from: Option<String>,
    },
}

/// `takwin bench …`
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Send N messages through the delivery engine, and through teloxide's Throttle, and print
    /// one JSON object comparing them.
    Delivery(BenchDeliveryArgs),
    /// Send an announcement to a synthetic roster of N officials, all joined: resolve its
    /// audience, queue, deliver at the rate, follow the live report to its summary; and the
    /// same messages through teloxide's Throttle. One JSON object.
    Broadcast(BenchBroadcastArgs),
    /// Create one workshop for a synthetic roster of N officials and queue its messages, the
    /// way /new_workshop does; print one JSON object with the timings.
    Workshop(BenchWorkshopArgs),
    /// Build a national programme's history (officials, communes, workshops held, answers,
    /// attendance, evaluations, funding), then time the programme report (PDF) and the
    /// weekly digest with its chart; one JSON object.
    Report(BenchReportArgs),
    /// An update storm: N officials press their invitation's answer buttons M times in all,
    /// through the real path (receive, handle, decide in the database, edit, answer); presses
    /// handled per second and press-to-answer p50/p99, one JSON object.
    Presses(BenchPressesArgs),
}

/// Options of `takwin bench presses`.
#[derive(Debug, Args)]
pub struct BenchPressesArgs {
    /// How many officials, all invited to one workshop and pressing at once.
    #[arg(long, default_value_t = 1000)]
    pub officials: u32,
    /// How many presses in all, shared among the officials (yes, no, yes, … each).
    #[arg(long, default_value_t = 20_000)]
    pub presses: u32,
    /// A temporary SQLite file, or a fresh PostgreSQL database created from DATABASE_URL.
    #[arg(long, value_enum, default_value_t = BenchBackend::Sqlite)]
    pub backend: BenchBackend,
    /// How many `takwin run` processes take the updates (with --webhook; PostgreSQL for more
    /// than one).
    #[arg(long, default_value_t = 1)]
    pub replicas: u32,
    /// Updates by webhook to `takwin run` processes, the emulator playing the load balancer;
    /// without it, long polling by the bot in this process.
    #[arg(long)]
    pub webhook: bool,
    /// Presses offered per second, spread evenly (an official whose last press is not
    /// answered yet waits their turn): the press-to-answer time at that load. 0, the default:
    /// every official presses again as soon as answered, which measures the most presses
    /// handled per second (the time then is mostly waiting in line behind the others).
    #[arg(long, default_value_t = 0)]
    pub rate: u32,
}

/// Options of `takwin bench report`.
#[derive(Debug, Args)]
pub struct BenchReportArgs {
    /// How many officials (20 per commune, 25 communes per province).
    #[arg(long, default_value_t = 30_000)]
    pub officials: u32,
    /// How many workshops held over the past year.
    #[arg(long, default_value_t = 500)]
    pub workshops: u32,
    /// A temporary SQLite file, or a fresh PostgreSQL database created from DATABASE_URL.
    #[arg(long, value_enum, default_value_t = BenchBackend::Sqlite)]
    pub backend: BenchBackend,
}

/// Options of `takwin bench workshop`.
#[derive(Debug, Args)]
pub struct BenchWorkshopArgs {
    /// How many officials, all invited and all joined.
    #[arg(long, default_value_t = 3000)]
    pub invitees: u32,
    /// A temporary SQLite file, or a fresh PostgreSQL database created from DATABASE_URL.
    #[arg(long, value_enum, default_value_t = BenchBackend::Sqlite)]
    pub backend: BenchBackend,
}

/// Options of `takwin bench delivery`.
#[derive(Debug, Args)]
pub struct BenchDeliveryArgs {
    /// How many recipients (one message each).
    #[arg(long, default_value_t = 3000)]
    pub recipients: u32,
    /// The configured global rate, messages per second (above 30 means paid broadcasts).
    #[arg(long, default_value_t = 30)]
    pub rate: u32,
    /// The database the outbox lives in: a temporary SQLite file, or a fresh PostgreSQL
    /// database created from DATABASE_URL (postgres://…).
    #[arg(long, value_enum, default_value_t = BenchBackend::Sqlite)]
    pub backend: BenchBackend,
}

/// Options of `takwin bench broadcast`.
#[derive(Debug, Args)]
pub struct BenchBroadcastArgs {
    /// How many officials in the roster, all joined and all in the audience.
    #[arg(long, default_value_t = 30000)]
    pub recipients: u32,
    /// The configured global rate, messages per second (above 30 means paid broadcasts).
    #[arg(long, default_value_t = 1000)]
    pub rate: u32,
    /// A temporary SQLite file, or a fresh PostgreSQL database created from DATABASE_URL.
    #[arg(long, value_enum, default_value_t = BenchBackend::Sqlite)]
    pub backend: BenchBackend,
}

/// Where the benchmark's outbox lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BenchBackend {
    /// A temporary SQLite file.
    Sqlite,
    /// A fresh database on the PostgreSQL server named by DATABASE_URL.
    Postgres,
}

/// Options of `takwin run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The bot's token from BotFather. Never logged. Read as text and checked by
    /// [`BotToken::parse`] before anything starts: clap's own refusal would print the value.
    #[arg(long, env = "TELOXIDE_TOKEN", hide_env_values = true)]
    pub token: String,
    /// The Bot API server; the default is Telegram's. Point it at an emulator for tests.
    #[arg(long, env = "TAKWIN_API_URL")]
    pub api_url: Option<url::Url>,
    /// Messages per second the delivery engine sends at most (Telegram allows about 30).
    #[arg(long, env = "TAKWIN_DELIVERY_RATE", default_value_t = 30)]
    pub rate: u32,
    /// Send with allow_paid_broadcast (billed by Telegram), needed above 30 messages/s.
    #[arg(long, env = "TAKWIN_PAID_BROADCAST")]
    pub paid_broadcast: bool,
    /// How long a worker holds the messages it claimed: after a crash, the ones it had not
    /// finished go out again once this has passed.
    #[arg(long, env = "TAKWIN_DELIVERY_LEASE_SECONDS", default_value_t = 30)]
    pub lease_seconds: u32,
    /// Local hours when non-urgent messages wait, e.g. 21:00-08:00, or "off".
    #[arg(long, env = "TAKWIN_QUIET_HOURS", default_value = "21:00-08:00")]
    pub quiet_hours: String,
    /// Where to serve /healthz, /readyz and /metrics (e.g. 127.0.0.1:9100), and in webhook
    /// mode the webhook's path; none by default.
    #[arg(long, env = "TAKWIN_LISTEN")]
    pub listen: Option<std::net::SocketAddr>,
    /// Webhook mode: the public HTTPS URL Telegram posts updates to, served on --listen under
    /// the same path (a reverse proxy ends TLS in front). Without it Takwin long-polls, and
    /// deletes any webhook set before.
    #[arg(long, env = "TAKWIN_WEBHOOK_URL", requires = "listen")]
    pub webhook_url: Option<url::Url>,
    /// The secret Telegram sends with every webhook request (1 to 256 of A-Z a-z 0-9 _ -);
    /// a request without it is refused. Never logged.
    #[arg(long, env = "TAKWIN_WEBHOOK_SECRET", hide_env_values = true)]
    pub webhook_secret: Option<String>,
}

/// `takwin roster …`
/// Reads `OLD=NEW` for `--replace-phone`.
fn phone_pair(text: &str) -> Result<(String, String), String> {
    text.split_once('=')
        .map(|(old, new)| (old.trim().to_owned(), new.trim().to_owned()))
        .filter(|(old, new)| !old.is_empty() && !new.is_empty())
        .ok_or_else(|| format!("{text:?} is not OLD=NEW, e.g. 0612345678=0698765432"))
}

#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Import a roster CSV (province,commune,full_name,role,phone,language, and optionally
    /// gender: f or m, Mme or M.): all or nothing.
    /// People are matched by phone; places by their name, whatever its case or accents, or by
    /// their Arabic name.
    Import {
        /// The CSV file.
        file: PathBuf,
        /// List every change that would be made, without changing anything.
        #[arg(long)]
        dry_run: bool,
        /// People on the roster but absent from the file leave it (a new term of office):
        /// their Telegram link, organiser rights and invitations to upcoming workshops go,
        /// their history stays.
        #[arg(long)]
        prune: bool,
        /// A changed phone number, OLD=NEW: the person with OLD keeps their link, rights and
        /// history under NEW, which the file must list. Repeat for several.
        #[arg(long = "replace-phone", value_name = "OLD=NEW", value_parser = phone_pair)]
        replace_phone: Vec<(String, String)>,
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
    /// Keep the demo's SQLite database in this new file, to run the reports on its data
    /// afterwards (`takwin --database-url sqlite://FILE report programme …`).
    #[arg(long)]
    pub keep: Option<PathBuf>,
}

/// Options of `takwin emulator`: handed as they are to the emulator crate, which reads them
/// for its own binary too (one parser, one `--help`).
#[derive(Debug, Args)]
#[command(disable_help_flag = true)]
pub struct EmulatorArgs {
    /// The emulator's flags: --listen, --token, --strict-limits, --rate, --record,
    /// --insecure-webhooks, --webhook-backend, --webhook-retry-ms, --webhook-timeout-ms.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub flags: Vec<String>,
}

/// The bot's token as BotFather gives it, `<bot id>:<secret>`, checked before anything starts
/// so a missing or mangled token is said at once instead of as a failed request later. It
/// never shows: neither its `Debug` form nor a refusal prints it.
#[derive(Clone)]
pub struct BotToken(String);

impl BotToken {
    /// Reads a token: digits, a colon, then letters, digits, `_` or `-`.
    pub fn parse(input: &str) -> Result<BotToken, String> {
        let token = input.trim();
        if token.is_empty() {
            return Err("the bot's token is empty: give the one BotFather sent \
                        (TELOXIDE_TOKEN=123456789:AA… or --token)"
                .to_owned());
        }
        let well_formed = token.split_once(':').is_some_and(|(id, secret)| {
            !id.is_empty()
                && id.bytes().all(|b| b.is_ascii_digit())
                && !secret.is_empty()
                && secret
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
        });
        if !well_formed {
            return Err(format!(
                "the bot's token ({} characters, not shown) is not of BotFather's form \
                 123456789:AA…: copy it again, whole",
                token.chars().count()
            ));
        }
        Ok(BotToken(token.to_owned()))
    }

    /// The token, to hand to the Bot API client.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for BotToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BotToken(…)")
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser as _;

    use super::{BotToken, Cli, Command};

    #[test]
    fn the_emulators_flags_pass_through_as_given() {
        let flags = [
            "--listen",
            "127.0.0.1:0",
            "--strict-limits",
            "--rate=100",
            "--webhook-backend",
            "127.0.0.1:9001",
            "--help",
        ];
        let cli = Cli::try_parse_from(["takwin", "emulator"].into_iter().chain(flags)).unwrap();
        let Command::Emulator(args) = cli.command else {
            panic!("not the emulator: {:?}", cli.command);
        };
        assert_eq!(args.flags, flags);
        // `--help` alone is the emulator's, which lists its flags.
        let cli = Cli::try_parse_from(["takwin", "emulator", "--help"]).unwrap();
        let Command::Emulator(args) = cli.command else {
            panic!("not the emulator: {:?}", cli.command);
        };
        assert_eq!(args.flags, ["--help"]);
    }

    #[test]
    fn a_token_is_checked_and_never_shown() {
        assert!(BotToken::parse("123456:TEST-token").is_ok());
        assert!(BotToken::parse(" 110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw ").is_ok());
        for bad in [
            "", "   ", "no-colon", ":secret", "123456:", "abc:def", "123:a b", "123:é",
        ] {
            let refusal = BotToken::parse(bad).unwrap_err();
            assert!(refusal.contains("token"), "{bad:?}: {refusal}");
            if bad.trim().len() > 3 {
                assert!(!refusal.contains(bad.trim()), "{refusal}");
            }
        }
        let token = BotToken::parse("123456:SECRET").unwrap();
        assert!(!format!("{token:?}").contains("SECRET"));
    }
}
