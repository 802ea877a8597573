//! An official's training record: `/my_training` lists the workshops attended with their
//! hours, and a button per workshop sends its certificate again.

use teloxide::prelude::*;
use teloxide::types::{InputFile, ParseMode};

use crate::actions;
use crate::domain::ids::WorkshopId;
use crate::state::AppState;
use crate::store::roster::Person;
use crate::telegram::{Actor, HandlerResult, Press, say, send_html};
use crate::views;

/// `/my_training`: the workshops I attended, the hours, and my certificates.
pub async fn record(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    let Some(person) = &actor.person else {
        say(&bot, &state, &actor, "not-joined", None).await?;
        return Ok(());
    };
    let attended = actions::training::record(&state, person.id).await?;
    let (text, keyboard) = views::certificate::my_training(&state, actor.language, &attended);
    send_html(&bot, actor.chat(), text, keyboard.map(Into::into)).await?;
    Ok(())
}

/// A certificate's button: the certificate again, as a document.
pub async fn certificate(press: Press<'_>, person: &Person, workshop: WorkshopId) -> HandlerResult {
    let outcome = actions::training::certificate(press.state, person, workshop).await?;
    let Some(made) = press.unless_refused(outcome).await? else {
        return Ok(());
    };
    press.answer().await?;
    let file = InputFile::memory(made.bytes).file_name(made.file_name);
    press
        .bot
        .send_document(press.actor.chat(), file)
        .caption(made.caption)
        .parse_mode(ParseMode::Html)
        .await?;
    Ok(())
}
