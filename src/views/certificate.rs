//! A certificate of attendance and a training record as an official sees them: the
//! certificate's words in their language, drawn by `documents::certificate` and written as a
//! PDF; the caption it is sent with; `/my_training` with a button per certificate.

use chrono::{DateTime, Utc};
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::documents::certificate::{self, CertificateText};
use crate::documents::render;
use crate::documents::svg::{Direction, shorten};
use crate::domain::certificate::{CertificateCode, training_hours, workshop_hours};
use crate::domain::ids::WorkshopId;
use crate::domain::roster::Language;
use crate::i18n::Args;
use crate::state::AppState;
use crate::store::certificates::Attended;
use crate::store::roster::Person;
use crate::views::buttons::Action;

/// What a certificate certifies.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    /// Whom.
    pub person: &'a Person,
    /// The workshop's title.
    pub title: &'a str,
    /// Where it took place.
    pub venue: &'a str,
    /// When it started.
    pub starts_at: DateTime<Utc>,
    /// The certificate's code.
    pub code: &'a CertificateCode,
    /// When the certificate is made (the day printed as its day of issue).
    pub issued_at: DateTime<Utc>,
}

/// A person's title as the Region writes it, as the certificate prints it (plain text).
pub fn person_title(state: &AppState, l: Language, person: &Person) -> String {
    let title = crate::views::text::person_title(&state.i18n, l, person);
    let args = Args::new().raw("person_title", title);
    state.i18n.plain(l, "certificate-person-title", &args)
}

/// The day a workshop took place, in words.
fn day_of(state: &AppState, l: Language, at: DateTime<Utc>) -> String {
    let local = state.settings.timezone.local(at).date();
    state.i18n.format_date(l, local)
}

/// The certificate's words in the person's language.
pub fn text(state: &AppState, l: Language, facts: &Facts<'_>) -> CertificateText {
    let i18n = &state.i18n;
    let plain = |key: &str| i18n.plain(l, key, &Args::new());
    let with = |key: &str, args: Args| i18n.plain(l, key, &args);
    CertificateText {
        issuer: plain("certificate-issuer"),
        programme: plain("certificate-programme"),
        heading: plain("certificate-heading"),
        certifies: plain("certificate-certifies"),
        name: facts.person.full_name.clone(),
        title: person_title(state, l, facts.person),
        attended: plain("certificate-attended"),
        workshop: facts.title.to_owned(),
        details: vec![
            with(
                "certificate-date",
                Args::new().text("date", day_of(state, l, facts.starts_at)),
            ),
            with("certificate-place", Args::new().text("venue", facts.venue)),
            with(
                "certificate-duration",
                Args::new().num("hours", workshop_hours()),
            ),
        ],
        code: with(
            "certificate-code",
            Args::new().text("certificate", facts.code.as_str()),
        ),
        verify: plain("certificate-verify"),
        issued: with(
            "certificate-issued",
            Args::new().text("today", day_of(state, l, facts.issued_at)),
        ),
    }
}

/// The certificate as one SVG page, laid out from the right in Arabic.
pub fn svg(state: &AppState, l: Language, facts: &Facts<'_>) -> String {
    certificate::svg(&text(state, l, facts), Direction::of_language(l.code()))
}

/// The certificate as a PDF, its text kept as text.
pub fn pdf(state: &AppState, l: Language, facts: &Facts<'_>) -> anyhow::Result<Vec<u8>> {
    let title = state.i18n.plain(l, "certificate-heading", &Args::new());
    render::pdf(&title, &[svg(state, l, facts)])
}

/// The name the file is sent under.
pub fn file_name(code: &CertificateCode) -> String {
    format!("certificate-{code}.pdf")
}

/// The message the certificate is sent with.
pub fn caption(state: &AppState, l: Language, facts: &Facts<'_>) -> String {
    let args = Args::new()
        .text("title", facts.title)
        .text("date", day_of(state, l, facts.starts_at))
        .text("certificate", facts.code.as_str());
    state.i18n.t_args(l, "certificate-caption", &args)
}

/// `/my_training`: the workshops attended with their day and place, the total hours, and a
/// button per workshop to receive its certificate again.
pub fn my_training(
    state: &AppState,
    l: Language,
    attended: &[Attended],
) -> (String, Option<InlineKeyboardMarkup>) {
    if attended.is_empty() {
        return (state.i18n.t(l, "my-training-empty"), None);
    }
    let zone = &state.settings.timezone;
    let count = attended.len();
    let head = Args::new()
        .num("count", i64::try_from(count).unwrap_or(i64::MAX))
        .num("hours", training_hours(count));
    let mut lines = vec![state.i18n.t_args(l, "my-training", &head)];
    let mut buttons = Vec::new();
    for a in attended {
        let day = state.i18n.format_day(zone.local(a.starts_at).date());
        let args = Args::new()
            .text("date", &day)
            .text("title", &a.title)
            .text("venue", &a.venue);
        lines.push(state.i18n.t_args(l, "my-training-line", &args));
        buttons.push(vec![certificate_button(
            state, l, a.workshop, &day, &a.title,
        )]);
    }
    lines.push(String::new());
    lines.push(state.i18n.t(l, "my-training-buttons"));
    (lines.join("\n"), Some(InlineKeyboardMarkup::new(buttons)))
}

fn certificate_button(
    state: &AppState,
    l: Language,
    workshop: WorkshopId,
    day: &str,
    title: &str,
) -> InlineKeyboardButton {
    let args = Args::new()
        .text("date", day)
        .text("title", shorten(title, 40));
    InlineKeyboardButton::callback(
        state.i18n.button_label(l, "button-certificate", &args),
        Action::Certificate(workshop).encode(),
    )
}
