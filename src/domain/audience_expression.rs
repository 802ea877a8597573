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

use crate::domain::audience::{Among, Audience, CommuneRef, WorkshopPart};
use crate::domain::programme::KnownPlaces;
use crate::domain::roster::Role;

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
}

/// A union of audiences without additions of their own.
type Union = Vec<Audience>;

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn expression(&mut self) -> Result<Union, String> {
        let mut union = self.term()?;
        while self.peek() == Some(&Token::Or) {
            self.next();
            union.extend(self.term()?);
        }
        Ok(union)
    }

    fn term(&mut self) -> Result<Union, String> {
        let mut union = self.factor()?;
        while self.peek() == Some(&Token::And) {
            self.next();
            let right = self.factor()?;
            union = union
                .iter()
                .flat_map(|a| right.iter().filter_map(move |b| intersect(a, b)))
                .collect();
        }
        Ok(union)
    }

    fn factor(&mut self) -> Result<Union, String> {
        match self.next() {
            Some(Token::Open) => {
                let inner = self.expression()?;
                match self.next() {
                    Some(Token::Close) => Ok(inner),
                    _ => Err("a '(' is never closed".into()),
                }
            }
            Some(Token::Word(word)) => self.atom(&word).map(|a| vec![a]),
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
    let mut workshops = a.workshops.clone();
    workshops.extend(b.workshops.iter().cloned());
    Some(Audience {
        roles,
        provinces,
        communes,
        owing: a.owing || b.owing,
        organisers: a.organisers || b.organisers,
        workshops,
        also: Vec::new(),
    })
}

/// Reads an audience expression, its places checked against the roster's.
pub fn parse_audience(text: &str, places: &KnownPlaces) -> Result<Audience, ExpressionError> {
    let refuse = |problem: String| ExpressionError {
        expression: text.to_owned(),
        problem,
    };
    let mut parser = Parser {
        tokens: tokens(text).map_err(refuse)?,
        at: 0,
        places,
    };
    if parser.tokens.is_empty() {
        return Err(refuse("empty: write all for everyone".into()));
    }
    let union = parser.expression().map_err(refuse)?;
    if let Some(extra) = parser.peek() {
        return Err(refuse(format!(
            "{} where nothing more was expected",
            shown(extra)
        )));
    }
    let mut union = union.into_iter();
    let Some(mut first) = union.next() else {
        return Err(refuse(
            "its parts never meet (two roles, or places apart, joined by &): it reaches nobody"
                .into(),
        ));
    };
    for more in union {
        if more != first && !first.also.contains(&more) {
            first.also.push(more);
        }
    }
    Ok(first)
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
        let parts = union.parts();
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[0].provinces, ["Ifrane"]);
        assert_eq!(parts[1].roles, ["president"]);
        assert_eq!(parts[2].communes[0].commune, "Agourai");
        // & binds tighter; brackets distribute.
        let grouped = parse("province:Ifrane & (role:president | role:councillor)").unwrap();
        let parts = grouped.parts();
        assert_eq!(parts.len(), 2);
        assert!(parts.iter().all(|p| p.provinces == ["Ifrane"]));
        // A province and one of its communes meet in the commune.
        let narrowed = parse("province:Ifrane & commune:Tizguite").unwrap();
        assert!(narrowed.provinces.is_empty());
        assert_eq!(narrowed.communes[0].commune, "Tizguite");
        // The same part twice is once.
        assert_eq!(parse("all | all"), Ok(Audience::everyone()));
        // Workshop parts add up under &.
        let both = parse("workshop:1:yes & workshop:2:absent").unwrap();
        assert_eq!(both.workshops.len(), 2);
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
}
