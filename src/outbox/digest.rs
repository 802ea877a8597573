//! Rendering the weekly digest when it is sent: from the programme as it is then, for the
//! person as they are then (their language, their province, whether they turned it off).

use crate::documents::render;
use crate::domain::ids::PersonId;
use crate::domain::roster::{Appointment, Role};
use crate::state::AppState;
use crate::store::{follow_up, roster};
use crate::views::digest::{self, Fit, Reader};

use teloxide::types::InlineKeyboardMarkup;

/// A digest ready to send: its text, its button, and its chart as a PNG when it has one
/// (the renderer makes of it a message or a photo with its caption).
pub struct Digest {
    pub html: String,
    pub keyboard: InlineKeyboardMarkup,
    pub chart: Option<Vec<u8>>,
}

/// The digest for one person; `Err` is why it is not sent: not a reader of digests (any
/// more), turned off, or nothing to say this week.
pub async fn render(
    state: &AppState,
    person_id: Option<PersonId>,
) -> anyhow::Result<Result<Digest, String>> {
    let Some(id) = person_id else {
        return Ok(Err("a digest needs a person".into()));
    };
    let Some(person) = roster::by_id(&state.db, id).await? else {
        return Ok(Err("the person is no longer in the roster".into()));
    };
    if roster::digest_off(&state.db, id).await? {
        return Ok(Err("the person turned their digest off".into()));
    }
    // An organiser reads the Region's; a Secretary-General their province's.
    let reader = if roster::holds(&state.db, id, Appointment::Organiser).await? {
        Reader::Region
    } else if person.role == Role::SecretaryGeneral {
        Reader::Province(&person.province)
    } else {
        return Ok(Err("the person reads no digest".into()));
    };
    let now = state.clock.now();
    let province = match &reader {
        Reader::Region => None,
        Reader::Province(p) => Some(p.latin.as_str()),
    };
    let week = follow_up::week(&state.db, province, now).await?;
    if week.is_empty() {
        return Ok(Err("nothing to say this week".into()));
    }
    let l = person.language;
    // The chart goes under the text as its caption (1,024 characters), with the workshops
    // and funding lists cut to fit if need be; when even the bodies to call do not fit
    // there, the text goes alone: whom to call matters more than the picture, which
    // /report gives on demand.
    let chart = digest::chart(state, l, &week);
    let captioned = match chart {
        Some(_) => digest::text(state, l, &reader, &week, now, Fit::Caption),
        None => None,
    };
    let (html, chart) = match captioned {
        Some(html) => (html, chart),
        None => {
            let html =
                digest::text(state, l, &reader, &week, now, Fit::Message).unwrap_or_default();
            (html, None)
        }
    };
    let chart = match chart {
        Some(chart) => Some(render::png(&chart.to_svg(), 1.0)?),
        None => None,
    };
    Ok(Ok(Digest {
        html,
        keyboard: digest::keyboard(state, l, true),
        chart,
    }))
}
