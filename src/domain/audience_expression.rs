//! The audience expression of the command line: a small language that reads into an
//! [`Audience`], its place names checked against the roster.
//!
//! ```text
//! all                                   everyone in the roster
//! province:"El Hajeb"                   a province or prefecture (Latin or Arabic name)
//! commune:Agourai   commune:"Bitit (Ifrane)"   one commune (its province when the name repeats)
//! role:president                        a role (codes, or French and Arabic words)
//! workshop:12   workshop:12:no-answer   a workshop's invitees, or those who said yes / no,
//!                                       have not answered (no-answer), came (present) or not (absent)
//! owing                                 presidents and finance staff of bodies owing the agreement
//!                                       or a contribution — add role: to narrow
//! A & B      people in both             A | B   or   A, B      people in either
//! ( … )      grouping; & binds tighter than | and ,
//! ```
//!
//! Values with spaces or signs are quoted: `province:"Moulay Yacoub"`.
//!
//! An expression is read into an audience of the same shape, not multiplied out: `A & (B | C)`
//! stays an intersection holding a union (`Audience::within`), so its size is the size of what
//! was written. Before anything is read, its length, its number of parts and the depth of its
//! brackets are bounded ([`MAX_CHARS`], [`MAX_PARTS`], [`MAX_DEPTH`]).

use crate::domain::audience::{Among, Audience, CommuneRef, WorkshopPart};
use crate::domain::programme::KnownPlaces;
use crate::domain::roster::Role;

/// The most characters an expression may have. Naming each of a whole region's 190 communes
/// would take about 6,000; real audiences take a few dozen. Beyond it the expression is
/// refused before it is read.
pub const MAX_CHARS: usize = 10_000;

/// The most parts (`province:…`, `role:…`, `all` …) an expression may join with `&`, `|` or
/// `,`. Every part is checked against every person of the roster when the audience is
/// resolved (30,000 officials nationally), so this bounds that work; real audiences have a
/// handful.
pub const MAX_PARTS: usize = 500;

/// The deepest brackets may nest. Real audiences use one level, two at most; reading nests
/// one call per level, and a stored audience must stay within what serde_json reads back
/// (128 levels of JSON, two per level of brackets at most).
pub const MAX_DEPTH: usize = 16;

/// Why an expression was refused, in English for the command line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("audience {expression:?}: {problem}")]
pub struct ExpressionError {
    /// The expression as given.
    pub expression: String,
    /// What is wrong.
    pub problem: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Word(String),
    Colon,
    And,
    Or,
    Open,
    Close,
}

fn tokens(text: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            ':' | '&' | '|' | ',' | '(' | ')' => {
                chars.next();
                out.push(match c {
                    ':' => Token::Colon,
                    '&' => Token::And,
                    '(' => Token::Open,
                    ')' => Token::Close,
                    _ => Token::Or,
                });
            }
            '"' => {
                chars.next();
                let mut word = String::new();
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some(c) => word.push(c),
                        None => return Err("a quote is never closed".into()),
                    }
                }
                out.push(Token::Word(word.trim().to_owned()));
            }
            _ => {
                let mut word = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() || ":&|,()\"".contains(c) {
                        break;
                    }
                    word.push(c);
                    chars.next();
                }
                out.push(Token::Word(word));
            }
        }
    }
    Ok(out)
}

struct Parser<'a> {
    tokens: Vec<Token>,
    at: usize,
    places: &'a KnownPlaces,
    /// How many brackets are open where the parser stands.
    depth: usize,
}

/// What part of an expression reads into: an audience, or `None` when its parts never meet
/// (two roles, or places apart, joined by `&`), so that it reaches nobody.
type Read = Option<Audience>;

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn expression(&mut self) -> Result<Read, String> {
        let mut union = self.term()?;
        while self.peek() == Some(&Token::Or) {
            self.next();
            let more = self.term()?;
            union = either(union, more);
        }
        Ok(union)
    }

    fn term(&mut self) -> Result<Read, String> {
        let mut both = self.factor()?;
        while self.peek() == Some(&Token::And) {
            self.next();
            let right = self.factor()?;
            both = match (both, right) {
                (Some(a), Some(b)) => and(a, b),
                _ => None,
            };
        }
        Ok(both)
    }

    fn factor(&mut self) -> Result<Read, String> {
        match self.next() {
            Some(Token::Open) => {
                // Checked before going one level deeper, so that reading never nests
                // further than MAX_DEPTH calls, whatever was written.
                if self.depth >= MAX_DEPTH {
                    return Err(too_deep());
                }
                self.depth += 1;
                let inner = self.expression()?;
                self.depth -= 1;
                match self.next() {
                    Some(Token::Close) => Ok(inner),
                    _ => Err("a '(' is never closed".into()),
                }
            }
            Some(Token::Word(word)) => self.atom(&word).map(Some),
            Some(other) => Err(format!("{} where a part was expected", shown(&other))),
            None => Err("a part is missing at the end".into()),
        }
    }

    fn value(&mut self, key: &str) -> Result<String, String> {
        match (self.next(), self.next()) {
            (Some(Token::Colon), Some(Token::Word(value))) if !value.is_empty() => Ok(value),
            _ => Err(format!("{key} needs a value, e.g. {}", example(key))),
        }
    }

    fn atom(&mut self, key: &str) -> Result<Audience, String> {
        let key = key.to_lowercase();
        match key.as_str() {
            "all" | "everyone" => Ok(Audience::everyone()),
            "owing" => Ok(Audience::owing_bodies()),
            "role" => {
                let value = self.value(&key)?;
                let role = Role::parse(&value).map_err(|e| e.to_string())?;
                Ok(Audience::roles(&[role]))
            }
            "province" => {
                let value = self.value(&key)?;
                let province = self.places.province(&value).map_err(strip_column)?;
                Ok(Audience {
                    provinces: vec![province],
                    ..Audience::default()
                })
            }
            "commune" => {
                let value = self.value(&key)?;
                let commune = self.places.commune(&value).map_err(strip_column)?;
                Ok(Audience {
                    communes: vec![commune],
                    ..Audience::default()
                })
            }
            "workshop" => {
                let value = self.value(&key)?;
                let workshop_id =
                    value
                        .parse::<i64>()
                        .ok()
                        .filter(|id| *id > 0)
                        .ok_or_else(|| {
                            format!("workshop:{value} names no workshop: give its number")
                        })?;
                let among = if self.peek() == Some(&Token::Colon) {
                    let answer = self.value("workshop:N")?;
                    let among = Among::ALL
                        .into_iter()
                        .find(|a| a.code() == answer.to_lowercase().replace('_', "-"))
                        .ok_or_else(|| {
                            let codes: Vec<&str> = Among::ALL.iter().map(|a| a.code()).collect();
                            format!(
                                "workshop:{value}:{answer}: expected one of {}",
                                codes.join(", ")
                            )
                        })?;
                    Some(among)
                } else {
                    None
                };
                Ok(Audience {
                    workshops: vec![WorkshopPart { workshop_id, among }],
                    ..Audience::default()
                })
            }
            "" => Err("an empty part".into()),
            other => Err(format!(
                "{other:?} is not a part of an audience (all, province:, commune:, role:, \
                 workshop:, owing)"
            )),
        }
    }
}

fn shown(token: &Token) -> String {
    match token {
        Token::Word(w) => format!("{w:?}"),
        Token::Colon => "':'".into(),
        Token::And => "'&'".into(),
        Token::Or => "'|'".into(),
        Token::Open => "'('".into(),
        Token::Close => "')'".into(),
    }
}

fn example(key: &str) -> &'static str {
    match key {
        "role" => "role:president",
        "province" => "province:\"El Hajeb\"",
        "commune" => "commune:Agourai",
        "workshop" => "workshop:12",
        _ => "workshop:12:no-answer",
    }
}

/// `KnownPlaces` names the programme file's column first; an expression has none.
fn strip_column(message: String) -> String {
    message
        .split_once(": ")
        .map_or(message.clone(), |(_, rest)| rest.to_owned())
}

/// People in both, or `None` when nobody can be: two roles, or places that do not meet.
fn intersect(a: &Audience, b: &Audience) -> Option<Audience> {
    let roles = match (a.roles.is_empty(), b.roles.is_empty()) {
        (true, _) => b.roles.clone(),
        (_, true) => a.roles.clone(),
        _ => {
            let both: Vec<String> = a
                .roles
                .iter()
                .filter(|r| b.roles.contains(r))
                .cloned()
                .collect();
            if both.is_empty() {
                return None;
            }
            both
        }
    };
    let everywhere = |x: &Audience| x.provinces.is_empty() && x.communes.is_empty();
    let (provinces, communes) = if everywhere(a) {
        (b.provinces.clone(), b.communes.clone())
    } else if everywhere(b) {
        (a.provinces.clone(), a.communes.clone())
    } else {
        let provinces: Vec<String> = a
            .provinces
            .iter()
            .filter(|p| b.has_province(p))
            .cloned()
            .collect();
        let mut communes: Vec<CommuneRef> = a
            .communes
            .iter()
            .filter(|c| b.has_commune(c) || b.has_province(&c.province))
            .chain(b.communes.iter().filter(|c| a.has_province(&c.province)))
            .cloned()
            .collect();
        communes.sort();
        communes.dedup();
        if provinces.is_empty() && communes.is_empty() {
            return None;
        }
        (provinces, communes)
    };
    // The expressions name no kind of body; stored audiences may (the session reminders').
    let body_kinds = match (a.body_kinds.is_empty(), b.body_kinds.is_empty()) {
        (true, _) => b.body_kinds.clone(),
        (_, true) => a.body_kinds.clone(),
        _ => {
            let both: Vec<String> = a
                .body_kinds
                .iter()
                .filter(|k| b.body_kinds.contains(k))
                .cloned()
                .collect();
            if both.is_empty() {
                return None;
            }
            both
        }
    };
    let mut workshops = a.workshops.clone();
    workshops.extend(b.workshops.iter().cloned());
    Some(Audience {
        roles,
        provinces,
        communes,
        body_kinds,
        owing: a.owing || b.owing,
        organisers: a.organisers || b.organisers,
        workshops,
        within: Vec::new(),
        also: Vec::new(),
    })
}

/// People in both `a` and `b`. Two audiences without unions meet in one ([`intersect`]); a
/// union stays whole, one of the audiences the people must also be in (`within`): nothing is
/// multiplied out, so the result is as large as `a` and `b` together.
fn and(a: Audience, b: Audience) -> Read {
    let (mut a, b) = (conjunction(a), conjunction(b));
    let mut both = intersect(&a, &b)?;
    a.within.extend(b.within);
    both.within = a.within;
    Some(both)
}

/// An audience as an intersection: itself, or, for a union, everyone within the union.
fn conjunction(audience: Audience) -> Audience {
    if audience.also.is_empty() {
        audience
    } else {
        Audience {
            within: vec![audience],
            ..Audience::default()
        }
    }
}

/// People in `a` or in `b`: one union of their alternatives, each once.
fn either(a: Read, b: Read) -> Read {
    let (mut first, b) = match (a, b) {
        (None, b) => return b,
        (a, None) => return a,
        (Some(a), Some(b)) => (a, b),
    };
    let mut alternatives = std::mem::take(&mut first.also);
    alternatives.extend(alternatives_of(b));
    for more in alternatives {
        if more != first && !first.also.contains(&more) {
            first.also.push(more);
        }
    }
    Some(first)
}

/// A union's alternatives: itself without `also`, then each of `also` (which the parser keeps
/// without unions of their own).
fn alternatives_of(mut audience: Audience) -> Vec<Audience> {
    let mut out = std::mem::take(&mut audience.also);
    out.insert(0, audience);
    out
}

fn too_deep() -> String {
    format!("brackets nested more than {MAX_DEPTH} deep")
}

/// Refuses an expression too long, of too many parts or nested too deep, before it is read.
fn check_size(tokens: &[Token]) -> Result<(), String> {
    let parts = 1 + tokens
        .iter()
        .filter(|t| matches!(t, Token::And | Token::Or))
        .count();
    if parts > MAX_PARTS {
        return Err(format!("{parts} parts, more than {MAX_PARTS}"));
    }
    let mut depth = 0usize;
    for token in tokens {
        match token {
            Token::Open => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(too_deep());
                }
            }
            Token::Close => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Reads an audience expression, its places checked against the roster's. Never panics, and
/// its work is bounded by [`MAX_CHARS`], [`MAX_PARTS`] and [`MAX_DEPTH`] whatever the text:
/// the entry point for fuzzing.
pub fn parse_audience(text: &str, places: &KnownPlaces) -> Result<Audience, ExpressionError> {
    let refuse = |problem: String| ExpressionError {
        expression: text.to_owned(),
        problem,
    };
    let chars = text.chars().count();
    if chars > MAX_CHARS {
        return Err(ExpressionError {
            // Not the whole text again in the refusal: its start says which one it was.
            expression: format!("{}…", text.chars().take(40).collect::<String>()),
            problem: format!("{chars} characters, more than {MAX_CHARS}"),
        });
    }
    let tokens = tokens(text).map_err(refuse)?;
    if tokens.is_empty() {
        return Err(refuse("empty: write all for everyone".into()));
    }
    check_size(&tokens).map_err(refuse)?;
    let mut parser = Parser {
        tokens,
        at: 0,
        places,
        depth: 0,
    };
    let read = parser.expression().map_err(refuse)?;
    if let Some(extra) = parser.peek() {
        return Err(refuse(format!(
            "{} where nothing more was expected",
            shown(extra)
        )));
    }
    read.ok_or_else(|| {
        refuse(
            "its parts never meet (two roles, or places apart, joined by &): it reaches nobody"
                .into(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::roster::PlaceName;

    fn places() -> KnownPlaces {
        KnownPlaces {
            provinces: vec![
                (
                    PlaceName::new("El Hajeb", Some("الحاجب")),
                    vec![
                        PlaceName::new("Agourai", Some("أكوراي")),
                        PlaceName::new("Bitit", None),
                    ],
                ),
                (
                    PlaceName::new("Ifrane", None),
                    vec![
                        PlaceName::new("Bitit", None),
                        PlaceName::new("Tizguite", None),
                    ],
                ),
            ],
        }
    }

    fn parse(text: &str) -> Result<Audience, String> {
        parse_audience(text, &places()).map_err(|e| e.problem)
    }

    #[test]
    fn parts_read_into_an_audience() {
        assert_eq!(parse("all"), Ok(Audience::everyone()));
        let presidents_of_hajeb = Audience {
            provinces: vec!["El Hajeb".into()],
            ..Audience::roles(&[Role::President])
        };
        assert_eq!(
            parse("province:\"El Hajeb\" & role:president"),
            Ok(presidents_of_hajeb.clone())
        );
        // Arabic names, French role words, any case.
        assert_eq!(
            parse("PROVINCE:الحاجب & role:président"),
            Ok(presidents_of_hajeb)
        );
        assert_eq!(
            parse("commune:\"Bitit (Ifrane)\""),
            Ok(Audience {
                communes: vec![CommuneRef {
                    province: "Ifrane".into(),
                    commune: "Bitit".into()
                }],
                ..Audience::default()
            })
        );
        assert_eq!(
            parse("workshop:12:no-answer"),
            Ok(Audience {
                workshops: vec![WorkshopPart {
                    workshop_id: 12,
                    among: Some(Among::NoAnswer)
                }],
                ..Audience::default()
            })
        );
        assert_eq!(parse("owing"), Ok(Audience::owing_bodies()));
    }

    #[test]
    fn unions_and_intersections() {
        let union = parse("province:Ifrane | role:president, commune:Agourai").unwrap();
        assert_eq!(union.provinces, ["Ifrane"]);
        assert_eq!(union.also.len(), 2);
        assert_eq!(union.also[0].roles, ["president"]);
        assert_eq!(union.also[1].communes[0].commune, "Agourai");
        // & binds tighter; a union under & is kept whole, not multiplied out.
        let grouped = parse("province:Ifrane & (role:president | role:councillor)").unwrap();
        assert_eq!(
            grouped,
            Audience {
                provinces: vec!["Ifrane".into()],
                within: vec![Audience {
                    also: vec![Audience::roles(&[Role::Councillor])],
                    ..Audience::roles(&[Role::President])
                }],
                ..Audience::default()
            }
        );
        // A province and one of its communes meet in the commune.
        let narrowed = parse("province:Ifrane & commune:Tizguite").unwrap();
        assert!(narrowed.provinces.is_empty());
        assert_eq!(narrowed.communes[0].commune, "Tizguite");
        // The same part twice is once.
        assert_eq!(parse("all | all"), Ok(Audience::everyone()));
        // Workshop parts add up under &.
        let both = parse("workshop:1:yes & workshop:2:absent").unwrap();
        assert_eq!(both.workshops.len(), 2);
        // A part that reaches nobody drops out of a union.
        assert_eq!(
            parse("role:president & role:councillor | role:president"),
            Ok(Audience::roles(&[Role::President]))
        );
    }

    #[test]
    fn mistakes_are_named() {
        let cases = [
            ("", "empty"),
            ("province:Fes", "not a province of the roster"),
            ("commune:Bitit", "several provinces"),
            ("role:astronaut", "astronaut"),
            ("workshop:x", "names no workshop"),
            ("workshop:3:maybe", "expected one of no-answer, yes, no"),
            ("province:\"El Hajeb", "quote is never closed"),
            ("role:president &", "missing at the end"),
            ("(role:president", "never closed"),
            ("role:president role:councillor", "nothing more"),
            ("role", "needs a value"),
            ("town:Fes", "not a part"),
            ("role:president & role:councillor", "reaches nobody"),
            ("province:Ifrane & commune:Agourai", "reaches nobody"),
        ];
        for (text, expected) in cases {
            let problem = parse(text).expect_err(text);
            assert!(problem.contains(expected), "{text}: {problem}");
        }
    }

    /// Whether someone of this role in this commune of El Hajeb or Ifrane is in the audience.
    fn reaches(audience: &Audience, role: Role, province: &str, commune: &str) -> bool {
        let body = (
            crate::domain::roster::BodyKind::Commune,
            PlaceName::new(commune, None),
        );
        audience.may_reach(role, &PlaceName::new(province, None), Some(&body))
    }

    #[test]
    fn an_intersection_of_unions_means_what_it_says() {
        let audience = parse(
            "(role:president | role:councillor) & (province:Ifrane | commune:Agourai) \
             | role:finance_staff & commune:Tizguite",
        )
        .unwrap();
        assert!(reaches(&audience, Role::President, "Ifrane", "Bitit"));
        assert!(reaches(&audience, Role::Councillor, "El Hajeb", "Agourai"));
        assert!(reaches(&audience, Role::FinanceStaff, "Ifrane", "Tizguite"));
        assert!(!reaches(&audience, Role::FinanceStaff, "Ifrane", "Bitit"));
        assert!(!reaches(&audience, Role::President, "El Hajeb", "Bitit"));
        // It reads back from where it is stored.
        assert_eq!(Audience::from_json(&audience.to_json()).unwrap(), audience);
    }

    /// `(A1 | B1 | C1) & (A2 | B2 | C2) & …`, `factors` times: multiplied out, 3^factors
    /// intersections.
    fn product(factors: usize) -> String {
        let factor = "(province:\"El Hajeb\" | commune:Tizguite | role:president)";
        vec![factor; factors].join(" & ")
    }

    #[test]
    fn an_expression_costs_what_it_is_long_not_what_it_multiplies_out_to() {
        // About 1.5 KB: multiplied out, 3^25 (847 billion) intersections.
        let text = product(25);
        assert!(text.len() < 1600);
        let audience = parse(&text).unwrap();
        // Kept as written: one intersection of 25 unions of 3.
        assert_eq!(audience.within.len(), 25);
        assert!(audience.within.iter().all(|w| w.also.len() == 2));
        assert!(audience.to_json().len() < 5_000, "{}", audience.to_json());
        assert!(reaches(&audience, Role::Councillor, "El Hajeb", "Agourai"));
        assert!(reaches(&audience, Role::President, "Ifrane", "Bitit"));
        assert!(!reaches(&audience, Role::Councillor, "Ifrane", "Bitit"));
    }

    #[test]
    fn limits_are_refused_with_the_reason_before_anything_is_read() {
        // 10,000 brackets deep: refused, not a stack overflow.
        let deep = format!("{}all{}", "(".repeat(10_000), ")".repeat(10_000));
        let problem = parse(&deep).unwrap_err();
        assert!(problem.contains("more than 10000"), "{problem}");
        // Within the length, too deep is still refused, and the deepest allowed reads.
        let nested = |depth: usize| format!("{}all{}", "(".repeat(depth), ")".repeat(depth));
        let problem = parse(&nested(4_998)).unwrap_err();
        assert!(problem.contains("nested more than 16 deep"), "{problem}");
        assert!(parse(&nested(MAX_DEPTH + 1)).is_err());
        assert_eq!(parse(&nested(MAX_DEPTH)), Ok(Audience::everyone()));
        // Too many parts.
        let many = vec!["all"; MAX_PARTS + 1].join(" | ");
        let problem = parse(&many).unwrap_err();
        assert!(problem.contains("501 parts, more than 500"), "{problem}");
        assert_eq!(
            parse(&vec!["all"; MAX_PARTS].join(" | ")),
            Ok(Audience::everyone())
        );
        // The refusal does not repeat an over-long expression whole.
        let refused = parse_audience(&deep, &places()).unwrap_err();
        assert!(refused.expression.chars().count() < 50);
    }

    #[test]
    fn the_deepest_expression_allowed_is_stored_and_read_back() {
        // Each level of brackets an intersection holding a union of an intersection holding
        // … : the deepest JSON an expression can make.
        let mut text = "role:president".to_owned();
        for _ in 0..MAX_DEPTH {
            text = format!("province:Ifrane | role:councillor & ({text} | commune:Agourai)");
        }
        let audience = parse(&text).unwrap();
        let json = audience.to_json();
        assert_eq!(Audience::from_json(&json).unwrap(), audience);
        assert!(reaches(&audience, Role::Councillor, "Ifrane", "Bitit"));
        assert!(reaches(&audience, Role::Councillor, "El Hajeb", "Agourai"));
        assert!(!reaches(&audience, Role::President, "El Hajeb", "Bitit"));
    }

    #[test]
    fn any_text_is_read_or_refused_without_panicking() {
        let pieces = [
            "(",
            ")",
            "&",
            "|",
            ",",
            ":",
            "\"",
            "all",
            "role",
            "role:president",
            "province",
            "commune:Bitit",
            "workshop:1",
            ":yes",
            "owing",
            " ",
            "é",
            "\u{202e}",
            "",
        ];
        // Every text of up to three pieces.
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let _ = parse(&format!("{a}{b}{c}"));
                }
            }
        }
    }
}
