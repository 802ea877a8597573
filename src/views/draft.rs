//! The organisers' workshop dialogues in words and buttons: refusals of a draft's answers,
//! audiences and reminder offsets described, the usual times and seat numbers as buttons.

use chrono::Timelike;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::domain::audience::{Audience, CommuneRef};
use crate::domain::roster::{Language, Role};
use crate::domain::schedule::Offset;
use crate::domain::text::code_point;
use crate::domain::workshop::{DraftError, Field, WorkshopDraft, default_deadline};
use crate::i18n::{Args, I18n, escape_html, isolate};
use crate::state::AppState;
use crate::store::roster::ProvincePlaces;
use crate::views::buttons::{Action, DialogueButton};
use crate::views::text::province_kind;

/// Start times offered as buttons; any other is typed.
const TIME_BUTTONS: [(u8, u8); 6] = [(9, 0), (9, 30), (10, 0), (11, 0), (14, 0), (15, 0)];

/// Numbers of seats offered as buttons; any other is typed.
const SEAT_BUTTONS: [u32; 5] = [20, 30, 40, 50, 100];

/// What a refusal says, in the organiser's language.
pub fn refusal_text(i18n: &I18n, l: Language, error: &DraftError) -> String {
    let args = match error {
        DraftError::TitleEmpty | DraftError::VenueEmpty | DraftError::CapacityZero => Args::new(),
        DraftError::TitleTooLong { chars, max }
        | DraftError::TopicTooLong { chars, max }
        | DraftError::VenueTooLong { chars, max } => Args::new()
            .num("chars", *chars as i64)
            .num("max", *max as i64),
        DraftError::NotWesternDigits { input }
        | DraftError::BadDate { input }
        | DraftError::NoSuchDate { input }
        | DraftError::BadTime { input }
        | DraftError::ImpossibleTime { input }
        | DraftError::BadCapacity { input }
        | DraftError::BadReminder { input }
        | DraftError::BadDeadline { input } => Args::new().text("input", input),
        DraftError::DayInPast { date } => Args::new().text("date", i18n.format_date(l, *date)),
        DraftError::DateTooFar { date, latest } => Args::new()
            .text("date", i18n.format_date(l, *date))
            .text("latest", i18n.format_date(l, *latest)),
        DraftError::SkippedTime { shown, moved_to } => Args::new()
            .text("shown", i18n.format_local(l, *shown))
            .text(
                "suggested",
                format!(
                    "{:02}:{:02}",
                    moved_to.time().hour(),
                    moved_to.time().minute()
                ),
            ),
        DraftError::DateInPast { shown } | DraftError::DeadlineInPast { shown } => {
            Args::new().text("shown", i18n.format_local(l, *shown))
        }
        DraftError::DeadlineNotBeforeStart { shown, start } => Args::new()
            .text("shown", i18n.format_local(l, *shown))
            .text("start", i18n.format_local(l, *start)),
        DraftError::CapacityTooLarge { max } => Args::new().num("max", i64::from(*max)),
        DraftError::TooManyReminders { max } => Args::new().num("max", *max as i64),
        // Each language words the sentence per field: a bare label dropped into a sentence
        // breaks its grammar ("choose the Invited").
        DraftError::UseButtons { field } | DraftError::AskedTooEarly { needs: field } => {
            Args::new().choice("field", field.code())
        }
        DraftError::Invisible { field } => Args::new().text("field", field_label(i18n, l, *field)),
        DraftError::LineBreak { field, position } => Args::new()
            .text("field", field_label(i18n, l, *field))
            .num("position", *position as i64),
        DraftError::ControlCharacter {
            field,
            found,
            position,
        }
        | DraftError::BidiControl {
            field,
            found,
            position,
        } => Args::new()
            .text("field", field_label(i18n, l, *field))
            .text("code", code_point(*found))
            .num("position", *position as i64),
    };
    let reason = i18n.t_args(l, &format!("workshop-error-{}", error.code()), &args);
    format!("⚠️ {reason}")
}

pub fn field_label(i18n: &I18n, l: Language, field: Field) -> String {
    i18n.t(l, &format!("new-workshop-field-{}", field.code()))
}

/// An audience in words: its roles (plural, "Presidents and Councillors"), then its places
/// (escaped HTML, each name isolated as the language needs).
pub fn describe_audience(
    state: &AppState,
    l: Language,
    audience: &Audience,
    places: &[ProvincePlaces],
) -> String {
    let i18n = &state.i18n;
    let name = |text: &str| isolate(l, &escape_html(text));
    let roles = if audience.roles.is_empty() {
        i18n.t(l, "audience-all-roles")
    } else {
        let roles: Vec<String> = Role::ALL
            .iter()
            .filter(|r| audience.has_role(**r))
            .map(|r| audience_role(i18n, l, *r))
            .collect();
        i18n.and_list_of_labels(l, &roles)
    };
    let mut where_ = Vec::new();
    for province in places {
        let province_name = province.name.display(l);
        if audience.has_province(&province.name.latin) {
            where_.push(name(province_name));
        }
        for (_, commune) in &province.communes {
            let reference = CommuneRef {
                province: province.name.latin.clone(),
                commune: commune.latin.clone(),
            };
            if audience.has_commune(&reference) {
                where_.push(format!(
                    "{} ({})",
                    name(commune.display(l)),
                    name(province_name)
                ));
            }
        }
    }
    let places = if where_.is_empty() {
        i18n.t(l, "audience-everywhere")
    } else {
        i18n.and_list(l, &where_)
    };
    format!("{roles} — {places}")
}

/// A role as an audience names it: plural and short ("Presidents"), to fit a phone's button.
pub fn audience_role(i18n: &I18n, l: Language, role: Role) -> String {
    i18n.t(l, &format!("audience-role-{}", role.code()))
}

/// A day to show as an example in questions: one that would be accepted (a fortnight ahead,
/// in the programme's zone), so the organiser can copy its shape without thinking.
pub fn example_day(state: &AppState) -> chrono::NaiveDate {
    let today = state.settings.timezone.local(state.clock.now()).date();
    today + chrono::Duration::days(14)
}

/// The numbers of seats offered as buttons, in one row.
pub fn seat_row(nonce: i64) -> Vec<InlineKeyboardButton> {
    SEAT_BUTTONS
        .iter()
        .map(|&n| {
            InlineKeyboardButton::callback(
                n.to_string(),
                Action::Dialogue {
                    nonce,
                    button: DialogueButton::Seats(n),
                }
                .encode(),
            )
        })
        .collect()
}

/// The start times offered as buttons, three a row.
pub fn time_rows(nonce: i64) -> Vec<Vec<InlineKeyboardButton>> {
    TIME_BUTTONS
        .chunks(3)
        .map(|chunk| {
            chunk
                .iter()
                .map(|&(hour, minute)| {
                    InlineKeyboardButton::callback(
                        format!("{hour:02}:{minute:02}"),
                        Action::Dialogue {
                            nonce,
                            button: DialogueButton::Time { hour, minute },
                        }
                        .encode(),
                    )
                })
                .collect()
        })
        .collect()
}

/// Reminder offsets in words, as a sentence lists them: "7 days, 1 day and 2 hours".
pub fn describe_offsets(i18n: &I18n, l: Language, offsets: &[Offset]) -> String {
    let words: Vec<String> = offsets
        .iter()
        .map(|offset| describe_offset(i18n, l, *offset))
        .collect();
    i18n.and_list(l, &words)
}

/// One offset in its largest whole unit: "2 days", "36 hours", "90 minutes". One number per
/// offset keeps a list of them unambiguous ("1 day and 12 hours, and 2 hours" would not be).
fn describe_offset(i18n: &I18n, l: Language, offset: Offset) -> String {
    let minutes = i64::from(offset.total_minutes());
    let (key, n) = if minutes % 1440 == 0 {
        ("offset-days", minutes / 1440)
    } else if minutes % 60 == 0 {
        ("offset-hours", minutes / 60)
    } else {
        ("offset-minutes", minutes)
    };
    i18n.t_args(l, key, &Args::new().num("n", n))
}

/// A button of the open dialogue, labelled from the translations.
pub fn dialogue_button(
    i18n: &I18n,
    l: Language,
    nonce: i64,
    key: &str,
    pressed: DialogueButton,
) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(
        i18n.t(l, key),
        Action::Dialogue {
            nonce,
            button: pressed,
        }
        .encode(),
    )
}

/// A question of `/new_workshop`, with its Skip / Default / usual values as buttons.
pub fn question(
    state: &AppState,
    l: Language,
    nonce: i64,
    draft: &WorkshopDraft,
    field: Field,
) -> (String, InlineKeyboardMarkup) {
    let i18n = &state.i18n;
    let button = |key: &str, pressed: DialogueButton| dialogue_button(i18n, l, nonce, key, pressed);
    let cancel_row = vec![button("button-new-workshop-cancel", DialogueButton::Cancel)];
    let header = i18n.t_args(
        l,
        "new-workshop-header",
        &Args::new()
            .num("step", field.number() as i64)
            .num("total", Field::ALL.len() as i64),
    );
    let zone = &state.settings.timezone;
    let example = example_day(state);
    let mut args = Args::new()
        .text("example", example.format("%d/%m/%Y"))
        .text(
            "example_deadline",
            (example - chrono::Duration::days(1)).format("%d/%m/%Y 18:00"),
        );
    if field == Field::Deadline
        && let Some(start) = draft.starts_at
    {
        let default = default_deadline(start, zone, state.clock.now());
        args = args.text("default", i18n.format_datetime(l, default, zone));
    }
    let question = i18n.t_args(l, &format!("new-workshop-ask-{}", field.code()), &args);
    let hint = i18n.t(l, "new-workshop-cancel-hint");
    let mut rows = Vec::new();
    match field {
        Field::Topic => rows.push(vec![button("button-skip", DialogueButton::Default)]),
        Field::Time => rows.extend(time_rows(nonce)),
        Field::Capacity => rows.push(seat_row(nonce)),
        Field::Reminders | Field::Deadline => {
            rows.push(vec![button("button-default", DialogueButton::Default)]);
        }
        _ => {}
    }
    rows.push(cancel_row);
    (
        format!("{header}\n{question}\n\n{hint}"),
        InlineKeyboardMarkup::new(rows),
    )
}

/// The audience keyboard of `/new_workshop`: roles and provinces, or the communes of the
/// province `shown`, each ticked when chosen, with the head-count.
pub fn audience_picker(
    state: &AppState,
    l: Language,
    nonce: i64,
    audience: &Audience,
    places: &[ProvincePlaces],
    shown: Option<i64>,
    count: usize,
) -> (String, InlineKeyboardMarkup) {
    let header = state.i18n.t_args(
        l,
        "new-workshop-header",
        &Args::new()
            .num("step", Field::Audience.number() as i64)
            .num("total", Field::ALL.len() as i64),
    );
    let args = Args::new()
        .raw("audience", describe_audience(state, l, audience, places))
        .num("count", count as i64);
    let intro = format!(
        "{header}\n{}",
        state.i18n.t_args(l, "new-workshop-ask-audience", &args)
    );
    audience_keyboard(state, l, nonce, intro, audience, places, shown, count)
}

/// The audience keyboard under `intro`: roles and provinces, or the communes of the province
/// `shown`, each ticked when chosen, with the head-count; `/new_workshop` and `/broadcast`
/// choose their audiences with it.
#[allow(clippy::too_many_arguments)]
pub fn audience_keyboard(
    state: &AppState,
    l: Language,
    nonce: i64,
    intro: String,
    audience: &Audience,
    places: &[ProvincePlaces],
    shown: Option<i64>,
    count: usize,
) -> (String, InlineKeyboardMarkup) {
    let i18n = &state.i18n;
    let button = |key: &str, pressed: DialogueButton| dialogue_button(i18n, l, nonce, key, pressed);
    let cancel_row = vec![button("button-new-workshop-cancel", DialogueButton::Cancel)];
    let mut text = intro;
    let mut rows: Vec<Vec<InlineKeyboardButton>> = Vec::new();
    let ticked = |on: bool, label: String| if on { format!("✓ {label}") } else { label };
    match shown.and_then(|id| places.iter().find(|p| p.id == id)) {
        None => {
            for pair in Role::ALL.chunks(2) {
                rows.push(
                    pair.iter()
                        .map(|&role| {
                            InlineKeyboardButton::callback(
                                ticked(audience.has_role(role), audience_role(i18n, l, role)),
                                Action::Dialogue {
                                    nonce,
                                    button: DialogueButton::Role(role),
                                }
                                .encode(),
                            )
                        })
                        .collect(),
                );
            }
            for pair in places.chunks(2) {
                rows.push(
                    pair.iter()
                        .map(|p| {
                            // Chosen whole: ticked; else how many of its communes are.
                            let whole = audience.has_province(&p.name.latin);
                            let chosen = if whole {
                                0
                            } else {
                                audience.communes_in(&p.name.latin)
                            };
                            let args = Args::new()
                                .text("province", p.name.display(l))
                                .num("chosen", chosen as i64);
                            let label =
                                ticked(whole, i18n.button_label(l, "button-province", &args));
                            InlineKeyboardButton::callback(
                                label,
                                Action::Dialogue {
                                    nonce,
                                    button: DialogueButton::Province(p.id),
                                }
                                .encode(),
                            )
                        })
                        .collect(),
                );
            }
            rows.push(vec![
                button("button-audience-everyone", DialogueButton::Everyone),
                InlineKeyboardButton::callback(
                    i18n.t_args(
                        l,
                        "button-audience-done",
                        &Args::new().num("count", count as i64),
                    ),
                    Action::Dialogue {
                        nonce,
                        button: DialogueButton::AudienceDone,
                    }
                    .encode(),
                ),
            ]);
        }
        Some(province) => {
            let args = Args::new()
                .text("province", province.name.display(l))
                .choice("province_kind", province_kind(&province.name));
            text.push_str("\n\n");
            text.push_str(&i18n.t_args(l, "new-workshop-province", &args));
            rows.push(vec![InlineKeyboardButton::callback(
                ticked(
                    audience.has_province(&province.name.latin),
                    i18n.button_label(l, "button-whole-province", &args),
                ),
                Action::Dialogue {
                    nonce,
                    button: DialogueButton::WholeProvince(province.id),
                }
                .encode(),
            )]);
            for chunk in province.communes.chunks(3) {
                rows.push(
                    chunk
                        .iter()
                        .map(|(id, name)| {
                            let commune = CommuneRef {
                                province: province.name.latin.clone(),
                                commune: name.latin.clone(),
                            };
                            InlineKeyboardButton::callback(
                                ticked(audience.has_commune(&commune), name.display(l).to_owned()),
                                Action::Dialogue {
                                    nonce,
                                    button: DialogueButton::Commune(*id),
                                }
                                .encode(),
                            )
                        })
                        .collect(),
                );
            }
            rows.push(vec![button("button-back", DialogueButton::Back)]);
        }
    }
    rows.push(cancel_row);
    (text, InlineKeyboardMarkup::new(rows))
}

/// The summary of a complete draft with Confirm / Change / Cancel, or, with `edit_menu`, the
/// answers to change; `audience_text` describes the audience (escaped HTML) and `count` is
/// its head-count.
pub fn summary_view(
    state: &AppState,
    l: Language,
    nonce: i64,
    draft: &WorkshopDraft,
    audience_text: String,
    count: usize,
    edit_menu: bool,
) -> (String, InlineKeyboardMarkup) {
    let i18n = &state.i18n;
    let button = |key: &str, pressed: DialogueButton| dialogue_button(i18n, l, nonce, key, pressed);
    let text = summary(state, l, draft, audience_text, count);
    let text = format!(
        "{text}\n{}",
        crate::views::evaluation::summary_line(i18n, l, &draft.form)
    );
    let rows = if !edit_menu {
        vec![
            vec![button(
                "button-new-workshop-confirm",
                DialogueButton::Confirm,
            )],
            vec![button("button-new-workshop-form", DialogueButton::Form)],
            vec![
                button("button-new-workshop-edit", DialogueButton::EditMenu),
                button("button-new-workshop-cancel", DialogueButton::Cancel),
            ],
        ]
    } else {
        let mut rows: Vec<Vec<InlineKeyboardButton>> = Field::ALL
            .chunks(3)
            .map(|chunk| {
                chunk
                    .iter()
                    .map(|&field| {
                        InlineKeyboardButton::callback(
                            field_label(i18n, l, field),
                            Action::Dialogue {
                                nonce,
                                button: DialogueButton::Edit(field),
                            }
                            .encode(),
                        )
                    })
                    .collect()
            })
            .collect();
        rows.push(vec![button("button-back", DialogueButton::Summary)]);
        rows
    };
    let prompt = if edit_menu {
        format!("{text}\n\n{}", i18n.t(l, "new-workshop-edit-which"))
    } else {
        text
    };
    (prompt, InlineKeyboardMarkup::new(rows))
}

/// The summary of a complete draft, with the audience's head-count.
fn summary(
    state: &AppState,
    l: Language,
    draft: &WorkshopDraft,
    audience_text: String,
    count: usize,
) -> String {
    let i18n = &state.i18n;
    let zone = &state.settings.timezone;
    let dash = || "—".to_owned();
    let args = Args::new()
        .text("title", draft.title.clone().unwrap_or_else(dash))
        .text(
            "topic",
            draft
                .topic
                .clone()
                .flatten()
                .unwrap_or_else(|| i18n.t(l, "new-workshop-no-topic")),
        )
        .text(
            "when",
            draft
                .starts_at
                .map(|at| i18n.format_datetime(l, at, zone))
                .unwrap_or_else(dash),
        )
        .text("venue", draft.venue.clone().unwrap_or_else(dash))
        .raw("audience", audience_text)
        .num("count", count as i64)
        .num("capacity", draft.capacity.map_or(0, |c| i64::from(c.get())))
        .text(
            "reminders",
            draft
                .reminders
                .as_deref()
                .map(|offsets| describe_offsets(i18n, l, offsets))
                .unwrap_or_else(dash),
        )
        .text(
            "deadline",
            draft
                .deadline
                .map(|at| i18n.format_datetime(l, at, zone))
                .unwrap_or_else(dash),
        );
    i18n.t_args(l, "new-workshop-summary", &args)
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime};

    use super::*;

    #[test]
    fn every_refusal_reads_in_every_language() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 22).unwrap();
        let at = day.and_time(NaiveTime::from_hms_opt(2, 30, 0).unwrap());
        let input = || "31/02/2026".to_owned();
        let samples = [
            DraftError::TitleEmpty,
            DraftError::TitleTooLong {
                chars: 130,
                max: 120,
            },
            DraftError::TopicTooLong {
                chars: 600,
                max: 500,
            },
            DraftError::NotWesternDigits { input: input() },
            DraftError::BadDate { input: input() },
            DraftError::NoSuchDate { input: input() },
            DraftError::DayInPast { date: day },
            DraftError::DateTooFar {
                date: day,
                latest: day,
            },
            DraftError::BadTime { input: input() },
            DraftError::ImpossibleTime { input: input() },
            DraftError::SkippedTime {
                shown: at,
                moved_to: at,
            },
            DraftError::DateInPast { shown: at },
            DraftError::VenueEmpty,
            DraftError::VenueTooLong {
                chars: 201,
                max: 200,
            },
            DraftError::BadCapacity { input: input() },
            DraftError::CapacityZero,
            DraftError::CapacityTooLarge { max: 1000 },
            DraftError::BadReminder { input: input() },
            DraftError::TooManyReminders { max: 6 },
            DraftError::BadDeadline { input: input() },
            DraftError::DeadlineInPast { shown: at },
            DraftError::DeadlineNotBeforeStart {
                shown: at,
                start: at,
            },
            DraftError::UseButtons {
                field: Field::Audience,
            },
            DraftError::AskedTooEarly { needs: Field::Date },
            DraftError::LineBreak {
                field: Field::Title,
                position: 12,
            },
            DraftError::ControlCharacter {
                field: Field::Venue,
                found: '\0',
                position: 3,
            },
            DraftError::BidiControl {
                field: Field::Topic,
                found: '\u{202e}',
                position: 1,
            },
            DraftError::Invisible {
                field: Field::Title,
            },
        ];
        let codes: std::collections::HashSet<_> = samples.iter().map(DraftError::code).collect();
        assert_eq!(codes.len(), samples.len(), "one sample per refusal");
        let i18n = I18n::shared();
        for l in Language::ALL {
            for error in &samples {
                let key = format!("workshop-error-{}", error.code());
                assert!(i18n.has(l, &key), "{l:?}: {key}");
                let text = refusal_text(i18n, l, error);
                // Every variable filled: Fluent leaves `{$name}` for a missing one.
                assert!(!text.contains('{'), "{l:?}: {key}: {text}");
            }
        }
        let text = refusal_text(i18n, Language::Ar, &samples[6]);
        assert!(text.contains("الأحد 22 مارس 2026"), "{text}");
        // The invisible character is named by its code point, and where it is.
        let bidi = DraftError::BidiControl {
            field: Field::Venue,
            found: '\u{202e}',
            position: 7,
        };
        for l in Language::ALL {
            let raw = refusal_text(i18n, l, &bidi);
            assert!(
                !raw.contains('\u{202e}'),
                "{l:?}: the character itself is not shown"
            );
            let text = crate::i18n::strip_bidi(&raw);
            assert!(
                text.contains("U+202E") && text.contains('7'),
                "{l:?}: {text}"
            );
        }
    }
}
