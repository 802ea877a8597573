# Takwin — English messages.
#
# Every message is sent with Telegram's HTML parse mode: only <b>, <i>, <a>,
# <code> tags, and never a bare "&", "<" or ">" in the text itself.
# Variables are filled by src/i18n.rs, which escapes user text.

## Joining

welcome-stranger =
    Welcome to <b>Takwin</b>, the continuous-training programme for elected officials of the Fès-Meknès Region.

    I don't know you yet. To join, open the personal invitation link the programme sent you, or tap the button below to share your phone number.

button-share-phone = 📱 Share my phone number

join-refused-code =
    This invitation link is not valid, or it is already used by another account.
    Please check the link, or contact the Region's continuous-training service.

join-refused-phone =
    Sorry, this phone number is not on the programme's list.
    The organisers have been informed.

join-refused-not-own-contact = This is someone else's contact. Only your own phone number can be used: tap the button below.

join-already-linked = This Telegram account is already linked to { $name }.

join-welcome =
    Welcome, <b>{ $name }</b>!
    You are registered as { $role }, { $body }.

## Language

language-prompt = Please choose your language:
language-set = Your language is now English. Send /help to see what you can do.
language-name-ar = العربية
language-name-fr = Français
language-name-en = English

## Help and profile

help-official =
    <b>What you can do</b>
    /my — my upcoming workshops and answers
    /history — workshops I attended or missed
    /me — your profile
    /language — change the language
    /help — this list
    /stop — stop receiving the programme's messages

help-organiser =
    { help-official }

    <b>For organisers</b>
    /workshops — upcoming workshops and answers
    /checkin — open check-in for today's workshop
    /joined — who has joined, per commune
    /audit — latest organiser actions

me-profile =
    <b>Your profile</b>
    Name: { $name }
    Role: { $role }, { $body }
    Province: { $province }
    Phone: { $phone }
    Language: { $language }

## Leaving

stop-confirm = Unlink this Telegram account from the programme? You will no longer receive invitations or reminders.
button-stop-yes = Yes, unlink
button-stop-no = No, keep it
stop-done = Done: this account is no longer linked to the programme. To come back, open your personal invitation link again, or send /start and share your phone number.
stop-kept = Nothing changed: you are still linked to the programme.

## Refusals and errors

organiser-only = This command is for the programme's organisers only.
not-joined = You are not linked to the programme yet. Open your personal invitation link, or send /start and share your phone number.
unknown-input = Sorry, I didn't understand. Send /help to see what you can do.
error-generic = Sorry, something went wrong on our side. Please try again in a moment.
# Shown as a plain-text alert when an old button is tapped (no HTML, at most 200 characters).
button-stale = This button is no longer valid. Send /help to see what you can do.

## Organisers

alert-refused-join =
    ⚠️ <b>Join attempt refused</b>
    Who: { $who }
    Reason: { $reason }

refusal-reason-unknown-code = unknown or already used invitation code
refusal-reason-unknown-phone = phone number not in the roster
refusal-reason-foreign-contact = shared someone else's contact
refusal-reason-no-code = opened the bot without an invitation link

joined-summary =
    { $joined ->
        [one] <b>{ $joined }</b> of { $total } officials has joined.
       *[other] <b>{ $joined }</b> of { $total } officials have joined.
    }

joined-line = • { $body }: { $joined }/{ $total }

people-count =
    { $count ->
        [one] { $count } person
       *[other] { $count } people
    }

audit-empty = No organiser actions recorded yet.
audit-line = { $when } — { $who }: { $action }

## Roles

role-president = Commune president
role-vice_president = Vice-president
role-councillor = Councillor
role-finance_staff = Finance and budget officer
role-province_staff = Province staff
role-secretary_general = Secretary-General of the province

## Telegram command menu (plain text, at most 256 characters)

cmd-start = Join the programme or start again
cmd-help = What I can do for you
cmd-me = Your profile
cmd-language = Change the language
cmd-stop = Unlink this account from the programme
cmd-joined = Who has joined, per commune (organisers)
cmd-audit = Latest organiser actions (organisers)

body-provincial-council = Provincial Council
body-province-services = Province services ({ $province })

## Training workshops

workshop-invitation =
    📅 <b>Invitation to a training workshop</b>
    <b>{ $title }</b>
    🕘 { $when }
    📍 { $venue }

    Please confirm before { $deadline }. The calendar file is attached.
workshop-reminder =
    ⏰ <b>Reminder</b>: workshop <b>{ $title }</b>
    🕘 { $when }
    📍 { $venue }
workshop-promoted =
    🎉 A seat has come free at the workshop <b>{ $title }</b> ({ $when }).
    Your attendance is now confirmed.
button-rsvp-yes = ✅ I will attend
button-rsvp-no = ❌ I cannot attend
rsvp-confirmed = Your attendance is confirmed. Thank you!
rsvp-waiting = The workshop is full: you are on the waiting list (number { $position }). We will tell you if a seat comes free.
rsvp-declined = Noted that you cannot come. You can change your answer until the answer deadline.
rsvp-reason-prompt = Would you like to tell us why? (optional)
rsvp-reason-thanks = Thank you, the reason is recorded.
button-reason-session = Council session
button-reason-travel = Travel
button-reason-health = Health
button-reason-other = Other reason
rsvp-refused-cancelled = This workshop was cancelled: it can no longer be answered.
rsvp-refused-not-invited = This invitation is not addressed to you.
rsvp-refused-started = The workshop has started: answers are closed.
rsvp-refused-deadline-passed = The deadline to answer this invitation has passed.
rsvp-refused-reason-too-long = The reason is too long.
workshop-moved =
    🔁 <b>New date</b> for the workshop <b>{ $title }</b>
    🕘 Now: { $when }
    📍 { $venue }

    Your answer is kept; you can change it before { $deadline }. The updated calendar file is attached.
workshop-cancelled =
    🚫 <b>The workshop</b> <b>{ $title }</b> planned for { $when } <b>is cancelled</b>.
    We apologise; we will tell you about the next sessions.

cmd-my = My upcoming workshops and answers
cmd-workshops = Upcoming workshops and answers (organisers)
workshops-empty = No upcoming workshops.
workshops-line =
    <b>{ $number }. { $title }</b> — { $when }
    ✅ { $yes }/{ $capacity } · ⏳ { $waiting } · ❌ { $no } · ❔ { $pending }
workshop-details =
    📊 <b>{ $title }</b> — { $when }
    Invited: { $invited } · ✅ { $yes }/{ $capacity } · ⏳ { $waiting } · ❌ { $no } · ❔ { $pending }
workshop-commune-line = • { $body }: ✅ { $yes } · ❌ { $no } · ❔ { $pending }
button-nudge = 🔔 Nudge those who have not answered ({ $count })
nudge-queued =
    { $count ->
        [0] Nobody to nudge today.
        [one] { $count } person will be nudged.
       *[other] { $count } people will be nudged.
    }
workshop-nudge =
    🔔 We do not have your answer yet for the workshop <b>{ $title }</b> ({ $when }).
    Please answer before { $deadline }.
my-empty = You are not invited to any upcoming workshop.
my-line =
    <b>{ $title }</b>
    🕘 { $when } · 📍 { $venue }
    { $answer }
my-answer-confirmed = ✅ Attendance confirmed
my-answer-waiting = ⏳ On the waiting list
my-answer-declined = ❌ You declined
my-answer-no_answer = ❔ Not answered yet

cmd-checkin = Open check-in for today's workshop (organisers)
checkin-none-today = No workshop in the next 24 hours.
checkin-choose = Choose the workshop to open check-in for:
checkin-opened =
    📍 <b>Check-in is open</b>: { $title }
    Show this code in the room: <b>{ $code }</b>
    Participants send the code to the bot, or scan the QR code.
    It closes { $closes }.
checkin-done = ✅ You are checked in at the workshop <b>{ $title }</b>. Welcome!
checkin-wrong-code = This code is not right. Check the code shown in the room and try again.
checkin-not-open-yet = Check-in for this workshop is not open yet.
checkin-closed = Check-in for this workshop is closed.
checkin-too-many = Too many wrong codes. You can try again from { $when }.

cmd-history = Workshops I attended or missed
history-empty = No past workshop you were invited to.
history-line = • <b>{ $title }</b> — { $when }: { $came }
history-came = ✅ attended
history-missed = ❌ missed
evaluation-request =
    🙏 Thank you for attending the workshop <b>{ $title }</b>.
    How would you rate it, from 1 (poor) to 5 (excellent)?
evaluation-reminder = A reminder: your opinion of the workshop <b>{ $title }</b> matters to us. How would you rate it?
evaluation-thanks = Thank you! Your rating is recorded: { $score }/5.
evaluation-not-present = Only those who attended can rate the workshop.
missed-you = We missed you at the workshop <b>{ $title }</b>. Here are the next workshops open to you:
missed-you-next = • <b>{ $title }</b> — { $when }
missed-you-none = We missed you at the workshop <b>{ $title }</b>. We will tell you about the next sessions.
workshop-outcome = Present: { $present } · Rating: { $mean }/5 ({ $count })
button-roll-call = 📋 Roll call
roll-call = 📋 Roll call: tap a name to mark them present, or absent again.
