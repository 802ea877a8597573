//! Officials addressed as the Region writes to them: a roster import says who is a woman and
//! who a man (applied and audited), and the same funding reminder then opens with «السيدة
//! رئيسة جماعة أكوراي المحترمة،» for one and «السيد رئيس جماعة بطيط المحترم،» for the other,
//! «Madame la Présidente …» and «Monsieur le Président …» in French; the Provincial Council's
//! president and the Secretary-General see their own body named, never a commune's.

use chrono::{TimeZone, Utc};
use takwin::actions::{self, Caller};
use takwin::domain::roster::{Gender, Language, Role};
use takwin::i18n::strip_bidi;
use takwin::outbox::scheduler;
use takwin::outbox::sender::{Deliverer, DeliveryConfig};
use takwin::store::{audit, roster};

use crate::new_workshop::organiser_app;
use crate::support::{Backend, TestApp};

const AGOURAI: i64 = 7801;
const BITIT: i64 = 7802;
const AIT_NAAMANE: i64 = 7803;
const LAQSIR: i64 = 7804;
const COUNCIL: i64 = 7805;
const SECRETARY_GENERAL: i64 = 7806;

/// A roster file that says how two presidents the sample roster leaves blank are addressed,
/// and has them read French; the others it lists are as the sample has them (no `--prune`:
/// the rest of the roster stays).
const GENDERS: &str = "\
province,commune,full_name,role,phone,language,civilité
El Hajeb / الحاجب,Agourai / أكوراي,سميرة الرحماني,president,+212600010201,ar,Mme
El Hajeb / الحاجب,Bitit / بطيط,عبد الرحيم الرحماني,president,0600011101,ar,M.
El Hajeb / الحاجب,Ait Naamane / آيت نعمان,ليلى الجعيدي,president,212600010801,fr,السيدة
El Hajeb / الحاجب,Laqsir / لقصير,عمر الهواري,president,0600011401,fr,m
El Hajeb / الحاجب,Provincial Council / المجلس الإقليمي,أحمد الخياري,president,+212600011701,ar,M
El Hajeb / الحاجب,,محمد المرابط,secretary_general,0600010003,ar,m
";

async fn import_genders(app: &TestApp) {
    let imported = actions::roster::import(
        &app.state,
        &Caller::command_line(),
        GENDERS.as_bytes(),
        &actions::roster::ImportOptions::default(),
        |_, _| {},
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(imported.report.people_updated, 2, "{:?}", imported.report);
    assert_eq!(imported.report.unchanged, 4, "{:?}", imported.report);
}

fn person(people: &[roster::Person], role: Role, body: Option<&str>) -> roster::Person {
    people
        .iter()
        .find(|p| p.role == role && p.body.as_ref().map(|(_, b)| b.latin.as_str()) == body)
        .unwrap()
        .clone()
}

/// The first line of the latest message in `chat`, and the whole of it, without bidi marks.
fn opening(app: &TestApp, chat: i64) -> (String, String) {
    let message = app.received(chat).pop().expect("a message");
    let text = strip_bidi(&message.text);
    (text.lines().next().unwrap_or_default().to_owned(), text)
}

pub async fn a_woman_and_a_man_president_each_read_their_own_title(backend: Backend) {
    let app = organiser_app(backend).await;
    import_genders(&app).await;
    let people = roster::all_people(&app.state.db).await.unwrap();
    let agourai = person(&people, Role::President, Some("Agourai"));
    assert_eq!(
        agourai.gender,
        Some(Gender::Female),
        "from the sample roster"
    );
    assert_eq!(agourai.language, Language::Ar);
    let ait_naamane = person(&people, Role::President, Some("Ait Naamane"));
    assert_eq!(ait_naamane.gender, Some(Gender::Female));
    assert_eq!(ait_naamane.language, Language::Fr);
    assert_eq!(
        person(&people, Role::President, Some("Laqsir")).gender,
        Some(Gender::Male)
    );

    // Applied and audited, each change of how someone is addressed by name.
    let entries = audit::latest(&app.state.db, 50).await.unwrap();
    let genders: Vec<&str> = entries
        .iter()
        .filter(|e| e.action == "roster.gender")
        .map(|e| e.detail.as_str())
        .collect();
    assert_eq!(genders.len(), 2, "{genders:?}");
    assert!(
        genders
            .iter()
            .any(|d| d.contains("ليلى الجعيدي") && d.ends_with("addressed as f")),
        "{genders:?}"
    );
    assert!(
        genders
            .iter()
            .any(|d| d.contains("عمر الهواري") && d.ends_with("addressed as m")),
        "{genders:?}"
    );

    // A later roster without the column keeps what is known: nothing changes.
    let again = actions::roster::import(
        &app.state,
        &Caller::command_line(),
        "province,commune,full_name,role,phone,language\n\
         El Hajeb / الحاجب,Ait Naamane / آيت نعمان,ليلى الجعيدي,president,212600010801,fr\n"
            .as_bytes(),
        &actions::roster::ImportOptions::default(),
        |_, _| {},
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(again.report.people_updated, 0);
    assert_eq!(again.report.unchanged, 1);

    for (body, chat, language) in [
        ("Agourai", AGOURAI, Language::Ar),
        ("Bitit", BITIT, Language::Ar),
        ("Ait Naamane", AIT_NAAMANE, Language::Fr),
        ("Laqsir", LAQSIR, Language::Fr),
    ] {
        let president = person(&people, Role::President, Some(body));
        app.join_as(&[president], &[chat], language).await;
    }
    let council = person(&people, Role::President, Some("Conseil provincial"));
    app.join_as(&[council], &[COUNCIL], Language::Fr).await;

    let cli = Caller::command_line();
    let contributions = include_str!("../../samples/contributions-el-hajeb.csv");
    actions::funding::import_contributions(&app.state, &cli, contributions.as_bytes(), false)
        .await
        .unwrap()
        .unwrap();
    actions::funding::start_campaign(&app.state, &cli, "0 10 * * 1")
        .await
        .unwrap()
        .unwrap();
    let worker = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig::default(),
    );
    // Monday 12 January 2026, 10:00 local (UTC+1).
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 1, 12, 9, 0, 0).unwrap());
    scheduler::tick(&app.state).await.unwrap();
    worker.deliver_due().await.unwrap();

    // The same reminder, each in their own form; signed by the Region; saying how to pay.
    let expected = [
        (AGOURAI, "السيدة رئيسة جماعة أكوراي المحترمة،"),
        (BITIT, "السيد رئيس جماعة بطيط المحترم،"),
        (
            AIT_NAAMANE,
            "Madame la Présidente de la commune d'Ait Naamane,",
        ),
        (LAQSIR, "Monsieur le Président de la commune de Laqsir,"),
        (
            COUNCIL,
            "Monsieur le Président du conseil provincial d'El Hajeb,",
        ),
    ];
    for (chat, salutation) in expected {
        let (first, text) = opening(&app, chat);
        assert_eq!(first, salutation, "{text}");
        let (sender, pay) = if chat == AGOURAI || chat == BITIT {
            ("مجلس جهة فاس-مكناس", "كيفية أداء المساهمة")
        } else {
            (
                "Conseil de la Région Fès-Meknès",
                "Versement de la contribution",
            )
        };
        let last = text.trim_end().lines().last().unwrap_or_default();
        assert!(last.contains(sender), "signed by the Region: {text}");
        assert!(text.contains(pay), "{text}");
    }
    // No commune's name for a Provincial Council.
    let (_, council_text) = opening(&app, COUNCIL);
    assert!(
        council_text.contains("Conseil provincial d'El Hajeb"),
        "{council_text}"
    );
    assert!(!council_text.contains("commune"), "{council_text}");

    // The organisers write how to pay; /commune shows it.
    actions::funding::set_payment_instructions(
        &app.state,
        &cli,
        Language::Fr,
        Some("Virement au RIB 310 810 1234567890123456 78 (Trésorerie générale du Royaume), avec la mention « Formation des élus ».\nContact : 05 35 00 00 00."),
    )
    .await
    .unwrap()
    .unwrap();
    app.says(LAQSIR, "/commune").await;
    let shown = strip_bidi(&app.last_text(LAQSIR));
    assert!(shown.contains("RIB 310 810"), "{shown}");
    assert!(
        !shown.contains("Monsieur le Président"),
        "/commune is not a letter: {shown}"
    );
    // Refused with the reason, nothing changed.
    let refused = actions::funding::set_payment_instructions(
        &app.state,
        &cli,
        Language::Fr,
        Some(&"x".repeat(1_001)),
    )
    .await
    .unwrap()
    .unwrap_err();
    let why = takwin::actions::Refusal::message(&refused, &app.state.i18n, Language::En);
    assert!(why.contains("not saved"), "{why}");
    app.says(LAQSIR, "/commune").await;
    assert!(strip_bidi(&app.last_text(LAQSIR)).contains("RIB 310 810"));
    app.finish().await;
}

pub async fn the_provincial_council_and_the_secretary_general_see_their_own_body(backend: Backend) {
    let app = organiser_app(backend).await;
    import_genders(&app).await;
    let people = roster::all_people(&app.state.db).await.unwrap();
    let council = person(&people, Role::President, Some("Conseil provincial"));
    let secretary = person(&people, Role::SecretaryGeneral, None);
    app.join_as(&[council], &[COUNCIL], Language::Ar).await;
    app.join_as(&[secretary], &[SECRETARY_GENERAL], Language::Ar)
        .await;

    app.says(COUNCIL, "/me").await;
    let profile = strip_bidi(&app.last_text(COUNCIL));
    assert!(
        profile.contains("الصفة: رئيس المجلس الإقليمي للحاجب"),
        "{profile}"
    );
    assert!(!profile.contains("الجماعة"), "{profile}");

    app.says(SECRETARY_GENERAL, "/me").await;
    let profile = strip_bidi(&app.last_text(SECRETARY_GENERAL));
    assert!(
        profile.contains("الصفة: الكاتب العام لعمالة إقليم الحاجب"),
        "{profile}"
    );

    // In French, the same two.
    for (chat, title) in [
        (
            COUNCIL,
            "Fonction\u{a0}: Président du conseil provincial d'El Hajeb",
        ),
        (
            SECRETARY_GENERAL,
            "Fonction\u{a0}: Secrétaire général de la province d'El Hajeb",
        ),
    ] {
        app.says(chat, "/language").await;
        app.presses(chat, "Français").await;
        app.says(chat, "/me").await;
        let profile = strip_bidi(&app.last_text(chat));
        assert!(profile.contains(title), "{profile}");
    }
    app.finish().await;
}
