//! Journey 5 on stage: the organiser writes an announcement in chat in French and in Arabic,
//! picks the presidents as its audience, reads the preview exactly as they will see it, sends
//! it, and follows the live report to its summary, edited in place.

use super::{Cast, Ids, step};
use crate::domain::roster::Role;
use crate::outbox::broadcast_report;
use crate::stage::Stage;
use crate::store::roster;

const FRENCH: &str = "Réunion de suivi du programme de formation et des conventions de financement : jeudi 12 février à 10:00, au siège de la Région à Fès.";
const ARABIC: &str = "اجتماع تتبع برنامج التكوين واتفاقيات التمويل: يوم الخميس 12 فبراير على الساعة 10:00 بمقر الجهة بفاس.";

/// The scene; the presidents who joined in the earlier scenes receive it.
pub(super) async fn play(stage: &Stage, cast: &mut Cast, ids: Ids) -> anyhow::Result<()> {
    let worker = super::worker(stage);
    let presidents: Vec<(i64, crate::domain::roster::Language)> =
        roster::all_people(&stage.state.db)
            .await?
            .into_iter()
            .filter(|p| p.role == Role::President)
            .filter_map(|p| p.telegram_user_id.map(|chat| (chat, p.language)))
            .collect();
    let organiser = ids.organiser;

    step("An announcement: the organiser writes it in French, adds the Arabic version");
    stage.says(organiser, "/broadcast").await?;
    cast.print_news(stage);
    println!("   👤 {} writes the French text", cast.name(organiser));
    stage.says(organiser, FRENCH).await?;
    cast.print_news(stage);
    println!(
        "   👤 {} taps « Version en arabe » and writes the Arabic text",
        cast.name(organiser)
    );
    stage.presses(organiser, "Version en arabe").await?;
    stage.says(organiser, ARABIC).await?;
    cast.print_news(stage);

    step("The audience: the presidents of the roster; the preview, exactly as they will see it");
    println!(
        "   👤 {} taps « Choisir le public », « Présidents », « Valider »",
        cast.name(organiser)
    );
    stage.presses(organiser, "Choisir le public").await?;
    stage.presses(organiser, "Présidents").await?;
    stage.presses(organiser, "Valider").await?;
    cast.print_news(stage);

    step("Send now: the confirmation becomes a live report");
    println!("   👤 {} taps « Envoyer maintenant »", cast.name(organiser));
    stage.presses(organiser, "Envoyer maintenant").await?;
    cast.print_news(stage);
    let before: Vec<usize> = presidents
        .iter()
        .map(|(chat, _)| stage.received(*chat).len())
        .collect();
    worker.deliver_due().await?;
    cast.print_news(stage);
    let each_once_in_their_language =
        presidents
            .iter()
            .zip(&before)
            .all(|((chat, language), before)| {
                let received = stage.received(*chat);
                let expected = match language {
                    crate::domain::roster::Language::Ar => ARABIC,
                    _ => FRENCH,
                };
                received.len() == before + 1
                    && received
                        .last()
                        .is_some_and(|m| crate::i18n::strip_bidi(&m.text) == expected)
            });
    cast.check(
        presidents.len() == 2 && each_once_in_their_language,
        "each of the two presidents who joined gets it once, in their own language",
    );

    step("The live report shows the summary, edited in place");
    let messages_before = stage.received(organiser).len();
    broadcast_report::report(&stage.state, &stage.bot, &worker).await?;
    cast.print_news(stage);
    let summary = stage
        .received(organiser)
        .iter()
        .rev()
        .find(|m| m.edits > 0)
        .map(|m| m.text.clone())
        .unwrap_or_default();
    cast.check(
        stage.received(organiser).len() == messages_before
            && summary.contains("Envoyés\u{a0}: 2")
            && summary.contains("envoyée"),
        "the organiser's message now says: sent to 2, and the announcement is done",
    );
    Ok(())
}
