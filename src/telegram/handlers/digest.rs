//! The button under a weekly digest (stop it, or resume it: the same button, turned), and
//! `/report`, the digest's charts on demand.

use teloxide::prelude::*;
use teloxide::types::InputFile;

use super::super::{Actor, HandlerResult, Press, unless_refused};
use crate::actions;
use crate::documents::render;
use crate::state::AppState;
use crate::store::roster::Person;
use crate::views;

/// Turns the presser's digest on or off; the button under the digest becomes its undo.
pub async fn set(press: Press<'_>, person: &Person, on: bool) -> HandlerResult {
    let state = press.state;
    actions::digests::set(state, &press.actor.caller(), person.id, on).await?;
    let l = person.language;
    let said = state.i18n.t(
        l,
        if on {
            "digest-resumed"
        } else {
            "digest-stopped"
        },
    );
    press.toast(&said).await?;
    press
        .edit_buttons(Some(views::digest::keyboard(state, l, on)))
        .await
}

/// `/report`: the charts of the programme (an organiser's) or of the province (a
/// Secretary-General's), each as a picture; a line when nothing was held yet.
pub async fn report(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    let outcome = actions::reports::charts(&state, &actor.caller(), actor.person.as_ref()).await?;
    let Some(report) = unless_refused(&bot, &state, &actor, outcome).await? else {
        return Ok(());
    };
    let charts = views::charts::of_programme(&state, actor.language, &report);
    if charts.is_empty() {
        let text = state.i18n.t(actor.language, "report-nothing-held");
        bot.send_message(actor.chat(), text).await?;
    }
    for chart in charts {
        let png = render::png(&chart.to_svg(), 1.0)?;
        bot.send_photo(actor.chat(), InputFile::memory(png).file_name("chart.png"))
            .await?;
    }
    Ok(())
}
