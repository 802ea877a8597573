//! Replicas as real processes: `takwin run` started the way an operator starts it, several at
//! once on one PostgreSQL database, killed with SIGKILL, stopped with SIGTERM or stalled with
//! SIGSTOP. The Bot API they talk to is the standalone emulator, a process of its own
//! (`takwin emulator`, the emulator crate's standalone server), which the test drives and
//! reads only through its control API over HTTP, as any bot's tests would: it plays the
//! people, reads what each chat received and when (`received_ms`), and counts 429s and webhook
//! deliveries. For the rate its limiter is strict (no grace), as Telegram may be. Each test
//! stops the emulator with SIGTERM at its end and expects it to exit 0.
//!
//! PostgreSQL only: replicas of one bot share a server, not a SQLite file. Without
//! `TAKWIN_TEST_POSTGRES_URL` each test says it is skipped and passes.

// Beside this file, in a folder of its own: a file directly in tests/ would be a test binary.
#[path = "processes/emulator.rs"]
mod emulator;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use emulator::{Message, StandaloneEmulator};
use sqlx::{Connection, Row};
use takwin::views::buttons::Action;

/// The rate both replicas are configured with, and the emulator enforces for the bot.
const RATE: u32 = 100;
/// How many officials, each getting one announcement.
const OFFICIALS: u32 = 2_000;
/// The emulator's private chats start here (the roster's ids are added).
const FIRST_CHAT: i64 = 700_000;

/// One test at a time: each starts several processes and measures rates and times, which
/// another test running beside it on two cores would distort.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A database of its own on the test server, dropped at the end.
struct Database {
    server: String,
    name: String,
    url: String,
}

impl Database {
    /// A fresh database, or `None` (said on standard error) without a server to test on.
    async fn create(test: &str) -> Option<Database> {
        let Ok(server) = std::env::var("TAKWIN_TEST_POSTGRES_URL") else {
            // Written to the process's standard error itself: the test harness keeps what
            // `eprintln!` says of a test that passes, and a skip must be seen.
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr(),
                "note: {test} is skipped: TAKWIN_TEST_POSTGRES_URL is not set (see README)"
            );
            return None;
        };
        let name = format!("takwin_proc_{:016x}", rand::random::<u64>());
        let mut conn = sqlx::PgConnection::connect(&server)
            .await
            .expect("the test server");
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .await
            .expect("a database of the test's own");
        let mut url = url::Url::parse(&server).expect("a URL");
        url.set_path(&name);
        Some(Database {
            server,
            name,
            url: url.to_string(),
        })
    }

    async fn connect(&self) -> sqlx::PgConnection {
        sqlx::PgConnection::connect(&self.url)
            .await
            .expect("the test's database")
    }

    async fn drop_it(self) {
        if let Ok(mut conn) = sqlx::PgConnection::connect(&self.server).await {
            let _ = sqlx::query(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .execute(&mut conn)
            .await;
        }
    }
}

/// What every test starts with: its turn, a database of its own with Takwin's tables, and a
/// folder for the files it writes and the replicas' logs. `None` without a server.
struct Run {
    _alone: tokio::sync::MutexGuard<'static, ()>,
    db: Database,
    dir: tempfile::TempDir,
}

async fn begin(test: &str) -> Option<Run> {
    let alone = ONE_AT_A_TIME.lock().await;
    let db = Database::create(test).await?;
    takwin_ok(&db, &["migrate"]);
    Some(Run {
        _alone: alone,
        db,
        dir: tempfile::tempdir().expect("a folder"),
    })
}

/// The takwin binary, on the test's database.
fn takwin(db: &Database) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_takwin"));
    command
        .env("DATABASE_URL", &db.url)
        .env_remove("TELOXIDE_TOKEN")
        .env("RUST_LOG", "info,sqlx=warn,teloxide=warn");
    command
}

/// Runs a takwin command to its end, failing the test with its output if it fails.
fn takwin_ok(db: &Database, args: &[&str]) -> String {
    let out = takwin(db).args(args).output().expect("takwin runs");
    assert!(
        out.status.success(),
        "takwin {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A free port on the loopback.
fn free_addr() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address")
}

/// One `takwin run` process.
struct Replica {
    child: Child,
    listen: SocketAddr,
    log: PathBuf,
}

impl Replica {
    /// Starts `takwin run` against the emulator, with `extra` flags, and waits until its
    /// `/readyz` answers 200.
    async fn start(
        db: &Database,
        emulator: &StandaloneEmulator,
        dir: &Path,
        n: usize,
        extra: &[&str],
    ) -> Replica {
        Replica::start_on(free_addr(), db, emulator, dir, n, extra).await
    }

    /// [`Replica::start`] on a given listen address.
    async fn start_on(
        listen: SocketAddr,
        db: &Database,
        emulator: &StandaloneEmulator,
        dir: &Path,
        n: usize,
        extra: &[&str],
    ) -> Replica {
        let log = dir.join(format!("replica-{n}.log"));
        let child = takwin(db)
            .arg("run")
            .args(["--token", emulator.token()])
            .args(["--api-url", emulator.api_url().as_str()])
            .args(["--rate", &RATE.to_string(), "--paid-broadcast"])
            .args(["--quiet-hours", "off", "--lease-seconds", "5"])
            .args(["--listen", &listen.to_string()])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("a log file"))
            .spawn()
            .expect("takwin run starts");
        let replica = Replica { child, listen, log };
        replica.wait_ready().await;
        replica
    }

    /// Waits until `/readyz` answers 200 (the process is up, migrated, serving).
    async fn wait_ready(&self) {
        let url = format!("http://{}/readyz", self.listen);
        let http = reqwest::Client::new();
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(answer) = http.get(&url).send().await
                && answer.status().is_success()
            {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "replica on {} never became ready:\n{}",
                self.listen,
                self.log_text()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// SIGKILL: the process dies at once, whatever it was doing.
    fn kill(&mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reaped");
    }

    /// SIGTERM, then waits for the process to exit; returns its exit status.
    fn terminate(&mut self) -> std::process::ExitStatus {
        let sent = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success());
        self.child.wait().expect("exits")
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The standalone emulator with `flags`, its log in the test's folder.
async fn start_emulator(dir: &Path, flags: &[&str]) -> StandaloneEmulator {
    StandaloneEmulator::start(flags, &dir.join("emulator.log")).await
}

/// The standalone emulator with Telegram's limits kept strictly (no grace) at [`RATE`].
async fn strict_emulator(dir: &Path) -> StandaloneEmulator {
    start_emulator(dir, &["--strict-limits", "--rate", &RATE.to_string()]).await
}

/// Imports a roster of `n` officials through `takwin roster import`, links each to a private
/// chat of the emulator (as joining would; here the test's set-up, written to the database
/// directly), and returns the chats.
async fn officials(db: &Database, emulator: &StandaloneEmulator, dir: &Path, n: u32) -> Vec<i64> {
    let mut csv = String::from("province,commune,full_name,role,phone,language\n");
    for k in 0..n {
        let role = if k % 20 == 0 {
            "president"
        } else {
            "councillor"
        };
        let language = if k % 3 == 2 { "fr" } else { "ar" };
        csv.push_str(&format!(
            "Province {},Commune {},Élu {k},{role},+2126{k:08},{language}\n",
            k / 400,
            k / 20
        ));
    }
    let file = dir.join("roster.csv");
    std::fs::write(&file, csv).expect("the roster file");
    takwin_ok(db, &["roster", "import", file.to_str().expect("a path")]);
    let mut conn = db.connect().await;
    sqlx::query("UPDATE people SET telegram_user_id = id + $1, joined_at = 0")
        .bind(FIRST_CHAT)
        .execute(&mut conn)
        .await
        .expect("linked");
    let chats: Vec<i64> = sqlx::query("SELECT telegram_user_id FROM people ORDER BY id")
        .fetch_all(&mut conn)
        .await
        .expect("the chats")
        .iter()
        .map(|row| row.get(0))
        .collect();
    // One request for them all: every id from the first chat to the last (an id between
    // them that no official has is a user nobody writes to).
    let (first, last) = (chats[0], chats[chats.len() - 1]);
    let span = usize::try_from(last - first + 1).expect("ordered chats");
    emulator.add_users(first, span, "Élu", "ar").await;
    chats
}

/// Queues one announcement to everyone through `takwin broadcast send`.
fn announce(db: &Database, dir: &Path) {
    let text = dir.join("announcement.txt");
    std::fs::write(&text, "اجتماع تنسيقي يوم الخميس على الساعة العاشرة.").expect("the text");
    takwin_ok(
        db,
        &[
            "broadcast",
            "send",
            "--audience",
            "all",
            "--text-file",
            text.to_str().expect("a path"),
        ],
    );
}

/// The pid of the replica whose worker holds the sender's lease (its name is
/// `worker-<pid>-<random>`).
async fn sender_pid(db: &Database) -> Option<u32> {
    let mut conn = db.connect().await;
    let holder: Option<String> =
        sqlx::query_scalar("SELECT holder FROM leases WHERE name = 'sender'")
            .fetch_optional(&mut conn)
            .await
            .expect("the leases");
    holder?.split('-').nth(1)?.parse().ok()
}

/// What the officials' chats received: arrival times in order (the emulator's `received_ms`,
/// milliseconds since it started), and the count per chat.
async fn received(emulator: &StandaloneEmulator, chats: &[i64]) -> (Vec<u64>, HashMap<i64, usize>) {
    let wanted: std::collections::HashSet<i64> = chats.iter().copied().collect();
    let mut arrivals = Vec::new();
    let mut per_chat = HashMap::new();
    for message in emulator.all_bot_messages().await {
        let chat = message.chat.expect("every chat's messages name their chat");
        if wanted.contains(&chat) {
            arrivals.push(message.received_ms);
            *per_chat.entry(chat).or_insert(0) += 1;
        }
    }
    arrivals.sort();
    (arrivals, per_chat)
}

/// The most messages that arrived within any one sliding second, from arrival times in
/// milliseconds: each window checked is one whole second, starting at an arrival's millisecond.
fn busiest_second(arrivals: &[u64]) -> usize {
    let mut most = 0;
    let mut start = 0;
    for end in 0..arrivals.len() {
        while arrivals[end] - arrivals[start] >= 1000 {
            start += 1;
        }
        most = most.max(end - start + 1);
    }
    most
}

/// Waits until the emulator has delivered `count` messages in all. Its counters are asked
/// every 50 ms: the one read that could wait for this (`GET messages?at_least=`) would copy
/// every message at each one sent, work the emulator would do while its rate is measured.
async fn wait_sent(
    db: &Database,
    emulator: &StandaloneEmulator,
    count: u64,
    timeout: Duration,
    replicas: &[&Replica],
) {
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let stats = emulator.stats().await;
        if stats.count("/sent") >= count {
            return;
        }
        if tokio::time::Instant::now() >= deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut conn = db.connect().await;
    let outbox: Vec<(String, i64)> =
        sqlx::query_as("SELECT state, COUNT(*) FROM outbox GROUP BY state")
            .fetch_all(&mut conn)
            .await
            .unwrap_or_default();
    let leases: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT name, holder, expires_at FROM leases")
            .fetch_all(&mut conn)
            .await
            .unwrap_or_default();
    let logs: Vec<String> = replicas.iter().map(|r| r.log_text()).collect();
    let stats = emulator.stats().await;
    panic!(
        "only {} of {count} messages arrived in {timeout:?}; the outbox: {outbox:?}; the \
         leases at {}: {leases:?}; the emulator: {stats}; the replicas said:\n{}",
        stats.count("/sent"),
        chrono::Utc::now().timestamp_millis(),
        logs.join("\n-----\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_keep_to_the_bots_rate_together() {
    let test = "two_replicas_keep_to_the_bots_rate_together";
    let Some(Run { db, dir, _alone }) = begin(test).await else {
        return;
    };
    let emulator = strict_emulator(dir.path()).await;
    let chats = officials(&db, &emulator, dir.path(), OFFICIALS).await;
    let a = Replica::start(&db, &emulator, dir.path(), 1, &[]).await;
    let b = Replica::start(&db, &emulator, dir.path(), 2, &[]).await;

    announce(&db, dir.path());
    wait_sent(
        &db,
        &emulator,
        u64::from(OFFICIALS),
        Duration::from_secs(180),
        &[&a, &b],
    )
    .await;

    let (arrivals, per_chat) = received(&emulator, &chats).await;
    assert_eq!(
        emulator.stats().await.count("/too_many_requests"),
        0,
        "no 429 from the strict limiter"
    );
    assert_eq!(
        per_chat.len(),
        chats.len(),
        "every official got the announcement"
    );
    assert!(per_chat.values().all(|n| *n == 1), "and each once");
    let busiest = busiest_second(&arrivals);
    assert!(
        busiest <= RATE as usize,
        "{busiest} messages in one second, above {RATE}"
    );
    let span = (arrivals[arrivals.len() - 1] - arrivals[0]) as f64 / 1000.0;
    let achieved = (arrivals.len() - 1) as f64 / span / f64::from(RATE);
    eprintln!(
        "two replicas: {} messages in {span:.2} s, {:.3} of the rate, busiest second {busiest}",
        arrivals.len(),
        achieved
    );
    assert!(achieved >= 0.97, "only {achieved:.3} of the rate was used");
    // The replicas' metrics say the same: every message sent once between them, no 429.
    let sent = metric(&a, "takwin_messages_total{outcome=\"sent\"}").await
        + metric(&b, "takwin_messages_total{outcome=\"sent\"}").await;
    assert_eq!(sent, f64::from(OFFICIALS));
    let refused = metric(&a, "takwin_telegram_429_total").await
        + metric(&b, "takwin_telegram_429_total").await;
    assert_eq!(refused, 0.0);
    drop((a, b));
    emulator.stop().await;
    db.drop_it().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_replica_left_sends_everything_when_the_sender_is_killed() {
    let test = "the_replica_left_sends_everything_when_the_sender_is_killed";
    let Some(Run { db, dir, _alone }) = begin(test).await else {
        return;
    };
    let emulator = strict_emulator(dir.path()).await;
    let chats = officials(&db, &emulator, dir.path(), OFFICIALS).await;
    let mut replicas = vec![
        Replica::start(&db, &emulator, dir.path(), 1, &[]).await,
        Replica::start(&db, &emulator, dir.path(), 2, &[]).await,
    ];

    announce(&db, dir.path());
    // Midway, the replica that sends is killed.
    wait_sent(
        &db,
        &emulator,
        u64::from(OFFICIALS / 2),
        Duration::from_secs(120),
        &[&replicas[0], &replicas[1]],
    )
    .await;
    let pid = sender_pid(&db)
        .await
        .expect("a replica holds the sender's lease");
    let index = replicas
        .iter()
        .position(|r| r.pid() == pid)
        .expect("the sender is one of the two");
    let mut dead = replicas.remove(index);
    dead.kill();
    let sent_by_then = emulator.stats().await.count("/sent");
    assert!(sent_by_then < u64::from(OFFICIALS), "killed before the end");

    let survivor = &replicas[0];
    // Until every chat has it: each time as many more arrivals as chats are still missing
    // (some may have it twice, sent by the dead replica and again by the survivor).
    let mut target = u64::from(OFFICIALS);
    loop {
        wait_sent(
            &db,
            &emulator,
            target,
            Duration::from_secs(180),
            &[survivor],
        )
        .await;
        // Counted before the chats are read: a message arriving between the two reads then
        // makes the next target too low (the loop looks again), never too high.
        let sent = emulator.stats().await.count("/sent");
        let missing = chats.len() - received(&emulator, &chats).await.1.len();
        if missing == 0 {
            break;
        }
        target = sent + missing as u64;
    }
    let (_, per_chat) = received(&emulator, &chats).await;
    let twice = per_chat.values().filter(|n| **n > 1).count();
    eprintln!(
        "sender killed after {sent_by_then} messages; the survivor sent the rest; {twice} sent twice"
    );
    assert_eq!(
        emulator.stats().await.count("/too_many_requests"),
        0,
        "no 429 across the takeover"
    );
    // Sent twice: at most what the dead replica had sent and not yet recorded, its claim
    // (twice the rate) at the very worst.
    assert!(twice <= 2 * RATE as usize, "{twice} officials got it twice");
    drop(replicas);
    drop(dead);
    emulator.stop().await;
    db.drop_it().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_during_a_delivery_loses_nothing_and_a_restart_sends_nothing_twice() {
    let test = "sigterm_during_a_delivery_loses_nothing_and_a_restart_sends_nothing_twice";
    let Some(Run { db, dir, _alone }) = begin(test).await else {
        return;
    };
    let emulator = strict_emulator(dir.path()).await;
    let chats = officials(&db, &emulator, dir.path(), OFFICIALS).await;
    let mut first = Replica::start(&db, &emulator, dir.path(), 1, &[]).await;
    announce(&db, dir.path());
    wait_sent(
        &db,
        &emulator,
        u64::from(OFFICIALS / 4),
        Duration::from_secs(120),
        &[&first],
    )
    .await;

    // SIGTERM mid-delivery: it stops claiming, finishes or puts back what it holds, exits 0,
    // within a bounded time (what was claimed is about two seconds of sending).
    let asked = std::time::Instant::now();
    let status = first.terminate();
    let took = asked.elapsed();
    assert!(status.success(), "exit {status:?}:\n{}", first.log_text());
    assert!(took < Duration::from_secs(25), "stopping took {took:?}");
    let sent_by_then = emulator.stats().await.count("/sent");
    assert!(
        sent_by_then < u64::from(OFFICIALS),
        "stopped before the end"
    );

    // Restarted, it sends the rest, and nothing a second time.
    let second = Replica::start(&db, &emulator, dir.path(), 2, &[]).await;
    wait_sent(
        &db,
        &emulator,
        u64::from(OFFICIALS),
        Duration::from_secs(180),
        &[&second],
    )
    .await;
    let (_, per_chat) = received(&emulator, &chats).await;
    eprintln!("SIGTERM after {sent_by_then} messages took {took:?}; the restart sent the rest");
    assert_eq!(per_chat.len(), chats.len(), "every official got it");
    assert!(per_chat.values().all(|n| *n == 1), "nobody got it twice");
    assert_eq!(emulator.stats().await.count("/too_many_requests"), 0);
    drop((first, second));
    emulator.stop().await;
    db.drop_it().await;
}

/// `takwin emulator` itself, needing no database: its start line names its token and URLs, a
/// bot's request and the control API meet there, `--help` is the emulator's, a mistake in
/// the flags exits 2, and SIGTERM stops it with 0.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn takwin_emulator_serves_the_standalone_emulator_until_sigterm() {
    let _alone = ONE_AT_A_TIME.lock().await;
    let dir = tempfile::tempdir().expect("a folder");
    let emulator = start_emulator(dir.path(), &["--token", "777:standalone"]).await;
    assert_eq!(emulator.token(), "777:standalone");
    emulator.add_user(42, "Amina", "fr").await;
    let update = emulator.send_text(42, "/start").await;
    // Formatted, not joined: `bot<id>:` would read as a URL's scheme.
    let method = |name: &str| format!("{}bot{}/{name}", emulator.api_url(), emulator.token());
    let http = reqwest::Client::new();
    let call = |name: &str, body: serde_json::Value| {
        let request = http.post(method(name)).json(&body);
        let name = name.to_owned();
        async move {
            let answer: serde_json::Value = request
                .send()
                .await
                .expect("answered")
                .json()
                .await
                .expect("JSON");
            assert_eq!(answer["ok"], true, "{name}: {answer}");
            answer["result"].clone()
        }
    };
    let updates = call("getUpdates", serde_json::json!({})).await;
    assert_eq!(updates[0]["update_id"], update, "{updates}");
    assert_eq!(updates[0]["message"]["text"], "/start", "{updates}");
    call(
        "sendMessage",
        serde_json::json!({"chat_id": 42, "text": "Bienvenue"}),
    )
    .await;
    let shown = emulator.bot_messages(42).await;
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].text, "Bienvenue");
    assert_eq!(emulator.webhook_url().await, "", "no webhook set");
    emulator.stop().await;

    let takwin = |flags: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_takwin"))
            .arg("emulator")
            .args(flags)
            .output()
            .expect("takwin runs")
    };
    let help = takwin(&["--help"]);
    assert!(help.status.success());
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(
        help.starts_with("usage: takwin emulator [--listen ADDR]"),
        "{help}"
    );
    assert!(help.contains("--webhook-timeout-ms N"), "{help}");
    let mistake = takwin(&["--listen", "127.0.0.1:0", "--rate", "10"]);
    assert_eq!(mistake.status.code(), Some(2));
    let said = String::from_utf8_lossy(&mistake.stderr);
    assert!(said.contains("--rate applies to --strict-limits"), "{said}");
}

/// The webhook's secret in the webhook tests.
const SECRET: &str = "process-test-secret_0123";

/// Waits until everything sent so far is handled and what that queued is delivered: no update
/// pending at the emulator, none unhandled in the inbox, nothing due in the outbox.
async fn settle(db: &Database, emulator: &StandaloneEmulator, replicas: &[&Replica]) {
    let mut conn = db.connect().await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
    loop {
        let now = chrono::Utc::now().timestamp_millis();
        let unhandled: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM inbox WHERE handled_at IS NULL")
                .fetch_one(&mut conn)
                .await
                .expect("the inbox");
        let due: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'sending') AND not_before <= $1",
        )
        .bind(now)
        .fetch_one(&mut conn)
        .await
        .expect("the outbox");
        let pending = emulator.pending_updates().await;
        if pending == 0 && unhandled == 0 && due == 0 {
            return;
        }
        if tokio::time::Instant::now() > deadline {
            let logs: Vec<String> = replicas.iter().map(|r| r.log_text()).collect();
            panic!(
                "not settled: {pending} updates pending, {unhandled} unhandled, {due} due:\n{}",
                logs.join("\n-----\n")
            );
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The presidents and finance officers of the sample roster: (phone, chat).
fn invited_officials() -> Vec<(String, i64)> {
    let roster = include_str!("../samples/roster-el-hajeb.csv");
    roster
        .lines()
        .skip(1)
        .filter_map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            matches!(cells[3], "president" | "finance_staff").then(|| cells[4].to_owned())
        })
        .enumerate()
        .map(|(k, phone)| (phone, 810_000 + k as i64))
        .collect()
}

/// The phone as Telegram sends it in a shared contact: digits only, the country's code first.
fn telegram_phone(roster_phone: &str) -> String {
    let digits: String = roster_phone.chars().filter(char::is_ascii_digit).collect();
    if let Some(international) = digits.strip_prefix("00") {
        international.to_owned()
    } else if let Some(national) = digits.strip_prefix('0') {
        format!("212{national}")
    } else {
        digits
    }
}

/// Reads a replica's `/metrics` and sums the samples of the lines that start so.
async fn metric(replica: &Replica, starts: &str) -> f64 {
    let text = reqwest::get(format!("http://{}/metrics", replica.listen))
        .await
        .expect("/metrics answers")
        .text()
        .await
        .expect("a text");
    text.lines()
        .filter(|line| line.starts_with(starts))
        .filter_map(|line| line.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}

/// The button accepting a workshop's invitation, on the first invitation a chat received.
async fn accept_button(emulator: &StandaloneEmulator, chat: i64) -> (i32, String) {
    let messages = emulator.bot_messages(chat).await;
    messages
        .iter()
        .find_map(|m| {
            m.buttons().find_map(|b| {
                let data = b.callback_data.clone()?;
                matches!(Action::parse(&data), Some(Action::Rsvp { yes: true, .. }))
                    .then_some((m.message_id, data))
            })
        })
        .unwrap_or_else(|| {
            let texts: Vec<&str> = messages.iter().map(|m| m.text.as_str()).collect();
            panic!("chat {chat} has no invitation to accept: {texts:#?}")
        })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_webhook_replicas_play_a_workshop_journey_with_retries_and_duplicates() {
    let test = "two_webhook_replicas_play_a_workshop_journey_with_retries_and_duplicates";
    let Some(Run { db, dir, _alone }) = begin(test).await else {
        return;
    };
    // The emulator plays Telegram and the load balancer in front of the two replicas. Its
    // limits are off: the replies to 34 people acting within the same second would otherwise
    // meet the one-message-a-second rule, which the rate test above is about, not this one.
    let (one, two) = (free_addr(), free_addr());
    let (one_flag, two_flag) = (one.to_string(), two.to_string());
    let emulator = start_emulator(
        dir.path(),
        &[
            "--insecure-webhooks",
            "--webhook-backend",
            &one_flag,
            "--webhook-backend",
            &two_flag,
            "--webhook-retry-ms",
            "200",
        ],
    )
    .await;
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let roster = samples.join("roster-el-hajeb.csv");
    takwin_ok(&db, &["roster", "import", roster.to_str().expect("a path")]);
    let webhook = [
        "--webhook-url",
        "http://takwin.test/telegram",
        "--webhook-secret",
        SECRET,
    ];
    let a = Replica::start_on(one, &db, &emulator, dir.path(), 1, &webhook).await;
    let b = Replica::start_on(two, &db, &emulator, dir.path(), 2, &webhook).await;
    let replicas = [&a, &b];
    assert_eq!(emulator.webhook_url().await, "http://takwin.test/telegram");

    // A request without the secret, or with a wrong one, is refused and logged without it.
    let http = reqwest::Client::new();
    let hook = format!("http://{one}/telegram");
    let update = r#"{"update_id": 1, "message": {"message_id": 1, "date": 0,
        "chat": {"id": 5, "type": "private"}, "text": "/start"}}"#;
    let wrong = "wrong-secret-not-to-be-logged";
    for secret in [None, Some(wrong)] {
        let mut request = http.post(&hook).body(update);
        if let Some(secret) = secret {
            request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        let status = request.send().await.expect("answered").status();
        assert_eq!(status.as_u16(), 401);
    }
    let log = a.log_text();
    assert!(
        log.contains("without the right secret was refused"),
        "{log}"
    );
    assert!(
        !log.contains(wrong) && !log.contains(SECRET),
        "a secret was logged:\n{log}"
    );

    // Deliveries lost and retried, sent to both replicas at once, refused on the way: armed
    // again before each step.
    let officials = invited_officials();
    // Lose 6 answers, send 6 updates to both replicas, refuse 3 deliveries.
    let faults = || emulator.inject_webhook_faults(6, 6, 3);
    for (_, chat) in &officials {
        emulator.add_user(*chat, "Élu", "fr").await;
    }
    faults().await;
    for (_, chat) in &officials {
        emulator.send_text(*chat, "/start").await;
    }
    settle(&db, &emulator, &replicas).await;
    faults().await;
    for (phone, chat) in &officials {
        emulator
            .send_contact(*chat, &telegram_phone(phone), Some(*chat), "Élu")
            .await;
    }
    settle(&db, &emulator, &replicas).await;

    // The programme is imported; its invitations go out; everyone accepts the first one.
    let programme = samples.join("programme-el-hajeb.csv");
    takwin_ok(
        &db,
        &["workshop", "import", programme.to_str().expect("a path")],
    );
    settle(&db, &emulator, &replicas).await;
    faults().await;
    for (_, chat) in &officials {
        let (message_id, data) = accept_button(&emulator, *chat).await;
        emulator.press_button(*chat, message_id, &data).await;
    }
    settle(&db, &emulator, &replicas).await;

    // An organiser's dialogue goes on from one replica to the other: the balancer sends each
    // update to the next replica, and each answer takes up the dialogue where it stands.
    let organiser = 830_000;
    takwin_ok(&db, &["organiser", "add", "0600010001"]);
    emulator.add_user(organiser, "Karim", "fr").await;
    emulator.send_text(organiser, "/start").await;
    emulator
        .send_contact(organiser, "212600010001", Some(organiser), "Karim")
        .await;
    settle(&db, &emulator, &replicas).await;
    let accepted = |replica| {
        metric(
            replica,
            "takwin_webhook_requests_total{outcome=\"accepted\"}",
        )
    };
    let before = (accepted(&a).await, accepted(&b).await);
    let steps = [
        ("/new_workshop", "question 1 sur 9"),
        ("Programmation du budget communal", "question 2 sur 9"),
        ("Préparer le budget", "question 3 sur 9"),
    ];
    for (text, question) in steps {
        let before = emulator.bot_messages(organiser).await.len();
        emulator.send_text(organiser, text).await;
        let shown = emulator
            .wait_bot_messages(organiser, before + 1, Duration::from_secs(30))
            .await
            .expect("the organiser is answered");
        let last = &shown.last().expect("a message").text;
        assert!(last.contains(question), "after {text:?}: {last}");
    }
    let after = (accepted(&a).await, accepted(&b).await);
    assert!(
        after.0 > before.0 && after.1 > before.1,
        "both replicas took part in the dialogue: {before:?} → {after:?}"
    );

    // The faults happened.
    let stats = emulator.stats().await;
    let lost_answers = stats.count("/webhook/lost_answers");
    assert!(
        stats.count("/webhook/duplicated") > 0
            && lost_answers > 0
            && stats.count("/webhook/refused") > 0,
        "{stats}"
    );
    // Every effect once: everyone joined and accepted once, and no audit entry is twice.
    let mut conn = db.connect().await;
    let joined: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM people WHERE telegram_user_id IS NOT NULL")
            .fetch_one(&mut conn)
            .await
            .expect("the people");
    assert_eq!(
        joined,
        officials.len() as i64 + 1,
        "the officials and the organiser"
    );
    let accepted: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT workshop_id, COUNT(*) FROM invitations WHERE seat = 'confirmed' \
         GROUP BY workshop_id",
    )
    .fetch_all(&mut conn)
    .await
    .expect("the invitations");
    assert_eq!(accepted.len(), 1, "{accepted:?}");
    assert_eq!(accepted[0].1, officials.len() as i64);
    let twice: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT actor, action, COUNT(*) FROM audit_log GROUP BY actor, action, detail \
         HAVING COUNT(*) > 1",
    )
    .fetch_all(&mut conn)
    .await
    .expect("the audit log");
    assert!(twice.is_empty(), "audited twice: {twice:?}");
    // Every message once: each official did the same, so each chat holds as many messages as
    // the others, and none holds one message twice in a row.
    let mut per_chat: Vec<Vec<Message>> = Vec::new();
    for (_, chat) in &officials {
        per_chat.push(emulator.bot_messages(*chat).await);
    }
    let counts: Vec<usize> = per_chat.iter().map(Vec::len).collect();
    assert!(
        counts.iter().all(|n| *n == counts[0]),
        "messages per chat differ: {counts:?}"
    );
    for ((_, chat), messages) in officials.iter().zip(&per_chat) {
        let texts: Vec<&str> = messages.iter().map(|m| m.text.as_str()).collect();
        assert!(
            texts.windows(2).all(|w| w[0] != w[1]),
            "chat {chat}: {texts:#?}"
        );
    }
    // Both replicas took part, and between them recognised every update brought twice.
    let outcome = |o: &str| format!("takwin_webhook_requests_total{{outcome=\"{o}\"}}");
    let duplicates =
        metric(&a, &outcome("duplicate")).await + metric(&b, &outcome("duplicate")).await;
    let accepted_a = metric(&a, &outcome("accepted")).await;
    let accepted_b = metric(&b, &outcome("accepted")).await;
    eprintln!(
        "webhook: {}; accepted {accepted_a} + {accepted_b}; duplicates recognised \
         {duplicates}; {} messages per chat",
        stats.part("/webhook"),
        counts[0]
    );
    assert!(accepted_a > 0.0 && accepted_b > 0.0);
    assert!(duplicates >= lost_answers as f64);
    drop((a, b));
    emulator.stop().await;
    db.drop_it().await;
}

/// Sends a signal to a process by its pid.
fn signal(pid: u32, name: &str) {
    let sent = Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success(), "kill -{name} {pid}");
}

/// The poller's lease: its holder's pid (`<host>:<pid>:<random>`) and when it runs out.
async fn poller(db: &Database) -> Option<(u32, i64)> {
    let mut conn = db.connect().await;
    let row: Option<(String, i64)> =
        sqlx::query_as("SELECT holder, expires_at FROM leases WHERE name = 'poller'")
            .fetch_optional(&mut conn)
            .await
            .expect("the leases");
    let (holder, expires_at) = row?;
    let pid = holder.rsplit(':').nth(1)?.parse().ok()?;
    Some((pid, expires_at))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_poller_is_replaced_on_time_and_takes_nothing_when_it_wakes() {
    let test = "a_stalled_poller_is_replaced_on_time_and_takes_nothing_when_it_wakes";
    let Some(Run { db, dir, _alone }) = begin(test).await else {
        return;
    };
    let emulator = start_emulator(dir.path(), &[]).await;
    let a = Replica::start(&db, &emulator, dir.path(), 1, &[]).await;
    let b = Replica::start(&db, &emulator, dir.path(), 2, &[]).await;
    let replicas = [&a, &b];
    let strangers: Vec<i64> = (0..3).map(|k| 820_000 + k).collect();
    for chat in &strangers {
        emulator.add_user(*chat, "Visiteur", "fr").await;
    }

    // The worst moment: the poller stalls just after renewing its lease.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let (pid, renewed) = loop {
        if let Some(lease) = poller(&db).await {
            break lease;
        }
        assert!(tokio::time::Instant::now() < deadline, "nobody polls");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let (stalled_pid, expires_at) = loop {
        let (pid_now, expires_now) = poller(&db).await.expect("a poller");
        if pid_now == pid && expires_now != renewed {
            break (pid_now, expires_now);
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    signal(stalled_pid, "STOP");
    let stalled_at = std::time::Instant::now();
    emulator.send_text(strangers[0], "/start").await;
    let replied = emulator
        .wait_bot_messages(strangers[0], 1, Duration::from_secs(60))
        .await;
    let took = stalled_at.elapsed();
    let (new_pid, _) = poller(&db).await.expect("a poller");
    signal(stalled_pid, "CONT");
    if let Err(refusal) = replied {
        panic!(
            "no reply after the poller stalled ({refusal}):\n{}\n-----\n{}",
            a.log_text(),
            b.log_text()
        );
    }
    eprintln!(
        "the poller stalled right after renewing (its lease ran {} ms more); replies resumed after {took:?}",
        expires_at - chrono::Utc::now().timestamp_millis() + took.as_millis() as i64
    );
    assert_ne!(new_pid, stalled_pid, "another replica polls");
    assert!(
        took <= Duration::from_secs(32),
        "README promises replies within 31 s of the poller's death (and a moment to answer): {took:?}"
    );

    // Woken, the stalled replica takes nothing: every message is answered once, by the new
    // poller, which keeps its lease.
    for chat in &strangers[1..] {
        emulator.send_text(*chat, "/start").await;
    }
    for chat in &strangers[1..] {
        emulator
            .wait_bot_messages(*chat, 1, Duration::from_secs(30))
            .await
            .expect("answered");
    }
    settle(&db, &emulator, &replicas).await;
    for chat in &strangers {
        assert_eq!(emulator.bot_messages(*chat).await.len(), 1, "chat {chat}");
    }
    assert_eq!(poller(&db).await.expect("a poller").0, new_pid);
    let stalled = if a.pid() == stalled_pid { &a } else { &b };
    let log = stalled.log_text();
    assert!(
        log.contains("this one stops") || log.contains("takes no more updates"),
        "{log}"
    );
    drop((a, b));
    emulator.stop().await;
    db.drop_it().await;
}
