# Takwin — الرسائل بالعربية.
#
# Each message is sent with Telegram's HTML parse mode: only <b>, <i>, <a>,
# <code> tags, and never a bare "&", "<" or ">" in the text itself.
# Variables are filled by src/i18n/mod.rs, which escapes user text and wraps
# every text variable (names, titles, dates) in FSI … PDI so that a Latin name
# keeps its order in right-to-left text. Numbers are not wrapped: a bare number
# stays in order, and so do "20/40" and "09:30" (a slash or a colon between
# two numbers joins them), whereas a wrapped number becomes neutral and a
# wrapped 20, a slash and a wrapped 40 show as 40/20.
#
# Moroccan usage: Western digits, months يناير … دجنبر, and the respectful
# plural (أنتم) when addressing an official. The administration speaks as
# "we" (نحن), never "I".
#
# Phones choose a line's direction from its first letter outside the wrapped
# variables. A line with no Arabic word of its own (an emoji and a date, a
# bullet and a name, a title alone) would be laid out left to right, so it
# starts with { -rlm }, an invisible RIGHT-TO-LEFT MARK (U+200F), or with an
# Arabic label («الموعد:»).
#
# A command such as /help inside a right-to-left line is displayed "help/"
# unless a strong left-to-right character precedes the slash; -lrm is an
# invisible LEFT-TO-RIGHT MARK (U+200E) that keeps "/help" readable without
# stopping Telegram from recognising the command. An example to copy that
# mixes numbers and a space ("19/01/2027 18:00") is held together, left to
# right, between { -lri } and { -pdi }.
#
# Arrows: ‹ and › are mirrored in right-to-left text, so buttons use ← (on,
# forward) and → (back), which are not.
#
# Counted nouns follow the six CLDR forms: 0 zero, 1 one, 2 two (dual),
# n % 100 in 3–10 few (genitive plural), n % 100 in 11–99 many (accusative
# singular), the rest other (genitive singular): 3 أشخاص، 11 شخصا، 100 شخص،
# 103 أشخاص. Select on PLURAL($n), not on $n: the plural rules bundled with
# Fluent forget the "% 100" for Arabic (src/i18n/mod.rs, plural_category).
#
# Fès and Meknès are prefectures (عمالة), the others provinces (إقليم):
# $province_kind is "prefecture" or "province".
-lrm = { "\u200E" }
-rlm = { "\u200F" }
-lri = { "\u2066" }
-pdi = { "\u2069" }

## الانضمام

welcome-stranger =
    مرحبا بكم في <b>«تكوين»</b>، برنامج التكوين المستمر لأعضاء المجالس المنتخبة بجهة فاس-مكناس.

    حساب تيليغرام هذا غير مرتبط بالبرنامج بعد. لربطه، افتحوا رابط الدعوة الشخصي الذي توصلتم به من البرنامج، أو اضغطوا على الزر أدناه لمشاركة رقم هاتفكم.

button-share-phone = 📱 مشاركة رقم هاتفي

join-refused-code =
    رابط الدعوة هذا غير صالح، أو سبق استعماله لربط حساب آخر.
    المرجو التحقق من الرابط، أو الاتصال بمصلحة التكوين المستمر بالجهة.

join-refused-phone =
    عذرا، رقم الهاتف هذا غير مدرج في لائحة البرنامج.
    إذا كان رقم آخر هو المسجل باسمكم في اللائحة، فالمرجو فتح رابط الدعوة الشخصي الذي توصلتم به من البرنامج؛ وإلا فالمرجو الاتصال بمصلحة التكوين المستمر بالجهة. وقد تم إخبار المنظمين بذلك.

join-refused-not-own-contact = هذه جهة اتصال شخص آخر. لا يمكن استعمال إلا رقم هاتفكم الخاص: اضغطوا على الزر أدناه.

join-already-linked = حساب تيليغرام هذا مرتبط من قبل باسم { $name }. أرسلوا { -lrm }/help لمعرفة ما يمكنكم القيام به.

join-welcome =
    مرحبا بكم، <b>{ $name }</b>!
    تم تسجيلكم بصفتكم { $person_title }.

## اللغة

language-prompt = المرجو اختيار لغتكم:
language-set = تم اعتماد اللغة العربية. أرسلوا { -lrm }/help لمعرفة ما يمكنكم القيام به.
language-name-ar = العربية
language-name-fr = Français
language-name-en = English
# اسم اللغة داخل جملة («النص باللغة الفرنسية»).
language-called-ar = العربية
language-called-fr = الفرنسية
language-called-en = الإنجليزية

## المساعدة والملف الشخصي

# /help: under each heading, the lines of the commands the reader may use (src/telegram/menu.rs
# chooses them, as it chooses their command menu). Each line names its command.
help-section-own = <b>ما يمكنكم القيام به</b>
help-section-organiser = <b>خاص بالمنظمين</b>
help-section-finance-officer = <b>خاص بالمصلحة المالية للجهة</b>
help-section-secretary-general = <b>خاص بالكتاب العامين للعمالات والأقاليم</b>
help-line-my = • ورشاتكم المقبلة وأجوبتكم: { -lrm }/my
help-line-history = • الورشات التي حضرتموها أو فاتتكم: { -lrm }/history
help-line-my_training = • مساركم التكويني وشهاداتكم: { -lrm }/my_training
help-line-commune = • تمويل جماعتكم (الاتفاقية والمساهمة): { -lrm }/commune
help-line-commune-council = • تمويل مجلسكم (الاتفاقية والمساهمة): { -lrm }/commune
help-line-help = • هذه اللائحة: { -lrm }/help
help-line-me = • ملفكم الشخصي: { -lrm }/me
help-line-language = • تغيير اللغة: { -lrm }/language
help-line-stop = • التوقف عن تلقي رسائل البرنامج: { -lrm }/stop
help-line-workshops = • الورشات المقبلة وأعداد الأجوبة: { -lrm }/workshops
help-line-new_workshop = • إحداث ورشة جديدة خطوة بخطوة: { -lrm }/new_workshop
help-line-checkin = • فتح تسجيل الحضور في ورشة اليوم: { -lrm }/checkin
help-line-joined = • من انضم، حسب الجماعة: { -lrm }/joined
help-line-broadcast = • تحرير إعلان ومعاينته وإرساله أو برمجته: { -lrm }/broadcast
help-line-broadcasts = • الإعلانات وإرسالها: { -lrm }/broadcasts
help-line-contributions = • التمويل حسب الإقليم (الاتفاقيات المصادق عليها والمساهمات المؤداة): { -lrm }/contributions
help-line-report = • الرسوم البيانية للبرنامج: { -lrm }/report
help-line-audit = • آخر عمليات المنظمين: { -lrm }/audit
help-line-declarations = • التحويلات والمصادقات المصرح بها، للتحقق منها: { -lrm }/declarations
help-line-report-province = • الرسوم البيانية للبرنامج في { $province_kind ->
        [prefecture] عمالتكم
       *[province] إقليمكم
    }: { -lrm }/report

# Told to a person who has joined when an appointment is granted or withdrawn (takwin
# organiser add|remove, takwin finance-officer add): /help then lists their commands and
# updates their command menu.
help-appointed-organiser = ✅ تم تسجيل تعيينكم ضمن منظمي البرنامج. للاطلاع على الأوامر الخاصة بالمنظمين أرسلوا { -lrm }/help، وستُحيَّن لائحة الأوامر في الوقت نفسه.
help-appointed-finance_officer = ✅ تم تسجيل تعيينكم ضمن المصلحة المالية للجهة، التي تتحقق مما تصرح به الجماعات والمجالس. للاطلاع على الأوامر الخاصة بها أرسلوا { -lrm }/help، وستُحيَّن لائحة الأوامر في الوقت نفسه.
help-withdrawn-organiser = انتهى تعيينكم ضمن منظمي البرنامج. للاطلاع على الأوامر المتاحة لكم أرسلوا { -lrm }/help، وستُحيَّن لائحة الأوامر في الوقت نفسه.
help-withdrawn-finance_officer = انتهى تعيينكم ضمن المصلحة المالية للجهة. للاطلاع على الأوامر المتاحة لكم أرسلوا { -lrm }/help، وستُحيَّن لائحة الأوامر في الوقت نفسه.

me-profile =
    <b>ملفكم الشخصي</b>
    الاسم: { $name }
    الصفة: { $person_title }
    { $province_kind ->
        [prefecture] العمالة
       *[province] الإقليم
    }: { $province }
    الهاتف: { $phone }
    اللغة: { $language }

## فك الارتباط

stop-confirm = هل تريدون فك ارتباط حساب تيليغرام هذا بالبرنامج؟ لن تتوصلوا بعد ذلك بالدعوات ولا بالتذكيرات.
button-stop-yes = نعم، فك الارتباط
button-stop-no = لا، الإبقاء عليه
stop-done = تم فك ارتباط هذا الحساب بالبرنامج. للعودة، افتحوا رابط الدعوة الشخصي من جديد، أو أرسلوا { -lrm }/start وشاركوا رقم هاتفكم.
stop-kept = لم يتغير شيء: حسابكم ما يزال مرتبطا بالبرنامج.

## الرفض والأخطاء

organiser-only = هذا الأمر خاص بمنظمي البرنامج. أرسلوا { -lrm }/help لمعرفة ما يمكنكم القيام به.
not-joined = حسابكم غير مرتبط بالبرنامج بعد. افتحوا رابط الدعوة الشخصي، أو أرسلوا { -lrm }/start وشاركوا رقم هاتفكم.
unknown-input = عذرا، لم نفهم طلبكم. أرسلوا { -lrm }/help لمعرفة ما يمكنكم القيام به.
error-generic = عذرا، حدث خلل من جهتنا. المرجو إعادة المحاولة بعد لحظات.
# Plain-text alert when an old button is tapped (no HTML, at most 200 characters).
button-stale = هذا الزر لم يعد صالحا. أرسلوا { -lrm }/help لمعرفة ما يمكنكم القيام به.
button-not-yours = هذا الزر تابع لرسالة موجهة إلى شخص آخر: لا أثر له بالنسبة إليكم، وتبقى تلك الرسالة كما هي. المرجو استعمال الرسائل الموجهة إليكم.

## المنظمون

alert-refused-join =
    ⚠️ <b>محاولة انضمام مرفوضة</b>
    الشخص: { $who }
    السبب: { $reason }

refusal-reason-unknown-code = رمز دعوة غير معروف أو سبق استعماله
refusal-reason-unknown-phone = رقم هاتف غير مدرج في اللائحة
refusal-reason-foreign-contact = شارك جهة اتصال شخص آخر
refusal-reason-no-code = فتح البوت دون رابط دعوة

# Everyone on the roster: officials, staff and secretaries-general (أشخاص,
# not منتخبين).
joined-summary =
    { PLURAL($joined) ->
        [zero] لم ينضم بعد أي شخص من أصل { $total }.
        [one] انضم شخص واحد من أصل { $total }.
        [two] انضم شخصان من أصل { $total }.
        [few] انضم <b>{ $joined }</b> أشخاص من أصل { $total }.
        [many] انضم <b>{ $joined }</b> شخصا من أصل { $total }.
       *[other] انضم <b>{ $joined }</b> شخص من أصل { $total }.
    }

# "3 من أصل 40" rather than "3/40", as a sentence reads it.
joined-line = • { $body }: { $joined } من أصل { $total }
joined-unreachable =
    { PLURAL($count) ->
        [zero] ⛔ لم يوقف أحد البوت.
        [one] ⛔ أوقف شخص واحد البوت، فلا تصله رسائلنا:
        [two] ⛔ أوقف شخصان البوت، فلا تصلهما رسائلنا:
        [few] ⛔ أوقف { $count } أشخاص البوت، فلا تصلهم رسائلنا:
        [many] ⛔ أوقف { $count } شخصا البوت، فلا تصلهم رسائلنا:
       *[other] ⛔ أوقف { $count } شخص البوت، فلا تصلهم رسائلنا:
    }
joined-unreachable-line = { -rlm }• { $name } — { $body }، منذ { $since }

people-count =
    { PLURAL($count) ->
        [zero] لا أحد
        [one] شخص واحد
        [two] شخصان
        [few] { $count } أشخاص
        [many] { $count } شخصا
       *[other] { $count } شخص
    }

audit-empty = لم تسجل أي عملية للمنظمين بعد.
audit-line = { -rlm }{ $when } — { $who }: { $action }

## الصفات

# Roles in the plural, short: buttons and the description of an audience.
audience-role-president = رؤساء الجماعات
audience-role-vice_president = نواب الرؤساء
audience-role-councillor = أعضاء المجالس
audience-role-finance_staff = أطر المالية
audience-role-province_staff = أطر العمالات والأقاليم
audience-role-secretary_general = الكتاب العامون

## قائمة أوامر تيليغرام (نص عادي، 256 حرفا على الأكثر)

cmd-start = الانضمام إلى البرنامج أو البدء من جديد
cmd-help = ما يمكنكم القيام به
cmd-me = ملفكم الشخصي
cmd-language = تغيير اللغة
cmd-stop = فك ارتباط هذا الحساب بالبرنامج
cmd-joined = من انضم، حسب الجماعة (للمنظمين)
cmd-audit = آخر عمليات المنظمين (للمنظمين)

# اسم العمالة أو الإقليم، في عنوان أو قائمة.
province-name =
    { $province_kind ->
        [prefecture] عمالة { $province }
       *[province] إقليم { $province }
    }
body-provincial-council =
    { $province_kind ->
        [prefecture] مجلس عمالة { $province }
       *[province] المجلس الإقليمي { $of_province }
    }
body-province-services =
    { $province_kind ->
        [prefecture] مصالح عمالة { $province }
       *[province] مصالح عمالة إقليم { $province }
    }

## صفة الشخص ومخاطبته
# $role: رمز الصفة؛ $gender: f أو m أو unknown (الصيغة المحايدة «رئيس(ة)» حين لا تذكر اللائحة
# الجنس)؛ $body_kind: commune أو council أو services. تتبع الصفة اسم الهيئة مباشرة (إضافة):
# «رئيسة جماعة أكوراي»، «الكاتب العام لعمالة إقليم الحاجب».
person-body =
    { $body_kind ->
        [commune] جماعة { $body }
        [council] { body-provincial-council }
       *[services] { $province_kind ->
            [prefecture] عمالة { $province }
           *[province] عمالة إقليم { $province }
        }
    }
person-title =
    { $role ->
        [president] { $gender ->
            [f] رئيسة
            [m] رئيس
           *[unknown] رئيس(ة)
        } { person-body }
        [vice_president] { $gender ->
            [f] نائبة
            [m] نائب
           *[unknown] نائب(ة)
        } رئيس { person-body }
        [councillor] { $gender ->
            [f] عضوة
            [m] عضو
           *[unknown] عضو(ة)
        } { $body_kind ->
            [commune] مجلس جماعة { $body }
           *[council] { person-body }
        }
        [finance_staff] { $gender ->
            [f] المكلفة
            [m] المكلف
           *[unknown] المكلف(ة)
        } بالمالية والميزانية ب{ person-body }
        [province_staff] إطار ب{ person-body }
       *[secretary_general] { $gender ->
            [f] الكاتبة العامة
            [m] الكاتب العام
           *[unknown] الكاتب(ة) العام(ة)
        } ل{ person-body }
    }
# فاتحة الرسائل الموجهة إلى الرؤساء والكتاب العامين وغيرهم.
salutation =
    { $role ->
        [province_staff] { $gender ->
            [f] السيدة المحترمة،
            [m] السيد المحترم،
           *[unknown] السيد(ة) المحترم(ة)،
        }
       *[president] { $gender ->
            [f] السيدة { person-title } المحترمة،
            [m] السيد { person-title } المحترم،
           *[unknown] السيد(ة) { person-title } المحترم(ة)،
        }
    }
# توقيع الرسائل: من يكتب.
letter-sender = { -rlm }— مجلس جهة فاس-مكناس، مصلحة التكوين المستمر

## الورشات التكوينية

# $topic is empty, or one more line (workshop-topic-line) starting with a line break.
workshop-invitation =
    📅 <b>دعوة إلى ورشة تكوينية</b>
    { -rlm }<b>{ $title }</b>{ $topic }
    🕘 الموعد: { $when }
    📍 المكان: { $venue }

    نرجو إفادتنا بجوابكم قبل { $deadline }، بالحضور أو بالاعتذار، حتى نحسن تنظيم الورشة. ملف التقويم مرفق.
workshop-topic-line = 📄 الموضوع: <i>{ $topic }</i>
workshop-reminder =
    ⏰ <b>تذكير</b>: ورشة <b>{ $title }</b>
    🕘 الموعد: { $when }
    📍 المكان: { $venue }
workshop-promoted =
    ✅ تحرر مقعد في ورشة <b>{ $title }</b> ({ $when })، وأصبح حضوركم مؤكدا.
    إذا تعذر عليكم الحضور، فالمرجو إخبارنا بالضغط على زر «{ button-rsvp-no }» في الدعوة أو في { -lrm }/my، حتى يعود المقعد إلى الشخص الموالي في لائحة الانتظار.
button-rsvp-yes = ✅ سأحضر
button-rsvp-no = ❌ لن أتمكن من الحضور
rsvp-confirmed = تم تأكيد حضوركم. شكرا!
rsvp-waiting = الورشة ممتلئة: أنتم في لائحة الانتظار (الرتبة { $position }). سنخبركم إذا تحرر مقعد.
rsvp-declined = تم تسجيل اعتذاركم. يمكنكم تغيير جوابكم بالأزرار نفسها قبل انتهاء أجل الرد.
rsvp-reason-prompt = هل تودون إخبارنا بسبب الاعتذار؟ (اختياري)
rsvp-reason-thanks = شكرا، تم تسجيل السبب. وإذا تغير الأمر، يمكنكم تغيير جوابكم في { -lrm }/my قبل انتهاء أجل الرد.
button-reason-session = دورة المجلس
button-reason-travel = سفر
button-reason-health = ظرف صحي
button-reason-other = سبب آخر
rsvp-refused-cancelled = تم إلغاء هذه الورشة، فلا يمكن الرد عليها.
rsvp-refused-not-invited = هذه الدعوة ليست موجهة إليكم.
rsvp-refused-started = انطلقت الورشة، فلم يعد الرد ممكنا.
rsvp-refused-deadline-passed = انتهى أجل الرد على هذه الدعوة. ولأي تغيير، المرجو الاتصال بمصلحة التكوين المستمر بالجهة.
rsvp-refused-reason-too-long = السبب طويل جدا.
workshop-moved =
    🔁 <b>تغيير موعد ورشة</b> <b>{ $title }</b>
    🕘 الموعد الجديد: { $when }
    📍 المكان: { $venue }

    جوابكم السابق محفوظ، ويمكنكم تغييره قبل { $deadline }. ملف التقويم المحين مرفق.
workshop-cancelled =
    🚫 <b>إلغاء ورشة</b> <b>{ $title }</b> التي كانت مقررة يوم { $when }.
    نعتذر عن هذا التغيير، وسنوافيكم هنا بالورشات المقبلة.

cmd-my = ورشاتكم المقبلة وأجوبتكم
cmd-workshops = الورشات المقبلة وأعداد الأجوبة (للمنظمين)
workshops-empty = لا توجد ورشات مقبلة. لإحداث ورشة: { -lrm }/new_workshop
workshops-line =
    { -rlm }<b>{ $number }. { $title }</b> — { $when }
    { -rlm }✅ { $yes }/{ $capacity } · ⏳ { $waiting } · ❌ { $no } · ❔ { $pending }
button-workshop = { -rlm }📊 { $number }. { $title }
workshop-details =
    { -rlm }📊 <b>{ $title }</b> — { $when }
    المدعوون: { $invited } · ✅ { $yes }/{ $capacity } · ⏳ { $waiting } · ❌ { $no } · ❔ { $pending }
workshop-commune-line = { -rlm }• { $body }: ✅ { $yes } · ❌ { $no } · ❔ { $pending }
workshop-commune-line-held = { -rlm }• { $body }: 📍 الحاضرون: { $present } · ✅ { $yes } · ❌ { $no } · ❔ { $pending }
button-nudge = 🔔 تذكير من لم يجيبوا ({ $count })
nudge-queued =
    { PLURAL($count) ->
        [zero] لا أحد ينتظر التذكير اليوم.
        [one] سيتوصل شخص واحد بالتذكير.
        [two] سيتوصل شخصان بالتذكير.
        [few] سيتوصل { $count } أشخاص بالتذكير.
        [many] سيتوصل { $count } شخصا بالتذكير.
       *[other] سيتوصل { $count } شخص بالتذكير.
    }
workshop-nudge =
    🔔 لم نتوصل بعد بجوابكم على الدعوة إلى ورشة <b>{ $title }</b> ({ $when }).
    المرجو الرد قبل { $deadline }.
my-empty = لستم مدعوين حاليا إلى أي ورشة مقبلة. ستصلكم الدعوات المقبلة هنا.
my-line =
    { -rlm }<b>{ $title }</b>
    🕘 الموعد: { $when } · 📍 المكان: { $venue }
    { $answer }
my-answer-confirmed = ✅ حضوركم مؤكد
my-answer-waiting = ⏳ في لائحة الانتظار
my-answer-declined = ❌ اعتذرتم
my-answer-no_answer = ❔ لم تجيبوا بعد

cmd-checkin = فتح تسجيل الحضور في ورشة اليوم (للمنظمين)
checkin-none-today = لا توجد ورشة خلال الأربع والعشرين ساعة المقبلة. الورشات المقبلة: { -lrm }/workshops
checkin-choose = اختاروا الورشة التي تفتحون فيها تسجيل الحضور:
button-checkin-workshop = { -rlm }📍 { $number }. { $title }
checkin-opened =
    📍 <b>تسجيل الحضور مفتوح</b>: { $title }
    اعرضوا هذا الرمز في القاعة: <b>{ $code }</b>
    يرسل المشاركون الرمز إلى البوت، أو يمسحون رمز QR.
    يغلق التسجيل يوم { $closes }.
checkin-done =
    ✅ تم تسجيل حضوركم في ورشة <b>{ $title }</b>. مرحبا بكم!
    سنرسل إليكم هنا شهادة الحضور عند نهاية الورشة.
checkin-wrong-code = هذا الرمز غير صحيح. تأكدوا من الرمز المعروض في القاعة وأعيدوا المحاولة.
checkin-not-open-yet = لم يفتح تسجيل الحضور بعد لهذه الورشة. المرجو إرسال الرمز بعد عرضه في القاعة.
checkin-closed = أُغلق تسجيل الحضور لهذه الورشة. إذا حضرتموها، فالمرجو إخبار المنظمين، إذ ما يزال بإمكانهم تسجيل حضوركم.
checkin-open-too-early = يمكن فتح تسجيل الحضور ابتداء من ثلاث ساعات قبل انطلاق الورشة.
checkin-open-over = انتهت هذه الورشة، وتم إغلاق تسجيل الحضور فيها.
checkin-cancelled = تم إلغاء هذه الورشة، فلا مجال لتسجيل الحضور.
checkin-too-many = محاولات خاطئة كثيرة. يمكنكم إعادة المحاولة ابتداء من { $when }.

cmd-history = الورشات التي حضرتموها أو فاتتكم
history-empty = لم تُدعوا بعد إلى أي ورشة انتهت.
history-line = { -rlm }• <b>{ $title }</b> — { $when }: { $came }
history-came = ✅ حضرتم
history-missed = ❌ لم تحضروا
evaluation-request =
    🙏 شكرا على حضوركم ورشة <b>{ $title }</b>.
    كيف تقيمونها؟ من 1 (ضعيفة) إلى 5 (ممتازة):
evaluation-reminder = تذكير: رأيكم في ورشة <b>{ $title }</b> يهمنا. كيف تقيمونها؟
evaluation-thanks = شكرا! تم تسجيل تقييمكم: { $score } من 5.
evaluation-not-present = التقييم خاص بمن حضر الورشة. وإذا حضرتموها ولم يُسجَّل حضوركم، فالمرجو إخبار المنظمين.
evaluation-not-started = لم تنطلق هذه الورشة بعد، ويمكن تقييمها بعد انعقادها.
missed-you = نأسف لتعذر حضوركم ورشة <b>{ $title }</b>. هذه الورشات المقبلة المفتوحة لكم:
missed-you-next = { -rlm }• <b>{ $title }</b> — { $when }
missed-you-none = نأسف لتعذر حضوركم ورشة <b>{ $title }</b>. سنخبركم بالورشات المقبلة.
# $mean is the mean score already written ("4,3"); $count the number of ratings.
workshop-outcome =
    الحاضرون: { $present } · الغائبون: { $absent } · حضروا دون دعوة: { $walk_ins }
    { PLURAL($count) ->
        [zero] متوسط التقييم: لا تقييم بعد
        [one] متوسط التقييم: { $mean } من 5 (تقييم واحد)
        [two] متوسط التقييم: { $mean } من 5 (تقييمان)
        [few] متوسط التقييم: { $mean } من 5 ({ $count } تقييمات)
        [many] متوسط التقييم: { $mean } من 5 ({ $count } تقييما)
       *[other] متوسط التقييم: { $mean } من 5 ({ $count } تقييم)
    }
button-roll-call = 📋 المناداة
roll-call = 📋 المناداة: اضغطوا على اسم لتسجيل الحضور أو إلغائه.
# $tick: ✅ present, ⬜ not yet.
button-roll-call-person = { -rlm }{ $tick } { $name }

## إحداث ورشة (/new_workshop)

cmd-new_workshop = إحداث ورشة خطوة بخطوة (للمنظمين)
# 🆕 is a left-to-right letter (SQUARED NEW): the mark keeps the line right to left.
new-workshop-header = { -rlm }🆕 <b>ورشة جديدة</b> · السؤال { $step } من { $total }
new-workshop-ask-title = ما هو <b>عنوان</b> الورشة؟
new-workshop-ask-topic = ما <b>موضوعها</b>؟ اكتبوا بضعة أسطر للمدعوين، أو اضغطوا «تخطي».
new-workshop-ask-date = في أي <b>يوم</b>؟ اكتبوا التاريخ هكذا: { $example }.
new-workshop-ask-time = في أي <b>ساعة</b> تبدأ (بتوقيت المغرب)؟ اختاروا ساعة أو اكتبوها هكذا: 09:30.
new-workshop-ask-venue = <b>أين</b> تنعقد الورشة؟
new-workshop-ask-audience =
    <b>من المدعوون؟</b> اضغطوا على الصفات والأماكن لاختيارها؛ إذا لم تختاروا شيئا فالدعوة للجميع. الضغط على عمالة أو إقليم يعرض جماعاتها.

    المدعوون: { $audience }
    👥 <b>{ people-count }</b>
new-workshop-ask-capacity = كم عدد <b>المقاعد</b>؟ بعد امتلاء المقاعد، يوضع كل من يؤكد حضوره في لائحة الانتظار. اختاروا عددا أو اكتبوه.
new-workshop-ask-reminders = متى تُرسل <b>التذكيرات</b>؟ اضغطوا «الاختيار المعتاد» لتذكير قبل 7 أيام ويوم واحد وساعتين، أو اكتبوا اختياركم هكذا: 3ي، 1ي، 3س (ي للأيام، س للساعات).
new-workshop-ask-deadline = إلى متى يمكن للمدعوين <b>الرد</b>؟ اضغطوا «الاختيار المعتاد» ليكون الأجل يوم { $default }، أو اكتبوا تاريخا وساعة هكذا: { $example_deadline }.
new-workshop-cancel-hint = <i>للتوقف أرسلوا { -lrm }/cancel؛ لا يُحفظ شيء قبل التأكيد.</i>
new-workshop-province =
    { $province_kind ->
        [prefecture] جماعات عمالة <b>{ $province }</b>: اضغطوا على جماعة لاختيارها أو إلغاء اختيارها.
       *[province] جماعات إقليم <b>{ $province }</b>: اضغطوا على جماعة لاختيارها أو إلغاء اختيارها.
    }
new-workshop-summary =
    📝 <b>المرجو التحقق من معطيات الورشة</b>
    { -rlm }<b>{ $title }</b>
    📄 الموضوع: { $topic }
    🕘 الموعد: { $when }
    📍 المكان: { $venue }
    👥 المدعوون: { $audience } · <b>{ people-count }</b>
    💺 المقاعد: { $capacity }
    ⏰ التذكيرات: قبل { $reminders }
    ✋ آخر أجل للرد: { $deadline }
new-workshop-edit-which = ما الذي تريدون تغييره؟
new-workshop-use-buttons = المرجو استعمال الأزرار أسفله: التأكيد، أو تغيير جواب، أو الإلغاء.
new-workshop-no-topic = (بدون موضوع)
new-workshop-created =
    ✅ تم إحداث الورشة رقم { $number }: <b>{ $title }</b>.
    { PLURAL($invited) ->
        [zero] لا أحد مدعو.
        [one] دُعي شخص واحد.
        [two] دُعي شخصان.
        [few] دُعي { $invited } أشخاص.
        [many] دُعي { $invited } شخصا.
       *[other] دُعي { $invited } شخص.
    } { PLURAL($queued) ->
        [zero] لم تنطلق أي دعوة بعد: يتوصل كل مدعو بدعوته عند انضمامه إلى البرنامج.
        [one] دعوة واحدة في الطريق، ويتوصل باقي المدعوين بدعواتهم عند انضمامهم إلى البرنامج.
        [two] دعوتان في الطريق، ويتوصل باقي المدعوين بدعواتهم عند انضمامهم إلى البرنامج.
        [few] { $queued } دعوات في الطريق، ويتوصل باقي المدعوين بدعواتهم عند انضمامهم إلى البرنامج.
        [many] { $queued } دعوة في الطريق، ويتوصل باقي المدعوين بدعواتهم عند انضمامهم إلى البرنامج.
       *[other] { $queued } دعوة في الطريق، ويتوصل باقي المدعوين بدعواتهم عند انضمامهم إلى البرنامج.
    }
workshop-unreachable-note =
    { PLURAL($count) ->
        [zero] لم يوقف أي مدعو البوت.
        [one] ⚠️ أوقف مدعو واحد البوت، وستصله دعوته إن راسلنا من جديد.
        [two] ⚠️ أوقف مدعوان البوت، وستصلهما دعوتاهما إن راسلانا من جديد.
        [few] ⚠️ أوقف { $count } مدعوين البوت، وستصلهم دعواتهم إن راسلونا من جديد.
        [many] ⚠️ أوقف { $count } مدعوا البوت، وستصلهم دعواتهم إن راسلونا من جديد.
       *[other] ⚠️ أوقف { $count } مدعو البوت، وستصلهم دعواتهم إن راسلونا من جديد.
    }
new-workshop-cancelled = تم إلغاء إحداث الورشة، ولم يُحفظ أي شيء.
dialogue-stale = هذا الزر يخص خطوة تجاوزتموها أو محادثة انتهت. استعملوا آخر رسالة.
new-workshop-nobody = لا أحد في اللائحة يطابق هذا الاختيار. اختاروا صفات أو أماكن أخرى.
# $field: title, topic, date, time, venue, audience, capacity, reminders, deadline.
new-workshop-outdated =
    مر وقت على أجوبتكم: { $field ->
        [title] المرجو إعادة كتابة العنوان.
        [topic] المرجو إعادة كتابة الموضوع.
        [date] المرجو إعادة تحديد اليوم.
        [time] المرجو إعادة تحديد الساعة.
        [venue] المرجو إعادة كتابة المكان.
        [audience] المرجو اختيار المدعوين من جديد.
        [capacity] المرجو إعادة تحديد عدد المقاعد.
        [reminders] المرجو إعادة تحديد مواعيد التذكير.
       *[deadline] المرجو إعادة تحديد أجل الرد.
    }
new-workshop-field-title = العنوان
new-workshop-field-topic = الموضوع
new-workshop-field-date = التاريخ
new-workshop-field-time = الساعة
new-workshop-field-venue = المكان
new-workshop-field-audience = المدعوون
new-workshop-field-capacity = المقاعد
new-workshop-field-reminders = التذكيرات
new-workshop-field-deadline = أجل الرد
button-skip = تخطي ←
button-default = الاختيار المعتاد ←
button-back = → رجوع
button-new-workshop-cancel = ✖ إلغاء
button-new-workshop-confirm = ✅ تأكيد وإرسال الدعوات
button-new-workshop-edit = ✏️ تغيير جواب
button-audience-everyone = الجميع
button-audience-done = ✅ تم ({ $count })
# $chosen: how many of its communes are chosen.
button-province =
    { PLURAL($chosen) ->
        [zero] { -rlm }{ $province } ←
       *[other] { -rlm }{ $province } ({ $chosen }) ←
    }
button-whole-province =
    { $province_kind ->
        [prefecture] عمالة { $province } بكاملها
       *[province] إقليم { $province } بكامله
    }
button-workshop-details = 📊 تتبع الأجوبة
button-new-workshop = ➕ ورشة جديدة
audience-all-roles = جميع الصفات
audience-everywhere = الجهة بكاملها
# After قبل (before): the dual in the genitive, يومين، ساعتين.
offset-days =
    { PLURAL($n) ->
        [one] يوم واحد
        [two] يومين
        [few] { $n } أيام
        [many] { $n } يوما
       *[other] { $n } يوم
    }
offset-hours =
    { PLURAL($n) ->
        [one] ساعة واحدة
        [two] ساعتين
        [few] { $n } ساعات
        [many] { $n } ساعة
       *[other] { $n } ساعة
    }
offset-minutes =
    { PLURAL($n) ->
        [one] دقيقة واحدة
        [two] دقيقتين
        [few] { $n } دقائق
        [many] { $n } دقيقة
       *[other] { $n } دقيقة
    }
nothing-to-cancel = لا توجد عملية جارية لإلغائها.

workshop-error-title-empty = لا يمكن أن يكون العنوان فارغا.
workshop-error-title-too-long =
    العنوان طويل جدا: { PLURAL($chars) ->
        [one] حرف واحد
        [two] حرفان
        [few] { $chars } أحرف
        [many] { $chars } حرفا
       *[other] { $chars } حرف
    }، والحد الأقصى { $max }.
workshop-error-topic-too-long =
    الموضوع طويل جدا: { PLURAL($chars) ->
        [one] حرف واحد
        [two] حرفان
        [few] { $chars } أحرف
        [many] { $chars } حرفا
       *[other] { $chars } حرف
    }، والحد الأقصى { $max }.
workshop-error-western-digits-only = «{ $input }»: المرجو كتابة الأعداد بالأرقام من 0 إلى 9.
workshop-error-bad-date = «{ $input }» ليس تاريخا. اكتبوه هكذا: 20/01/2027.
workshop-error-no-such-date = «{ $input }» ليس يوما من أيام التقويم.
workshop-error-day-in-past = يوم { $date } قد مضى.
workshop-error-date-too-far = يوم { $date } بعيد جدا؛ آخر يوم ممكن هو { $latest }.
workshop-error-bad-time = «{ $input }» ليست ساعة. اكتبوها هكذا: 09:00 أو 9h أو 9h30.
workshop-error-impossible-time = «{ $input }» ليست ساعة من ساعات اليوم (الساعات من 0 إلى 23، والدقائق من 0 إلى 59).
workshop-error-skipped-time = لا وجود للتوقيت المطلوب ({ $shown }): تتقدم الساعة القانونية ذلك اليوم فتقفز عليه. اختاروا ساعة أخرى، مثلا { $suggested }.
workshop-error-date-in-past = هذا الموعد ({ $shown }) قد مضى.
workshop-error-venue-empty = لا يمكن أن يكون المكان فارغا.
workshop-error-venue-too-long =
    اسم المكان طويل جدا: { PLURAL($chars) ->
        [one] حرف واحد
        [two] حرفان
        [few] { $chars } أحرف
        [many] { $chars } حرفا
       *[other] { $chars } حرف
    }، والحد الأقصى { $max }.
workshop-error-bad-capacity = «{ $input }» ليس عددا من المقاعد.
workshop-error-capacity-zero = تحتاج الورشة إلى مقعد واحد على الأقل.
workshop-error-capacity-too-large =
    الحد الأقصى { PLURAL($max) ->
        [one] مقعد واحد
        [two] مقعدان
        [few] { $max } مقاعد
        [many] { $max } مقعدا
       *[other] { $max } مقعد
    }.
workshop-error-bad-reminder = «{ $input }» ليس موعد تذكير. اكتبوا الأيام أو الساعات أو الدقائق قبل الورشة هكذا: 7ي، 1ي، 2س.
workshop-error-too-many-reminders =
    الحد الأقصى { PLURAL($max) ->
        [one] تذكير واحد
        [two] تذكيران
        [few] { $max } تذكيرات
        [many] { $max } تذكيرا
       *[other] { $max } تذكير
    }.
workshop-error-bad-deadline = «{ $input }» ليس تاريخا وساعة. اكتبوهما هكذا: { -lri }19/01/2027 18:00{ -pdi }.
workshop-error-deadline-in-past = هذا الأجل ({ $shown }) قد مضى.
workshop-error-deadline-not-before-start = يجب أن يكون أجل الرد ({ $shown }) قبل بداية الورشة ({ $start }).
# $field: audience (only the audience is chosen with buttons alone).
workshop-error-use-buttons =
    { $field ->
       *[audience] المرجو اختيار المدعوين بالأزرار.
    }
# $field: the answer still missing.
workshop-error-asked-too-early =
    { $field ->
        [title] المرجو كتابة العنوان أولا.
        [topic] المرجو كتابة الموضوع أولا.
        [date] المرجو تحديد اليوم أولا.
        [time] المرجو تحديد الساعة أولا.
        [venue] المرجو كتابة المكان أولا.
        [audience] المرجو اختيار المدعوين أولا.
        [capacity] المرجو تحديد عدد المقاعد أولا.
        [reminders] المرجو تحديد مواعيد التذكير أولا.
       *[deadline] المرجو تحديد أجل الرد أولا.
    }
workshop-error-line-break = يجب أن يكون { $field } في سطر واحد، دون رجوع إلى السطر ولا مسافة جدولة (في الحرف رقم { $position }). المرجو إعادة كتابته.
workshop-error-control-character = يتضمن { $field } حرف تحكم غير مرئي ({ $code }، الحرف رقم { $position }) لا يمكن تسجيله. المرجو إعادة كتابته دونه.
workshop-error-bidi-control = يتضمن { $field } حرفا للتحكم في اتجاه الكتابة ({ $code }، الحرف رقم { $position }) قد يُظهر النص على غير ما كُتب به. المرجو إعادة كتابته دونه.
workshop-error-invisible = لا يتضمن { $field } أي حرف ظاهر، بل مسافات أو حروفا غير مرئية فقط. المرجو إعادة كتابته.

## الحاضرون دون دعوة والتعاليق

button-walk-in = ➕ حاضر لم تصله دعوة
walk-in-prompt = من حضر ورشة <b>{ $title }</b> دون دعوة؟ اكتبوا جزءا من اسمه أو رقم هاتفه. للتوقف: { -lrm }/cancel
walk-in-none = لا أحد في اللائحة يطابق «{ $typed }» (أو أن حضوره مسجل من قبل). جربوا كتابة أخرى، أو رقم الهاتف.
walk-in-matches =
    { PLURAL($count) ->
        [zero] لا أحد يطابق «{ $typed }».
        [one] شخص واحد يطابق «{ $typed }»: اضغطوا على اسمه لتسجيل حضوره.
        [two] شخصان يطابقان «{ $typed }»: اضغطوا على الشخص المعني لتسجيل حضوره.
        [few] { $count } أشخاص يطابقون «{ $typed }»: اضغطوا على الشخص المعني لتسجيل حضوره.
        [many] { $count } شخصا يطابقون «{ $typed }»: اضغطوا على الشخص المعني لتسجيل حضوره.
       *[other] { $count } شخص يطابقون «{ $typed }»: اضغطوا على الشخص المعني لتسجيل حضوره.
    }
button-walk-in-person = { -rlm }{ $name } — { $body }
walk-in-added = ✅ تم تسجيل حضور { $name } في ورشة <b>{ $title }</b>.
walk-in-cancelled = توقف البحث، ولم تتم إضافة أحد.
evaluation-comment-prompt = إن شئتم، اكتبوا تعليقا في رسالتكم الموالية: ما الذي أفادكم، وما الذي يمكن تحسينه.
button-no-comment = بدون تعليق
evaluation-comment-thanks = شكرا، تم تسجيل تعليقكم. ورشاتكم المقبلة: { -lrm }/my؛ شهاداتكم: { -lrm }/my_training
evaluation-comment-skipped = شكرا لكم. ورشاتكم المقبلة: { -lrm }/my؛ شهاداتكم: { -lrm }/my_training
evaluation-error-comment-too-long =
    تعليقكم طويل جدا: { PLURAL($chars) ->
        [one] حرف واحد
        [two] حرفان
        [few] { $chars } أحرف
        [many] { $chars } حرفا
       *[other] { $chars } حرف
    }، والحد الأقصى { $max }. المرجو اختصاره وإرساله من جديد.
evaluation-error-bad-score = «{ $input }» ليس تقييما من 1 إلى 5.
evaluation-error-comment-control-character = لم يُسجَّل تعليقكم: يتضمن حرف تحكم غير مرئي لا يمكن تسجيله. المرجو إعادة كتابته وإرساله من جديد.
evaluation-error-comment-bidi-control = لم يُسجَّل تعليقكم: يتضمن حرفا للتحكم في اتجاه الكتابة قد يُظهر النص على غير ما كُتب به. المرجو إعادة كتابته وإرساله من جديد.
evaluation-error-comment-invisible = لم يُسجَّل تعليقكم: لا يتضمن أي حرف ظاهر. المرجو كتابته وإرساله من جديد.
workshop-comments = 💬 <b>التعاليق</b>
workshop-comment-line = { -rlm }• { $score } من 5 — { $comment }

## تغيير موعد ورشة أو إلغاؤها من المحادثة

button-reschedule = 🔁 تغيير الموعد
button-cancel-workshop = 🚫 إلغاء الورشة
reschedule-ask-date = 🔁 ما الموعد الجديد لورشة <b>{ $title }</b> (الموعد الحالي: { $when })؟ اكتبوا اليوم هكذا: { $example }. للتوقف: { -lrm }/cancel
reschedule-ask-time = في أي ساعة يوم { $date }؟ اختاروا ساعة أو اكتبوها هكذا: 09:30.
reschedule-confirm =
    🔁 نقل ورشة <b>{ $title }</b>
    من { $old }
    إلى <b>{ $new }</b>؟
    { PLURAL($count) ->
        [zero] لا أحد مدعو إلى هذه الورشة بعد.
        [one] سيتوصل المدعو بالخبر وبملف التقويم الجديد؛ الجواب محفوظ ويمكن تغييره إلى غاية { $deadline }.
        [two] سيتوصل المدعوان بالخبر وبملف التقويم الجديد؛ الأجوبة محفوظة ويمكن تغييرها إلى غاية { $deadline }.
       *[other] سيتوصل المدعوون الـ{ $count } بالخبر وبملف التقويم الجديد؛ الأجوبة محفوظة ويمكن تغييرها إلى غاية { $deadline }.
    }
button-reschedule-confirm = ✅ تأكيد الموعد الجديد
reschedule-done =
    ✅ ستنعقد ورشة <b>{ $title }</b> يوم { $when }. { PLURAL($told) ->
        [zero] لا أحد يحتاج إلى إخبار.
        [one] جار إخبار المدعو.
        [two] جار إخبار المدعوين الاثنين.
       *[other] جار إخبار المدعوين الـ{ $told }.
    }
reschedule-cancelled = تم التخلي عن تغيير الموعد، ولم يتغير شيء.
workshop-change-refused-cancelled = هذه الورشة ملغاة، فلا يمكن تغييرها.
workshop-change-refused-started = انطلقت هذه الورشة، فلم يعد تغييرها ممكنا.
workshop-change-refused-past = الموعد الجديد قد مضى. المرجو اختيار موعد لاحق.
workshop-not-found = لم نجد هذه الورشة، وقد يكون هذا الزر متجاوزا.
cancel-workshop-confirm =
    🚫 هل تريدون إلغاء ورشة <b>{ $title }</b> ({ $when })؟
    { PLURAL($count) ->
        [zero] لا أحد مدعو إلى هذه الورشة بعد. لا يمكن التراجع عن الإلغاء.
        [one] سيتوصل المدعو بالخبر، وتُحذف تذكيراته. لا يمكن التراجع عن الإلغاء.
        [two] سيتوصل المدعوان بالخبر، وتُحذف تذكيراتهما. لا يمكن التراجع عن الإلغاء.
       *[other] سيتوصل المدعوون الـ{ $count } بالخبر، وتُحذف تذكيراتهم. لا يمكن التراجع عن الإلغاء.
    }
button-cancel-workshop-sure = 🚫 نعم، إلغاء الورشة
button-keep-workshop = لا، الإبقاء عليها
cancel-workshop-done =
    🚫 تم إلغاء ورشة <b>{ $title }</b>. { PLURAL($told) ->
        [zero] لا أحد يحتاج إلى إخبار.
        [one] جار إخبار المدعو.
        [two] جار إخبار المدعوين الاثنين.
       *[other] جار إخبار المدعوين الـ{ $told }.
    }
cancel-workshop-kept = لم يتغير شيء: الورشة قائمة.
workshop-coming = ✅ <b>أكدوا حضورهم</b> ({ $count }):
workshop-waiting = ⏳ <b>لائحة الانتظار</b> بالترتيب ({ $count }):
workshop-pending = ❔ <b>لم يجيبوا بعد</b> ({ $count }):
workshop-person-line = { -rlm }• { $name } — { $body }
workshop-more-people =
    { PLURAL($count) ->
        [one] … وشخص آخر
        [two] … وشخصان آخران
        [few] … و{ $count } أشخاص آخرين
        [many] … و{ $count } شخصا آخر
       *[other] … و{ $count } شخص آخر
    }
button-seats = 💺 المقاعد
seats-ask =
    💺 عدد مقاعد ورشة <b>{ $title }</b> هو { $capacity }؛ { PLURAL($yes) ->
        [zero] لم يؤكد أحد حضوره
        [one] أكد شخص واحد حضوره
        [two] أكد شخصان حضورهما
        [few] أكد { $yes } أشخاص حضورهم
        [many] أكد { $yes } شخصا حضورهم
       *[other] أكد { $yes } شخص حضورهم
    }، و{ PLURAL($waiting) ->
        [zero] لا أحد في لائحة الانتظار
        [one] شخص واحد في لائحة الانتظار
        [two] شخصان في لائحة الانتظار
        [few] { $waiting } أشخاص في لائحة الانتظار
        [many] { $waiting } شخصا في لائحة الانتظار
       *[other] { $waiting } شخص في لائحة الانتظار
    }. كم عدد المقاعد الآن؟ اختاروا عددا أو اكتبوه.
seats-done =
    💺 أصبح عدد مقاعد ورشة <b>{ $title }</b> { $capacity }. { PLURAL($promoted) ->
        [zero] لم يكن أحد ينتظر مقعدا.
        [one] انتقل شخص واحد من لائحة الانتظار إلى مقعد، وجار إخباره.
        [two] انتقل شخصان من لائحة الانتظار إلى مقعدين، وجار إخبارهما.
        [few] انتقل { $promoted } أشخاص من لائحة الانتظار إلى مقاعد، وجار إخبارهم.
        [many] انتقل { $promoted } شخصا من لائحة الانتظار إلى مقاعد، وجار إخبارهم.
       *[other] انتقل { $promoted } شخص من لائحة الانتظار إلى مقاعد، وجار إخبارهم.
    }
seats-over =
    ⚠️ يتجاوز عدد من أكدوا حضورهم العدد الجديد { PLURAL($over) ->
        [one] بشخص واحد
        [two] بشخصين
        [few] بـ{ $over } أشخاص
        [many] بـ{ $over } شخصا
       *[other] بـ{ $over } شخص
    }: لا يفقد أحد مقعدا سبق منحه، ولن ينتقل أحد من لائحة الانتظار حتى تتحرر مقاعد.
seats-cancelled = لم يتغير عدد المقاعد.
my-line-open =
    { -rlm }<b>{ $title }</b>
    🕘 الموعد: { $when } · 📍 المكان: { $venue }
    { $answer } — يمكنكم الرد أو تغيير جوابكم إلى غاية { $deadline }.
my-more =
    { PLURAL($count) ->
        [one] … وورشة مقبلة أخرى.
        [two] … وورشتان مقبلتان أخريان.
        [few] … و{ $count } ورشات مقبلة أخرى.
        [many] … و{ $count } ورشة مقبلة أخرى.
       *[other] … و{ $count } ورشة مقبلة أخرى.
    }
# Funding
funding-status-header = 💰 <b>تمويل البرنامج — { $body }</b>
funding-agreement-pending = • اتفاقية التمويل: لم يصادق عليها المجلس بعد.
funding-agreement-declared = • اتفاقية التمويل: صرحتم بالمصادقة عليها، وهي في انتظار تحقق الجهة.
funding-agreement-approved = • اتفاقية التمويل: صادق عليها المجلس بتاريخ { $date }.
funding-contribution = • المساهمة المالية: { $due } مستحقة في أجل أقصاه { $date }؛ المبلغ المحول والمتحقق منه: { $paid }؛ الباقي: { $outstanding }.
funding-contribution-overpaid = • المساهمة المالية: { $due } مستحقة؛ المبلغ المحول والمتحقق منه: { $paid }، أي بزيادة { $excess } عن المبلغ المستحق.
funding-contribution-none = • المساهمة المالية: لم تحدد بعد.
funding-declared = • مبلغ مصرح به في انتظار تحقق الجهة: { $declared }.
funding-nothing-owed = ✅ لم يعد أي التزام معلقا: الاتفاقية مصادق عليها والمساهمة مؤداة. شكرا لكم.
funding-copy = وُجهت هذه الرسالة إلى رئاسة المجلس، التي تجيب باسمه، وتتوصلون بنسخة منها للاطلاع.
# كيفية أداء المساهمة كما كتبها المنظمون (takwin contributions payment-instructions).
funding-payment-instructions =
    🏦 <b>كيفية أداء المساهمة</b>
    { -rlm }{ $instructions }
funding-payment-instructions-default =
    🏦 <b>كيفية أداء المساهمة</b>
    تُحوَّل المساهمة إلى حساب مجلس جهة فاس-مكناس لدى الخزينة العامة للمملكة، وفق مسطرة تنفيذ النفقات المعمول بها لدى الجماعات الترابية. لمعرفة مراجع الحساب أو لأي استفسار، المرجو الاتصال بمصلحة التكوين المستمر بالجهة.
payment-instructions-refused = لم يتم حفظ كيفية الأداء: { $problem }
funding-answer-prompt = المرجو إخبارنا بمجرد مصادقة المجلس على الاتفاقية أو إنجاز التحويل. ويمكنكم أيضا طلب تذكيركم لاحقا.
button-funding-remind-week = 🗓 ذكّروني بعد أسبوع
button-funding-remind-fortnight = 🗓 بعد أسبوعين
button-funding-contact = 📞 المرجو الاتصال بي
funding-promise-done = تم تسجيل طلبكم، ولن نذكركم قبل { $date }.
funding-contact-done = أُحيل طلبكم على المنظمين، وسيتصلون بكم.
funding-presidents-only = الرئيس وحده يجيب باسم الجماعة أو المجلس.
funding-no-body = هذا يخص رؤساء الجماعات والمجالس.
alert-funding-contact =
    📞 <b>طلب اتصال</b> بخصوص تمويل البرنامج
    { -rlm }{ $name } — { $person_title }
    الهاتف: { $phone }
    المرجو ربط الاتصال بهذا الرقم.
cmd-commune = تمويل جماعتكم
cmd-commune-council = تمويل مجلسكم
button-funding-transfer = 💸 تم التحويل
funding-transfer-ask-amount = ما هو المبلغ المحول؟ المرجو كتابته بالدرهم، مثلا { -lri }12 500,00{ -pdi }. (للتوقف: ‎/cancel)
funding-transfer-ask-reference = المرجو كتابة المرجع البنكي للتحويل.
money-error-empty = لم يُكتب أي مبلغ.
money-error-not-an-amount = هذا ليس مبلغا بالدرهم: اكتبوه على شكل 12500 أو { -lri }12 500,00{ -pdi }.
money-error-ambiguous = يمكن أن يُقرأ هذا المبلغ بالآلاف أو بالكسور: اكتبوا 12500 أو { -lri }12 500,00{ -pdi } لاثني عشر ألفا وخمسمائة درهم، و{ -lri }12,50{ -pdi } لاثني عشر درهما وخمسين سنتيما.
money-error-too-precise = يُكتب المبلغ بالدراهم والسنتيمات فقط: رقمان على الأكثر بعد الفاصلة، مثلا { -lri }12 500,50{ -pdi }.
money-error-not-positive = يجب أن يكون المبلغ أكبر من الصفر.
money-error-too-large = هذا المبلغ كبير جدا، المرجو التحقق منه.
funding-transfer-declared = تم تسجيل تصريحكم: { $amount }، المرجع { $reference }. ستتحقق منه المصلحة المالية للجهة، وسنخبركم بذلك.
funding-transfer-already = هذا التحويل مسجل من قبل: { $amount }، المرجع { $reference }. يُسجَّل كل تحويل مرة واحدة، ولم تتم إضافة أي شيء.
# $standing: verified أو declared.
funding-reference-taken = المرجع { $reference } مسجل من قبل لهذه الجماعة الترابية: مبلغ { $amount } بتاريخ { $date }، { $standing ->
        [verified] تحققت منه الجهة
       *[declared] مصرح به وفي انتظار تحقق الجهة
    }. يُسجَّل كل تحويل مرة واحدة، ولم تتم إضافة أي شيء.
funding-corrected-by-region = إذا كانت هذه المعطيات غير صحيحة، فالمرجو إخبار المصلحة المالية للجهة لتقوم بتصحيحها (زر «المرجو الاتصال بي» في { -lrm }/commune). ولكل تحويل آخر مرجعه الخاص: المرجو التحقق منه.
funding-correct-with = إذا كانت هذه المعطيات غير صحيحة، فصححوها بالأمر: { $command }
# $field: reference أو session أو decision.
funding-text-empty = { $field ->
        [reference] المرجع فارغ
        [session] اسم الدورة فارغ
       *[decision] رقم المقرر فارغ
    }: المرجو كتابته.
funding-text-too-long = { $field ->
        [reference] المرجع طويل جدا
        [session] اسم الدورة طويل جدا
       *[decision] رقم المقرر طويل جدا
    }: { PLURAL($chars) ->
        [one] حرف واحد
        [two] حرفان
        [few] { $chars } أحرف
        [many] { $chars } حرفا
       *[other] { $chars } حرف
    }، والحد الأقصى { $max }.
funding-text-line-break = يجب أن يكون { $field ->
        [reference] المرجع
        [session] اسم الدورة
       *[decision] رقم المقرر
    } في سطر واحد، دون رجوع إلى السطر ولا مسافة جدولة (في الحرف رقم { $position }). المرجو إعادة كتابته.
funding-text-control-character = يتضمن { $field ->
        [reference] المرجع
        [session] اسم الدورة
       *[decision] رقم المقرر
    } حرف تحكم غير مرئي ({ $code }، الحرف رقم { $position }) لا يمكن تسجيله. المرجو إعادة كتابته دونه.
funding-text-bidi-control = يتضمن { $field ->
        [reference] المرجع
        [session] اسم الدورة
       *[decision] رقم المقرر
    } حرفا للتحكم في اتجاه الكتابة ({ $code }، الحرف رقم { $position }) قد يُظهر النص على غير ما كُتب به. المرجو إعادة كتابته دونه.
funding-text-invisible = لا يتضمن { $field ->
        [reference] المرجع
        [session] اسم الدورة
       *[decision] رقم المقرر
    } أي حرف ظاهر، بل مسافات أو حروفا غير مرئية فقط. المرجو إعادة كتابته.
funding-transfer-cancelled = أُلغي التصريح، ولم يُسجل أي شيء.
funding-declared-alert = 💸 تصرح { $body } بتحويل مبلغ { $amount } (المرجع { $reference }). للتحقق منه: ‎/declarations
declarations-none = لا يوجد أي تصريح في انتظار التحقق.
declaration-line = { -rlm }💸 { $body }: { $amount }، المرجع { $reference }، بتاريخ { $date }.
button-declaration-confirm = ✅ تأكيد
button-declaration-reject = ❌ رفض
declaration-ask-reason = ما سبب رفض هذا التحويل؟ سيتوصل الرئيس بجوابكم. (للتوقف: ‎/cancel)
declaration-confirmed = ✅ تم تأكيد التحويل، وأُخبر الرئيس بذلك.
declaration-rejected = ❌ رُفض التحويل، وأُخبر الرئيس بالسبب.
declaration-already = سبق تأكيد هذا التصريح أو رفضه.
declaration-reject-cancelled = لم يُسجل أي رفض.
funding-payment-confirmed = ✅ أكدت الجهة تحويلكم لمبلغ { $amount } (المرجع { $reference }). شكرا لكم.
funding-payment-rejected = ❌ تعذر تأكيد تحويلكم لمبلغ { $amount } (المرجع { $reference }): { $reason }. المرجو التحقق من ذلك مع مصلحتكم المالية، وتستأنف التذكيرات في الأثناء.
finance-only = هذا خاص بأطر المصلحة المالية للجهة. أرسلوا { -lrm }/help لمعرفة ما يمكنكم القيام به.
cmd-declarations = التصريحات المنتظر التحقق منها (المصلحة المالية)
contributions-header = 💰 <b>تمويل البرنامج</b>
contributions-region = الجهة بكاملها
contributions-line =
    { -rlm }<b>{ $name }</b>: { PLURAL($bodies) ->
        [zero] لا توجد أي جماعة ترابية
        [one] جماعة ترابية واحدة
        [two] جماعتان ترابيتان
        [few] { $bodies } جماعات ترابية
        [many] { $bodies } جماعة ترابية
       *[other] { $bodies } جماعة ترابية
    }، صادقت منها على الاتفاقية { $approved }؛ أدت مساهمتها كاملة { $full }، وجزئيا { $partly }، ولم تؤد شيئا { $nothing }.
    المستحق { $due }؛ المؤدى { $paid }؛ الباقي { $outstanding }.
cmd-contributions = التمويل حسب العمالة أو الإقليم (للمنظمين والمصلحة المالية)
button-funding-approved = ✅ صادق عليها المجلس
funding-approval-ask-date = في أي تاريخ صادق المجلس على اتفاقية التمويل؟ المرجو كتابة التاريخ، مثلا 12/05/2026. (للتوقف: ‎/cancel)
funding-approval-bad-date = هذا ليس يوما من أيام التقويم: اكتبوه على شكل 12/05/2026.
funding-approval-declared = تم تسجيل تصريحكم بمصادقة المجلس على الاتفاقية بتاريخ { $date }. ستتحقق منه المصلحة المالية للجهة، وسنخبركم بذلك.
funding-day-in-future = تاريخ { $date } لاحق لتاريخ اليوم ({ $today }): لا يُسجَّل إلا تحويل تم أو تصويت انعقد. المرجو التحقق من التاريخ.
funding-day-before-programme = تاريخ { $date } سابق لانطلاق البرنامج ({ $earliest }). المرجو التحقق من التاريخ، ولا سيما السنة.
funding-approval-already = هذه المصادقة مسجلة من قبل: تصويت المجلس بتاريخ { $date }. لم تتم إضافة أي شيء.
# $standing: verified أو declared.
funding-approval-stands = المصادقة على اتفاقية التمويل مسجلة من قبل لهذه الجماعة الترابية: تصويت المجلس بتاريخ { $date }، { $standing ->
        [verified] تحققت منه الجهة
       *[declared] مصرح به وفي انتظار تحقق الجهة
    }. لكل جماعة ترابية مصادقة واحدة، ولم تتم إضافة أي شيء.
funding-approval-alert = ✅ تصرح { $body } بمصادقة مجلسها على اتفاقية التمويل بتاريخ { $date }. للتحقق من ذلك: ‎/declarations
declaration-approval-line = { -rlm }✅ { $body }: صادق المجلس على الاتفاقية بتاريخ { $date }.
funding-approval-confirmed = ✅ أكدت الجهة مصادقة مجلسكم على اتفاقية التمويل بتاريخ { $date }. شكرا لكم.
funding-approval-rejected = ❌ تعذر تأكيد المصادقة على الاتفاقية المصرح بها بتاريخ { $date }: { $reason }. وتستأنف التذكيرات في الأثناء.
# $month: the month (and year) the reader's council opens its next ordinary session.
funding-session-reminder = 🏛 يعقد مجلسكم دورته العادية خلال الأسبوع الأول من شهر { $month }. نرجو منكم التفضل بإدراج اتفاقية تمويل البرنامج في جدول أعمال هذه الدورة.
funding-escalation-header =
    ⚠️ <b>تمويل البرنامج — { $province }</b>
    { PLURAL($bodies) ->
        [zero] لم تجب أي جماعة ترابية
        [one] لم تجب جماعة ترابية واحدة
        [two] لم تجب جماعتان ترابيتان
        [few] لم تجب { $bodies } جماعات ترابية
        [many] لم تجب { $bodies } جماعة ترابية
       *[other] لم تجب { $bodies } جماعة ترابية
    } على { PLURAL($n) ->
        [zero] أي تذكير
        [one] تذكير واحد
        [two] تذكيرين أو أكثر
        [few] { $n } تذكيرات أو أكثر
        [many] { $n } تذكيرا أو أكثر
       *[other] { $n } تذكير أو أكثر
    }.
funding-escalation-line = { -rlm }• <b>{ $body }</b>: { PLURAL($count) ->
        [zero] لا تذكير
        [one] تذكير واحد
        [two] تذكيران
        [few] { $count } تذكيرات
        [many] { $count } تذكيرا
       *[other] { $count } تذكير
    } دون جواب.
funding-escalation-outstanding = الباقي: { $outstanding }.
funding-escalation-agreement = لم يصادق المجلس بعد على اتفاقية التمويل.
funding-escalation-president = { $gender ->
        [f] الرئيسة
        [m] الرئيس
       *[unknown] الرئيس(ة)
    }: { $name }، { $phone }
funding-escalation-footer = نرجو منكم التفضل بتتبع ذلك. ويتوصل منظمو الجهة بنفس المعطيات.
funding-summary-header = 📊 <b>تمويل البرنامج: حصيلة الأسبوع</b>
funding-summary-silent = ⚠️ { PLURAL($bodies) ->
        [zero] لم تجب أي جماعة ترابية
        [one] لم تجب جماعة ترابية واحدة
        [two] لم تجب جماعتان ترابيتان
        [few] لم تجب { $bodies } جماعات ترابية
        [many] لم تجب { $bodies } جماعة ترابية
       *[other] لم تجب { $bodies } جماعة ترابية
    } على { PLURAL($n) ->
        [zero] أي تذكير
        [one] تذكير واحد
        [two] تذكيرين أو أكثر
        [few] { $n } تذكيرات أو أكثر
        [many] { $n } تذكيرا أو أكثر
       *[other] { $n } تذكير أو أكثر
    }، وقد وُجهت لائحتها إلى الكتاب العامين للعمالات والأقاليم المعنية.
funding-summary-none-silent = لم تبق أي جماعة ترابية دون جواب على { PLURAL($n) ->
        [zero] أي تذكير
        [one] تذكير واحد
        [two] تذكيرين
        [few] { $n } تذكيرات
        [many] { $n } تذكيرا
       *[other] { $n } تذكير
    }.
contributions-body-line = { -rlm }{ $agreement ->
        [approved] ✅
        [declared] ⏳
       *[pending] ▫️
    } <b>{ $body }</b>: الاتفاقية { $agreement ->
        [approved] مصادق عليها
        [declared] مصرح بالمصادقة عليها، في انتظار التحقق
       *[pending] غير مصادق عليها
    }؛ المؤدى { $paid } من أصل { $due }؛ الباقي { $outstanding }.
funding-approval-ask-session = في أي دورة صوت المجلس؟ المرجو اختيارها أو كتابتها.
council-session-january = الدورة العادية لشهر يناير
council-session-february = الدورة العادية لشهر فبراير
council-session-may = الدورة العادية لشهر ماي
council-session-june = الدورة العادية لشهر يونيو
council-session-september = الدورة العادية لشهر شتنبر
council-session-october = الدورة العادية لشهر أكتوبر
council-session-extraordinary = دورة استثنائية
# A session button of a month the reader's kind of council does not sit in (an alert: plain text).
council-session-not-held = لا يعقد مجلسكم دورة عادية في هذا الشهر. المرجو اختيار إحدى الدورات المقترحة.
funding-approval-ask-decision = ما هو رقم مقرر المجلس (مثلا 12/2026)؟ المرجو كتابته، أو اختيار «بدون رقم».
button-approval-no-decision = بدون رقم
declaration-approval-session = الدورة: { $session }
declaration-approval-decision = مقرر رقم { $decision }
funding-transfer-ask-receipt = المرجو إرسال صورة لإشعار التحويل البنكي إن كانت متوفرة لديكم، وإلا فاختاروا «بدون إشعار».
button-funding-no-receipt = بدون إشعار

## Announcements
broadcast-refused-empty-audience = لا يشمل هذا الجمهور أي شخص في اللائحة: لم يتم إرسال أي شيء.
broadcast-refused-past = لقد مضى هذا الموعد: لم تتم برمجة أي شيء.
broadcast-refused-never = قاعدة التكرار هذه لا توافق أي تاريخ: لم تتم برمجة أي شيء.
broadcast-refused-not-found = لا يوجد إعلان بهذا الرقم.
broadcast-refused-cancelled = سبق إلغاء هذا الإعلان.
broadcast-refused-sent = سبق إرسال هذا الإعلان إلى الجميع: لم يبق ما يمكن إلغاؤه.
broadcast-refused-empty = الإعلان بدون نص: لم يتم إرسال أي شيء.
broadcast-refused-too-long = يتجاوز الإعلان ما يسمح به تيليغرام في رسالة واحدة (4096 حرفا، و1024 تحت صورة أو وثيقة): يرجى اختصاره.
broadcast-refused-control-character = يتضمن الإعلان حرف تحكم غير مرئي ({ $code }، الحرف رقم { $position }) يتعذر إرساله. المرجو كتابته من جديد دونه.
broadcast-refused-bidi-control = يتضمن الإعلان حرفا للتحكم في اتجاه الكتابة ({ $code }، الحرف رقم { $position }) قد يُظهر النص على غير ما كُتب به. المرجو كتابته من جديد دونه.
broadcast-formatting-less-than = رُفض تنسيق الإعلان عند الحرف رقم { $position }: تُقرأ العلامة { -lri }&lt;{ -pdi } هنا بداية لوسم تنسيق. لإظهار العلامة نفسها، اكتبوا { -lri }&amp;lt;{ -pdi } مكانها.
broadcast-formatting-greater-than = رُفض تنسيق الإعلان عند الحرف رقم { $position }: توجد العلامة { -lri }&gt;{ -pdi } هنا خارج أي وسم تنسيق. لإظهار العلامة نفسها، اكتبوا { -lri }&amp;gt;{ -pdi } مكانها.
broadcast-formatting-unknown-tag = رُفض تنسيق الإعلان عند الحرف رقم { $position }: { $tag } ليس وسما يعرفه تيليغرام ({ -lri }b, i, u, s, a, code, pre, blockquote, tg-spoiler, tg-emoji{ -pdi }).
broadcast-formatting-attributes = رُفض تنسيق الإعلان عند الحرف رقم { $position }: يحمل { $tag } خصائص لا يقبلها تيليغرام؛ المقبول: { $expected }.
broadcast-formatting-no-attributes = رُفض تنسيق الإعلان عند الحرف رقم { $position }: لا يقبل { $tag } أي خاصية.
broadcast-formatting-crossed = رُفض تنسيق الإعلان عند الحرف رقم { $position }: يأتي { $tag } و{ $open } ما يزال مفتوحا؛ تُغلق الوسوم بعكس ترتيب فتحها.
broadcast-formatting-closes-nothing = رُفض تنسيق الإعلان عند الحرف رقم { $position }: { $tag } لا يغلق أي وسم.
broadcast-formatting-never-closed = رُفض تنسيق الإعلان عند الحرف رقم { $position }: الوسم { $tag } لم يُغلق.
broadcast-formatting-unknown-reference = رُفض تنسيق الإعلان عند الحرف رقم { $position }: { $reference } ليس رمزا يعرفه تيليغرام ({ -lri }&amp;lt; &amp;gt; &amp;amp; &amp;quot;{ -pdi } أو رقم). لكتابة العلامة { -lri }&amp;{ -pdi } نفسها، اكتبوا { -lri }&amp;amp;{ -pdi }.
broadcast-formatting-not-a-character = رُفض تنسيق الإعلان عند الحرف رقم { $position }: { $reference } لا يدل على أي حرف.
broadcast-formatting-nested = رُفض تنسيق الإعلان عند الحرف رقم { $position }: لا يمكن أن يكون { $tag } داخل { $open } (لا رابط داخل رابط، ولا تنسيق داخل الشفرة، ولا اقتباس داخل اقتباس).
broadcast-formatting-pre-code = رُفض تنسيق الإعلان عند الحرف رقم { $position }: داخل { -lri }&lt;pre&gt;{ -pdi } يجب أن يضم { -lri }&lt;code&gt;{ -pdi } الكتلة كلها، مثل { -lri }&lt;pre&gt;&lt;code class="language-python"&gt;…&lt;/code&gt;&lt;/pre&gt;{ -pdi }.
broadcast-formatting-language = رُفض تنسيق الإعلان عند الحرف رقم { $position }: لا تُحدَّد لغة البرمجة إلا على { -lri }&lt;code&gt;{ -pdi } موضوع مباشرة داخل { -lri }&lt;pre&gt;{ -pdi }، مثل { -lri }&lt;pre&gt;&lt;code class="language-python"&gt;…&lt;/code&gt;&lt;/pre&gt;{ -pdi }.
broadcast-formatting-link = رُفض تنسيق الإعلان عند الحرف رقم { $position }: الرابط { $link } ليس عنوانا يفتحه تيليغرام ({ -lri }http://{ -pdi } أو { -lri }https://{ -pdi } أو { -lri }tg://{ -pdi }).
cmd-broadcast = تحرير إعلان (للمنظمين)
cmd-broadcasts = الإعلانات وإرسالها (للمنظمين)
broadcast-ask-text =
    📣 <b>إعلان جديد</b>
    يرجى كتابة النص باللغة { $language }. يُحتفظ بالخط العريض والمائل والروابط. يمكن إرفاقه بصورة أو وثيقة: أرسلوها، ويكون النص تعليقا عليها.
    <i>{ -lri }/cancel{ -pdi } للتوقف؛ لا يُرسل أي شيء قبل تأكيدكم.</i>
broadcast-text-saved =
    ✅ تم تسجيل النص باللغة { $language }.
    يتوصل كل شخص بالنسخة المحررة بلغته، وإلا فبالنسخة الأولى. يمكنكم إضافة نسخة بلغة أخرى، أو اختيار الجمهور.
button-broadcast-version = ➕ نسخة باللغة { $language }
button-broadcast-audience = 👥 اختيار الجمهور
broadcast-ask-audience =
    📣 <b>من يتوصل بالإعلان؟</b> اضغطوا على الصفات والأماكن لاختيارها؛ إذا لم تختاروا شيئا فالإعلان للجميع. الضغط على عمالة أو إقليم يعرض جماعاتها.

    الجمهور: { $audience }
    👥 <b>{ people-count }</b>
broadcast-preview-intro = 👁 فيما يلي الإعلان كما سيظهر للمتوصلين به.
broadcast-ready =
    📣 <b>الإعلان جاهز للإرسال</b>
    👥 { $audience }: <b>{ people-count }</b>
    { PLURAL($unreachable) ->
        [zero] يمكن إيصاله إليهم جميعا.
        [one] يتعذر الوصول إلى شخص واحد منهم (لم ينضم بعد، أو أوقف البوت).
        [two] يتعذر الوصول إلى شخصين منهم (لم ينضما بعد، أو أوقفا البوت).
        [few] يتعذر الوصول إلى { $unreachable } أشخاص منهم (لم ينضموا بعد، أو أوقفوا البوت).
        [many] يتعذر الوصول إلى { $unreachable } شخصا منهم (لم ينضموا بعد، أو أوقفوا البوت).
       *[other] يتعذر الوصول إلى { $unreachable } شخص منهم (لم ينضموا بعد، أو أوقفوا البوت).
    }
button-broadcast-send-now = 📤 الإرسال الآن
button-broadcast-schedule = 🗓 برمجة الإرسال
broadcast-ask-when =
    🗓 متى يُرسل الإعلان؟ اكتبوا يوما وساعة مثل { $example_deadline }.
    ولإرسال يتكرر، اكتبوا قاعدة تكرار من خمسة عناصر تفصل بينها مسافات: الدقيقة، ثم الساعة، ثم اليوم من الشهر، ثم الشهر، ثم اليوم من الأسبوع (1 للاثنين … 5 للجمعة)، وتعني العلامة * «كل». مثلا { -lri }0 9 * * 1{ -pdi }: كل يوم اثنين على الساعة 09:00؛ و{ -lri }30 8 1 * *{ -pdi }: فاتح كل شهر على الساعة 08:30.
broadcast-when-refused = «{ $input }» ليس يوما وساعة قادمين (مثل { $example_deadline })، ولا قاعدة تكرار (مثل { -lri }0 9 * * 1{ -pdi }: كل يوم اثنين على الساعة 09:00).
broadcast-attached-photo = 📎 أُرفقت الصورة: سيكون النص تعليقا عليها، في حدود 1024 حرفا.
broadcast-attached-document = 📎 أُرفقت الوثيقة ({ $name }): سيكون النص تعليقا عليها، في حدود 1024 حرفا.
broadcast-refused-file = يمكن إرفاق الإعلان بصورة أو وثيقة، لا بهذا النوع من الملفات: يرجى إرسال صورة أو وثيقة أو النص.
broadcast-refused-caption-too-long = لا يقبل تيليغرام تحت الصورة أو الوثيقة أكثر من 1024 حرفا، وأحد النصوص المكتوبة أطول من ذلك: لم يُرفق الملف. يرجى البدء من جديد بـ{ -lri }/broadcast{ -pdi } ونص أقصر، أو إرسال الإعلان بدون ملف.
broadcast-use-buttons = يرجى استعمال أزرار آخر رسالة.
broadcast-scheduled = 🗓 سيُرسل الإعلان رقم { $number } يوم { $when }.
broadcast-recurring = 🔁 سيُرسل الإعلان رقم { $number } وفق قاعدة التكرار «{ $input }»، ابتداء من { $when }.
broadcast-report =
    { -rlm }📣 الإعلان رقم { $number }: الإرسال جار
    { -rlm }📤 أُرسل: { $sent } · ⏳ في الانتظار: { $queued } · ❌ تعذر: { $failed } · ⛔ أوقفوا البوت: { $blocked } · 📵 يتعذر الوصول إليهم: { $unreachable }
broadcast-report-done =
    { -rlm }✅ الإعلان رقم { $number }: تم الإرسال
    { -rlm }📤 أُرسل: { $sent } · ❌ تعذر: { $failed } · ⛔ أوقفوا البوت: { $blocked } · 📵 يتعذر الوصول إليهم: { $unreachable }
broadcast-report-cancelled =
    { -rlm }🚫 الإعلان رقم { $number }: أُلغي
    { -rlm }📤 أُرسل: { $sent } · ❌ تعذر: { $failed } · ⛔ أوقفوا البوت: { $blocked } · 📵 يتعذر الوصول إليهم: { $unreachable }
broadcast-cancelled = تم إلغاء تحرير الإعلان، ولم يُرسل أي شيء.
broadcasts-none = لا يوجد أي إعلان بعد.
broadcasts-header = 📣 <b>الإعلانات</b>
broadcasts-line =
    { -rlm }<b>رقم { $number }</b> · { $audience } · { $status }
    { -rlm }📤 { $sent } · ⏳ { $queued } · ❌ { $failed } · ⛔ { $blocked } · 📵 { $unreachable }
broadcast-status-scheduled = 🗓 يوم { $when }
broadcast-status-recurring = 🔁 قاعدة التكرار «{ $input }»، الإرسال المقبل يوم { $when }
broadcast-status-sending = 📤 الإرسال جار
broadcast-status-done = ✅ تم الإرسال
broadcast-status-cancelled = 🚫 أُلغي
button-broadcast-cancel = 🚫 إلغاء رقم { $number }
broadcast-cancel-done = تم إلغاء الإعلان رقم { $number }، ولن يُرسل منه أي شيء بعد الآن.
broadcast-audience-owing = الجماعات الترابية التي لم تصادق بعد على الاتفاقية أو لم تسدد مساهمتها
# $among: all, no-answer, yes, no, present, absent.
broadcast-audience-workshop =
    { $among ->
        [no-answer] المدعوون إلى «{ $title }» الذين لم يجيبوا
        [yes] المدعوون إلى «{ $title }» الذين أكدوا الحضور
        [no] المدعوون إلى «{ $title }» الذين اعتذروا
        [present] الحاضرون في «{ $title }»
        [absent] المدعوون إلى «{ $title }» الذين تغيبوا
       *[all] المدعوون إلى «{ $title }»
    }
button-broadcast-owing = 💰 اتفاقية أو مساهمة لم تُستكمل
button-broadcast-workshop =
    { $among ->
        [no-answer] 🎓 { $title }: لم يجيبوا
        [yes] 🎓 { $title }: أكدوا الحضور
        [no] 🎓 { $title }: اعتذروا
        [present] 🎓 { $title }: الحاضرون
        [absent] 🎓 { $title }: المتغيبون
       *[all] 🎓 { $title }: المدعوون
    }

## تقرير البرنامج والرسوم البيانية
report-title = التكوين المستمر للمنتخبين: تقرير البرنامج
report-cover-all-provinces = جميع عمالات وأقاليم الجهة
report-cover-province = { $province_kind ->
        [prefecture] عمالة { $province }
       *[province] إقليم { $province }
    }
report-cover-whole-programme = منذ انطلاق البرنامج
report-cover-period = من { $from } إلى { $to }
report-cover-since = منذ { $from }
report-cover-until = إلى غاية { $to }
report-cover-made = حُرِّر بتاريخ { $today }
report-page = الصفحة { $page } من { $pages }
report-section-key-figures = أرقام أساسية
report-section-months = شهرًا بشهر
report-section-provinces = الحضور حسب العمالة أو الإقليم
report-section-communes = الحضور حسب الجماعة
report-section-workshops = الورشات المنعقدة
report-section-evaluations = التقييمات
report-section-comments = الملاحظات (دون ذكر الأسماء)
report-section-funding = التمويل حسب الجماعة الترابية الموقعة
report-nothing-held = لم تنعقد أي ورشة خلال هذه الفترة.
report-no-comments = لم تُكتب أي ملاحظة.
report-figure-held = { PLURAL($count) ->
        [zero] ورشة منعقدة
        [one] ورشة منعقدة
        [two] ورشتان منعقدتان
        [few] ورشات منعقدة
        [many] ورشة منعقدة
       *[other] ورشة منعقدة
    }
report-figure-invited = { PLURAL($count) ->
        [zero] دعوة
        [one] دعوة
        [two] دعوتان
        [few] دعوات
        [many] دعوة
       *[other] دعوة
    }
report-figure-present = { PLURAL($count) ->
        [zero] مشارك
        [one] مشارك
        [two] مشاركان
        [few] مشاركين
        [many] مشاركًا
       *[other] مشارك
    }
report-figure-rate = نسبة حضور المدعوين
report-figure-rating = متوسط التقييم من 5
report-figure-approved = { PLURAL($bodies) ->
        [zero] اتفاقية مصادق عليها من أصل { $bodies } جماعة ترابية
        [one] اتفاقية مصادق عليها من أصل جماعة ترابية واحدة
        [two] اتفاقية مصادق عليها من أصل جماعتين ترابيتين
        [few] اتفاقية مصادق عليها من أصل { $bodies } جماعات ترابية
        [many] اتفاقية مصادق عليها من أصل { $bodies } جماعة ترابية
       *[other] اتفاقية مصادق عليها من أصل { $bodies } جماعة ترابية
    }
report-figure-paid = مؤداة من أصل { $due } مستحقة
report-column-province = العمالة أو الإقليم
report-column-commune = الجماعة
report-column-invited = المدعوون
report-column-yes = نعم
report-column-no = لا
report-column-no-answer = دون رد
report-column-present = الحاضرون
report-column-walk-ins = دون دعوة
report-column-rate = النسبة
report-column-workshop = الورشة
report-column-date = التاريخ
report-column-venue = المكان
report-column-rating = التقييم
report-column-ratings = عدد التقييمات
report-column-score = التقييم
report-column-comment = الملاحظة
report-column-body = الجماعة الترابية
report-column-agreement = الاتفاقية
report-column-due = المستحق
report-column-paid = المؤدى
report-column-outstanding = الباقي
report-column-month = الشهر
report-column-held = الورشات
report-agreement = { $standing ->
        [approved] مصادق عليها
        [declared] مصرح بها
       *[pending] في الانتظار
    }
report-province-staff = { $province_kind ->
        [prefecture] مصالح العمالة
       *[province] مصالح الإقليم
    }
report-refused-unknown-province = لا توجد عمالة أو إقليم باسم «{ $province }» في لائحة المنتخبين. العمالات والأقاليم الواردة فيها هي: { $known }.
report-refused-from-after-to = تنتهي الفترة ({ $to }) قبل أن تبدأ ({ $from }): يرجى تبديل التاريخين.
chart-provinces = الحضور حسب العمالة أو الإقليم
chart-provinces-note = نسبة المدعوين الذين حضروا؛ بعد كل شريط، النسبة.
chart-answers = الردود على الدعوات
chart-answers-note = { PLURAL($count) ->
        [zero] لا ورشة.
        [one] آخر ورشة؛ بعد شريطها، عدد من أجابوا بنعم من أصل المدعوين.
        [two] آخر ورشتين؛ بعد كل شريط، عدد من أجابوا بنعم من أصل المدعوين.
        [few] آخر { $count } ورشات؛ بعد كل شريط، عدد من أجابوا بنعم من أصل المدعوين.
        [many] آخر { $count } ورشة؛ بعد كل شريط، عدد من أجابوا بنعم من أصل المدعوين.
       *[other] آخر { $count } ورشة؛ بعد كل شريط، عدد من أجابوا بنعم من أصل المدعوين.
    }
chart-ratings = تقييم الورشات
chart-ratings-note = { PLURAL($count) ->
        [zero] لا ورشة مقيَّمة.
        [one] آخر ورشة مقيَّمة؛ بعد شريطها، متوسط التقييم من 5.
        [two] آخر ورشتين مقيَّمتين؛ بعد كل شريط، متوسط التقييم من 5.
        [few] آخر { $count } ورشات مقيَّمة؛ بعد كل شريط، متوسط التقييم من 5.
        [many] آخر { $count } ورشة مقيَّمة؛ بعد كل شريط، متوسط التقييم من 5.
       *[other] آخر { $count } ورشة مقيَّمة؛ بعد كل شريط، متوسط التقييم من 5.
    }
chart-funding = التمويل حسب العمالة أو الإقليم
chart-funding-note = الجماعات الترابية حسب ما أدته؛ بعد كل شريط، عدد الاتفاقيات المصادق عليها.
chart-months = المشاركون شهرًا بشهر
chart-months-note = المنتخبون الحاضرون في ورشات كل شهر؛ بعد كل شريط، عدد الورشات.
chart-series-present = الحاضرون
chart-series-absent = الغائبون
chart-series-yes = نعم
chart-series-no = لا
chart-series-no-answer = دون رد
chart-series-score = { $score } من 5
chart-series-full = أُدّيت كاملة
chart-series-partly = أُدّيت جزئيًا
chart-series-nothing = لم يُؤدَّ شيء
chart-series-participants = المشاركون
chart-question-note = { PLURAL($count) ->
        [zero] { -rlm }{ $title }: لا جواب.
        [one] { -rlm }{ $title }: جواب واحد.
        [two] { -rlm }{ $title }: جوابان.
        [few] { -rlm }{ $title }: { $count } أجوبة.
        [many] { -rlm }{ $title }: { $count } جوابا.
       *[other] { -rlm }{ $title }: { $count } جواب.
    }
chart-series-answers = الأجوبة
chart-figure-held = { PLURAL($count) ->
        [zero] لا ورشة
        [one] ورشة واحدة
        [two] ورشتان
        [few] { $count } ورشات
        [many] { $count } ورشة
       *[other] { $count } ورشة
    }

## الحصيلة الأسبوعية
cmd-report = الرسوم البيانية للبرنامج (للمنظمين)
cmd-report-province = الرسوم البيانية لعمالتكم أو إقليمكم
report-readers-only = الرسوم البيانية مخصصة لمنظمي البرنامج وللكتاب العامين للعمالات والأقاليم.
digest-title-region = <b>📊 الحصيلة الأسبوعية للبرنامج</b>
    { -rlm }{ $date }
digest-title-province = <b>📊 الحصيلة الأسبوعية: { $province_kind ->
        [prefecture] عمالة { $province }
       *[province] إقليم { $province }
    }</b>
    { -rlm }{ $date }
digest-held = <b>الورشات المنعقدة خلال الأيام السبعة الأخيرة</b> (🙋 الحاضرون/المدعوون · 🚶 دون دعوة)
digest-held-line = { -rlm }• { $date } · { $title }: 🙋 { $present }/{ $invited } · 🚶 { $walk_ins }
digest-coming = <b>الورشات المقبلة خلال الأسبوعين القادمين</b> (✅ نعم · ❌ لا · ⏳ دون رد)
digest-coming-line = { -rlm }• { $date } · { $title }: ✅ { $yes } · ❌ { $no } · ⏳ { $pending }
digest-funding = <b>التمويل الذي تم التحقق منه هذا الأسبوع</b>
digest-funding-transfer = { -rlm }• { $body }: تحويل بمبلغ { $amount }
digest-funding-approval = { -rlm }• { $body }: مصادقة المجلس على الاتفاقية
digest-call = <b>جماعات ترابية يتعين الاتصال بها هاتفيًا</b>: لم ينضم رئيسها ولا مسؤولها المالي إلى تيليغرام، فلا يصلها أي تذكير.
digest-call-line = { -rlm }• { $name } ({ $person_title })، { $phone }
digest-call-nobody = { -rlm }• { $body }: لا أحد في اللائحة للاتصال به
digest-more = { PLURAL($count) ->
        [zero] … ولا شيء غيرها.
        [one] … وواحدة أخرى.
        [two] … واثنتان أخريان.
        [few] … و{ $count } أخرى.
        [many] … و{ $count } أخرى.
       *[other] … و{ $count } أخرى.
    }
button-digest-stop = 🔕 إيقاف الحصيلة الأسبوعية
button-digest-resume = 🔔 استئناف الحصيلة الأسبوعية
digest-stopped = تم إيقاف الحصيلة الأسبوعية. يمكن استئنافها بالزر أدناه.
digest-resumed = تم استئناف الحصيلة الأسبوعية: تصل صباح كل يوم اثنين.

## استمارات التقييم

# بعد الورشة، للحاضرين، إذا كتب المنظم أسئلة. $count: عددها.
evaluation-form-request =
    🙏 شكرا على حضوركم ورشة <b>{ $title }</b>.
    { PLURAL($count) ->
        [zero] رأيكم يهمنا.
        [one] رأيكم يهمنا: سؤال واحد تجيبون عنه بالأزرار.
        [two] رأيكم يهمنا: سؤالان تجيبون عنهما بالأزرار.
        [few] رأيكم يهمنا: { $count } أسئلة تجيبون عنها بالأزرار.
        [many] رأيكم يهمنا: { $count } سؤالا تجيبون عنها بالأزرار.
       *[other] رأيكم يهمنا: { $count } سؤال تجيبون عنها بالأزرار.
    }
# $left: عدد الأسئلة التي لم يُجب عنها بعد.
evaluation-form-reminder = تذكير: رأيكم في ورشة <b>{ $title }</b> يهمنا. { PLURAL($left) ->
        [zero] شكرا على أجوبتكم.
        [one] بقي سؤال واحد.
        [two] بقي سؤالان.
        [few] بقيت { $left } أسئلة.
        [many] بقي { $left } سؤالا.
       *[other] بقي { $left } سؤال.
    }
evaluation-form-question =
    <b>السؤال { $number } من { $count }</b>
    { -rlm }{ $text }
evaluation-form-scale-hint = من 1 (ضعيف) إلى 5 (ممتاز):
evaluation-form-thanks = شكرا! تم تسجيل أجوبتكم.
evaluation-form-closed = أُغلق تقييم هذه الورشة: تُقبل الأجوبة خلال الأسبوعين التاليين لانعقادها.
workshop-comment-line-unrated = { -rlm }• { $comment }
button-new-workshop-form = 📝 استمارة التقييم
new-workshop-summary-form-default = 📝 التقييم: الاستمارة الافتراضية (تنقيط من 1 إلى 5 وتعليق)
new-workshop-summary-form = 📝 التقييم: { PLURAL($count) ->
        [zero] تعليق فقط
        [one] سؤال واحد وتعليق
        [two] سؤالان وتعليق
        [few] { $count } أسئلة وتعليق
        [many] { $count } سؤالا وتعليق
       *[other] { $count } سؤال وتعليق
    }
new-workshop-form =
    📝 <b>استمارة التقييم</b>
    بعد الورشة، يجيب عنها الحاضرون بالأزرار، ثم يمكنهم إضافة تعليق.

    { $questions }
new-workshop-form-default = الاستمارة الافتراضية: تنقيط واحد من 1 (ضعيف) إلى 5 (ممتاز).
new-workshop-form-kind-scale = سلم من 1 إلى 5
new-workshop-form-line = { -rlm }{ $number }. { $text } — { $kind }
new-workshop-form-ask-question = المرجو كتابة السؤال { $number } في سطر واحد ({ PLURAL($max) ->
        [zero] بدون أحرف
        [one] حرف واحد على الأكثر
        [two] حرفان على الأكثر
        [few] { $max } أحرف على الأكثر
        [many] { $max } حرفا على الأكثر
       *[other] { $max } حرف على الأكثر
    }).
new-workshop-form-ask-kind = كيف يُجاب عن «{ $text }»؟
new-workshop-form-ask-options = المرجو كتابة الخيارات، مفصولة بالعلامة / أو كل خيار في سطر (مثلا: نعم / لا / جزئيا): من 2 إلى 6 خيارات، لا يتجاوز كل منها 40 حرفا حتى يسعه الزر.
button-form-add = ➕ إضافة سؤال
button-form-default = ↺ الاستمارة الافتراضية
button-form-done = ✅ تم
button-form-scale = سلم من 1 إلى 5
button-form-choices = خيارات
form-error-too-many-questions = لا تتجاوز الاستمارة { PLURAL($max) ->
        [zero] أي سؤال
        [one] سؤالا واحدا
        [two] سؤالين
        [few] { $max } أسئلة
        [many] { $max } سؤالا
       *[other] { $max } سؤال
    }.
form-error-question-empty = السؤال فارغ. المرجو كتابته من جديد.
form-error-question-too-long = السؤال طويل جدا: { PLURAL($chars) ->
        [zero] لا حرف
        [one] حرف واحد
        [two] حرفان
        [few] { $chars } أحرف
        [many] { $chars } حرفا
       *[other] { $chars } حرف
    }، والحد الأقصى هو { $max }. المرجو اختصاره.
form-error-question-line-break = يجب أن يكون السؤال في سطر واحد. المرجو كتابته من جديد.
form-error-question-character = يتضمن السؤال حرف تحكم غير مرئي أو حرفا للتحكم في اتجاه الكتابة (الحرف رقم { $position }). المرجو كتابته من جديد.
form-error-no-kind = السؤال { $question }: المرجو أن تبينوا في آخره طريقة الإجابة، { -lri }[scale]{ -pdi } أو [نعم/لا/…] («{ $text }»).
form-error-too-few-options = يتطلب سؤال الاختيار { PLURAL($min) ->
        [zero] خيارات
        [one] خيارا واحدا
        [two] خيارين
        [few] { $min } خيارات
        [many] { $min } خيارا
       *[other] { $min } خيار
    } على الأقل، مفصولة بالعلامة /.
form-error-too-many-options = كتبتم { PLURAL($count) ->
        [zero] لا خيار
        [one] خيارا واحدا
        [two] خيارين
        [few] { $count } خيارات
        [many] { $count } خيارا
       *[other] { $count } خيار
    }، ولا تسع الأزرار أكثر من { $max }.
form-error-option-empty = الخيار { $option } فارغ. المرجو كتابة الخيارات من جديد.
form-error-option-too-long = الخيار «{ $text }» طويل جدا: { PLURAL($chars) ->
        [zero] لا حرف
        [one] حرف واحد
        [two] حرفان
        [few] { $chars } أحرف
        [many] { $chars } حرفا
       *[other] { $chars } حرف
    }، ولا يعرض الزر أكثر من { $max }. المرجو اختصاره.
form-error-option-character = يتضمن الخيار { $option } رجوعا إلى السطر أو حرف تحكم غير مرئي (الحرف رقم { $position }). المرجو كتابة الخيارات من جديد.
form-error-duplicate-option = الخيار «{ $text }» مكتوب مرتين.
## الشهادات والمسار التكويني

cmd-my_training = مساركم التكويني وشهاداتكم
certificate-issuer = جهة فاس-مكناس — مجلس الجهة
certificate-programme = برنامج التكوين المستمر للمنتخبين
certificate-heading = شهادة حضور
certificate-certifies = يشهد مجلس جهة فاس-مكناس بحضور
certificate-person-title = { -rlm }{ $person_title }
certificate-attended = أشغال الورشة التكوينية
certificate-date = التاريخ: { $date }
certificate-place = المكان: { $venue }
certificate-duration = المدة: { PLURAL($hours) ->
        [zero] { $hours } ساعة
        [one] ساعة واحدة
        [two] ساعتان
        [few] { $hours } ساعات
        [many] { $hours } ساعة
       *[other] { $hours } ساعة
    }
certificate-code = رمز التحقق: { $certificate }
certificate-verify = تؤكد مصلحة التكوين المستمر بالجهة صحة هذا الرمز عند الطلب.
certificate-issued = سُلّمت بتاريخ { $today }
certificate-caption =
    🎓 <b>شهادة حضور</b>
    { -rlm }{ $title }، { $date }.
    رمز التحقق: <code>{ $certificate }</code>
certificate-refused-not-attended = لم يُسجَّل حضوركم في هذه الورشة، أو أنها لم تنته بعد: لا توجد شهادة تخصها.
certificate-refused-unknown-code = لا توجد شهادة تحمل هذا الرمز: { $certificate }. المرجو التحقق منه كما هو مطبوع على الشهادة (TKW ثم مجموعتان من أربعة حروف وأرقام).
my-training-empty = لم يُسجَّل بعد حضوركم في أي ورشة. بعد كل ورشة يُسجَّل فيها حضوركم، نرسل إليكم شهادتها هنا.
my-training =
    🎓 <b>مساركم التكويني</b>
    { PLURAL($count) ->
        [zero] لم تحضروا أي ورشة بعد
        [one] حضرتم ورشة واحدة
        [two] حضرتم ورشتين
        [few] حضرتم { $count } ورشات
        [many] حضرتم { $count } ورشة
       *[other] حضرتم { $count } ورشة
    }، أي { PLURAL($hours) ->
        [zero] { $hours } ساعة
        [one] ساعة واحدة
        [two] ساعتين
        [few] { $hours } ساعات
        [many] { $hours } ساعة
       *[other] { $hours } ساعة
    } من التكوين.
my-training-line = { -rlm }• { $date } — <b>{ $title }</b>، { $venue }
my-training-buttons = اضغطوا على ورشة لتتوصلوا بشهادتها من جديد.
button-certificate = { -rlm }🎓 { $date } · { $title }
