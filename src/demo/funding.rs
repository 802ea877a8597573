//! Journey 4 on stage: a funding campaign in Arabic and French — the Monday reminder, two
//! presidents declaring transfers, the Region's finance officer rejecting one with a reason
//! and confirming the other, a promise that pauses the reminders, and the report's totals
//! checked against a hand count.

use chrono::{TimeZone, Utc};

use super::{Cast, Ids, demo, person, step, toast};
use crate::actions;
use crate::domain::money::Money;
use crate::domain::roster::{Appointment, Language, Role};
use crate::outbox::scheduler;
use crate::stage::Stage;
use crate::store::{self, roster::Person};

/// The sample contributions the scene imports.
const SAMPLE_CONTRIBUTIONS: &str = include_str!("../../samples/contributions-el-hajeb.csv");

/// The scene; `ids.president` is an Arabic-speaking president already linked.
pub(super) async fn play(stage: &Stage, cast: &mut Cast, ids: Ids) -> anyhow::Result<()> {
    let worker = super::worker(stage);
    let clock = &stage.clock;

    step("Funding: the Region's finance officer is appointed and joins (Arabic)");
    let officer = person(stage, Role::ProvinceStaff, 0, Language::Ar).await?;
    actions::roster::set_appointment(
        &stage.state,
        &demo(),
        &officer.phone,
        Appointment::FinanceOfficer,
        true,
    )
    .await?
    .map_err(|e| anyhow::anyhow!("the finance officer is refused: {e:?}"))?;
    let officer_id = 510;
    joins(stage, cast, officer_id, &officer, " (finance officer)").await?;

    // A second president, French-speaking, of another commune.
    let arabic = store::roster::by_telegram(&stage.state.db, ids.president)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the Arabic president is not linked"))?;
    let french = french_president_elsewhere(stage, &arabic).await?;
    let french_id = 511;
    joins(stage, cast, french_id, &french, "").await?;

    // The province's Secretary-General, who hears of the communes that stay silent.
    let secretary = person(stage, Role::SecretaryGeneral, 0, Language::Ar).await?;
    let secretary_id = 512;
    joins(
        stage,
        cast,
        secretary_id,
        &secretary,
        " (Secretary-General)",
    )
    .await?;

    step(
        "The Region imports what each body owes and starts the campaign: Mondays at 10:00, local time; the Secretary-General is told of a commune silent after two reminders",
    );
    let imported = actions::funding::import_contributions(
        &stage.state,
        &demo(),
        SAMPLE_CONTRIBUTIONS.as_bytes(),
        false,
    )
    .await?
    .map_err(|e| anyhow::anyhow!("the sample contributions are refused: {e:?}"))?;
    println!("   {} contributions set, one per body.", imported.0);
    let campaign = actions::funding::Campaign {
        cron: "0 10 * * 1".into(),
        escalate_after: 2,
        ..Default::default()
    };
    let next = actions::funding::start_campaign_with(&stage.state, &demo(), &campaign)
        .await?
        .map_err(|e| anyhow::anyhow!("the campaign is refused: {e:?}"))?;
    for when in next.iter().take(2) {
        println!("   next reminder: {when}");
    }
    let monday = |day: u32, month: u32| Utc.with_ymd_and_hms(2026, month, day, 9, 0, 0).unwrap();
    let remind_on = |day: u32, month: u32| {
        let worker = &worker;
        async move {
            clock.set(monday(day, month));
            scheduler::tick(&stage.state).await?;
            worker.deliver_due().await
        }
    };

    step("Monday 26 January, 10:00: each president gets one message for their commune");
    let reminded = |chat: i64| stage.received(chat).len();
    let workshop_messages = reminded(ids.president);
    let french_joined = reminded(french_id);
    remind_on(26, 1).await?;
    cast.print_news(stage);
    cast.check(
        reminded(ids.president) == workshop_messages + 1
            && reminded(french_id) == french_joined + 1,
        "both presidents are reminded, in their own language",
    );

    step("The Arabic-speaking president declares the whole transfer, with the bank's reference");
    stage.presses(ids.president, "تم التحويل").await?;
    let arabic_due = owed(stage, &arabic).await?;
    stage.says(ids.president, &arabic_due.to_string()).await?;
    stage.says(ids.president, "VIR-2026-0042").await?;
    println!(
        "   👤 {} sends a photo of the bank's notice",
        cast.name(ids.president)
    );
    stage
        .sends_photo(ids.president, RECEIPT_PHOTO.to_vec(), "")
        .await?;
    cast.print_news(stage);

    step("The French-speaking president declares a first instalment");
    stage.presses(french_id, "Virement effectué").await?;
    println!("   👤 the president types an amount with three decimals, and is told why");
    stage.says(french_id, "10 000,000").await?;
    cast.print_news(stage);
    stage.says(french_id, "10 000,00 DH").await?;
    stage.says(french_id, "VIR-2026-0057").await?;
    stage.presses(french_id, "Sans reçu").await?;
    worker.deliver_due().await?;
    cast.print_news(stage);
    let instalment = Money::from_dirhams(10_000);

    step(
        "The finance officer goes through the declarations: confirms the instalment, rejects the other with a reason",
    );
    stage.says(officer_id, "/declarations").await?;
    cast.print_news(stage);
    // The queue lists the oldest first; a press goes to the latest message showing the
    // button: the instalment, then (listed again) the Arabic-speaking commune's transfer.
    toast(stage.presses(officer_id, "تأكيد").await?);
    stage.says(officer_id, "/declarations").await?;
    toast(stage.presses(officer_id, "رفض").await?);
    stage
        .says(officer_id, "المرجع غير موجود في كشف حساب الجهة")
        .await?;
    worker.deliver_due().await?;
    cast.print_news(stage);
    cast.check(
        paid(stage, &french).await? == instalment,
        "the instalment is paid; the rest is still owed",
    );
    cast.check(
        paid(stage, &arabic).await? == Money::ZERO && owed(stage, &arabic).await? == arabic_due,
        "the rejected transfer is not counted, and the commune owes it again",
    );

    step("The French-speaking president promises it for later: the reminders pause, then resume");
    stage.says(french_id, "/commune").await?;
    toast(stage.presses(french_id, "une semaine").await?);
    cast.print_news(stage);
    let (french_now, arabic_now) = (reminded(french_id), reminded(ids.president));
    remind_on(2, 2).await?;
    cast.print_news(stage);
    cast.check(
        reminded(french_id) == french_now,
        "no reminder to the French-speaking president on Monday 2 February: the promise holds",
    );
    cast.check(
        reminded(ids.president) == arabic_now + 1,
        "the Arabic-speaking commune still owes the council's approval, and is reminded of it",
    );
    remind_on(9, 2).await?;
    cast.print_news(stage);
    cast.check(
        reminded(french_id) == french_now + 1,
        "the promise ran out: reminded again on Monday 9 February",
    );

    step(
        "Tuesday 10 February: Agourai left two reminders unanswered since its rejected transfer; its Secretary-General is told, the organisers get the week's summary",
    );
    clock.set(Utc.with_ymd_and_hms(2026, 2, 10, 9, 0, 0).unwrap());
    scheduler::tick(&stage.state).await?;
    worker.deliver_due().await?;
    cast.print_news(stage);
    let digest = stage
        .received(secretary_id)
        .last()
        .map(|m| crate::i18n::strip_bidi(&m.text))
        .unwrap_or_default();
    let agourai = arabic
        .body
        .as_ref()
        .and_then(|(_, name)| name.arabic.clone())
        .unwrap_or_default();
    cast.check(
        digest.contains(&agourai),
        "the Secretary-General's digest names the silent commune",
    );

    step("The organiser follows it all in /contributions");
    stage.says(ids.organiser, "/contributions").await?;
    cast.print_news(stage);

    step("The contributions report: its totals match a hand count to the centime");
    let lines = actions::reports::contributions_report(
        &stage.state,
        &actions::Caller::command_line(),
        None,
    )
    .await?
    .map_err(|_| anyhow::anyhow!("the command line reads reports"))?;
    let csv = crate::report::contributions_csv(&lines);
    let ours = [body_name(&arabic), body_name(&french)];
    // The header, the two presidents' communes, and the totals (lines without a body).
    let mut rows = csv.lines();
    println!("   {}", rows.next().unwrap_or_default());
    for (line, row) in lines.iter().zip(rows) {
        if line.body.is_empty() || ours.contains(&line.body) {
            println!("   {row}");
        }
    }
    // By hand: the seventeen amounts of the sample file add up to 790 000,00 DH (the
    // Provincial Council 300 000, El Hajeb 80 000, Ain Taoujdate 60 000, Agourai 45 000,
    // Sebt Jahjouh 40 000, three at 25 000, four at 22 500, five at 20 000); one
    // instalment of 10 000,00 DH was confirmed.
    let region = lines.last().expect("the region's line");
    let expected_due = Money::from_dirhams(790_000);
    cast.check(
        region.due == expected_due && region.paid == instalment,
        "the region is owed 790 000,00 DH and has received exactly the confirmed instalment",
    );
    cast.check(
        region.outstanding == expected_due - instalment,
        "what is outstanding is what is due less what was paid",
    );
    Ok(())
}

/// A photo of a bank's transfer notice, as a president's phone would send it (any JPEG bytes:
/// the emulator keeps what it is sent).
const RECEIPT_PHOTO: &[u8] = b"\xFF\xD8\xFF\xE0 receipt of transfer VIR-2026-0042 \xFF\xD9";

/// `person` opens their personal link from Telegram account `user` and picks their roster
/// language; the transcript names them with `note` after their name.
async fn joins(
    stage: &Stage,
    cast: &mut Cast,
    user: i64,
    person: &Person,
    note: &str,
) -> anyhow::Result<()> {
    cast.names
        .insert(user, format!("{}{note}", person.full_name));
    stage.user(user, "Official", Some(person.language.code()));
    stage
        .says(user, &format!("/start {}", person.invite_code))
        .await?;
    let language = match person.language {
        Language::Ar => "العربية",
        Language::Fr => "Français",
        Language::En => "English",
    };
    stage.presses(user, language).await?;
    Ok(())
}

/// A French-speaking president of another commune than `other`'s.
async fn french_president_elsewhere(stage: &Stage, other: &Person) -> anyhow::Result<Person> {
    store::roster::all_people(&stage.state.db)
        .await?
        .into_iter()
        .find(|p| {
            p.role == Role::President
                && p.language == Language::Fr
                && p.telegram_user_id.is_none()
                && p.body != other.body
        })
        .ok_or_else(|| anyhow::anyhow!("the sample roster has no other French-speaking president"))
}

fn body_name(person: &Person) -> String {
    person
        .body
        .as_ref()
        .map(|(_, name)| name.latin.clone())
        .unwrap_or_default()
}

async fn record_of(
    stage: &Stage,
    person: &Person,
) -> anyhow::Result<crate::domain::funding::BodyFunding> {
    let body = body_name(person);
    store::funding::records(&stage.state.db, None)
        .await?
        .into_iter()
        .find(|r| r.body.1.latin == body)
        .map(|r| r.funding)
        .ok_or_else(|| anyhow::anyhow!("no contribution for {body}"))
}

async fn owed(stage: &Stage, person: &Person) -> anyhow::Result<Money> {
    Ok(record_of(stage, person).await?.owed().amount)
}

async fn paid(stage: &Stage, person: &Person) -> anyhow::Result<Money> {
    Ok(record_of(stage, person).await?.paid())
}
