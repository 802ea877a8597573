//! The weekly digest: on Monday morning it reaches the organisers (the whole Region) and
//! each Secretary-General (their province, with the bodies to call by phone), with the
//! week's chart; nobody else. Nothing goes when there is nothing to say, and a reader who
//! turns theirs off gets none until they turn it on again.

use chrono::{TimeZone, Utc};
use takwin::domain::roster::{Appointment, Language, Role};
use takwin::outbox::scheduler;
use takwin::store::roster::{self, Person};
use takwin::store::{checkin, workshops};

use crate::support::{Backend, TestApp, sent_html};

const ORGANISER: i64 = 5100;
const SECRETARY: i64 = 5200;
const PRESIDENT: i64 = 5300;

/// The photos a chat received, with their captions.
fn digests(app: &TestApp, chat: i64) -> Vec<String> {
    app.received(chat)
        .iter()
        .filter(|m| m.photo.is_some() || sent_html(m).contains("📊"))
        .map(sent_html)
        .collect()
}

/// Moves the clock to Monday `day` of 2026 at 08:00 in Casablanca, lets the scheduler
/// enqueue what has come, and delivers it.
async fn monday(app: &TestApp, (month, day): (u32, u32)) {
    let local = chrono::NaiveDate::from_ymd_opt(2026, month, day)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .unwrap();
    let at = app.state.settings.timezone.resolve(local).earliest();
    app.clock.advance(at - app.now());
    scheduler::tick(&app.state).await.unwrap();
    app.deliver_due().await;
}

pub async fn the_weekly_digest_reaches_its_readers_and_can_be_turned_off(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let people = roster::all_people(&app.state.db).await.unwrap();
    let person = |role: Role| -> Person { people.iter().find(|p| p.role == role).unwrap().clone() };
    let organiser = person(Role::ProvinceStaff);
    roster::set_appointment(
        &app.state.db,
        organiser.id,
        Appointment::Organiser,
        true,
        "test",
        app.now(),
    )
    .await
    .unwrap();
    let secretary = person(Role::SecretaryGeneral);
    let president = person(Role::President);
    app.join_as(std::slice::from_ref(&organiser), &[ORGANISER], Language::Fr)
        .await;
    app.join_as(std::slice::from_ref(&secretary), &[SECRETARY], Language::Ar)
        .await;
    app.join_as(std::slice::from_ref(&president), &[PRESIDENT], Language::Fr)
        .await;
    assert!(takwin::actions::digests::plan(&app.state).await.unwrap());
    assert!(
        !takwin::actions::digests::plan(&app.state).await.unwrap(),
        "planned once"
    );

    // Saturday 10 January: "Archives" is held at 10:00 (UTC), the president came;
    // "Programmation du budget communal" is on the 20th.
    let archives_at = Utc.with_ymd_and_hms(2026, 1, 10, 10, 0, 0).unwrap();
    let new = app.presidents_workshop("Archives communales", archives_at, 40);
    let (archives, _) = workshops::create(&app.state.db, &new, "test", app.now())
        .await
        .unwrap();
    let budget_at = Utc.with_ymd_and_hms(2026, 1, 20, 8, 0, 0).unwrap();
    let new = app.presidents_workshop("Programmation du budget communal", budget_at, 40);
    workshops::create(&app.state.db, &new, "test", app.now())
        .await
        .unwrap();
    checkin::mark_present(&app.state.db, archives, president.id, archives_at)
        .await
        .unwrap();

    // Monday 12 January, 08:00 in Casablanca (07:00 UTC in winter).
    monday(&app, (1, 12)).await;
    let region = digests(&app, ORGANISER);
    assert_eq!(region.len(), 1, "{region:?}");
    assert!(
        region[0].contains("Point hebdomadaire du programme"),
        "{}",
        region[0]
    );
    assert!(
        region[0].contains("Archives communales\u{a0}: 🙋 1/"),
        "{}",
        region[0]
    );
    assert!(
        region[0].contains("Programmation du budget communal\u{a0}: ✅ 0 · ❌ 0 · ⏳"),
        "{}",
        region[0]
    );
    let photo = app
        .received(ORGANISER)
        .last()
        .unwrap()
        .photo
        .clone()
        .expect("the chart");
    assert!(photo.bytes.starts_with(b"\x89PNG"), "a PNG chart");
    // The Secretary-General: their province, in Arabic, and the bodies to call by phone
    // (no president of the sample roster but one joined).
    let province = digests(&app, SECRETARY);
    assert_eq!(province.len(), 1);
    assert!(
        province[0].contains("الحصيلة الأسبوعية: إقليم الحاجب"),
        "{}",
        province[0]
    );
    assert!(
        province[0].contains("جماعات ترابية يتعين الاتصال بها"),
        "{}",
        province[0]
    );
    assert!(
        province[0].contains("+2126"),
        "a phone to call: {}",
        province[0]
    );
    // Every body to call is listed, none cut for a picture: too long for a caption, the
    // province's digest goes as text alone.
    assert!(!province[0].contains("أخرى"), "{}", province[0]);
    assert!(app.received(SECRETARY).last().unwrap().photo.is_none());
    assert!(
        digests(&app, PRESIDENT).is_empty(),
        "a president reads no digest"
    );

    // The organiser turns theirs off; the button turns into its undo.
    app.presses(ORGANISER, "🔕 Arrêter le point hebdomadaire")
        .await;
    monday(&app, (1, 19)).await;
    assert_eq!(
        digests(&app, ORGANISER).len(),
        1,
        "turned off: none this week"
    );
    assert_eq!(digests(&app, SECRETARY).len(), 2);
    app.presses(ORGANISER, "🔔 Reprendre le point hebdomadaire")
        .await;
    monday(&app, (1, 26)).await;
    let region = digests(&app, ORGANISER);
    assert_eq!(region.len(), 2, "on again");
    assert!(
        region[1].contains("Programmation du budget communal\u{a0}: 🙋"),
        "{}",
        region[1]
    );
    let turned: Vec<_> = takwin::store::audit::latest(&app.state.db, 20)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action.starts_with("digest."))
        .map(|e| e.action)
        .collect();
    assert_eq!(turned.len(), 2, "both turns audited: {turned:?}");

    // Nothing held in the past week nor coming: the Region's digest is not sent. The
    // province's still lists whom to call.
    monday(&app, (2, 2)).await;
    assert_eq!(
        digests(&app, ORGANISER).len(),
        2,
        "nothing to say: nothing sent"
    );
    assert_eq!(digests(&app, SECRETARY).len(), 4);

    // The charts on demand: the organiser's of the whole programme, the Secretary-General's
    // of the province; a president is told whom they are for.
    let before = app.received(ORGANISER).len();
    app.says(ORGANISER, "/report").await;
    let pictures = app.received(ORGANISER)[before..]
        .iter()
        .filter(|m| {
            m.photo
                .as_ref()
                .is_some_and(|p| p.bytes.starts_with(b"\x89PNG"))
        })
        .count();
    assert!(
        pictures >= 3,
        "months, provinces, answers at least: {pictures}"
    );
    let before = app.received(SECRETARY).len();
    app.says(SECRETARY, "/report").await;
    assert!(
        app.received(SECRETARY)[before..]
            .iter()
            .all(|m| m.photo.is_some())
    );
    app.says(PRESIDENT, "/report").await;
    assert!(
        app.last_text(PRESIDENT)
            .contains("réservés aux organisateurs"),
        "{}",
        app.last_text(PRESIDENT)
    );
    app.finish().await;
}
