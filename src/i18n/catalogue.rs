//! One catalogue of every message, in the three languages side by side with example values
//! (`docs/messages.md`), so that a translator or a council's communication officer can review
//! every text in one read. It is generated from the Fluent files; a test fails while the file
//! in the repository is stale, and `TAKWIN_WRITE_CATALOGUE=1 cargo test catalogue` rewrites it.
//!
//! The same examples feed the checks that need every message: the bidi check of every Arabic
//! message, and every count at 0, 1, 2, 3, 11, 100 and 103.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use fluent_syntax::ast::{
    CallArguments, Entry, Expression, InlineExpression, Pattern, PatternElement, Resource,
    VariantKey,
};

use super::{Args, I18n, SOURCES, index};
use crate::domain::roster::Language;
use crate::domain::zone::Zone;

/// The counts every message that takes one is shown and tested with: each Arabic plural form
/// (0 zero, 1 one, 2 two, 3 few, 11 many, 100 other, 103 few again by n % 100), and French's
/// 0 and 1 in the singular.
pub const COUNTS: [i64; 7] = [0, 1, 2, 3, 11, 100, 103];

/// The file the catalogue lives in, from the crate's root.
pub const PATH: &str = "docs/messages.md";

/// A language's Fluent file, parsed.
fn resource(lang: Language) -> Resource<&'static str> {
    fluent_syntax::parser::parse(SOURCES[index(lang)].1)
        .unwrap_or_else(|(_, errors)| panic!("locales/{lang}/takwin.ftl: {errors:?}"))
}

/// The messages of a language's file in order, each with the title of its section (the
/// `##` comment above it).
pub fn messages(lang: Language) -> Vec<(String, String)> {
    let mut section = String::new();
    let mut out = Vec::new();
    for entry in resource(lang).body {
        match entry {
            Entry::GroupComment(comment) => section = comment.content.join(" "),
            Entry::Message(message) if message.value.is_some() => {
                out.push((section.clone(), message.id.name.to_owned()));
            }
            _ => {}
        }
    }
    out
}

/// What a message uses directly (message references are not followed).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Uses {
    /// Every variable it shows or selects on.
    pub variables: BTreeSet<String>,
    /// The variables it selects on (`{ $n -> … }` or `{ PLURAL($n) -> … }`), each with the
    /// keys of its variants.
    pub selectors: BTreeMap<String, BTreeSet<String>>,
    /// The messages it includes (`{ people-count }`).
    pub references: BTreeSet<String>,
}

/// What the message `id` of `lang` uses; `None` when the file has no such message.
pub fn uses(lang: Language, id: &str) -> Option<Uses> {
    let resource = resource(lang);
    let pattern = resource.body.iter().find_map(|entry| match entry {
        Entry::Message(m) if m.id.name == id => m.value.as_ref(),
        _ => None,
    })?;
    let mut uses = Uses::default();
    walk_pattern(pattern, &mut uses);
    Some(uses)
}

fn walk_pattern(pattern: &Pattern<&str>, uses: &mut Uses) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            walk_expression(expression, uses);
        }
    }
}

fn walk_expression(expression: &Expression<&str>, uses: &mut Uses) {
    match expression {
        Expression::Inline(inline) => walk_inline(inline, uses),
        Expression::Select { selector, variants } => {
            walk_inline(selector, uses);
            if let Some(variable) = selected_variable(selector) {
                let keys = uses.selectors.entry(variable.to_owned()).or_default();
                for variant in variants {
                    keys.insert(match &variant.key {
                        VariantKey::Identifier { name } => (*name).to_owned(),
                        VariantKey::NumberLiteral { value } => (*value).to_owned(),
                    });
                }
            }
            for variant in variants {
                walk_pattern(&variant.value, uses);
            }
        }
    }
}

/// The variable a selector is about: `$n`, or `PLURAL($n)`.
fn selected_variable<'s>(selector: &InlineExpression<&'s str>) -> Option<&'s str> {
    match selector {
        InlineExpression::VariableReference { id } => Some(id.name),
        InlineExpression::FunctionReference { arguments, .. } => {
            match arguments.positional.first() {
                Some(InlineExpression::VariableReference { id }) => Some(id.name),
                _ => None,
            }
        }
        _ => None,
    }
}

fn walk_inline(inline: &InlineExpression<&str>, uses: &mut Uses) {
    let walk_arguments = |arguments: &CallArguments<&str>, uses: &mut Uses| {
        for argument in &arguments.positional {
            walk_inline(argument, uses);
        }
        for argument in &arguments.named {
            walk_inline(&argument.value, uses);
        }
    };
    match inline {
        InlineExpression::VariableReference { id } => {
            uses.variables.insert(id.name.to_owned());
        }
        InlineExpression::MessageReference { id, .. } => {
            uses.references.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => walk_arguments(arguments, uses),
        InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => walk_arguments(arguments, uses),
        InlineExpression::Placeable { expression } => walk_expression(expression, uses),
        _ => {}
    }
}

/// What a message uses in any language, its references followed: the union of the three
/// files, since a language may word a sentence with a variable another does not need.
pub fn uses_anywhere(id: &str) -> Uses {
    let mut all = Uses::default();
    let mut pending = vec![id.to_owned()];
    let mut seen = BTreeSet::new();
    while let Some(id) = pending.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        for lang in Language::ALL {
            let Some(uses) = uses(lang, &id) else {
                continue;
            };
            all.variables.extend(uses.variables);
            for (variable, keys) in uses.selectors {
                all.selectors.entry(variable).or_default().extend(keys);
            }
            pending.extend(uses.references.iter().cloned());
            all.references.extend(uses.references);
        }
    }
    all
}

/// The variables the code fills with a keyword ([`Args::choice`]): a message words its
/// sentence per keyword, so the catalogue shows each.
pub const CHOICES: [&str; 8] = [
    "province_kind",
    "field",
    "agreement",
    "among",
    "standing",
    "role",
    "gender",
    "body_kind",
];

/// The variables the code fills with a number ([`Args::num`]).
pub const NUMBERS: &[&str] = &[
    "absent",
    "approved",
    "blocked",
    "bodies",
    "capacity",
    "chars",
    "chosen",
    "count",
    "failed",
    "full",
    "invited",
    "joined",
    "left",
    "max",
    "min",
    "n",
    "no",
    "nothing",
    "option",
    "partly",
    "number",
    "over",
    "pending",
    "position",
    "present",
    "promoted",
    "question",
    "queued",
    "score",
    "sent",
    "step",
    "told",
    "total",
    "unreachable",
    "waiting",
    "walk_ins",
    "yes",
];

/// A fixed moment in the programme's zone: examples must not move with the clock.
fn local(day: u32, hour: u32) -> DateTime<Utc> {
    let date = NaiveDate::from_ymd_opt(2026, 1, day).expect("a January day");
    let time = NaiveTime::from_hms_opt(hour, 0, 0).expect("an hour");
    Zone::casablanca().resolve(date.and_time(time)).earliest()
}

/// Names and words as each language's reader would see them.
struct Samples {
    name: &'static str,
    body: &'static str,
    province: &'static str,
    title: &'static str,
    topic: &'static str,
    venue: &'static str,
    comment: &'static str,
}

/// Names as the roster gives them to each reader: Arabic ones to Arabic readers. The
/// bidi check also runs with [`latin_samples`], the mixed case.
fn samples(lang: Language) -> Samples {
    match lang {
        Language::Ar => Samples {
            name: "فاطمة الزهراء بنعلي",
            body: "أكوراي",
            province: "الحاجب",
            title: "برمجة الميزانية الجماعية",
            topic: "إعداد الميزانية وتتبع تنفيذها",
            venue: "مقر عمالة إقليم الحاجب",
            comment: "ورشة مفيدة جدا، شكرا.",
        },
        Language::Fr => Samples {
            name: "Fatima Zahra Benali",
            body: "Agourai",
            province: "El Hajeb",
            title: "Programmation du budget communal",
            topic: "Préparer le budget et suivre son exécution",
            venue: "Siège de la province d'El Hajeb",
            comment: "Très concret, merci.",
        },
        Language::En => Samples {
            name: "Fatima Zahra Benali",
            body: "Agourai",
            province: "El Hajeb",
            title: "Programming the communal budget",
            topic: "Preparing the budget and following its execution",
            venue: "El Hajeb province seat",
            comment: "Very practical, thank you.",
        },
    }
}

/// Payment instructions as an organiser might write them (an invented account).
fn instructions(lang: Language) -> &'static str {
    match lang {
        Language::Ar => {
            "تحويل إلى الحساب رقم 310810100001234567890123 لدى الخزينة العامة للمملكة، باسم مجلس جهة فاس-مكناس، مع ذكر «تكوين المنتخبين». للاستفسار: 0535000000."
        }
        Language::Fr => {
            "Virement au compte n° 310 810 1000012345678901 23 ouvert à la Trésorerie générale du Royaume au nom du Conseil de la Région Fès-Meknès, avec la mention «\u{a0}Formation des élus\u{a0}». Renseignements\u{a0}: 0535000000."
        }
        Language::En => {
            "Transfer to account no. 310 810 1000012345678901 23 at the Trésorerie générale du Royaume, in the name of the Fès-Meknès Regional Council, marked \"Training of elected officials\". Questions: 0535000000."
        }
    }
}

/// Latin names, a French title and venue, as an Arabic reader meets them when the roster or
/// the organiser writes them so: the hard case for right-to-left display.
pub fn latin_samples() -> [(&'static str, &'static str); 7] {
    [
        ("name", "Karim Benhaddou"),
        ("body", "Agourai"),
        ("province", "El Hajeb"),
        ("title", "Programmation du budget communal 2026"),
        ("topic", "Lignes 1.2 et 3.4 du budget"),
        ("venue", "Salle 2, siège de la province"),
        ("comment", "Très utile : 10/10"),
    ]
}

/// Example values for every variable of the message `key` in `lang`, built with the real
/// formatting (dates, roles, lists), so the catalogue shows what people get.
pub fn example_args(i18n: &I18n, lang: Language, key: &str) -> Args {
    example_args_with(i18n, lang, key, &[])
}

/// [`example_args`] with other names, titles or venues (`("title", "…")`): the ones of
/// [`latin_samples`], say.
pub fn example_args_with(
    i18n: &I18n,
    lang: Language,
    key: &str,
    names: &[(&'static str, &'static str)],
) -> Args {
    let mut s = samples(lang);
    for &(field, value) in names {
        let slot = match field {
            "name" => &mut s.name,
            "body" => &mut s.body,
            "province" => &mut s.province,
            "title" => &mut s.title,
            "topic" => &mut s.topic,
            "venue" => &mut s.venue,
            "comment" => &mut s.comment,
            other => panic!("no sample called {other}"),
        };
        *slot = value;
    }
    let zone = Zone::casablanca();
    let when = |day, hour| i18n.format_datetime(lang, local(day, hour), &zone);
    let date = |day| i18n.format_date(lang, local(day, 12).date_naive());
    let audience_role = |r: &str| i18n.t(lang, &format!("audience-role-{r}"));
    let offset = |k: &str, n| i18n.t_args(lang, k, &Args::new().num("n", n));
    let roles = [audience_role("president"), audience_role("finance_staff")];
    let audience = format!(
        "{} — {}",
        i18n.and_list_of_labels(lang, &roles),
        super::isolate(lang, s.province)
    );
    let reminders = [
        offset("offset-days", 7),
        offset("offset-days", 1),
        offset("offset-hours", 2),
    ];
    let topic = if key == "workshop-invitation" {
        let line = i18n.t_args(
            lang,
            "workshop-topic-line",
            &Args::new().text("topic", s.topic),
        );
        format!("\n{line}")
    } else {
        String::new()
    };
    // A woman president of a commune, as the roster describes her.
    let standing = Args::new()
        .choice("role", "president")
        .choice("gender", "f")
        .choice("body_kind", "commune")
        .choice("province_kind", "province")
        .text("body", s.body)
        .text("of_body", super::of_name(lang, s.body))
        .text("province", s.province)
        .text("of_province", super::of_name(lang, s.province));
    let person_title = i18n.t_args(lang, "person-title", &standing);
    let mut args = Args::new()
        .text("name", s.name)
        .choice("role", "president")
        .choice("gender", "f")
        .choice("body_kind", "commune")
        .text("body", s.body)
        .text("of_body", super::of_name(lang, s.body))
        .text("province", s.province)
        .text("of_province", super::of_name(lang, s.province))
        .raw("person_title", person_title)
        .choice("province_kind", "province")
        .choice("agreement", "approved")
        .text("phone", "+212600010201")
        .text(
            "language",
            i18n.t(lang, &format!("language-name-{}", lang.code())),
        )
        .text("who", "Youssef (id 123456789)")
        .text("reason", i18n.t(lang, "refusal-reason-unknown-phone"))
        .text("when", when(20, 9))
        .text("action", "workshop.create workshop 12")
        .text("title", s.title)
        .text("topic", s.topic)
        .text("venue", s.venue)
        .text("deadline", when(19, 18))
        .raw("answer", i18n.t(lang, "my-answer-confirmed"))
        .raw("came", i18n.t(lang, "history-came"))
        .text("code", "482 913")
        .figure("mean", i18n.format_tenths(lang, 43))
        .text("closes", when(20, 13))
        .text("since", when(12, 10))
        .text("default", when(19, 18))
        .text("example", "03/02/2026")
        .text("example_deadline", "02/02/2026 18:00")
        .raw("audience", audience)
        .text("reminders", i18n.and_list(lang, &reminders))
        .choice("field", "date")
        .text("input", "31/02/2026")
        .text("date", date(20))
        .text("latest", date(31))
        .text("shown", when(20, 9))
        .text("suggested", "03:00")
        .text("start", when(20, 9))
        .text("typed", "amrani")
        .text("comment", s.comment)
        .text("old", when(20, 9))
        .text("new", when(27, 9))
        .text("tick", "✅")
        .text("due", i18n.format_amount(lang, 2_000_000))
        .text("paid", i18n.format_amount(lang, 500_000))
        .text("outstanding", i18n.format_amount(lang, 1_500_000))
        .text("excess", i18n.format_amount(lang, 50_000))
        .text("declared", i18n.format_amount(lang, 1_500_000))
        .text("amount", i18n.format_amount(lang, 1_500_000))
        .text("reference", "VIR-2026-17")
        .text("session", i18n.t(lang, "council-session-may"))
        .text("month", i18n.format_month(lang, 2026, 2))
        .text("decision", "12/2026")
        .text("today", date(10))
        .text("from", date(1))
        .text("to", date(31))
        .text("known", "El Hajeb, Ifrane, Meknès")
        .figure("page", 2)
        .figure("pages", 12)
        .text(
            "earliest",
            i18n.format_date(lang, crate::domain::funding::PROGRAMME_START),
        )
        .text(
            "command",
            "takwin contributions correct-payment --province 'El Hajeb' --commune Agourai \
             --reference VIR-2026-17 --amount … --date …",
        )
        .choice("standing", "declared")
        .text("instructions", instructions(lang))
        .text(
            "problem",
            crate::domain::text::TextError::TooLong {
                max: 1_000,
                chars: 1_240,
            },
        )
        .num("bodies", 17)
        .num("approved", 5)
        .num("full", 3)
        .num("partly", 4)
        .num("nothing", 10)
        .num("position", 2)
        .num("number", 12)
        .num("yes", 20)
        .num("no", 3)
        .num("waiting", 0)
        .num("pending", 17)
        .num("capacity", 40)
        .num("invited", 40)
        .num("score", 4)
        .num("present", 17)
        .num("joined", 212)
        .num("total", 348)
        .num("count", 5)
        .num("step", 3)
        .num("queued", 30)
        .num("n", 2)
        .num("chars", 130)
        .num("max", 120)
        .num("told", 40)
        .num("absent", 3)
        .num("walk_ins", 1)
        .num("hours", 12)
        .text("certificate", "TKW-7K3M-Q9PD")
        .num("promoted", 2)
        .num("over", 1)
        .num("chosen", 3)
        .num("sent", 25)
        .num("failed", 1)
        .num("blocked", 2)
        .num("unreachable", 4)
        .raw("status", i18n.t(lang, "broadcast-status-done"))
        .choice("among", "no-answer")
        .num("left", 2)
        .num("question", 2)
        .num("option", 3)
        .num("min", 2);
    // An organiser's question for an evaluation form, its options and the form so far.
    let (question, options) = match lang {
        Language::Ar => ("هل كان مضمون الورشة مفيدا لعملكم؟", "نعم / لا / جزئيا"),
        Language::Fr => (
            "Le contenu vous sera-t-il utile\u{a0}?",
            "Oui / Non / En partie",
        ),
        Language::En => ("Will the content be useful to you?", "Yes / No / Partly"),
    };
    args = args.text("text", question).text("kind", options).raw(
        "questions",
        i18n.t_args(
            lang,
            "new-workshop-form-line",
            &Args::new()
                .num("number", 1)
                .text("text", question)
                .text("kind", options),
        ),
    );
    if key == "workshop-invitation" {
        args = args.raw("topic", topic);
    }
    // What an organiser would have typed to get each refusal.
    let typed = match key {
        "workshop-error-western-digits-only" => Some("٢٠/٠١/٢٠٢٧"),
        "workshop-error-bad-time" => Some("9 heures"),
        "workshop-error-impossible-time" => Some("25:00"),
        "workshop-error-bad-capacity" => Some("quarante"),
        "workshop-error-bad-reminder" => Some("7 jours"),
        "workshop-error-bad-deadline" => Some("lundi soir"),
        "evaluation-error-bad-score" => Some("9"),
        _ => None,
    };
    if let Some(typed) = typed {
        args = args.text("input", typed);
    }
    // What an organiser would have written to get each refusal of an announcement's text.
    if key.starts_with("broadcast-refused-") || key.starts_with("broadcast-formatting-") {
        args = args
            .text("code", "U+202E")
            .num("position", 27)
            .text("reference", "&#x110000;")
            .text("link", "javascript:alert(1)")
            .text("expected", "href=\"https://…\"");
        let (tag, open) = match key {
            "broadcast-formatting-crossed" => ("</i>", "<b>"),
            "broadcast-formatting-closes-nothing" => ("</b>", ""),
            "broadcast-formatting-nested" => ("<a>", "<a>"),
            "broadcast-formatting-attributes" => ("<a>", ""),
            "broadcast-formatting-no-attributes" => ("<b>", ""),
            "broadcast-formatting-never-closed" => ("<b>", ""),
            _ => ("<div>", ""),
        };
        args = args.text("tag", tag).text("open", open);
    }
    // An evaluation form: question 2 of 3, an option too long for its button.
    if key.starts_with("evaluation-form-") || key.starts_with("new-workshop-form") {
        args = args.num("number", 2).num("count", 3).num("max", 200);
    }
    let option = match lang {
        Language::Ar => "نعم، ابتداء من الميزانية المقبلة للجماعة دون تأخير",
        _ => "Oui, dès le prochain budget de la commune, sans faute",
    };
    match key {
        "form-error-option-too-long" => {
            args = args.text("text", option).num("chars", 53).num("max", 40)
        }
        "form-error-question-too-long" => args = args.num("chars", 230).num("max", 200),
        "form-error-too-many-options" => args = args.num("count", 7).num("max", 6),
        "form-error-too-many-questions" => args = args.num("max", 5),
        "form-error-duplicate-option" => args = args.text("text", option),
        _ => {}
    }
    if key == "new-workshop-header" {
        args = args.num("total", 9);
    }
    if key == "workshop-error-capacity-too-large" {
        args = args.num("max", 1000);
    }
    if key == "workshop-error-too-many-reminders" {
        args = args.num("max", 6);
    }
    for (variable, value) in realistic(i18n, lang, key, &s) {
        args = match value {
            Value::Text(text) => args.text(variable, text),
            Value::Raw(html) => args.raw(variable, html),
            Value::Num(n) => args.num(variable, n),
        };
    }
    args
}

/// A value [`realistic`] gives a variable.
enum Value {
    Text(String),
    Raw(String),
    Num(i64),
}

/// The values one message needs for its example to read as a real one: figures that add up
/// with the message's own (a commune's answers, a province's contributions, an announcement's
/// delivery), a date that the refusal is about, what a person would have typed.
fn realistic(i18n: &I18n, lang: Language, key: &str, s: &Samples) -> Vec<(&'static str, Value)> {
    let text = Value::Text;
    let amount = |centimes| Value::Text(i18n.format_amount(lang, centimes));
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a calendar day");
    let date = |y, m, d| Value::Text(i18n.format_date(lang, day(y, m, d)));
    let at = |(y, m, d), h, min| {
        let time = day(y, m, d).and_hms_opt(h, min, 0).expect("a time");
        Value::Text(i18n.format_local(lang, time))
    };
    let by_lang = |ar: &str, fr: &str, en: &str| {
        Value::Text(
            match lang {
                Language::Ar => ar,
                Language::Fr => fr,
                Language::En => en,
            }
            .to_owned(),
        )
    };
    use Value::Num;
    match key {
        // One commune's line of a workshop: a few of its 40 invitations.
        "workshop-commune-line" | "workshop-commune-line-held" => vec![
            ("yes", Num(4)),
            ("no", Num(1)),
            ("pending", Num(2)),
            ("present", Num(3)),
        ],
        // A commune council and its staff: some 27 people on the roster.
        "joined-line" => vec![("joined", Num(18)), ("total", Num(27))],
        // The presidents and finance staff of El Hajeb: 40 people, the workshop's invitees.
        "new-workshop-ask-audience"
        | "new-workshop-summary"
        | "broadcast-ask-audience"
        | "button-audience-done" => vec![("count", Num(40))],
        // The 17 invitees who have not answered yet.
        "button-nudge" | "nudge-queued" => vec![("count", Num(17))],
        // A full workshop: 40 seats taken, 3 waiting.
        "seats-ask" => vec![("yes", Num(40)), ("waiting", Num(3))],
        // Moved a week later: the 40 invitees are told, and may answer until the day before.
        "reschedule-confirm" => vec![("count", Num(40)), ("deadline", at((2026, 1, 26), 18, 0))],
        "reschedule-done" | "workshop-moved" => vec![
            ("when", at((2026, 1, 27), 9, 0)),
            ("deadline", at((2026, 1, 26), 18, 0)),
        ],
        "cancel-workshop-confirm" => vec![("count", Num(40))],
        // 30 invitations went out to the 40 invitees: of the other 10, two stopped the bot.
        "workshop-unreachable-note" => vec![("count", Num(2))],
        // An announcement to the same 40: 18 sent, 15 waiting, 1 failed, 2 stopped the bot,
        // 4 not reachable; once done, 33 sent.
        "broadcast-ready" => vec![("count", Num(40)), ("unreachable", Num(4))],
        "broadcast-report" | "broadcast-report-cancelled" => {
            vec![("sent", Num(18)), ("queued", Num(15))]
        }
        "broadcast-report-done" => vec![("sent", Num(33))],
        "broadcasts-line" => vec![
            ("sent", Num(18)),
            ("queued", Num(15)),
            (
                "status",
                Value::Raw(i18n.t(lang, "broadcast-status-sending")),
            ),
        ],
        // Every Monday at 09:00: the first is Monday 26 January.
        "broadcast-recurring" | "broadcast-status-recurring" => vec![
            ("input", text("0 9 * * 1".to_owned())),
            ("when", at((2026, 1, 26), 9, 0)),
        ],
        "broadcast-when-refused" => {
            vec![("input", by_lang("كل اثنين", "chaque lundi", "every Monday"))]
        }
        "broadcast-attached-document" => {
            vec![("name", text("Programme-ateliers-2026.pdf".to_owned()))]
        }
        // The language the organiser is asked to write in, as a sentence names it.
        "broadcast-ask-text" | "broadcast-text-saved" | "button-broadcast-version" => vec![(
            "language",
            text(i18n.t(lang, &format!("language-called-{}", lang.code()))),
        )],
        // What a person would have typed, in their language.
        "workshop-error-bad-date" => vec![(
            "input",
            by_lang("الثلاثاء المقبل", "mardi prochain", "next Tuesday"),
        )],
        "workshop-error-bad-time" => {
            vec![(
                "input",
                by_lang("التاسعة صباحا", "9 heures", "nine o'clock"),
            )]
        }
        "workshop-error-bad-capacity" => {
            vec![("input", by_lang("أربعون", "quarante", "forty"))]
        }
        "workshop-error-bad-reminder" => {
            vec![("input", by_lang("أسبوع", "une semaine", "a week"))]
        }
        "workshop-error-bad-deadline" => {
            vec![(
                "input",
                by_lang("مساء الاثنين", "lundi soir", "Monday evening"),
            )]
        }
        "walk-in-none" | "walk-in-matches" => {
            vec![("typed", by_lang("العمراني", "amrani", "amrani"))]
        }
        // A field of the workshop named as the question names it, and the character found.
        "workshop-error-line-break" | "workshop-error-invisible" => {
            vec![("field", text(i18n.t(lang, "new-workshop-field-title")))]
        }
        "workshop-error-control-character" => vec![
            ("field", text(i18n.t(lang, "new-workshop-field-title"))),
            ("code", text("U+0007".to_owned())),
        ],
        "workshop-error-bidi-control" => vec![
            ("field", text(i18n.t(lang, "new-workshop-field-title"))),
            ("code", text("U+202E".to_owned())),
        ],
        // El Hajeb's 16 communes and its Provincial Council, 20 000 dirhams each.
        "contributions-line" => vec![
            ("name", text(s.province.to_owned())),
            ("due", amount(34_000_000)),
            ("paid", amount(8_500_000)),
            ("outstanding", amount(25_500_000)),
        ],
        "report-figure-paid" => vec![("due", amount(34_000_000))],
        "funding-contribution-overpaid" => vec![("paid", amount(2_050_000))],
        "funding-escalation-header" | "funding-summary-silent" => vec![("bodies", Num(3))],
        "funding-escalation-line" => vec![("count", Num(3))],
        "funding-day-before-programme" => vec![("date", date(2022, 12, 15))],
        "funding-payment-rejected" => vec![(
            "reason",
            by_lang(
                "لا يظهر أي تحويل بهذا المبلغ في حساب الجهة",
                "aucun virement de ce montant n'apparaît sur le compte de la Région",
                "no transfer of this amount appears on the Region's account",
            ),
        )],
        "funding-approval-rejected" => vec![(
            "reason",
            by_lang(
                "لم نتوصل بنسخة من مقرر المجلس",
                "la copie de la délibération du conseil n'a pas été reçue",
                "no copy of the council's decision has been received",
            ),
        )],
        // A year ahead is the furthest a workshop can be.
        "workshop-error-date-too-far" => {
            vec![("date", date(2027, 3, 15)), ("latest", date(2027, 1, 10))]
        }
        // The clock jumps from 02:00 to 03:00 on 22 March 2026, after Ramadan.
        "workshop-error-skipped-time" => vec![
            ("shown", at((2026, 3, 22), 2, 30)),
            ("suggested", text("03:30".to_owned())),
        ],
        "workshop-error-deadline-not-before-start" => {
            vec![("shown", at((2026, 1, 21), 18, 0))]
        }
        "report-refused-from-after-to" => {
            vec![("from", date(2026, 1, 31)), ("to", date(2026, 1, 1))]
        }
        "report-refused-unknown-province" => vec![("province", text("El Hajab".to_owned()))],
        // A workshop lasts four hours; five of them, twenty.
        "certificate-duration" => vec![("hours", Num(4))],
        "my-training" => vec![("hours", Num(20))],
        _ => Vec::new(),
    }
}

/// One way of filling a message: the example, or the example with a keyword or a count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// The message.
    pub key: String,
    /// What differs from the example, e.g. `province_kind = prefecture` or `n = 11`.
    pub label: String,
    /// The values that differ: keywords, or the count given to every counted variable.
    pub choice: Option<(String, String)>,
    pub count: Option<i64>,
}

impl Case {
    /// The arguments of this case in `lang`.
    pub fn args(&self, i18n: &I18n, lang: Language) -> Args {
        self.args_with(i18n, lang, &[])
    }

    /// The arguments of this case in `lang`, with other sample names (see
    /// [`example_args_with`]).
    pub fn args_with(
        &self,
        i18n: &I18n,
        lang: Language,
        names: &[(&'static str, &'static str)],
    ) -> Args {
        let mut args = example_args_with(i18n, lang, &self.key, names);
        if let Some((variable, keyword)) = &self.choice {
            let keyword = CHOICE_KEYWORDS
                .iter()
                .find(|k| *k == keyword)
                .expect("a known keyword");
            args = args.choice(variable, keyword);
            if *keyword == "prefecture" {
                let fes = if lang == Language::Ar {
                    "فاس"
                } else {
                    "Fès"
                };
                args = args
                    .text("province", fes)
                    .text("of_province", super::of_name(lang, fes));
            }
            // A province's people belong to its services, not to a commune.
            if variable == "role" && matches!(*keyword, "province_staff" | "secretary_general") {
                args = args.choice("body_kind", "services");
            }
        }
        if let Some(n) = self.count {
            for variable in counted(&self.key) {
                args = args.num(&variable, n);
            }
        }
        args
    }
}

/// Every keyword a choice variable takes.
const CHOICE_KEYWORDS: [&str; 36] = [
    "approved",
    "declared",
    "verified",
    "reference",
    "session",
    "decision",
    "pending",
    "all",
    "no-answer",
    "yes",
    "no",
    "present",
    "absent",
    "province",
    "prefecture",
    "title",
    "topic",
    "date",
    "time",
    "venue",
    "audience",
    "capacity",
    "reminders",
    "deadline",
    "president",
    "vice_president",
    "councillor",
    "finance_staff",
    "province_staff",
    "secretary_general",
    "f",
    "m",
    "unknown",
    "commune",
    "council",
    "services",
];

/// The number variables a message selects on in some language: its counts.
pub fn counted(key: &str) -> Vec<String> {
    uses_anywhere(key)
        .selectors
        .into_keys()
        .filter(|v| NUMBERS.contains(&v.as_str()))
        .collect()
}

/// Every case of every message: the example, then one case per keyword of each choice it
/// makes; and, listed after all of them, each message that takes a count at [`COUNTS`].
pub fn cases() -> (Vec<(String, Vec<Case>)>, Vec<Case>) {
    let mut sections: Vec<(String, Vec<Case>)> = Vec::new();
    let mut counts = Vec::new();
    for (section, key) in messages(Language::En) {
        let uses = uses_anywhere(&key);
        let mut rows = Vec::new();
        let choices: Vec<(&String, &BTreeSet<String>)> = uses
            .selectors
            .iter()
            .filter(|(v, _)| CHOICES.contains(&v.as_str()))
            .collect();
        if choices.is_empty() {
            rows.push(Case {
                key: key.clone(),
                label: String::new(),
                choice: None,
                count: None,
            });
        }
        for (variable, keywords) in choices {
            for keyword in keywords {
                rows.push(Case {
                    key: key.clone(),
                    label: format!("{variable} = {keyword}"),
                    choice: Some((variable.clone(), keyword.clone())),
                    count: None,
                });
            }
        }
        let counted = counted(&key);
        if !counted.is_empty() {
            for n in COUNTS {
                counts.push(Case {
                    key: key.clone(),
                    label: format!("{} = {n}", counted.join(", ")),
                    choice: None,
                    count: Some(n),
                });
            }
        }
        match sections.last_mut() {
            Some((title, cases)) if *title == section => cases.extend(rows),
            _ => sections.push((section, rows)),
        }
    }
    (sections, counts)
}

/// A message as a table cell: its HTML as sent, lines joined with `<br>` (a blank line would
/// end the table in Markdown).
fn cell(lang: Language, text: &str) -> String {
    let dir = if lang == Language::Ar {
        " dir=\"rtl\""
    } else {
        ""
    };
    format!("<td{dir}>{}</td>", text.replace('\n', "<br>"))
}

fn table(i18n: &I18n, cases: &[Case]) -> String {
    let mut out = String::from(
        "<table>\n<tr><th>message</th><th>العربية</th><th>Français</th><th>English</th></tr>\n",
    );
    for case in cases {
        let mut row = format!("<tr><td><code>{}</code>", case.key);
        if !case.label.is_empty() {
            row.push_str(&format!("<br><sub>{}</sub>", case.label));
        }
        row.push_str("</td>");
        for lang in Language::ALL {
            row.push_str(&cell(
                lang,
                &i18n.t_args(lang, &case.key, &case.args(i18n, lang)),
            ));
        }
        row.push_str("</tr>\n");
        out.push_str(&row);
    }
    out.push_str("</table>\n");
    out
}

/// The catalogue, as Markdown.
pub fn render(i18n: &I18n) -> String {
    let (sections, counts) = cases();
    let mut out = String::from(
        "# Every message of Takwin\n\n\
         Generated from `locales/{ar,fr,en}/takwin.ftl` by `src/i18n/catalogue.rs`, with \
         example values; do not edit by hand. A test fails while this file is stale; \
         `TAKWIN_WRITE_CATALOGUE=1 cargo test catalogue` writes it again.\n\n\
         Each message is shown as the bot sends it (Telegram HTML), in Arabic, French and \
         English. A message worded per keyword (a prefecture or a province, the field a \
         question is about) is shown for each. Invisible direction marks are kept, so a \
         browser lays out the Arabic as a phone does. The last section gives every message \
         that counts something at 0, 1, 2, 3, 11, 100 and 103: the six Arabic plural forms \
         and the French singular of 0 and 1.\n",
    );
    for (section, cases) in &sections {
        out.push_str(&format!("\n## {section}\n\n"));
        out.push_str(&table(i18n, cases));
    }
    out.push_str("\n## Counts\n\n");
    out.push_str(&table(i18n, &counts));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::bidi;

    /// Every message with every case, in every language, as the bot would send it.
    fn every_text(
        i18n: &I18n,
        names: &[(&'static str, &'static str)],
    ) -> Vec<(Language, String, String)> {
        let (sections, counts) = cases();
        let mut out = Vec::new();
        for case in sections.iter().flat_map(|(_, c)| c).chain(&counts) {
            for lang in Language::ALL {
                let args = case.args_with(i18n, lang, names);
                let html = i18n.t_args(lang, &case.key, &args);
                // What the phone shows: the text after Telegram parses the HTML.
                let text = bot_api_emulator::parse_html(&html)
                    .unwrap_or_else(|e| panic!("{lang}: {}: Telegram refuses it: {e}", case.key))
                    .text;
                out.push((lang, format!("{} {}", case.key, case.label), text));
            }
        }
        out
    }

    #[test]
    fn the_catalogue_is_current() {
        let rendered = render(I18n::shared());
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(PATH);
        if std::env::var_os("TAKWIN_WRITE_CATALOGUE").is_some() {
            std::fs::create_dir_all(path.parent().expect("docs/")).expect("docs/ is writable");
            std::fs::write(&path, &rendered).expect("the catalogue is writable");
        }
        let stored = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            stored == rendered,
            "{PATH} is stale: run `TAKWIN_WRITE_CATALOGUE=1 cargo test catalogue` and review \
             the difference"
        );
    }

    #[test]
    fn every_message_is_in_the_catalogue_with_every_variable_filled() {
        let i18n = I18n::shared();
        let listed: BTreeSet<String> = messages(Language::En).into_iter().map(|m| m.1).collect();
        for lang in Language::ALL {
            let ids: BTreeSet<String> = messages(lang).into_iter().map(|m| m.1).collect();
            assert_eq!(ids, listed, "{lang} has not the same messages as en");
        }
        for (lang, case, text) in every_text(i18n, &[]) {
            assert!(
                !text.contains('{'),
                "{lang}: {case}: a variable left empty: {text}"
            );
        }
    }

    #[test]
    fn every_message_displays_right() {
        // Arabic: each line right to left, numbers, dates, times and fractions in reading
        // order; French and English: no bidi mark for nothing. With the names each reader
        // usually gets, then with Latin names in Arabic (and Arabic ones in French).
        let i18n = I18n::shared();
        let arabic_names = [
            ("name", "فاطمة العمراني"),
            ("body", "آيت بوبيدمان"),
            ("venue", "قاعة الاجتماعات 2"),
        ];
        let mut problems = Vec::new();
        for extra in [&[][..], &latin_samples()[..], &arabic_names[..]] {
            for (lang, case, text) in every_text(i18n, extra) {
                for problem in bidi::check(&text) {
                    problems.push(format!("{lang}: {case}: {problem}"));
                }
                // Every Arabic message is checked as one (but a language's own name).
                if lang == Language::Ar && !case.starts_with("language-name-") {
                    assert!(bidi::is_rtl_text(&text), "{case}: not Arabic? {text}");
                }
            }
        }
        problems.sort();
        problems.dedup();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// Counts that are shown bare by design: the figures of a dashboard or a label (« ✅
    /// 20/40 », « Présents : 12 », « question 3 sur 9 »), an identifier, a rank, a score, a
    /// limit after a noun already said. Anything else counted goes through a selector.
    const FIGURES: &[(&str, &[&str])] = &[
        ("joined-summary", &["total"]),
        ("joined-line", &["joined", "total"]),
        ("rsvp-waiting", &["position"]),
        // Where in what was typed the refused character stands: a rank, not a count.
        ("workshop-error-line-break", &["position"]),
        ("workshop-error-control-character", &["position"]),
        ("workshop-error-bidi-control", &["position"]),
        ("funding-text-line-break", &["position"]),
        ("funding-text-control-character", &["position"]),
        ("funding-text-bidi-control", &["position"]),
        ("broadcast-refused-control-character", &["position"]),
        ("broadcast-refused-bidi-control", &["position"]),
        ("broadcast-formatting-less-than", &["position"]),
        ("broadcast-formatting-greater-than", &["position"]),
        ("broadcast-formatting-unknown-tag", &["position"]),
        ("broadcast-formatting-attributes", &["position"]),
        ("broadcast-formatting-crossed", &["position"]),
        ("broadcast-formatting-closes-nothing", &["position"]),
        ("broadcast-formatting-never-closed", &["position"]),
        ("broadcast-formatting-unknown-reference", &["position"]),
        ("broadcast-formatting-not-a-character", &["position"]),
        ("broadcast-formatting-nested", &["position"]),
        ("broadcast-formatting-pre-code", &["position"]),
        ("broadcast-formatting-language", &["position"]),
        ("broadcast-formatting-no-attributes", &["position"]),
        ("broadcast-formatting-link", &["position"]),
        // The digest's lines are a dashboard: figures after their emoji, explained once in
        // the heading above them.
        ("digest-held-line", &["present", "invited", "walk_ins"]),
        ("digest-coming-line", &["yes", "no", "pending"]),
        // A chart's legend names a score as a point on its scale: «4 of 5».
        ("chart-series-score", &["score"]),
        // A dashboard line: its counts after their label.
        (
            "contributions-line",
            &["approved", "full", "partly", "nothing"],
        ),
        (
            "workshops-line",
            &["number", "yes", "capacity", "waiting", "no", "pending"],
        ),
        ("button-workshop", &["number"]),
        // An announcement's figures, each after its label.
        (
            "broadcast-report",
            &[
                "number",
                "sent",
                "queued",
                "failed",
                "blocked",
                "unreachable",
            ],
        ),
        (
            "broadcast-report-done",
            &["number", "sent", "failed", "blocked", "unreachable"],
        ),
        (
            "broadcast-report-cancelled",
            &["number", "sent", "failed", "blocked", "unreachable"],
        ),
        (
            "broadcasts-line",
            &[
                "number",
                "sent",
                "queued",
                "failed",
                "blocked",
                "unreachable",
            ],
        ),
        ("broadcast-scheduled", &["number"]),
        ("broadcast-recurring", &["number"]),
        ("button-broadcast-cancel", &["number"]),
        ("broadcast-cancel-done", &["number"]),
        (
            "workshop-details",
            &["invited", "yes", "capacity", "waiting", "no", "pending"],
        ),
        ("workshop-commune-line", &["yes", "no", "pending"]),
        (
            "workshop-commune-line-held",
            &["present", "yes", "no", "pending"],
        ),
        ("button-nudge", &["count"]),
        ("button-checkin-workshop", &["number"]),
        ("evaluation-thanks", &["score"]),
        ("workshop-outcome", &["present", "absent", "walk_ins"]),
        ("new-workshop-header", &["step", "total"]),
        ("new-workshop-summary", &["capacity"]),
        ("new-workshop-created", &["number"]),
        ("button-audience-done", &["count"]),
        ("button-province", &["chosen"]),
        ("workshop-error-title-too-long", &["max"]),
        ("workshop-error-topic-too-long", &["max"]),
        ("workshop-error-venue-too-long", &["max"]),
        ("evaluation-error-comment-too-long", &["max"]),
        ("funding-text-too-long", &["max"]),
        ("workshop-comment-line", &["score"]),
        ("workshop-coming", &["count"]),
        ("workshop-waiting", &["count"]),
        ("workshop-pending", &["count"]),
        // An evaluation form: "Question 2 of 3", question and option numbers, and limits
        // after their noun.
        ("evaluation-form-question", &["number", "count"]),
        ("new-workshop-form-line", &["number"]),
        ("new-workshop-form-ask-question", &["number"]),
        ("form-error-question-too-long", &["max"]),
        ("form-error-question-character", &["position"]),
        ("form-error-no-kind", &["question"]),
        ("form-error-too-many-options", &["max"]),
        ("form-error-option-empty", &["option"]),
        ("form-error-option-too-long", &["max"]),
        ("form-error-option-character", &["option", "position"]),
        // «عدد المقاعد هو 40»: the number is the predicate, the noun already said.
        ("seats-ask", &["capacity"]),
        ("seats-done", &["capacity"]),
    ];

    #[test]
    fn every_count_goes_through_the_plural_rules() {
        let mut bare = Vec::new();
        for (_, key) in messages(Language::En) {
            let figures: &[&str] = FIGURES
                .iter()
                .find(|(k, _)| *k == key)
                .map_or(&[], |(_, v)| v);
            for lang in Language::ALL {
                let uses = uses(lang, &key).expect("checked: same ids everywhere");
                for variable in &uses.variables {
                    let counted = NUMBERS.contains(&variable.as_str())
                        && !figures.contains(&variable.as_str());
                    if counted && !uses.selectors.contains_key(variable) {
                        bare.push(format!("{lang}: {key}: ${variable}"));
                    }
                }
            }
        }
        assert!(
            bare.is_empty(),
            "counts shown without a plural selector:\n{}",
            bare.join("\n")
        );
    }

    #[test]
    fn every_count_reads_at_0_1_2_3_11_100_103() {
        let i18n = I18n::shared();
        let (_, counts) = cases();
        assert!(
            counts.len() >= 7 * 20,
            "too few counted messages: {}",
            counts.len() / 7
        );
        for case in &counts {
            for lang in Language::ALL {
                let args = case.args(i18n, lang);
                let text = match i18n.try_format(lang, &case.key, Some(&args)) {
                    Ok(text) => text,
                    Err(_) => panic!("{lang}: {} {}", case.key, case.label),
                };
                let plain = crate::i18n::strip_bidi(&text);
                // The slips of issue 10, which a selector on the count rules out: a plural
                // noun after 1 in French and English, a plural after 11 in Arabic.
                let wrong: &[&str] = match (lang, case.count) {
                    (Language::Fr, Some(0 | 1)) => &[
                        "1 personnes",
                        "1 places",
                        "1 invités",
                        "1 autres",
                        "1 invitations",
                        "1 confirmés",
                        "1 rappels",
                        "1 caractères",
                    ],
                    (Language::En, Some(1)) => &[
                        "1 people",
                        "1 seats",
                        "1 invitees",
                        "1 invitations",
                        "1 reminders",
                        "1 characters",
                        "1 ratings",
                    ],
                    (Language::Ar, Some(11)) => &["11 أشخاص", "11 ورشات", "11 أحرف", "11 مقاعد"],
                    _ => &[],
                };
                for wrong in wrong {
                    assert!(!plain.contains(wrong), "{lang}: {}: {plain}", case.key);
                }
            }
        }
    }

    #[test]
    fn arabic_forms_follow_cldr_at_every_count() {
        let i18n = I18n::shared();
        let at = |key: &str, n: i64| {
            let case = Case {
                key: key.to_owned(),
                label: String::new(),
                choice: None,
                count: Some(n),
            };
            crate::i18n::strip_bidi(&i18n.t_args(Language::Ar, key, &case.args(i18n, Language::Ar)))
        };
        let forms: Vec<String> = COUNTS.iter().map(|&n| at("people-count", n)).collect();
        assert_eq!(
            forms,
            [
                "لا أحد",
                "شخص واحد",
                "شخصان",
                "3 أشخاص",
                "11 شخصا",
                "100 شخص",
                "103 أشخاص"
            ]
        );
        assert_eq!(at("my-more", 3), "… و3 ورشات مقبلة أخرى.");
        assert_eq!(at("my-more", 11), "… و11 ورشة مقبلة أخرى.");
        assert_eq!(at("workshop-more-people", 1), "… وشخص آخر");
        assert!(at("workshop-error-title-too-long", 105).contains("105 أحرف"));
        assert!(at("workshop-error-title-too-long", 1200).contains("1200 حرف"));
        let fr = |key: &str, n: i64| {
            let case = Case {
                key: key.to_owned(),
                label: String::new(),
                choice: None,
                count: Some(n),
            };
            i18n.t_args(Language::Fr, key, &case.args(i18n, Language::Fr))
        };
        assert!(fr("new-workshop-created", 1).contains("1 invitation part"));
        assert!(fr("workshop-more-people", 1).contains("… et 1 autre personne"));
        assert!(fr("seats-done", 1).contains("compte désormais 1 place."));
        assert!(fr("reschedule-done", 1).contains("1 invité est en train d'être prévenu"));
    }
}
