//! spawn_app for Takwin: the real bot on a real database (a SQLite file or a fresh
//! PostgreSQL database) talking over HTTP to the Bot API emulator.

use std::borrow::Borrow;
use std::ops::Deref;

use chrono::{TimeZone, Utc};
use sqlx::Connection;
use takwin::clock::ManualClock;
use takwin::config::Settings;
use takwin::domain::audience::Audience;
use takwin::domain::ids::WorkshopId;
use takwin::domain::roster::{Language, Role, parse_roster};
use takwin::domain::schedule::DEFAULT_REMINDER_OFFSETS;
use takwin::domain::workshop::{Capacity, NewWorkshop, default_deadline};
use takwin::emulator::EmulatorConfig;
use takwin::emulator::NewUser;
use takwin::outbox::sender::{Deliverer, DeliveryConfig};
use takwin::stage::Stage;
use takwin::store::roster;
use takwin::store::roster::Person;

/// The sample roster shipped with the project.
pub const SAMPLE_ROSTER: &str = include_str!("../../../samples/roster-el-hajeb.csv");

/// Which database a test runs on.
#[derive(Debug, Clone)]
pub enum Backend {
    /// A SQLite file in a temporary folder.
    Sqlite,
    /// A fresh database on this PostgreSQL server (the URL of an existing database).
    Postgres(String),
}

async fn fresh_postgres(base: &str) -> (String, String) {
    let name = format!("takwin_test_{:016x}", rand::random::<u64>());
    let mut conn = sqlx::PgConnection::connect(base)
        .await
        .expect("cannot reach TAKWIN_TEST_POSTGRES_URL");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("cannot create a test database");
    let mut url = url::Url::parse(base).expect("TAKWIN_TEST_POSTGRES_URL is a URL");
    url.set_path(&name);
    (url.to_string(), name)
}

/// A database of its own for one test: a SQLite file in a temporary folder, or a fresh
/// database on the PostgreSQL server, dropped by [`TestDatabase::drop_database`].
pub struct TestDatabase {
    /// The URL to give Takwin.
    pub url: String,
    /// A temporary folder for files the test writes.
    pub dir: tempfile::TempDir,
    postgres: Option<(String, String)>,
}

impl TestDatabase {
    /// Creates the database.
    pub async fn create(backend: &Backend) -> TestDatabase {
        let dir = tempfile::tempdir().expect("temporary folder");
        let (url, postgres) = match backend {
            Backend::Sqlite => {
                let path = dir.path().join("takwin.db");
                (format!("sqlite://{}", path.display()), None)
            }
            Backend::Postgres(base) => {
                let (url, name) = fresh_postgres(base).await;
                (url, Some((base.clone(), name)))
            }
        };
        TestDatabase { url, dir, postgres }
    }

    /// Drops the PostgreSQL database; the SQLite file goes with the folder.
    pub async fn drop_database(mut self) {
        if let Some((base, name)) = self.postgres.take() {
            drop_postgres(&base, &name).await;
        }
    }
}

async fn drop_postgres(base: &str, name: &str) {
    if let Ok(mut conn) = sqlx::PgConnection::connect(base).await {
        let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        let _ = sqlx::query(&sql).execute(&mut conn).await;
    }
}

/// A test that fails panics before it drops its database itself: the database is dropped
/// here then, so no failed run leaves one behind. On a thread of its own, since this may run
/// inside the test's runtime, which cannot block on a future.
impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some((base, name)) = self.postgres.take() else {
            return;
        };
        let dropping = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime to drop the test database");
            runtime.block_on(drop_postgres(&base, &name));
        });
        let _ = dropping.join();
    }
}

/// A running Takwin with everything it talks to, on a database of its own.
pub struct TestApp {
    stage: Option<Stage>,
    database: Option<TestDatabase>,
    /// Whether the journey makes the bot fail on purpose (and so expects its apology).
    expects_apologies: bool,
}

impl Deref for TestApp {
    type Target = Stage;

    fn deref(&self) -> &Stage {
        self.stage.as_ref().expect("the app is running")
    }
}

impl std::ops::DerefMut for TestApp {
    fn deref_mut(&mut self) -> &mut Stage {
        self.stage.as_mut().expect("the app is running")
    }
}

impl TestApp {
    /// Starts the emulator, the database and the bot; the clock stands at 2026-01-10 09:00 UTC.
    pub async fn spawn(backend: Backend) -> TestApp {
        TestApp::spawn_with(backend, EmulatorConfig::default()).await
    }

    /// [`TestApp::spawn`] with an emulator configured so.
    pub async fn spawn_with(backend: Backend, emulator: EmulatorConfig) -> TestApp {
        let database = TestDatabase::create(&backend).await;
        let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 1, 10, 9, 0, 0).unwrap());
        let settings = Settings {
            database_url: database.url.clone(),
            timezone: takwin::domain::zone::Zone::casablanca(),
            default_language: Language::Ar,
        };
        let stage = Stage::start(settings, clock, emulator)
            .await
            .expect("the bot starts");
        TestApp {
            stage: Some(stage),
            database: Some(database),
            expects_apologies: false,
        }
    }

    /// Imports the sample roster of El Hajeb province.
    pub async fn import_sample_roster(&self) {
        let rows = parse_roster(SAMPLE_ROSTER.as_bytes()).expect("the sample roster is valid");
        roster::import(&self.state.db, &rows, self.now(), "test", false)
            .await
            .expect("import");
    }

    /// Links roster people to new Telegram accounts, one chat each, speaking `language`.
    pub async fn join_as<P: Borrow<Person>>(
        &self,
        people: &[P],
        chats: &[i64],
        language: Language,
    ) {
        for (person, &chat) in people.iter().map(Borrow::borrow).zip(chats) {
            self.emulator
                .add_user(NewUser::new(chat, "Official").language(language.code()));
            roster::link(&self.state.db, person.id, chat, self.now())
                .await
                .unwrap();
            roster::set_language(&self.state.db, person.id, language, self.now())
                .await
                .unwrap();
        }
    }

    /// A workshop for every president of the roster, with the default reminders and deadline.
    pub fn presidents_workshop(
        &self,
        title: &str,
        starts_at: chrono::DateTime<Utc>,
        seats: u32,
    ) -> NewWorkshop {
        NewWorkshop {
            title: title.into(),
            topic: None,
            starts_at,
            venue: "Siège de la province".into(),
            audience: Audience::roles(&[Role::President]),
            capacity: Capacity::new(seats).unwrap(),
            reminders: DEFAULT_REMINDER_OFFSETS.to_vec(),
            answer_deadline: default_deadline(starts_at, &self.state.settings.timezone, self.now()),
            form: Default::default(),
        }
    }

    /// The first `chats.len()` presidents of the roster join (in French); a workshop for
    /// every president, "Programmation du budget communal" on 20 January 2026 at 09:00 with
    /// `seats` seats, is created and its invitations delivered. Returns the workshop's id,
    /// those presidents, and the delivery worker for what follows.
    pub async fn presidents_invited(
        &self,
        chats: &[i64],
        seats: u32,
    ) -> (WorkshopId, Vec<Person>, Deliverer) {
        let presidents: Vec<Person> = roster::all_people(&self.state.db)
            .await
            .unwrap()
            .into_iter()
            .filter(|p| p.role == Role::President)
            .take(chats.len())
            .collect();
        self.join_as(&presidents, chats, Language::Fr).await;
        let starts_at = Utc.with_ymd_and_hms(2026, 1, 20, 8, 0, 0).unwrap();
        let new = self.presidents_workshop("Programmation du budget communal", starts_at, seats);
        let (id, _) = takwin::store::workshops::create(&self.state.db, &new, "test", self.now())
            .await
            .unwrap();
        takwin::outbox::workshops::send_invitations(&self.state, id)
            .await
            .unwrap();
        let worker = Deliverer::new(
            self.state.clone(),
            self.bot.clone(),
            DeliveryConfig::default(),
        );
        worker.deliver_due().await.unwrap();
        (id, presidents, worker)
    }

    /// Sends what the outbox holds that is due now, as a delivery worker would.
    pub async fn deliver_due(&self) {
        let worker = Deliverer::new(
            self.state.clone(),
            self.bot.clone(),
            DeliveryConfig::default(),
        );
        worker.deliver_due().await.expect("delivered");
    }

    /// The database the bot uses, for the command line to share.
    pub fn database_url(&self) -> &str {
        &self.database.as_ref().expect("the app is running").url
    }

    /// The instant the application's clock shows.
    pub fn now(&self) -> chrono::DateTime<Utc> {
        takwin::clock::Clock::now(&self.clock)
    }

    fn stage(&self) -> &Stage {
        self
    }

    /// The user sends a text (or a command) and the bot handles it.
    pub async fn says(&self, user: i64, text: &str) {
        self.stage().says(user, text).await.expect("handled");
    }

    /// The user shares a contact and the bot handles it.
    pub async fn shares_contact(&self, user: i64, phone: &str, owner: Option<i64>) {
        let stage = self.stage();
        stage
            .shares_contact(user, phone, owner)
            .await
            .expect("handled");
    }

    /// The user presses a button and the bot handles it.
    pub async fn presses(&self, user: i64, label: &str) {
        self.stage().presses(user, label).await.expect("handled");
    }

    /// A press no real client could make (any message, any payload: a forged or replayed
    /// button); returns the alert or toast the bot answered with, without bidi marks.
    pub async fn presses_forged(&self, user: i64, message_id: i32, data: &str) -> Option<String> {
        let update = self.emulator.press_forged(user, user, message_id, data);
        self.handled(update).await.expect("handled");
        self.emulator
            .callback_answer(&self.emulator.callback_query_id(update)?)
            .and_then(|answer| answer.text)
            .map(|text| takwin::i18n::strip_bidi(&text))
    }

    /// The last message the bot sent to a chat as it was sent (HTML), without bidi marks,
    /// to compare with what the translations render.
    pub fn last_text(&self, chat: i64) -> String {
        let messages = self.received(chat);
        let last = messages.last().expect("the bot sent nothing to this chat");
        sent_html(last)
    }

    /// Stops the bot and drops the test database; then fails if anything the bot showed
    /// would display wrong on a phone: an Arabic line laid out left to right, a number, time,
    /// date or fraction out of reading order, a bidi mark for nothing in French or English
    /// (takwin::i18n::bidi). Every journey is checked so, composed messages included.
    pub async fn finish(mut self) {
        let mut problems = Vec::new();
        let mut apologies = Vec::new();
        let mut miscounted = Vec::new();
        if let Some(stage) = self.stage.take() {
            // A journey that breaks the bot on purpose may have closed its database.
            if !stage.state.db.pool.is_closed() {
                miscounted = miscounted_seats(&stage.state.db.pool).await;
            }
            let shown = stage.emulator.shown();
            problems = takwin::i18n::bidi::check_shown(&shown);
            // A handler that failed answers with an apology and the journey would go on as if
            // nothing happened: unless the journey breaks the bot on purpose, that is a failure.
            let sorry: Vec<String> = Language::ALL
                .iter()
                .map(|&l| takwin::i18n::strip_bidi(&stage.state.i18n.t(l, "error-generic")))
                .collect();
            apologies = shown
                .iter()
                .filter(|s| sorry.contains(&takwin::i18n::strip_bidi(&s.text)))
                .map(|s| s.chat)
                .collect();
            stage.stop().await;
        }
        if let Some(database) = self.database.take() {
            database.drop_database().await;
        }
        assert!(
            miscounted.is_empty(),
            "seats counted on the workshop (counted, held) differ from the invitations: \
             {miscounted:?}"
        );
        assert!(
            problems.is_empty(),
            "texts that display wrong:\n{}",
            problems.join("\n")
        );
        assert!(
            self.expects_apologies || apologies.is_empty(),
            "a handler failed and apologised in chats {apologies:?}"
        );
    }

    /// The journey makes the bot fail on purpose: its apologies are expected.
    pub fn expect_apologies(&mut self) {
        self.expects_apologies = true;
    }
}

/// Workshops whose seats as the database counts them (`workshops.seats_confirmed` and
/// `seats_waiting`, kept by triggers, read by every answer) differ from their invitations:
/// checked at the end of every journey, so every way a seat changes is checked on both
/// backends.
async fn miscounted_seats(pool: &sqlx::AnyPool) -> Vec<(i64, (i64, i64), (i64, i64))> {
    use sqlx::Row as _;
    let held = |seat: &str| {
        format!(
            "(SELECT COUNT(*) FROM invitations i WHERE i.workshop_id = w.id AND i.seat = '{seat}' \
             AND (i.presence IS NULL OR i.presence <> 'walk_in'))"
        )
    };
    sqlx::query(&format!(
        "SELECT w.id, w.seats_confirmed, w.seats_waiting, {}, {} FROM workshops w ORDER BY w.id",
        held("confirmed"),
        held("waiting")
    ))
    .fetch_all(pool)
    .await
    .expect("the seats can be counted")
    .iter()
    .map(|r| (r.get(0), (r.get(1), r.get(2)), (r.get(3), r.get(4))))
    .filter(|(_, counted, held)| counted != held)
    .collect()
}

/// A message as the bot sent it (its HTML source), without bidi marks.
pub fn sent_html(message: &takwin::emulator::ChatMessage) -> String {
    takwin::i18n::strip_bidi(message.as_sent())
}

/// A test that panics leaves no database behind: not the PostgreSQL database, not the SQLite
/// file.
pub async fn a_failed_test_leaves_no_database_behind(backend: Backend) {
    let db = TestDatabase::create(&backend).await;
    let url = db.url.clone();
    let folder = db.dir.path().to_owned();
    let failed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        let _db = db;
        panic!("a test fails with its database open");
    }));
    assert!(failed.is_err());
    match &backend {
        Backend::Sqlite => assert!(!folder.exists(), "{} is left", folder.display()),
        Backend::Postgres(base) => {
            let name = url.rsplit('/').next().unwrap().to_owned();
            let mut conn = sqlx::PgConnection::connect(base).await.unwrap();
            let left: Option<(String,)> =
                sqlx::query_as("SELECT datname FROM pg_database WHERE datname = $1")
                    .bind(&name)
                    .fetch_optional(&mut conn)
                    .await
                    .unwrap();
            assert_eq!(left, None, "{name} is left");
        }
    }
}
