//! Joining the bot, leaving it, and the language a person is written to in: by personal link
//! or by sharing one's own phone number (matched against the roster); a refused attempt is
//! remembered, and the organisers are told of a Telegram account's first refusal.

use crate::actions::Refusal;
use crate::domain::roster::{Appointment, InviteCode, Language, Phone};
use crate::i18n::Args;
use crate::outbox::Payload;
use crate::outbox::workshops::send_invitations;
use crate::state::AppState;
use crate::store::outbox::{self, NewMessage};
use crate::store::roster::{self, Joining, Person};
use crate::store::workshops;

/// Who tries to join: a Telegram account not linked to anyone yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Newcomer {
    /// Their Telegram account's id.
    pub telegram_user_id: i64,
    /// The language their Telegram app is set to, if it says.
    pub language_code: Option<String>,
    /// How organisers are shown who they are: name, @username, id.
    pub described: String,
    /// How the audit log names them.
    pub label: String,
}

/// Why a joining attempt was refused; each has its message and its line in the organisers'
/// alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinRefusal {
    /// The code is unknown, malformed, or already used by another account.
    UnknownCode,
    /// The phone number is not in the roster.
    UnknownPhone,
    /// The contact shared is not the sender's own.
    ForeignContact,
}

impl Refusal for JoinRefusal {
    fn key(&self) -> String {
        match self {
            JoinRefusal::UnknownCode => "join-refused-code",
            JoinRefusal::UnknownPhone => "join-refused-phone",
            JoinRefusal::ForeignContact => "join-refused-not-own-contact",
        }
        .to_owned()
    }
}

impl JoinRefusal {
    /// The Fluent key of the reason shown to organisers.
    pub fn reason_key(self) -> &'static str {
        match self {
            JoinRefusal::UnknownCode => "refusal-reason-unknown-code",
            JoinRefusal::UnknownPhone => "refusal-reason-unknown-phone",
            JoinRefusal::ForeignContact => "refusal-reason-foreign-contact",
        }
    }
}

/// A person who has just joined.
#[derive(Debug, Clone)]
pub struct Joined {
    /// Their roster entry, linked, with the language now guessed for them.
    pub person: Person,
    /// Whether they are an organiser.
    pub organiser: bool,
    /// Whether they are one of the Region's finance officers.
    pub finance_officer: bool,
}

/// Joins by personal link: the code must be someone's, not yet linked to an account.
pub async fn by_code(
    state: &AppState,
    newcomer: &Newcomer,
    code: &InviteCode,
) -> anyhow::Result<Result<Joined, JoinRefusal>> {
    match roster::by_invite_code(&state.db, code.as_str()).await? {
        Some(person) if person.telegram_user_id.is_none() => link(state, newcomer, person).await,
        _ => Ok(Err(JoinRefusal::UnknownCode)),
    }
}

/// Joins by a shared contact: Telegram vouches for the number only when it is the sender's
/// own (`owner` is the contact's account). A person linked to another account has moved to a
/// new one: the old link goes, and the move is audited ([`roster::join`]).
pub async fn by_contact(
    state: &AppState,
    newcomer: &Newcomer,
    phone: &str,
    owner: Option<i64>,
) -> anyhow::Result<Result<Joined, JoinRefusal>> {
    if owner != Some(newcomer.telegram_user_id) {
        return Ok(Err(JoinRefusal::ForeignContact));
    }
    let person = match Phone::parse(phone) {
        Ok(phone) => roster::by_phone(&state.db, &phone).await?,
        Err(_) => None,
    };
    let Some(person) = person else {
        return Ok(Err(JoinRefusal::UnknownPhone));
    };
    link(state, newcomer, person).await
}

/// Links the account to the person, in one transaction with what goes with it: the link to
/// their previous account goes (audited), and their language is guessed (Telegram's, else
/// the roster's) until they choose. Then sends the invitations held for them.
async fn link(
    state: &AppState,
    newcomer: &Newcomer,
    person: Person,
) -> anyhow::Result<Result<Joined, JoinRefusal>> {
    let now = state.clock.now();
    let guess = Language::from_telegram(newcomer.language_code.as_deref());
    let joining = roster::join(
        &state.db,
        person.id,
        newcomer.telegram_user_id,
        person.telegram_user_id,
        guess,
        &newcomer.label,
        now,
    )
    .await?;
    let person = match joining {
        Joining::Linked(person) => *person,
        // Someone else linked this person between our read and our write.
        Joining::LinkedMeanwhile => return Ok(Err(JoinRefusal::UnknownCode)),
    };
    let joined = Joined {
        organiser: roster::holds(&state.db, person.id, Appointment::Organiser).await?,
        finance_officer: roster::holds(&state.db, person.id, Appointment::FinanceOfficer).await?,
        person,
    };
    // Invitations sent before they joined reach them now.
    for workshop in workshops::upcoming_for(&state.db, joined.person.id, now).await? {
        send_invitations(state, workshop).await?;
    }
    tracing::info!(person = joined.person.id.get(), "a person joined");
    Ok(Ok(joined))
}

/// Remembers a refused attempt; the first refusal of an account is told to every joined
/// organiser, in their language. Returns how many organisers were told.
pub async fn refused(
    state: &AppState,
    newcomer: &Newcomer,
    refusal: JoinRefusal,
) -> anyhow::Result<usize> {
    let now = state.clock.now();
    let account = newcomer.telegram_user_id;
    if !roster::record_refusal(&state.db, account, refusal.reason_key(), now).await? {
        return Ok(0);
    }
    let rows: Vec<NewMessage> = roster::organisers(&state.db)
        .await?
        .into_iter()
        .filter_map(|organiser| {
            let chat = organiser.telegram_user_id?;
            let l = organiser.language;
            let args = Args::new()
                .text("who", &newcomer.described)
                .text("reason", state.i18n.t(l, refusal.reason_key()));
            Some(
                NewMessage::to(
                    chat,
                    Some(organiser.id),
                    Payload::html(state.i18n.t_args(l, "alert-refused-join", &args)).to_json(),
                    // One alert per account and organiser, however often it tries.
                    format!("join-refused:{account}:{chat}"),
                    now,
                )
                .urgent(),
            )
        })
        .collect();
    Ok(outbox::enqueue_all(&state.db, &rows, now).await?)
}

/// The language a person chooses to be written to in.
pub async fn choose_language(
    state: &AppState,
    person: &Person,
    language: Language,
) -> anyhow::Result<()> {
    roster::set_language(&state.db, person.id, language, state.clock.now()).await?;
    Ok(())
}

/// Unlinks a Telegram account from its person: they are a stranger to the bot until they
/// join again. Returns whether an account was linked.
pub async fn leave(state: &AppState, telegram_user_id: i64) -> anyhow::Result<bool> {
    Ok(roster::unlink(&state.db, telegram_user_id, state.clock.now()).await?)
}
