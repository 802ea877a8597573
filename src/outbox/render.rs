//! Turning an outbox payload into what Telegram receives, at send time: a workshop message
//! shows the workshop as it is now, in the language the person has now.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::{Notice, Payload};
use crate::documents::{CalendarEvent, workshop_ics};
use crate::domain::broadcast::{AttachmentKind, Versions};
use crate::domain::funding::escalates;
use crate::domain::ids::PersonId;
use crate::domain::roster::{BodyKind, Language};
use crate::domain::workshop::{SeatKind, WORKSHOP_LENGTH, gets_reminder};
use crate::i18n::Args;
use crate::state::AppState;
use crate::store::{broadcasts, funding, schedules};
use crate::store::{roster, workshops};
use crate::views::keyboards::{rating_keyboard, rsvp_keyboard};
use crate::views::{self, text::place_label};

/// A file sent with the message (the message text becomes its caption).
#[derive(Debug, Clone)]
pub enum Attachment {
    /// A file made for this message, sent as a document (a calendar file).
    Made {
        /// The name people see.
        file_name: String,
        /// The content.
        bytes: Vec<u8>,
    },
    /// A picture made for this message, sent as a photo (a digest's chart).
    MadePhoto {
        /// The PNG image.
        bytes: Vec<u8>,
    },
    /// A photo Telegram has already, sent again by its file id (an announcement's).
    Photo {
        /// Telegram's file id.
        file_id: String,
    },
    /// A document Telegram has already, sent again by its file id.
    Document {
        /// Telegram's file id.
        file_id: String,
    },
}

/// A payload made ready for Telegram.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// HTML text (the caption when there is an attachment).
    pub html: String,
    /// Inline keyboard, if any.
    pub keyboard: Option<InlineKeyboardMarkup>,
    /// A file to send with it.
    pub attachment: Option<Attachment>,
}

/// Renders a payload for the person behind the row; `Err` is a reason to skip the row.
pub async fn render(
    state: &AppState,
    payload: &Payload,
    person_id: Option<PersonId>,
) -> anyhow::Result<Result<Rendered, String>> {
    let (workshop_id, notice) = match payload {
        Payload::Message { html, buttons } => {
            let keyboard = (!buttons.is_empty()).then(|| {
                InlineKeyboardMarkup::new(buttons.iter().map(|row| {
                    row.iter()
                        .map(|b| InlineKeyboardButton::callback(b.text.clone(), b.data.clone()))
                        .collect::<Vec<_>>()
                }))
            });
            return Ok(Ok(Rendered {
                html: html.clone(),
                keyboard,
                attachment: None,
            }));
        }
        Payload::Funding {} => return render_funding(state, person_id, false).await,
        Payload::FundingSession {} => return render_funding(state, person_id, true).await,
        Payload::FundingEscalation {} => return render_escalation(state, person_id).await,
        Payload::FundingSummary {} => return render_summary(state, person_id).await,
        Payload::Digest {} => {
            return Ok(super::digest::render(state, person_id)
                .await?
                .map(|d| Rendered {
                    html: d.html,
                    keyboard: Some(d.keyboard),
                    attachment: d.chart.map(|bytes| Attachment::MadePhoto { bytes }),
                }));
        }
        Payload::Broadcast { broadcast_id } => {
            return render_broadcast(state, *broadcast_id, person_id).await;
        }
        Payload::Workshop {
            workshop_id,
            notice,
        } => (*workshop_id, *notice),
    };
    let Some(workshop) = workshops::get(&state.db, workshop_id).await? else {
        return Ok(Err("the workshop no longer exists".into()));
    };
    if workshop.cancelled_at.is_some() && notice != Notice::Cancelled {
        return Ok(Err("the workshop was cancelled".into()));
    }
    let Some(person) = person_id.map(|id| roster::by_id(&state.db, id)) else {
        return Ok(Err("a workshop message needs a person".into()));
    };
    let Some(person) = person.await? else {
        return Ok(Err("the person is no longer in the roster".into()));
    };
    if person.unreachable_since.is_some() {
        return Ok(Err("the person blocked the bot".into()));
    }
    // One row, not the whole list: this runs for every message of a broadcast.
    let seat = match workshops::seat_of(&state.db, workshop.id, person.id).await? {
        Some(seat) => seat,
        // A walk-in has no seat: a certificate asks only whether they were present.
        None if notice == Notice::Certificate => SeatKind::NoAnswer,
        None => return Ok(Err("the person is no longer invited".into())),
    };
    let l = person.language;
    let zone = &state.settings.timezone;
    // The topic on a line of its own, or nothing at all: not an empty line, nor an empty
    // pair of isolation marks after the title.
    let topic = workshop
        .topic
        .as_deref()
        .map(|topic| {
            let line = Args::new().text("topic", topic);
            format!("\n{}", state.i18n.t_args(l, "workshop-topic-line", &line))
        })
        .unwrap_or_default();
    let args = Args::new()
        .text("title", &workshop.title)
        .raw("topic", topic)
        .text("venue", &workshop.venue)
        .text(
            "when",
            state.i18n.format_datetime(l, workshop.starts_at, zone),
        )
        .text(
            "deadline",
            state
                .i18n
                .format_datetime(l, workshop.answer_deadline, zone),
        );
    // The same UID with a higher SEQUENCE replaces (or cancels) the calendar entry.
    let calendar = Attachment::Made {
        file_name: format!("workshop-{}.ics", workshop.id),
        bytes: workshop_ics(&CalendarEvent {
            uid: format!("workshop-{}@takwin", workshop.id),
            sequence: u32::try_from(workshop.sequence).unwrap_or(0),
            title: workshop.title.clone(),
            description: workshop
                .topic
                .clone()
                .unwrap_or_else(|| workshop.title.clone()),
            location: workshop.venue.clone(),
            start: workshop.starts_at,
            end: workshop.starts_at + WORKSHOP_LENGTH,
            alarm_before: chrono::Duration::hours(1),
            cancelled: workshop.cancelled_at.is_some(),
            stamp: state.clock.now(),
        }),
    };
    let rendered = match notice {
        Notice::Invitation | Notice::Moved => {
            let key = if notice == Notice::Moved {
                "workshop-moved"
            } else {
                "workshop-invitation"
            };
            Rendered {
                html: state.i18n.t_args(l, key, &args),
                keyboard: Some(rsvp_keyboard(state, l, workshop.id, seat, false)),
                attachment: Some(calendar),
            }
        }
        Notice::Cancelled => Rendered {
            html: state.i18n.t_args(l, "workshop-cancelled", &args),
            keyboard: None,
            attachment: Some(calendar),
        },
        Notice::AfterWorkshop => {
            if workshops::was_present(&state.db, workshop.id, person.id).await? {
                let form = workshops::form(&state.db, workshop.id).await?;
                let intro = |key: &str| {
                    let args = args.clone().num("count", form.len() as i64);
                    state.i18n.t_args(l, key, &args)
                };
                if form.is_default() {
                    Rendered {
                        html: intro("evaluation-request"),
                        keyboard: Some(rating_keyboard(workshop.id)),
                        attachment: None,
                    }
                } else {
                    let intro = intro("evaluation-form-request");
                    let (html, keyboard) = views::evaluation::question_message(
                        state,
                        l,
                        &workshop,
                        &form,
                        1,
                        Some(&intro),
                    );
                    Rendered {
                        html,
                        keyboard: Some(keyboard),
                        attachment: None,
                    }
                }
            } else {
                missed_workshop(state, &person, &args).await?
            }
        }
        Notice::RatingReminder => {
            let came = workshops::was_present(&state.db, workshop.id, person.id).await?;
            let form = workshops::form(&state.db, workshop.id).await?;
            let answered = workshops::answered(&state.db, workshop.id, person.id).await?;
            let next = form.next_unanswered(&answered);
            let Some(next) = next.filter(|_| came) else {
                return Ok(Err("nothing to remind: absent, or the form answered".into()));
            };
            if form.is_default() {
                Rendered {
                    html: state.i18n.t_args(l, "evaluation-reminder", &args),
                    keyboard: Some(rating_keyboard(workshop.id)),
                    attachment: None,
                }
            } else {
                let left = (form.len() - answered.len()) as i64;
                let intro = state.i18n.t_args(
                    l,
                    "evaluation-form-reminder",
                    &args.clone().num("left", left),
                );
                let (html, keyboard) = views::evaluation::question_message(
                    state,
                    l,
                    &workshop,
                    &form,
                    next,
                    Some(&intro),
                );
                Rendered {
                    html,
                    keyboard: Some(keyboard),
                    attachment: None,
                }
            }
        }
        Notice::Nudge if seat != SeatKind::NoAnswer => {
            return Ok(Err("the person has answered since".into()));
        }
        Notice::Nudge => Rendered {
            html: state.i18n.t_args(l, "workshop-nudge", &args),
            keyboard: Some(rsvp_keyboard(state, l, workshop.id, seat, false)),
            attachment: None,
        },
        // Who gets what is the domain's rule, asked again at send time: answers change.
        Notice::Reminder if !gets_reminder(seat) => {
            return Ok(Err("the person said they cannot attend".into()));
        }
        Notice::Reminder => Rendered {
            html: state.i18n.t_args(l, "workshop-reminder", &args),
            keyboard: (seat == SeatKind::NoAnswer)
                .then(|| rsvp_keyboard(state, l, workshop.id, seat, false)),
            attachment: None,
        },
        Notice::Certificate => {
            match super::certificates::made_if_present(state, &workshop, &person).await? {
                Ok(made) => Rendered {
                    html: made.caption,
                    keyboard: None,
                    attachment: Some(Attachment::Made {
                        file_name: made.file_name,
                        bytes: made.bytes,
                    }),
                },
                Err(why) => return Ok(Err(why)),
            }
        }
        Notice::Promoted => Rendered {
            html: state.i18n.t_args(l, "workshop-promoted", &args),
            keyboard: None,
            attachment: None,
        },
    };
    Ok(Ok(rendered))
}

/// "We are sorry you could not attend", with the next workshops open to the person.
async fn missed_workshop(
    state: &AppState,
    person: &roster::Person,
    args: &Args,
) -> anyhow::Result<Rendered> {
    let (l, zone) = (person.language, &state.settings.timezone);
    let now = state.clock.now();
    let mut next = Vec::new();
    for id in workshops::upcoming_for(&state.db, person.id, now).await? {
        if let Some(w) = workshops::get(&state.db, id).await? {
            let when = state.i18n.format_datetime(l, w.starts_at, zone);
            let line = Args::new().text("title", &w.title).text("when", when);
            next.push(state.i18n.t_args(l, "missed-you-next", &line));
        }
    }
    let key = if next.is_empty() {
        "missed-you-none"
    } else {
        "missed-you"
    };
    let mut html = state.i18n.t_args(l, key, args);
    for line in next {
        html.push('\n');
        html.push_str(&line);
    }
    Ok(Rendered {
        html,
        keyboard: None,
        attachment: None,
    })
}

/// An announcement in the person's language as it is now; skipped once it was cancelled.
async fn render_broadcast(
    state: &AppState,
    broadcast_id: i64,
    person_id: Option<PersonId>,
) -> anyhow::Result<Result<Rendered, String>> {
    let Some(person_id) = person_id else {
        return Ok(Err("an announcement needs a person".into()));
    };
    let Some(found) = broadcasts::for_recipient(&state.db, broadcast_id, person_id).await? else {
        return Ok(Err("the announcement no longer exists".into()));
    };
    if found.cancelled {
        return Ok(Err("the announcement was cancelled".into()));
    }
    let Some(language) = found.language else {
        return Ok(Err("the person is no longer in the roster".into()));
    };
    Ok(Ok(announcement(
        &found.versions,
        found.attachment.as_ref(),
        language,
    )))
}

/// An announcement as a person in `language` receives it: their version, as the caption of
/// the photo or document if there is one. The organiser's preview is made by it too.
pub fn announcement(
    versions: &Versions,
    attachment: Option<&crate::domain::broadcast::Attachment>,
    language: Language,
) -> Rendered {
    let attachment = attachment.map(|a| match a.kind {
        AttachmentKind::Photo => Attachment::Photo {
            file_id: a.file_id.clone(),
        },
        AttachmentKind::Document => Attachment::Document {
            file_id: a.file_id.clone(),
        },
    });
    Rendered {
        html: views::broadcast::announcement(versions, language),
        keyboard: None,
        attachment,
    }
}

/// The name of the running funding campaign's schedule.
pub const FUNDING_CAMPAIGN: &str = "funding-campaign";
/// The schedule of the reminders ahead of the commune councils' ordinary sessions (before
/// sessions depended on the body, of every council's).
pub const FUNDING_SESSIONS: &str = "funding-sessions";
/// The schedule of the reminders ahead of the provincial and prefectural councils' ordinary
/// sessions.
pub const FUNDING_COUNCIL_SESSIONS: &str = "funding-council-sessions";
/// The schedule of the Secretaries-General's digests, some time after each reminder.
pub const FUNDING_ESCALATION: &str = "funding-escalation";
/// The schedule of the organisers' weekly summary.
pub const FUNDING_SUMMARY: &str = "funding-summary";
/// Every schedule of a funding campaign: started and closed together.
pub const FUNDING_SCHEDULES: [&str; 5] = [
    FUNDING_CAMPAIGN,
    FUNDING_SESSIONS,
    FUNDING_COUNCIL_SESSIONS,
    FUNDING_ESCALATION,
    FUNDING_SUMMARY,
];

/// The payloads of the reminders a body gets, as stored in the outbox: what escalation and
/// the report count.
pub fn funding_reminders() -> Vec<String> {
    vec![
        Payload::Funding {}.to_json(),
        Payload::FundingSession {}.to_json(),
    ]
}

/// The person a funding message is for, while the campaign runs; `Err` says why not.
async fn campaign_reader(
    state: &AppState,
    person_id: Option<PersonId>,
) -> anyhow::Result<Result<roster::Person, String>> {
    if !schedules::is_active(&state.db, FUNDING_CAMPAIGN).await? {
        return Ok(Err("the funding campaign was closed".into()));
    }
    let Some(person) = person_id.map(|id| roster::by_id(&state.db, id)) else {
        return Ok(Err("a funding message needs a person".into()));
    };
    Ok(person
        .await?
        .ok_or_else(|| "the person is no longer in the roster".to_owned()))
}

/// A funding reminder, from the body's record as it is now: skipped when the campaign was
/// closed, the body owes nothing any more, or its president promised a later date. Ahead of
/// a council session (`session`), only while the agreement is still to approve, headed by
/// the request to put it on the agenda.
async fn render_funding(
    state: &AppState,
    person_id: Option<PersonId>,
    session: bool,
) -> anyhow::Result<Result<Rendered, String>> {
    let person = match campaign_reader(state, person_id).await? {
        Ok(person) => person,
        Err(why) => return Ok(Err(why)),
    };
    let Some(body) = person.body_id else {
        return Ok(Err("the person belongs to no commune or council".into()));
    };
    let today = state.settings.timezone.local(state.clock.now()).date();
    if !funding::owing(&state.db, today).await?.contains(&body) {
        return Ok(Err("nothing is owed now, or a promise runs".into()));
    }
    let Some(record) = funding::records(&state.db, None)
        .await?
        .into_iter()
        .find(|r| r.id == body)
    else {
        return Ok(Err("the body is gone".into()));
    };
    if session && !record.funding.owed().agreement {
        return Ok(Err("the agreement is approved, or declared so".into()));
    }
    let l = person.language;
    let name = place_label(state, l, &record.province, Some(&record.body));
    let instructions = funding::payment_instructions(&state.db, l).await?;
    // Ahead of a session, the month the reader's own kind of council sits.
    let lead = session.then(|| {
        let kind = person
            .body
            .as_ref()
            .map_or(BodyKind::Commune, |(kind, _)| *kind);
        views::funding::session_reminder(state, l, kind, today)
    });
    let reader = views::funding::Reader {
        person: &person.details,
        letter: true,
        lead: lead.as_deref(),
        instructions: instructions.as_deref(),
    };
    let (html, keyboard) = views::funding::status(state, l, &name, &record.funding, reader);
    Ok(Ok(Rendered {
        html,
        keyboard,
        attachment: None,
    }))
}

/// The bodies that left `after` reminders or more unanswered and still owe something, with
/// how many; of one province when given.
async fn silent_bodies(
    state: &AppState,
    province: Option<&str>,
) -> anyhow::Result<(u32, Vec<(funding::BodyRecord, u32)>)> {
    let after = funding::escalate_after(&state.db).await?;
    let follow_ups = funding::follow_ups(&state.db, &funding_reminders()).await?;
    let silent = funding::records(&state.db, province)
        .await?
        .into_iter()
        .filter_map(|r| {
            let unanswered = follow_ups
                .get(&r.id)
                .copied()
                .unwrap_or_default()
                .since_answer;
            escalates(&r.funding, unanswered, after).then_some((r, unanswered))
        })
        .collect();
    Ok((after, silent))
}

/// The reader of a campaign's digest, with the bodies gone silent: of the reader's province
/// (`own_province`, a Secretary-General's) or all (an organiser's); `Err` when not sent.
async fn silent_for(
    state: &AppState,
    person_id: Option<PersonId>,
    own_province: bool,
) -> anyhow::Result<Result<(roster::Person, u32, Vec<(funding::BodyRecord, u32)>), String>> {
    let person = match campaign_reader(state, person_id).await? {
        Ok(person) => person,
        Err(why) => return Ok(Err(why)),
    };
    let province = own_province.then_some(person.province.latin.as_str());
    let (after, silent) = silent_bodies(state, province).await?;
    Ok(Ok((person, after, silent)))
}

/// A Secretary-General's digest of the bodies of their province gone silent; skipped when
/// there are none.
async fn render_escalation(
    state: &AppState,
    person_id: Option<PersonId>,
) -> anyhow::Result<Result<Rendered, String>> {
    let (person, after, silent) = match silent_for(state, person_id, true).await? {
        Ok(read) => read,
        Err(why) => return Ok(Err(why)),
    };
    if silent.is_empty() {
        return Ok(Err(
            "no body of the province left the reminders unanswered".into()
        ));
    }
    let presidents: Vec<roster::Person> = roster::all_people(&state.db)
        .await?
        .into_iter()
        .filter(|p| p.role == crate::domain::roster::Role::President)
        .collect();
    let l = person.language;
    let listed: Vec<views::funding::Silent<'_>> = silent
        .iter()
        .map(|(record, unanswered)| views::funding::Silent {
            name: place_label(state, l, &record.province, Some(&record.body)),
            funding: &record.funding,
            unanswered: *unanswered,
            president: presidents
                .iter()
                .find(|p| p.body_id == Some(record.id))
                .map(|p| &p.details),
        })
        .collect();
    let province = crate::views::text::province_label(&state.i18n, l, &person.province);
    Ok(Ok(Rendered {
        html: views::funding::escalation(state, l, &person.details, &province, after, &listed),
        keyboard: None,
        attachment: None,
    }))
}

/// An organiser's weekly summary of the whole programme.
async fn render_summary(
    state: &AppState,
    person_id: Option<PersonId>,
) -> anyhow::Result<Result<Rendered, String>> {
    let (person, after, silent) = match silent_for(state, person_id, false).await? {
        Ok(read) => read,
        Err(why) => return Ok(Err(why)),
    };
    let records = funding::records(&state.db, None).await?;
    let l = person.language;
    Ok(Ok(Rendered {
        html: views::funding::summary(state, l, &records, silent.len(), after),
        keyboard: None,
        attachment: None,
    }))
}
