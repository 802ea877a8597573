# Takwin — English messages.
#
# Every message is sent with Telegram's HTML parse mode: only <b>, <i>, <a>,
# <code> tags, and never a bare "&", "<" or ">" in the text itself.
# Variables are filled by src/i18n/mod.rs, which escapes user text.
#
# The voice: the Region's administration writing to elected officials. "We",
# never "I"; the reader is "you" throughout; buttons speak for the reader
# ("I will attend").
#
# Every number of things goes through a selector ({ $n -> [one] … *[other] … }).
# Only the figures of a dashboard ("✅ 20/40", "Present: 12") stay bare.
#
# Fès and Meknès are prefectures, the others provinces: $province_kind is
# "prefecture" or "province".

## Joining

welcome-stranger =
    Welcome to <b>Takwin</b>, the continuous-training programme for elected officials of the Fès-Meknès Region.

    This Telegram account is not linked to the programme yet. To link it, open the personal invitation link the programme sent you, or tap the button below to share your phone number.

button-share-phone = 📱 Share my phone number

join-refused-code =
    This invitation link is not valid, or it has already linked another account.
    Please check the link, or contact the Region's continuous-training service.

join-refused-phone =
    This phone number is not on the programme's list.
    If the list has another number for you, open the personal invitation link the programme sent you instead; otherwise, please contact the Region's continuous-training service. The organisers have been informed.

join-refused-not-own-contact = This is someone else's contact. Only your own phone number can be used: tap the button below.

join-already-linked = This Telegram account is already linked to { $name }. Send /help to see what you can do.

join-welcome =
    Welcome, <b>{ $name }</b>!
    Registration confirmed: { $person_title }.

## Language

language-prompt = Please choose your language:
language-set = Your language is now English. Send /help to see what you can do.
language-name-ar = العربية
language-name-fr = Français
language-name-en = English
# A language named within a sentence ("the text in Arabic").
language-called-ar = Arabic
language-called-fr = French
language-called-en = English

## Help and profile

# /help: under each heading, the lines of the commands the reader may use (src/telegram/menu.rs
# chooses them, as it chooses their command menu). Each line names its command.
help-section-own = <b>What you can do</b>
help-section-organiser = <b>For organisers</b>
help-section-finance-officer = <b>For the Region's finance officers</b>
help-section-secretary-general = <b>For the Secretaries-General of provinces and prefectures</b>
help-line-my = /my — your upcoming workshops and answers
help-line-history = /history — workshops you attended or missed
help-line-my_training = /my_training — your training record and certificates
help-line-commune = /commune — your commune's funding: the agreement and the contribution
help-line-commune-council = /commune — your council's funding: the agreement and the contribution
help-line-help = /help — this list
help-line-me = /me — your profile
help-line-language = /language — change the language
help-line-stop = /stop — stop receiving the programme's messages
help-line-workshops = /workshops — upcoming workshops and answers
help-line-new_workshop = /new_workshop — create a workshop, step by step
help-line-checkin = /checkin — open check-in for today's workshop
help-line-joined = /joined — who has joined, per commune
help-line-broadcast = /broadcast — write an announcement, preview it, send or schedule it
help-line-broadcasts = /broadcasts — announcements and their delivery
help-line-contributions = /contributions — funding per province: agreements approved, contributions paid
help-line-report = /report — the programme's charts
help-line-audit = /audit — latest organiser actions
help-line-declarations = /declarations — transfers and approvals declared, to verify
help-line-report-province = /report — the programme's charts for your { $province_kind ->
        [prefecture] prefecture
       *[province] province
    }

# Told to a person who has joined when an appointment is granted or withdrawn (takwin
# organiser add|remove, takwin finance-officer add): /help then lists their commands and
# updates their command menu.
help-appointed-organiser = ✅ Appointment recorded: this account is now one of the programme's organisers. Send /help for the commands it gives; the command menu is updated at the same time.
help-appointed-finance_officer = ✅ Appointment recorded: this account is now one of the Region's finance officers, who verify what communes and councils declare. Send /help for the commands it gives; the command menu is updated at the same time.
help-withdrawn-organiser = This account is no longer one of the programme's organisers. Send /help for the commands it keeps; the command menu is updated at the same time.
help-withdrawn-finance_officer = This account is no longer one of the Region's finance officers. Send /help for the commands it keeps; the command menu is updated at the same time.

me-profile =
    <b>Your profile</b>
    Name: { $name }
    Role: { $person_title }
    { $province_kind ->
        [prefecture] Prefecture
       *[province] Province
    }: { $province }
    Phone: { $phone }
    Language: { $language }

## Leaving

stop-confirm = Unlink this Telegram account from the programme? Invitations and reminders will no longer reach it.
button-stop-yes = Yes, unlink
button-stop-no = No, keep it
stop-done = Done: this account is no longer linked to the programme. To come back, open your personal invitation link again, or send /start and share your phone number.
stop-kept = Nothing changed: this account is still linked to the programme.

## Refusals and errors

organiser-only = This command is for the programme's organisers only. Send /help to see what you can do.
not-joined = This account is not linked to the programme yet. Open your personal invitation link, or send /start and share your phone number.
unknown-input = Sorry, we did not understand this message. Send /help to see what you can do.
error-generic = Sorry, something went wrong on our side. Please try again in a moment.
# Shown as a plain-text alert when an old button is tapped (no HTML, at most 200 characters).
button-stale = This button is no longer valid. Send /help to see what you can do.
button-not-yours = This button belongs to a message sent to someone else: it does nothing for you, and that message stays as it is. Please use the messages sent to you.

## Organisers

alert-refused-join =
    ⚠️ <b>Join attempt refused</b>
    Who: { $who }
    Reason: { $reason }

refusal-reason-unknown-code = unknown or already used invitation code
refusal-reason-unknown-phone = phone number not in the roster
refusal-reason-foreign-contact = shared someone else's contact
refusal-reason-no-code = opened the bot without an invitation link

# Everyone on the roster: officials, staff and secretaries-general.
joined-summary =
    { $joined ->
        [one] <b>{ $joined }</b> of { $total } people has joined.
       *[other] <b>{ $joined }</b> of { $total } people have joined.
    }

joined-line = • { $body }: { $joined }/{ $total }
joined-unreachable =
    { $count ->
        [0] ⛔ Nobody has blocked the bot.
        [one] ⛔ { $count } person has blocked the bot and receives nothing from us:
       *[other] ⛔ { $count } people have blocked the bot and receive nothing from us:
    }
joined-unreachable-line = • { $name } — { $body }, since { $since }

people-count =
    { $count ->
        [one] { $count } person
       *[other] { $count } people
    }

audit-empty = No organiser actions recorded yet.
audit-line = { $when } — { $who }: { $action }

## Roles

# Roles in the plural, short: buttons and the description of an audience.
audience-role-president = Presidents
audience-role-vice_president = Vice-presidents
audience-role-councillor = Councillors
audience-role-finance_staff = Finance officers
audience-role-province_staff = Province staff
audience-role-secretary_general = Secretaries-General

## Telegram command menu (plain text, at most 256 characters)

cmd-start = Join the programme or start again
cmd-help = What you can do here
cmd-me = Your profile
cmd-language = Change the language
cmd-stop = Unlink this account from the programme
cmd-joined = Who has joined, per commune (organisers)
cmd-audit = Latest organiser actions (organisers)

# A province's or prefecture's name, in a heading or a list.
province-name =
    { $province_kind ->
        [prefecture] { $province } Prefecture
       *[province] { $province } Province
    }
body-provincial-council =
    { $province_kind ->
        [prefecture] { $province } Prefectural Council
       *[province] { $province } Provincial Council
    }
body-province-services =
    { $province_kind ->
        [prefecture] { $province } Prefecture services
       *[province] { $province } Province services
    }

## A person's title and how a letter addresses them
# $role: the role's code; $gender: f, m or unknown; $body_kind: commune, council or services.
person-body =
    { $body_kind ->
        [commune] { $body } Commune
        [council] { body-provincial-council }
       *[services] { $province_kind ->
            [prefecture] { $province } Prefecture
           *[province] { $province } Province
        }
    }
person-title =
    { $role ->
        [president] President of { person-body }
        [vice_president] Vice-President of { person-body }
        [councillor] Member of { $body_kind ->
            [commune] { $body } Commune Council
           *[council] { person-body }
        }
        [finance_staff] Finance and Budget Officer, { person-body }
        [province_staff] Staff, { person-body }
       *[secretary_general] Secretary-General of { person-body }
    }
# How a letter opens.
salutation =
    { $role ->
        [president] { $gender ->
            [f] Dear Madam President,
            [m] Dear Mr President,
           *[unknown] Dear President,
        }
        [secretary_general] Dear Secretary-General,
       *[councillor] { $gender ->
            [f] Dear Madam,
            [m] Dear Sir,
           *[unknown] Dear Sir or Madam,
        }
    }
# Who writes.
letter-sender = — Fès-Meknès Regional Council, Continuous Training Service

## Training workshops

# $topic is empty, or one more line (workshop-topic-line) starting with a line break.
workshop-invitation =
    📅 <b>Invitation to a training workshop</b>
    <b>{ $title }</b>{ $topic }
    🕘 { $when }
    📍 { $venue }

    Please answer before { $deadline }, whether you can come or not: every answer helps us organise the workshop. The calendar file is attached.
workshop-topic-line = 📄 <i>{ $topic }</i>
workshop-reminder =
    ⏰ <b>Reminder</b>: workshop <b>{ $title }</b>
    🕘 { $when }
    📍 { $venue }
workshop-promoted =
    ✅ A seat has come free at the workshop <b>{ $title }</b> ({ $when }): your attendance is confirmed.
    If you cannot come after all, please tell us with the “{ button-rsvp-no }” button on the invitation, or in /my: the seat will go to the next person on the waiting list.
button-rsvp-yes = ✅ I will attend
button-rsvp-no = ❌ I cannot attend
rsvp-confirmed = Your attendance is confirmed. Thank you!
rsvp-waiting = The workshop is full: you are on the waiting list (number { $position }). We will tell you if a seat comes free.
rsvp-declined = Noted: you cannot attend. You can change your answer until the deadline, with the same buttons.
rsvp-reason-prompt = Would you like to tell us why? (optional)
rsvp-reason-thanks = Thank you, the reason is recorded. Should anything change, you can change your answer in /my until the deadline.
button-reason-session = Council session
button-reason-travel = Travel
button-reason-health = Health
button-reason-other = Other reason
rsvp-refused-cancelled = This workshop was cancelled: it can no longer be answered.
rsvp-refused-not-invited = This invitation is not addressed to you.
rsvp-refused-started = The workshop has started: answers are closed.
rsvp-refused-deadline-passed = The deadline to answer this invitation has passed. For any change, please contact the Region's continuous-training service.
rsvp-refused-reason-too-long = The reason is too long.
workshop-moved =
    🔁 <b>New date</b> for the workshop <b>{ $title }</b>
    🕘 Now: { $when }
    📍 { $venue }

    Your answer is kept; you can change it before { $deadline }. The updated calendar file is attached.
workshop-cancelled =
    🚫 <b>Workshop cancelled</b>: <b>{ $title }</b>, planned for { $when }.
    We apologise for the change; the next workshops will be announced to you here.

cmd-my = Your upcoming workshops and answers
cmd-workshops = Upcoming workshops and answers (organisers)
workshops-empty = No upcoming workshops. To create one: /new_workshop
workshops-line =
    <b>{ $number }. { $title }</b> — { $when }
    ✅ { $yes }/{ $capacity } · ⏳ { $waiting } · ❌ { $no } · ❔ { $pending }
button-workshop = 📊 { $number }. { $title }
workshop-details =
    📊 <b>{ $title }</b> — { $when }
    Invited: { $invited } · ✅ { $yes }/{ $capacity } · ⏳ { $waiting } · ❌ { $no } · ❔ { $pending }
workshop-commune-line = • { $body }: ✅ { $yes } · ❌ { $no } · ❔ { $pending }
workshop-commune-line-held = • { $body }: 📍 present: { $present } · ✅ { $yes } · ❌ { $no } · ❔ { $pending }
button-nudge = 🔔 Nudge those who have not answered ({ $count })
nudge-queued =
    { $count ->
        [0] Nobody to nudge today.
        [one] { $count } person will be nudged.
       *[other] { $count } people will be nudged.
    }
workshop-nudge =
    🔔 We have not received your answer yet for the workshop <b>{ $title }</b> ({ $when }).
    Please answer before { $deadline }.
my-empty = You are not invited to any upcoming workshop. The next invitations will reach you here.
my-line =
    <b>{ $title }</b>
    🕘 { $when } · 📍 { $venue }
    { $answer }
my-answer-confirmed = ✅ Attendance confirmed
my-answer-waiting = ⏳ On the waiting list
my-answer-declined = ❌ You declined
my-answer-no_answer = ❔ Not answered yet

cmd-checkin = Open check-in for today's workshop (organisers)
checkin-none-today = No workshop in the next 24 hours. Upcoming workshops: /workshops
checkin-choose = Choose the workshop to open check-in for:
button-checkin-workshop = 📍 { $number }. { $title }
checkin-opened =
    📍 <b>Check-in is open</b>: { $title }
    Show this code in the room: <b>{ $code }</b>
    Participants send the code to the bot, or scan the QR code.
    It closes on { $closes }.
checkin-done =
    ✅ You are checked in at the workshop <b>{ $title }</b>. Welcome!
    Your certificate of attendance will be sent to you here when the workshop ends.
checkin-wrong-code = This code is not right. Check the code shown in the room and try again.
checkin-not-open-yet = Check-in for this workshop is not open yet. Please send the code once it is shown in the room.
checkin-closed = Check-in for this workshop is closed. If you attended, please tell the organisers, who can still record you present.
checkin-open-too-early = Check-in can be opened from three hours before the start.
checkin-open-over = This workshop is over: its check-in has closed.
checkin-cancelled = This workshop has been cancelled: there is no check-in.
checkin-too-many = Too many wrong codes. You can try again from { $when }.

cmd-history = Workshops you attended or missed
history-empty = No past workshop you were invited to.
history-line = • <b>{ $title }</b> — { $when }: { $came }
history-came = ✅ attended
history-missed = ❌ missed
evaluation-request =
    🙏 Thank you for attending the workshop <b>{ $title }</b>.
    How would you rate it, from 1 (poor) to 5 (excellent)?
evaluation-reminder = A reminder: your opinion of the workshop <b>{ $title }</b> matters to us. How would you rate it?
evaluation-thanks = Thank you! Your rating is recorded: { $score }/5.
evaluation-not-present = Only those who attended can rate the workshop. If you attended and are not recorded present, please tell the organisers.
evaluation-not-started = This workshop has not started yet: it can be rated once it has taken place.
missed-you = We are sorry you could not attend the workshop <b>{ $title }</b>. Here are the next workshops open to you:
missed-you-next = • <b>{ $title }</b> — { $when }
missed-you-none = We are sorry you could not attend the workshop <b>{ $title }</b>. We will tell you about the next workshops.
# $mean is the mean score already written ("4.3"); $count the number of ratings.
workshop-outcome =
    Present: { $present } · Absent: { $absent } · Walk-ins: { $walk_ins }
    { $count ->
        [0] Rating: none yet
        [one] Rating: { $mean }/5 ({ $count } rating)
       *[other] Rating: { $mean }/5 ({ $count } ratings)
    }
button-roll-call = 📋 Roll call
roll-call = 📋 Roll call: tap a name to mark them present, or absent again.
# $tick: ✅ present, ⬜ not yet.
button-roll-call-person = { $tick } { $name }

## Creating a workshop (/new_workshop)

cmd-new_workshop = Create a workshop, step by step (organisers)
new-workshop-header = 🆕 <b>New workshop</b> · question { $step } of { $total }
new-workshop-ask-title = What is the workshop's <b>title</b>?
new-workshop-ask-topic = What is it <b>about</b>? A few lines for the invitees, or tap Skip.
new-workshop-ask-date = On what <b>day</b>? Write the date like { $example }.
new-workshop-ask-time = At what <b>time</b> does it start (Morocco time)? Tap a time or write one, like 09:30.
new-workshop-ask-venue = <b>Where</b> does it take place?
new-workshop-ask-audience =
    <b>Who is invited?</b> Tap roles and places to choose them; nothing chosen means everyone. Tapping a province or prefecture shows its communes.

    Invited: { $audience }
    👥 <b>{ people-count }</b>
new-workshop-ask-capacity = How many <b>seats</b>? Past the last seat, a yes goes on the waiting list. Tap a number or write one.
new-workshop-ask-reminders = When should <b>reminders</b> go? Tap Default for 7 days, 1 day and 2 hours before, or write your own, like 3d, 1d, 3h.
new-workshop-ask-deadline = Until when may invitees <b>answer</b>? Tap Default for { $default }, or write a date and time like { $example_deadline }.
new-workshop-cancel-hint = <i>/cancel stops; nothing is saved before you confirm.</i>
new-workshop-province = <b>{ $province }</b>: tap a commune to choose it or take it out.
new-workshop-summary =
    📝 <b>Please check the workshop</b>
    <b>{ $title }</b>
    📄 { $topic }
    🕘 { $when }
    📍 { $venue }
    👥 { $audience }: <b>{ people-count }</b>
    💺 Seats: { $capacity }
    ⏰ Reminders: { $reminders } before
    ✋ Answers until: { $deadline }
new-workshop-edit-which = What do you want to change?
new-workshop-use-buttons = Please use the buttons below: confirm, change an answer, or cancel.
new-workshop-no-topic = (no topic)
new-workshop-created =
    ✅ Workshop no. { $number } <b>{ $title }</b> is created.
    { $invited ->
        [0] Nobody is invited.
        [one] { $invited } person is invited.
       *[other] { $invited } people are invited.
    } { $queued ->
        [0] No invitation goes yet: each invitee gets theirs on joining the programme.
        [one] { $queued } invitation is on its way; the other invitees get theirs on joining the programme.
       *[other] { $queued } invitations are on their way; the other invitees get theirs on joining the programme.
    }
workshop-unreachable-note =
    { $count ->
        [0] No invitee has blocked the bot.
        [one] ⚠️ { $count } invitee has blocked the bot: their invitation goes if they write to us again.
       *[other] ⚠️ { $count } invitees have blocked the bot: their invitations go if they write to us again.
    }
new-workshop-cancelled = Workshop creation cancelled: nothing was saved.
dialogue-stale = This button belongs to a step you have already left, or to a finished conversation. Use the latest message.
new-workshop-nobody = Nobody in the roster fits this choice. Choose other roles or places.
# $field: title, topic, date, time, venue, audience, capacity, reminders, deadline.
new-workshop-outdated =
    Time has passed since your answers: { $field ->
        [title] please give the title again.
        [topic] please give the topic again.
        [date] please give the day again.
        [time] please give the time again.
        [venue] please give the venue again.
        [audience] please choose who is invited again.
        [capacity] please give the number of seats again.
        [reminders] please give the reminders again.
       *[deadline] please give the answer deadline again.
    }
new-workshop-field-title = Title
new-workshop-field-topic = Topic
new-workshop-field-date = Date
new-workshop-field-time = Time
new-workshop-field-venue = Venue
new-workshop-field-audience = Invited
new-workshop-field-capacity = Seats
new-workshop-field-reminders = Reminders
new-workshop-field-deadline = Deadline
button-skip = Skip ›
button-default = Default ›
button-back = ‹ Back
button-new-workshop-cancel = ✖ Cancel
button-new-workshop-confirm = ✅ Confirm and send the invitations
button-new-workshop-edit = ✏️ Change an answer
button-audience-everyone = Everyone
button-audience-done = ✅ Done ({ $count })
# $chosen: how many of its communes are chosen.
button-province =
    { $chosen ->
        [0] { $province } ›
       *[other] { $province } ({ $chosen }) ›
    }
button-whole-province =
    { $province_kind ->
        [prefecture] The whole prefecture of { $province }
       *[province] The whole province of { $province }
    }
button-workshop-details = 📊 Follow the answers
button-new-workshop = ➕ New workshop
audience-all-roles = all roles
audience-everywhere = the whole region
offset-days =
    { $n ->
        [one] { $n } day
       *[other] { $n } days
    }
offset-hours =
    { $n ->
        [one] { $n } hour
       *[other] { $n } hours
    }
offset-minutes =
    { $n ->
        [one] { $n } minute
       *[other] { $n } minutes
    }
nothing-to-cancel = There is nothing in progress to cancel.

workshop-error-title-empty = The title cannot be empty.
workshop-error-title-too-long =
    { $chars ->
        [one] The title has { $chars } character
       *[other] The title has { $chars } characters
    }; at most { $max }, please.
workshop-error-topic-too-long =
    { $chars ->
        [one] The topic has { $chars } character
       *[other] The topic has { $chars } characters
    }; at most { $max }, please.
workshop-error-western-digits-only = “{ $input }”: please write numbers with the digits 0–9.
workshop-error-bad-date = “{ $input }” is not a date. Write it like 20/01/2027.
workshop-error-no-such-date = “{ $input }” is not a day of the calendar.
workshop-error-day-in-past = { $date } has already passed.
workshop-error-date-too-far = { $date } is too far ahead; the latest possible day is { $latest }.
workshop-error-bad-time = “{ $input }” is not a time. Write it like 09:00, 9h or 9h30.
workshop-error-impossible-time = “{ $input }” is not a time of day (hours 0–23, minutes 0–59).
workshop-error-skipped-time = { $shown } does not exist: the clock jumps over it that day. Choose another time, for example { $suggested }.
workshop-error-date-in-past = { $shown } has already passed.
workshop-error-venue-empty = The venue cannot be empty.
workshop-error-venue-too-long =
    { $chars ->
        [one] The venue has { $chars } character
       *[other] The venue has { $chars } characters
    }; at most { $max }, please.
workshop-error-bad-capacity = “{ $input }” is not a number of seats.
workshop-error-capacity-zero = A workshop needs at least one seat.
workshop-error-capacity-too-large =
    { $max ->
        [one] At most { $max } seat.
       *[other] At most { $max } seats.
    }
workshop-error-bad-reminder = “{ $input }” is not a reminder time. Write days, hours or minutes before, like 7d, 1d, 2h.
workshop-error-too-many-reminders =
    { $max ->
        [one] At most { $max } reminder.
       *[other] At most { $max } reminders.
    }
workshop-error-bad-deadline = “{ $input }” is not a date and time. Write it like 19/01/2027 18:00.
workshop-error-deadline-in-past = { $shown } has already passed.
workshop-error-deadline-not-before-start = The answer deadline ({ $shown }) must come before the workshop starts ({ $start }).
# $field: audience (only the audience is chosen with buttons alone).
workshop-error-use-buttons =
    { $field ->
       *[audience] Please choose who is invited with the buttons.
    }
# $field: the answer still missing.
workshop-error-asked-too-early =
    { $field ->
        [title] Please give the title first.
        [topic] Please give the topic first.
        [date] Please give the day first.
        [time] Please give the time first.
        [venue] Please give the venue first.
        [audience] Please choose who is invited first.
        [capacity] Please give the number of seats first.
        [reminders] Please give the reminders first.
       *[deadline] Please give the answer deadline first.
    }
workshop-error-line-break = { $field }: please write it on one line, without line breaks or tabs (one was found at character { $position }).
workshop-error-control-character = { $field }: it contains an invisible control character ({ $code }, character { $position }) that cannot be recorded. Please type it again without it.
workshop-error-bidi-control = { $field }: it contains a text-direction control ({ $code }, character { $position }) that can make text display otherwise than it is written. Please type it again without it.
workshop-error-invisible = { $field }: there is no visible character in it, only spaces or invisible characters. Please type it again.

## Walk-ins and comments

button-walk-in = ➕ Someone who was not invited
walk-in-prompt = Who came to the workshop <b>{ $title }</b> without an invitation? Write part of their name, or their phone number. /cancel stops.
walk-in-none = Nobody in the roster fits “{ $typed }” (or they are already marked present). Try another spelling, or the phone number.
walk-in-matches =
    { $count ->
        [0] Nobody fits “{ $typed }”.
        [one] One person fits “{ $typed }”: tap their name to record them present.
       *[other] { $count } people fit “{ $typed }”: tap the right one to record them present.
    }
button-walk-in-person = { $name } — { $body }
walk-in-added = ✅ { $name } is recorded present at the workshop <b>{ $title }</b>.
walk-in-cancelled = Search stopped: nobody was added.
evaluation-comment-prompt = If you wish, write a comment in your next message: what was useful, what to improve.
button-no-comment = No comment
evaluation-comment-thanks = Thank you, your comment is recorded. Your next workshops: /my; your certificates: /my_training.
evaluation-comment-skipped = All right, no comment. Your next workshops: /my; your certificates: /my_training.
evaluation-error-comment-too-long =
    { $chars ->
        [one] Your comment has { $chars } character
       *[other] Your comment has { $chars } characters
    }; at most { $max }, please. Shorten it and send it again.
evaluation-error-bad-score = “{ $input }” is not a score from 1 to 5.
evaluation-error-comment-control-character = Your comment contains an invisible control character that cannot be recorded. Please type it again and send it.
evaluation-error-comment-bidi-control = Your comment contains a text-direction control character, which can make text display otherwise than it is written. Please type it again and send it.
evaluation-error-comment-invisible = Your comment has no visible character. Please write it again and send it.
workshop-comments = 💬 <b>Comments</b>
workshop-comment-line = • { $score }/5 — { $comment }

## Moving and cancelling a workshop from chat

button-reschedule = 🔁 Change the date
button-cancel-workshop = 🚫 Cancel the workshop
reschedule-ask-date = 🔁 New date for the workshop <b>{ $title }</b> (now on { $when })? Write the day like { $example }. /cancel stops.
reschedule-ask-time = At what time on { $date }? Tap a time or write one, like 09:30.
reschedule-confirm =
    🔁 Move the workshop <b>{ $title }</b>
    from { $old }
    to <b>{ $new }</b>?
    { $count ->
        [0] Nobody is invited yet.
        [one] The invitee will be told, with the new calendar file; their answer is kept and can be changed until { $deadline }.
       *[other] The { $count } invitees will be told, with the new calendar file; answers are kept and can be changed until { $deadline }.
    }
button-reschedule-confirm = ✅ Confirm the new date
reschedule-done =
    ✅ The workshop <b>{ $title }</b> now takes place on { $when }. { $told ->
        [0] Nobody needs to be told.
        [one] { $told } invitee is being told.
       *[other] { $told } invitees are being told.
    }
reschedule-cancelled = Date change abandoned: nothing changed.
workshop-change-refused-cancelled = This workshop is cancelled: it can no longer be changed.
workshop-change-refused-started = This workshop has already started: it can no longer be changed.
workshop-change-refused-past = The new date has already passed. Please choose a later one.
workshop-not-found = We cannot find this workshop: the button may be out of date.
cancel-workshop-confirm =
    🚫 Cancel the workshop <b>{ $title }</b> ({ $when })?
    { $count ->
        [0] Nobody is invited yet. This cannot be undone.
        [one] The invitee will be told and their reminders dropped. This cannot be undone.
       *[other] The { $count } invitees will be told and their reminders dropped. This cannot be undone.
    }
button-cancel-workshop-sure = 🚫 Yes, cancel it
button-keep-workshop = No, keep it
cancel-workshop-done =
    🚫 The workshop <b>{ $title }</b> is cancelled. { $told ->
        [0] Nobody needs to be told.
        [one] { $told } invitee is being told.
       *[other] { $told } invitees are being told.
    }
cancel-workshop-kept = Nothing changed: the workshop is kept.
workshop-coming = ✅ <b>Coming</b> ({ $count }):
workshop-waiting = ⏳ <b>Waiting list</b>, in order ({ $count }):
workshop-pending = ❔ <b>Not answered yet</b> ({ $count }):
workshop-person-line = • { $name } — { $body }
workshop-more-people =
    { $count ->
        [one] … and { $count } more person
       *[other] … and { $count } more people
    }
button-seats = 💺 Seats
seats-ask =
    💺 <b>{ $title }</b>: { $capacity ->
        [one] { $capacity } seat
       *[other] { $capacity } seats
    }, { $yes ->
        [one] { $yes } confirmed answer
       *[other] { $yes } confirmed answers
    }, { $waiting ->
        [one] { $waiting } person on the waiting list
       *[other] { $waiting } people on the waiting list
    }. How many seats now? Tap a number or write it.
seats-done =
    💺 The workshop <b>{ $title }</b> now has { $capacity ->
        [one] { $capacity } seat
       *[other] { $capacity } seats
    }. { $promoted ->
        [0] Nobody was waiting for a seat.
        [one] One person moved up from the waiting list and is being told.
       *[other] { $promoted } people moved up from the waiting list and are being told.
    }
seats-over =
    ⚠️ { $over ->
        [one] { $over } confirmed answer is
       *[other] { $over } confirmed answers are
    } over the new number: nobody loses a seat already given, and nobody moves up from the waiting list until seats come free.
seats-cancelled = Seats unchanged.
my-line-open =
    <b>{ $title }</b>
    🕘 { $when } · 📍 { $venue }
    { $answer } — you can answer or change it until { $deadline }.
my-more =
    { $count ->
        [one] … and { $count } more upcoming workshop.
       *[other] … and { $count } more upcoming workshops.
    }
# Funding
funding-status-header = 💰 <b>Programme funding — { $body }</b>
funding-agreement-pending = • Financing agreement: not yet approved by the council.
funding-agreement-declared = • Financing agreement: approval declared, awaiting the Region's verification.
funding-agreement-approved = • Financing agreement: approved by the council on { $date }.
funding-contribution = • Contribution: { $due } due by { $date }; paid and verified: { $paid }; outstanding: { $outstanding }.
funding-contribution-overpaid = • Contribution: { $due } due; paid and verified: { $paid }, that is { $excess } more than due.
funding-contribution-none = • Contribution: not set yet.
funding-declared = • Declared, awaiting the Region's verification: { $declared }.
funding-nothing-owed = ✅ Nothing is outstanding any more: the agreement is approved and the contribution paid. Thank you.
funding-copy = This message is addressed to the council's president, who answers for it; you receive a copy for information.
# How to pay the contribution, as the organisers wrote it (takwin contributions payment-instructions).
funding-payment-instructions =
    🏦 <b>Paying the contribution</b>
    { $instructions }
funding-payment-instructions-default =
    🏦 <b>Paying the contribution</b>
    The contribution is transferred to the Fès-Meknès Regional Council's account at the Treasury (Trésorerie générale du Royaume), following the spending procedure of territorial authorities. For the account's details or any question, please contact the Region's continuous training service.
payment-instructions-refused = The payment instructions were not saved: { $problem }
funding-answer-prompt = Once the council has approved the agreement or the transfer is made, please let us know. You may also ask us to remind you later.
button-funding-remind-week = 🗓 Remind me in a week
button-funding-remind-fortnight = 🗓 In two weeks
button-funding-contact = 📞 Please contact me
funding-promise-done = Noted: no further reminder before { $date }.
funding-contact-done = Your request has been passed on to the organisers, who will contact you.
funding-presidents-only = Only the president answers for the commune or council.
funding-no-body = This concerns the presidents of communes and councils.
alert-funding-contact =
    📞 <b>Contact request</b> about the programme's funding
    { $name } — { $person_title }
    Phone: { $phone }
    Please call back on this number.
cmd-commune = Your commune's funding status
cmd-commune-council = Your council's funding status
button-funding-transfer = 💸 Transfer made
funding-transfer-ask-amount = How much was transferred? Please write the amount in dirhams, e.g. 12 500,00. (/cancel to stop)
funding-transfer-ask-reference = Please write the bank's reference of the transfer.
money-error-empty = No amount was written.
money-error-not-an-amount = This is not an amount in dirhams: write it as 12500 or 12 500,00.
money-error-ambiguous = This amount can be read as thousands or as decimals: write 12500 or 12 500,00 for twelve thousand five hundred dirhams, and 12,50 for twelve dirhams fifty.
money-error-too-precise = An amount stops at centimes: at most two digits after the decimal comma, e.g. 12 500,50.
money-error-not-positive = The amount must be more than zero.
money-error-too-large = This amount is too large: please check it.
funding-transfer-declared = Declared: { $amount }, reference { $reference }. The Region's finance service will verify it, and we will let you know.
funding-transfer-already = This transfer is already recorded: { $amount }, reference { $reference }. A transfer is recorded once; nothing was added.
# $standing: verified or declared.
funding-reference-taken = The reference { $reference } is already recorded for this body: { $amount } on { $date }, { $standing ->
        [verified] verified by the Region
       *[declared] declared and awaiting the Region's verification
    }. A transfer is recorded once: nothing was added.
funding-corrected-by-region = If those details are wrong, please tell the Region's finance service, which will correct them (“Please contact me” under /commune). Another transfer has a reference of its own: please check it.
funding-correct-with = If those details are wrong, correct them with: { $command }
# $field: reference, session or decision.
funding-text-empty = { $field ->
        [reference] The reference
        [session] The session
       *[decision] The decision's number
    } is empty: please write it.
funding-text-too-long = { $field ->
        [reference] The reference
        [session] The session
       *[decision] The decision's number
    } has { $chars ->
        [one] { $chars } character
       *[other] { $chars } characters
    }; at most { $max }, please.
funding-text-line-break = { $field ->
        [reference] The reference
        [session] The session
       *[decision] The decision's number
    }: please write it on one line, without line breaks or tabs (one was found at character { $position }).
funding-text-control-character = { $field ->
        [reference] The reference
        [session] The session
       *[decision] The decision's number
    } contains an invisible control character ({ $code }, character { $position }) that cannot be recorded. Please type it again without it.
funding-text-bidi-control = { $field ->
        [reference] The reference
        [session] The session
       *[decision] The decision's number
    } contains a text-direction control ({ $code }, character { $position }) that can make text display otherwise than it is written. Please type it again without it.
funding-text-invisible = { $field ->
        [reference] The reference
        [session] The session
       *[decision] The decision's number
    } has no visible character, only spaces or invisible characters. Please type it again.
funding-transfer-cancelled = The declaration was cancelled; nothing was recorded.
funding-declared-alert = 💸 { $body } declares a transfer of { $amount } (reference { $reference }). To verify it: /declarations
declarations-none = No declaration awaits verification.
declaration-line = 💸 { $body }: { $amount }, reference { $reference }, declared on { $date }.
button-declaration-confirm = ✅ Confirm
button-declaration-reject = ❌ Reject
declaration-ask-reason = Why is this transfer rejected? The president will receive your answer. (/cancel to stop)
declaration-confirmed = ✅ Transfer confirmed; the president is told.
declaration-rejected = ❌ Transfer rejected; the president is told why.
declaration-already = This declaration has already been confirmed or rejected.
declaration-reject-cancelled = Nothing was rejected.
funding-payment-confirmed = ✅ Your transfer of { $amount } (reference { $reference }) is confirmed by the Region. Thank you.
funding-payment-rejected = ❌ Your transfer of { $amount } (reference { $reference }) could not be confirmed: { $reason }. Please check it with your finance service; reminders resume meanwhile.
finance-only = This is for the Region's finance officers. Send /help to see what you can do.
cmd-declarations = Declarations to verify (finance officers)
contributions-header = 💰 <b>Programme funding</b>
contributions-region = The whole region
contributions-line =
    <b>{ $name }</b>: { $bodies ->
        [one] { $bodies } body
       *[other] { $bodies } bodies
    }, agreement approved by { $approved }; paid in full { $full }, in part { $partly }, nothing yet { $nothing }.
    Due { $due }; paid { $paid }; outstanding { $outstanding }.
cmd-contributions = Funding per province or prefecture (organisers, finance officers)
button-funding-approved = ✅ Approved by the council
funding-approval-ask-date = On which day did the council approve the financing agreement? Please write the date, e.g. 12/05/2026. (/cancel to stop)
funding-approval-bad-date = This is not a day of the calendar: write it as 12/05/2026.
funding-approval-declared = Declared: the council approved the agreement on { $date }. The Region's finance service will verify it, and we will let you know.
funding-day-in-future = { $date } is after today ({ $today }): only a transfer made or a vote held is recorded. Please check the date.
funding-day-before-programme = { $date } is before the programme began ({ $earliest }). Please check the date, its year in particular.
funding-approval-already = This approval is already recorded: the council's vote of { $date }. Nothing was added.
# $standing: verified or declared.
funding-approval-stands = The approval of the financing agreement is already recorded for this body: the council's vote of { $date }, { $standing ->
        [verified] verified by the Region
       *[declared] declared and awaiting the Region's verification
    }. A body has one approval: nothing was added.
funding-approval-alert = ✅ { $body } declares that its council approved the financing agreement on { $date }. To verify it: /declarations
declaration-approval-line = ✅ { $body }: agreement approved by the council on { $date }.
funding-approval-confirmed = ✅ The approval of the financing agreement by your council on { $date } is confirmed by the Region. Thank you.
funding-approval-rejected = ❌ The approval of the financing agreement declared for { $date } could not be confirmed: { $reason }. Reminders resume meanwhile.
# $month: the month (and year) the reader's council opens its next ordinary session.
funding-session-reminder = 🏛 Your council holds its ordinary session in the first week of { $month }. We would be grateful if you would place the programme's financing agreement on the agenda of that session.
funding-escalation-header =
    ⚠️ <b>Programme funding — { $province }</b>
    { $bodies ->
        [one] { $bodies } body has
       *[other] { $bodies } bodies have
    } left { $n ->
        [one] a reminder
       *[other] { $n } reminders or more
    } unanswered.
funding-escalation-line = • <b>{ $body }</b>: { $count ->
        [one] { $count } reminder
       *[other] { $count } reminders
    } without an answer.
funding-escalation-outstanding = Outstanding: { $outstanding }.
funding-escalation-agreement = The financing agreement is not yet approved.
funding-escalation-president = President: { $name }, { $phone }
funding-escalation-footer = We would be grateful if you would follow this up with them. The Region's organisers receive the same figures.
funding-summary-header = 📊 <b>Programme funding: the week's summary</b>
funding-summary-silent = ⚠️ { $bodies ->
        [one] { $bodies } body has
       *[other] { $bodies } bodies have
    } left { $n ->
        [one] a reminder
       *[other] { $n } reminders or more
    } unanswered; the Secretaries-General of their provinces have been sent the list.
funding-summary-none-silent = No body has left { $n ->
        [one] a reminder
       *[other] { $n } reminders
    } unanswered.
contributions-body-line = { $agreement ->
        [approved] ✅
        [declared] ⏳
       *[pending] ▫️
    } <b>{ $body }</b>: agreement { $agreement ->
        [approved] approved
        [declared] declared, awaiting verification
       *[pending] not approved
    }; paid { $paid } of { $due }; outstanding { $outstanding }.
funding-approval-ask-session = At which session did the council vote? Please tap it, or write it.
council-session-january = Ordinary session of January
council-session-february = Ordinary session of February
council-session-may = Ordinary session of May
council-session-june = Ordinary session of June
council-session-september = Ordinary session of September
council-session-october = Ordinary session of October
council-session-extraordinary = Extraordinary session
# A session button of a month the reader's kind of council does not sit in (an alert: plain text).
council-session-not-held = Your council holds no ordinary session that month. Please tap one of the sessions offered.
funding-approval-ask-decision = What is the number of the council's decision (e.g. 12/2026)? Please write it, or tap "No number".
button-approval-no-decision = No number
declaration-approval-session = Session: { $session }
declaration-approval-decision = Decision no. { $decision }
funding-transfer-ask-receipt = If you have it, please send a photo of the bank's receipt; otherwise tap "No receipt".
button-funding-no-receipt = No receipt

## Announcements
broadcast-refused-empty-audience = This audience reaches nobody in the roster: nothing was sent.
broadcast-refused-past = That time has already passed: nothing was scheduled.
broadcast-refused-never = This repeat rule matches no date: nothing was scheduled.
broadcast-refused-not-found = There is no announcement with that number.
broadcast-refused-cancelled = This announcement was already cancelled.
broadcast-refused-sent = This announcement has already gone to everyone: there is nothing left to cancel.
broadcast-refused-empty = The announcement has no text: nothing was sent.
broadcast-refused-too-long = The announcement is longer than Telegram allows in one message (4,096 characters, 1,024 under a photo or a document): please shorten it.
broadcast-refused-control-character = The announcement holds an invisible control character ({ $code }, character { $position }) that cannot be sent: please write it again without it.
broadcast-refused-bidi-control = The announcement holds a text-direction control ({ $code }, character { $position }) that can make it display otherwise than it is written: please write it again without it.
broadcast-formatting-less-than = The announcement's formatting is refused at character { $position }: a sign &lt; is read there as the start of a formatting tag. To show the sign itself, write &amp;lt; in its place.
broadcast-formatting-greater-than = The announcement's formatting is refused at character { $position }: a sign &gt; stands there outside any formatting tag. To show the sign itself, write &amp;gt; in its place.
broadcast-formatting-unknown-tag = The announcement's formatting is refused at character { $position }: { $tag } is not a tag Telegram knows (b, i, u, s, a, code, pre, blockquote, tg-spoiler, tg-emoji).
broadcast-formatting-attributes = The announcement's formatting is refused at character { $position }: { $tag } has attributes Telegram does not take; it takes { $expected }.
broadcast-formatting-no-attributes = The announcement's formatting is refused at character { $position }: { $tag } takes no attribute.
broadcast-formatting-crossed = The announcement's formatting is refused at character { $position }: { $tag } comes while { $open } is still open; tags close in the reverse order of their opening.
broadcast-formatting-closes-nothing = The announcement's formatting is refused at character { $position }: { $tag } closes no tag.
broadcast-formatting-never-closed = The announcement's formatting is refused at character { $position }: { $tag } is never closed.
broadcast-formatting-unknown-reference = The announcement's formatting is refused at character { $position }: { $reference } is not a reference Telegram knows (&amp;lt; &amp;gt; &amp;amp; &amp;quot; or a number). To show the sign &amp; itself, write &amp;amp; in its place.
broadcast-formatting-not-a-character = The announcement's formatting is refused at character { $position }: { $reference } stands for no character.
broadcast-formatting-nested = The announcement's formatting is refused at character { $position }: { $tag } cannot be inside { $open } (no link inside a link, nothing formatted inside code, no quotation inside a quotation).
broadcast-formatting-pre-code = The announcement's formatting is refused at character { $position }: inside &lt;pre&gt;, a &lt;code&gt; must hold the whole block, as in &lt;pre&gt;&lt;code class="language-python"&gt;…&lt;/code&gt;&lt;/pre&gt;.
broadcast-formatting-language = The announcement's formatting is refused at character { $position }: a language goes only on a &lt;code&gt; directly inside &lt;pre&gt;, as in &lt;pre&gt;&lt;code class="language-python"&gt;…&lt;/code&gt;&lt;/pre&gt;.
broadcast-formatting-link = The announcement's formatting is refused at character { $position }: the link { $link } is not an address Telegram opens (http://, https:// or tg://).
cmd-broadcast = Write an announcement (organisers)
cmd-broadcasts = Announcements and their delivery (organisers)
broadcast-ask-text =
    📣 <b>New announcement</b>
    Please write the text in { $language }. Bold, italics and links are kept. A photo or a document may go with it: send it, and the text will be its caption.
    <i>/cancel stops; nothing is sent before you confirm.</i>
broadcast-text-saved =
    ✅ Text in { $language } recorded.
    Each person receives the version in their language, or else the first one written. Add a version in another language, or choose the audience.
button-broadcast-version = ➕ { $language } version
button-broadcast-audience = 👥 Choose the audience ›
broadcast-ask-audience =
    📣 <b>Who receives the announcement?</b> Tap roles and places to choose them; nothing chosen means everyone. Tapping a province or prefecture shows its communes.

    Audience: { $audience }
    👥 <b>{ people-count }</b>
broadcast-preview-intro = 👁 Below, the announcement exactly as its recipients will see it.
broadcast-ready =
    📣 <b>Ready to send</b>
    👥 { $audience }: <b>{ people-count }</b>
    { $unreachable ->
        [0] All of them can be reached.
        [one] { $unreachable } of them cannot be reached (not joined yet, or blocked the bot).
       *[other] { $unreachable } of them cannot be reached (not joined yet, or blocked the bot).
    }
button-broadcast-send-now = 📤 Send now
button-broadcast-schedule = 🗓 Schedule
broadcast-ask-when =
    🗓 When should it go? Write a day and time, like { $example_deadline }.
    For an announcement that repeats, write a repeat rule of five parts separated by spaces: minute, hour, day of the month, month, day of the week (1 = Monday … 5 = Friday), with * for “every”. For example 0 9 * * 1: every Monday at 09:00; 30 8 1 * *: the 1st of every month at 08:30.
broadcast-when-refused = “{ $input }” is neither a day and time to come (like { $example_deadline }) nor a repeat rule (like 0 9 * * 1: every Monday at 09:00).
broadcast-attached-photo = 📎 Photo attached: the text will be its caption, 1,024 characters at most.
broadcast-attached-document = 📎 Document attached ({ $name }): the text will be its caption, 1,024 characters at most.
broadcast-refused-file = An announcement can carry a photo or a document, not this kind of file: please send a photo, a document or the text.
broadcast-refused-caption-too-long = Under a photo or a document Telegram accepts only 1,024 characters of text, and a text already written is longer: the file was not attached. Start again with /broadcast and a shorter text, or send the announcement without a file.
broadcast-use-buttons = Please use the buttons of the last message.
broadcast-scheduled = 🗓 Announcement no. { $number } will go on { $when }.
broadcast-recurring = 🔁 Announcement no. { $number } will go by the repeat rule “{ $input }”; first on { $when }.
broadcast-report =
    📣 Announcement no. { $number }: being sent
    📤 Sent: { $sent } · ⏳ Waiting: { $queued } · ❌ Failed: { $failed } · ⛔ Blocked the bot: { $blocked } · 📵 Not reachable: { $unreachable }
broadcast-report-done =
    ✅ Announcement no. { $number }: delivered
    📤 Sent: { $sent } · ❌ Failed: { $failed } · ⛔ Blocked the bot: { $blocked } · 📵 Not reachable: { $unreachable }
broadcast-report-cancelled =
    🚫 Announcement no. { $number }: cancelled
    📤 Sent: { $sent } · ❌ Failed: { $failed } · ⛔ Blocked the bot: { $blocked } · 📵 Not reachable: { $unreachable }
broadcast-cancelled = Announcement cancelled: nothing was sent.
broadcasts-none = No announcement yet.
broadcasts-header = 📣 <b>Announcements</b>
broadcasts-line =
    <b>No. { $number }</b> · { $audience } · { $status }
    📤 { $sent } · ⏳ { $queued } · ❌ { $failed } · ⛔ { $blocked } · 📵 { $unreachable }
broadcast-status-scheduled = 🗓 on { $when }
broadcast-status-recurring = 🔁 rule “{ $input }”, next on { $when }
broadcast-status-sending = 📤 being sent
broadcast-status-done = ✅ delivered
broadcast-status-cancelled = 🚫 cancelled
button-broadcast-cancel = 🚫 Cancel no. { $number }
broadcast-cancel-done = Announcement no. { $number } is cancelled: nothing more is sent.
broadcast-audience-owing = communes and councils whose agreement or contribution is still pending
# $among: all, no-answer, yes, no, present, absent.
broadcast-audience-workshop =
    { $among ->
        [no-answer] invitees of “{ $title }” who have not answered
        [yes] invitees of “{ $title }” who said yes
        [no] invitees of “{ $title }” who said no
        [present] those who came to “{ $title }”
        [absent] invitees of “{ $title }” who did not come
       *[all] invitees of “{ $title }”
    }
button-broadcast-owing = 💰 Agreement or contribution pending
button-broadcast-workshop =
    { $among ->
        [no-answer] 🎓 { $title }: no answer
        [yes] 🎓 { $title }: yes
        [no] 🎓 { $title }: no
        [present] 🎓 { $title }: present
        [absent] 🎓 { $title }: absent
       *[all] 🎓 { $title }: invitees
    }

## Programme report and charts
report-title = Continuous training of elected officials: programme report
report-cover-all-provinces = All provinces and prefectures of the Region
report-cover-province = { $province_kind ->
        [prefecture] Prefecture of { $province }
       *[province] Province of { $province }
    }
report-cover-whole-programme = Since the programme began
report-cover-period = From { $from } to { $to }
report-cover-since = Since { $from }
report-cover-until = Until { $to }
report-cover-made = Made on { $today }
report-page = Page { $page } of { $pages }
report-section-key-figures = Key figures
report-section-months = Month by month
report-section-provinces = Attendance per province or prefecture
report-section-communes = Attendance per commune
report-section-workshops = Workshops held
report-section-evaluations = Evaluations
report-section-comments = Comments (anonymous)
report-section-funding = Funding per signing commune or council
report-nothing-held = No workshop was held in this period.
report-no-comments = No comment was written.
report-figure-held = { $count ->
        [one] workshop held
       *[other] workshops held
    }
report-figure-invited = { $count ->
        [one] invitation
       *[other] invitations
    }
report-figure-present = { $count ->
        [one] participant
       *[other] participants
    }
report-figure-rate = attendance of those invited
report-figure-rating = mean rating, out of 5
report-figure-approved = { $bodies ->
        [one] agreement approved, of { $bodies } commune or council
       *[other] agreements approved, of { $bodies } communes and councils
    }
report-figure-paid = paid, of { $due } due
report-column-province = Province / Prefecture
report-column-commune = Commune
report-column-invited = Invited
report-column-yes = Yes
report-column-no = No
report-column-no-answer = No answer
report-column-present = Present
report-column-walk-ins = Walk-ins
report-column-rate = Rate
report-column-workshop = Workshop
report-column-date = Date
report-column-venue = Venue
report-column-rating = Rating
report-column-ratings = Ratings
report-column-score = Score
report-column-comment = Comment
report-column-body = Commune or council
report-column-agreement = Agreement
report-column-due = Due
report-column-paid = Paid
report-column-outstanding = Outstanding
report-column-month = Month
report-column-held = Workshops
report-agreement = { $standing ->
        [approved] approved
        [declared] declared
       *[pending] pending
    }
report-province-staff = { $province_kind ->
        [prefecture] prefecture's services
       *[province] province's services
    }
report-refused-unknown-province = There is no province or prefecture “{ $province }” in the roster. Those in the roster are: { $known }.
report-refused-from-after-to = The period ends ({ $to }) before it begins ({ $from }): please swap the two dates.
chart-provinces = Attendance per province or prefecture
chart-provinces-note = Share of those invited who came; after each bar, the rate.
chart-answers = Answers to the invitations
chart-answers-note = { $count ->
        [one] The latest workshop; after its bar, those who said yes of those invited.
       *[other] The { $count } latest workshops; after each bar, those who said yes of those invited.
    }
chart-ratings = Ratings of the workshops
chart-ratings-note = { $count ->
        [one] The latest workshop rated; after its bar, the mean rating out of 5.
       *[other] The { $count } latest workshops rated; after each bar, the mean rating out of 5.
    }
chart-funding = Funding per province or prefecture
chart-funding-note = Communes and councils by what they have paid; after each bar, the agreements approved.
chart-months = Participants month by month
chart-months-note = Officials present at the workshops of each month; after each bar, how many workshops.
chart-series-present = present
chart-series-absent = absent
chart-series-yes = yes
chart-series-no = no
chart-series-no-answer = no answer
chart-series-score = { $score } of 5
chart-series-full = paid in full
chart-series-partly = paid in part
chart-series-nothing = nothing paid
chart-series-participants = participants
chart-question-note = { $count ->
        [one] { $title }: one answer.
       *[other] { $title }: { $count } answers.
    }
chart-series-answers = answers
chart-figure-held = { $count ->
        [one] 1 workshop
       *[other] { $count } workshops
    }

## Weekly digest
cmd-report = The programme's charts (organisers)
cmd-report-province = The charts of your province or prefecture
report-readers-only = The charts are for the programme's organisers and the Secretaries-General of the provinces and prefectures.
digest-title-region = <b>📊 Weekly digest of the programme</b>
    { $date }
digest-title-province = <b>📊 Weekly digest: { $province_kind ->
        [prefecture] Prefecture of { $province }
       *[province] Province of { $province }
    }</b>
    { $date }
digest-held = <b>Held in the last seven days</b> (🙋 present/invited · 🚶 walk-ins)
digest-held-line = • { $date } · { $title }: 🙋 { $present }/{ $invited } · 🚶 { $walk_ins }
digest-coming = <b>Coming in the next two weeks</b> (✅ yes · ❌ no · ⏳ no answer yet)
digest-coming-line = • { $date } · { $title }: ✅ { $yes } · ❌ { $no } · ⏳ { $pending }
digest-funding = <b>Funding verified this week</b>
digest-funding-transfer = • { $body }: transfer of { $amount }
digest-funding-approval = • { $body }: agreement approved by the council
digest-call = <b>To call by phone</b>: neither the president nor the finance staff of these communes and councils joined Telegram, so no reminder reaches them.
digest-call-line = • { $name } ({ $person_title }), { $phone }
digest-call-nobody = • { $body }: nobody on the roster to call
digest-more = { $count ->
        [one] … and one more.
       *[other] … and { $count } more.
    }
button-digest-stop = 🔕 Stop the weekly digest
button-digest-resume = 🔔 Resume the weekly digest
digest-stopped = The weekly digest is stopped. The button below resumes it.
digest-resumed = The weekly digest is on again: it comes on Monday mornings.

## Evaluation forms

# After the workshop, to those present, when the organiser wrote questions. $count: how many.
evaluation-form-request =
    🙏 Thank you for attending the workshop <b>{ $title }</b>.
    Your opinion matters to us: { $count ->
        [one] one question, answered with the buttons.
       *[other] { $count } questions, answered with the buttons.
    }
# $left: how many questions are not answered yet.
evaluation-form-reminder = A reminder: your opinion of the workshop <b>{ $title }</b> matters to us. { $left ->
        [one] One question remains.
       *[other] { $left } questions remain.
    }
evaluation-form-question =
    <b>Question { $number } of { $count }</b>
    { $text }
evaluation-form-scale-hint = From 1 (poor) to 5 (excellent):
evaluation-form-thanks = Thank you! Your answers are recorded.
evaluation-form-closed = The evaluation of this workshop is closed: answers are taken for two weeks after it.
workshop-comment-line-unrated = • { $comment }
button-new-workshop-form = 📝 Evaluation form
new-workshop-summary-form-default = 📝 Evaluation: the default form (a rating from 1 to 5, and a comment)
new-workshop-summary-form = 📝 Evaluation: { $count ->
        [one] one question, and a comment
       *[other] { $count } questions, and a comment
    }
new-workshop-form =
    📝 <b>Evaluation form</b>
    After the workshop, those present answer it with buttons, then may add a comment.

    { $questions }
new-workshop-form-default = The default form: one rating from 1 (poor) to 5 (excellent).
new-workshop-form-kind-scale = scale from 1 to 5
new-workshop-form-line = { $number }. { $text } — { $kind }
new-workshop-form-ask-question = Please type question { $number }, in one line (at most { $max ->
        [one] { $max } character).
       *[other] { $max } characters).
    }
new-workshop-form-ask-kind = How is “{ $text }” answered?
new-workshop-form-ask-options = Please type the options, separated by / or one per line (for example: Yes / No / Partly): 2 to 6 options, each at most 40 characters, to fit on a button.
button-form-add = ➕ Add a question
button-form-default = ↺ Default form
button-form-done = ✅ Done
button-form-scale = Scale 1–5
button-form-choices = Choices
form-error-too-many-questions = A form has at most { $max ->
        [one] { $max } question.
       *[other] { $max } questions.
    }
form-error-question-empty = The question is empty. Please type it again.
form-error-question-too-long = The question has { $chars ->
        [one] { $chars } character
       *[other] { $chars } characters
    }: at most { $max }. Please shorten it.
form-error-question-line-break = The question must be on one line. Please type it again.
form-error-question-character = The question contains an invisible control or text-direction character (character { $position }). Please type it again.
form-error-no-kind = Question { $question }: say how it is answered at its end, [scale] or [Yes/No/…] (“{ $text }”).
form-error-too-few-options = A choice needs at least { $min ->
        [one] { $min } option.
       *[other] { $min } options, separated by /.
    }
form-error-too-many-options = { $count ->
        [one] { $count } option
       *[other] { $count } options
    }: at most { $max } fit as buttons.
form-error-option-empty = Option { $option } is empty. Please type the options again.
form-error-option-too-long = The option “{ $text }” has { $chars ->
        [one] { $chars } character
       *[other] { $chars } characters
    }: a button shows at most { $max }. Please shorten it.
form-error-option-character = Option { $option } contains a line break or an invisible control character (character { $position }). Please type the options again.
form-error-duplicate-option = The option “{ $text }” is written twice.
## Certificates and training records

cmd-my_training = Your training record and certificates
certificate-issuer = Fès-Meknès Region — Regional Council
certificate-programme = Continuous training programme for elected officials
certificate-heading = Certificate of attendance
certificate-certifies = The Regional Council of Fès-Meknès certifies that
certificate-person-title = { $person_title }
certificate-attended = attended the training workshop
certificate-date = Date: { $date }
certificate-place = Place: { $venue }
certificate-duration = Duration: { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    }
certificate-code = Verification code: { $certificate }
certificate-verify = The Region's continuous-training service confirms this code on request.
certificate-issued = Issued on { $today }
certificate-caption =
    🎓 <b>Certificate of attendance</b>
    { $title }, { $date }.
    Verification code: <code>{ $certificate }</code>
certificate-refused-not-attended = No attendance of yours is recorded at this workshop, or it is not over yet: there is no certificate for it.
certificate-refused-unknown-code = No certificate has this code: { $certificate }. Please check it as printed on the certificate (TKW, then two groups of four letters and digits).
my-training-empty = No workshop attended is recorded for you yet. After each workshop where your attendance is recorded, its certificate is sent to you here.
my-training =
    🎓 <b>Your training record</b>
    { $count ->
        [one] { $count } workshop attended
       *[other] { $count } workshops attended
    }, { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    } of training in all.
my-training-line = • { $date } — <b>{ $title }</b>, { $venue }
my-training-buttons = Tap a workshop to receive its certificate again.
button-certificate = 🎓 { $date } · { $title }
