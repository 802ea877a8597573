//! The commands each person is shown, in one table: their command menu (Telegram's, per chat
//! and language) and their `/help` are both built from it, so the two never disagree.
//! `permissions.rs` says what each person may use; the tests below check that the table
//! shows everyone exactly what it allows them.
//!
//! Two commands are allowed but shown on purpose only where they mean something: `/start`
//! only to someone who has not joined (once joined, it only shows `/help` again), and
//! `/cancel` to nobody (each question of a dialogue offers it where it applies).

use teloxide::prelude::*;
use teloxide::types::{BotCommand, BotCommandScope, Recipient};

use crate::domain::roster::{BodyKind, Language};
use crate::i18n::{Args, I18n};
use crate::state::AppState;
use crate::telegram::permissions::Standing;

/// Whom a line of the table is shown to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// Someone who has not joined: the menu every chat has before joining.
    Stranger,
    /// Everyone, joined or not.
    Everyone,
    /// Every joined person.
    Joined,
    /// A joined person of a commune, or of a provincial or prefectural council.
    MemberOf(BodyKind),
    /// An organiser.
    Organiser,
    /// One of the Region's finance officers.
    FinanceOfficer,
    /// A province's (or prefecture's) Secretary-General.
    SecretaryGeneral,
}

impl Who {
    /// Whether someone of this standing is shown the line.
    pub fn includes(self, who: &Standing) -> bool {
        match self {
            Who::Stranger => !who.joined(),
            Who::Everyone => true,
            Who::Joined => who.joined(),
            Who::MemberOf(kind) => who.joined() && who.body == Some(kind),
            Who::Organiser => who.joined() && who.organiser,
            Who::FinanceOfficer => who.joined() && who.finance_officer,
            Who::SecretaryGeneral => who.secretary_general(),
        }
    }
}

/// One command as a section shows it.
#[derive(Debug)]
pub struct Line {
    /// The command, without its slash.
    pub command: &'static str,
    /// Whom this section shows it to.
    pub who: Who,
    /// Its words: `cmd-{text}` in the menu, `help-line-{text}` in `/help`.
    pub text: &'static str,
}

/// A line whose words are named after its command.
const fn line(command: &'static str, who: Who) -> Line {
    Line {
        command,
        who,
        text: command,
    }
}

/// A group of commands under one heading of `/help`.
#[derive(Debug)]
pub struct Section {
    /// The heading's Fluent key.
    pub heading: &'static str,
    /// Its commands, in the order they are shown.
    pub lines: &'static [Line],
}

/// Every command shown to anyone, in the order shown: each person's own, then the
/// organisers', the finance officers', the Secretaries-General's. A person sees each line
/// that includes them, each command once (in the first section that shows it to them): an
/// organiser who is also a finance officer finds `/contributions` among the organisers'.
pub const TABLE: &[Section] = &[
    Section {
        heading: "help-section-own",
        lines: &[
            line("start", Who::Stranger),
            line("my", Who::Joined),
            line("history", Who::Joined),
            line("my_training", Who::Joined),
            line("commune", Who::MemberOf(BodyKind::Commune)),
            Line {
                command: "commune",
                who: Who::MemberOf(BodyKind::ProvincialCouncil),
                text: "commune-council",
            },
            line("help", Who::Everyone),
            line("me", Who::Joined),
            line("language", Who::Joined),
            line("stop", Who::Joined),
        ],
    },
    Section {
        heading: "help-section-organiser",
        lines: &[
            line("workshops", Who::Organiser),
            line("new_workshop", Who::Organiser),
            line("checkin", Who::Organiser),
            line("joined", Who::Organiser),
            line("broadcast", Who::Organiser),
            line("broadcasts", Who::Organiser),
            line("contributions", Who::Organiser),
            line("report", Who::Organiser),
            line("audit", Who::Organiser),
        ],
    },
    Section {
        heading: "help-section-finance-officer",
        lines: &[
            line("declarations", Who::FinanceOfficer),
            line("contributions", Who::FinanceOfficer),
        ],
    },
    Section {
        heading: "help-section-secretary-general",
        lines: &[Line {
            command: "report",
            who: Who::SecretaryGeneral,
            text: "report-province",
        }],
    },
];

/// What someone of this standing is shown, section by section: each command once, sections
/// with nothing for them left out.
pub fn shown(who: &Standing) -> Vec<(&'static Section, Vec<&'static Line>)> {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for section in TABLE {
        let lines: Vec<&Line> = section
            .lines
            .iter()
            .filter(|line| line.who.includes(who))
            .filter(|line| {
                let new = !seen.contains(&line.command);
                seen.push(line.command);
                new
            })
            .collect();
        if !lines.is_empty() {
            out.push((section, lines));
        }
    }
    out
}

/// The menu of someone of this standing, in order: each command with its description.
pub fn menu(i18n: &I18n, language: Language, who: &Standing) -> Vec<(String, String)> {
    shown(who)
        .into_iter()
        .flat_map(|(_, lines)| lines)
        .map(|line| {
            let description = i18n.t(language, &format!("cmd-{}", line.text));
            (line.command.to_owned(), description)
        })
        .collect()
}

/// `/help` for someone who has joined: each section's heading and its lines. `args` fill
/// the lines that need them (`$province_kind`, for a Secretary-General's charts).
pub fn help(i18n: &I18n, language: Language, who: &Standing, args: &Args) -> String {
    shown(who)
        .into_iter()
        .map(|(section, lines)| {
            let mut text = vec![i18n.t(language, section.heading)];
            text.extend(
                lines
                    .iter()
                    .map(|line| i18n.t_args(language, &format!("help-line-{}", line.text), args)),
            );
            text.join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn commands(state: &AppState, language: Language, who: &Standing) -> Vec<BotCommand> {
    menu(&state.i18n, language, who)
        .into_iter()
        .map(|(name, description)| BotCommand::new(name, description))
        .collect()
}

/// The menu everybody sees before joining: in the default language, and in each language for
/// Telegram clients set to it.
pub async fn announce_default_commands(bot: &Bot, state: &AppState) -> anyhow::Result<()> {
    let default = state.settings.default_language;
    let stranger = Standing::STRANGER;
    bot.set_my_commands(commands(state, default, &stranger))
        .await?;
    for language in Language::ALL {
        bot.set_my_commands(commands(state, language, &stranger))
            .language_code(language.code())
            .await?;
    }
    Ok(())
}

/// The menu of one person's chat, in their language, from what they are now; someone who
/// is no longer joined gets the menu everybody sees before joining.
pub async fn announce_chat_commands(
    bot: &Bot,
    state: &AppState,
    chat: ChatId,
    language: Language,
    who: &Standing,
) -> anyhow::Result<()> {
    let scope = BotCommandScope::Chat {
        chat_id: Recipient::Id(chat),
    };
    if who.joined() {
        bot.set_my_commands(commands(state, language, who))
            .scope(scope)
            .await?;
    } else {
        bot.delete_my_commands().scope(scope).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use teloxide::utils::command::BotCommands;

    use super::*;
    use crate::domain::roster::Role;
    use crate::i18n::strip_bidi;
    use crate::telegram::command::Command;
    use crate::telegram::permissions;

    /// Every kind of person: someone who has not joined, and each role of the roster with no
    /// body or a body of each kind, with or without each appointment.
    fn everyone() -> Vec<Standing> {
        let mut all = vec![Standing::STRANGER];
        for role in Role::ALL {
            for body in [
                None,
                Some(BodyKind::Commune),
                Some(BodyKind::ProvincialCouncil),
            ] {
                for organiser in [false, true] {
                    for finance_officer in [false, true] {
                        all.push(Standing {
                            role: Some(role),
                            body,
                            organiser,
                            finance_officer,
                        });
                    }
                }
            }
        }
        all
    }

    /// Every command Takwin understands, by name.
    fn every_command() -> Vec<(String, Command)> {
        Command::bot_commands()
            .into_iter()
            .map(|c| {
                let command = Command::parse(&c.command, "takwin_bot").expect("a command");
                (c.command.trim_start_matches('/').to_owned(), command)
            })
            .collect()
    }

    /// The rule of the module's documentation: commands allowed but kept out of a person's
    /// menu and `/help` — `/start` once joined (it only shows `/help` again), `/cancel` always
    /// (each question of a dialogue offers it where it applies).
    fn kept_out(command: &Command, who: &Standing) -> bool {
        match command {
            Command::Start(_) => who.joined(),
            Command::Cancel => true,
            _ => false,
        }
    }

    fn names(menu: Vec<(String, String)>) -> Vec<String> {
        menu.into_iter().map(|(name, _)| name).collect()
    }

    /// The commands an HTML text names, in order.
    fn commands_in(html: &str) -> Vec<String> {
        let mut in_tag = false;
        let text: String = html
            .chars()
            .filter(|&c| {
                in_tag = (in_tag || c == '<') && c != '>';
                !in_tag && c != '>'
            })
            .collect();
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '/'))
            .filter_map(|word| word.strip_prefix('/'))
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn everyone_is_shown_exactly_the_commands_they_may_use() {
        let i18n = I18n::shared();
        let commands = every_command();
        for who in everyone() {
            let shown = names(menu(i18n, Language::En, &who));
            for (name, command) in &commands {
                let allowed = permissions::command(command).refusal_to(&who).is_none();
                assert_eq!(
                    shown.contains(name),
                    allowed && !kept_out(command, &who),
                    "/{name} for {who:?}: allowed {allowed}, shown {shown:?}"
                );
            }
            for name in &shown {
                assert!(
                    commands.iter().any(|(n, _)| n == name),
                    "/{name} is no command"
                );
                assert_eq!(
                    shown.iter().filter(|n| *n == name).count(),
                    1,
                    "/{name} twice"
                );
            }
        }
    }

    #[test]
    fn help_lists_the_menu_in_its_order_in_every_language() {
        let i18n = I18n::shared();
        for who in everyone().into_iter().filter(Standing::joined) {
            for language in Language::ALL {
                for kind in ["province", "prefecture"] {
                    let args = Args::new().choice("province_kind", kind);
                    let help = strip_bidi(&help(i18n, language, &who, &args));
                    assert_eq!(
                        commands_in(&help),
                        names(menu(i18n, language, &who)),
                        "{language} for {who:?}:\n{help}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_line_has_its_words_in_every_language() {
        let i18n = I18n::shared();
        for section in TABLE {
            for language in Language::ALL {
                assert!(
                    i18n.has(language, section.heading),
                    "{language}: {}",
                    section.heading
                );
                for line in section.lines {
                    let cmd = format!("cmd-{}", line.text);
                    assert!(i18n.has(language, &cmd), "{language}: {cmd}");
                    // Strangers are told how to join instead of a list (`profile::help`).
                    if line.who != Who::Stranger {
                        let help = format!("help-line-{}", line.text);
                        assert!(i18n.has(language, &help), "{language}: {help}");
                    }
                }
            }
        }
    }

    #[test]
    fn each_kind_of_person_sees_their_own_sections() {
        let i18n = I18n::shared();
        let joined = |role, body| Standing {
            role: Some(role),
            body,
            ..Standing::STRANGER
        };
        let menu_of = |who: Standing| names(menu(i18n, Language::Fr, &who));
        assert_eq!(menu_of(Standing::STRANGER), ["start", "help"]);
        let councillor = joined(Role::Councillor, Some(BodyKind::Commune));
        assert_eq!(
            menu_of(councillor),
            [
                "my",
                "history",
                "my_training",
                "commune",
                "help",
                "me",
                "language",
                "stop"
            ]
        );
        // Province staff belong to no commune: no /commune.
        let staff = joined(Role::ProvinceStaff, None);
        assert!(!menu_of(staff).contains(&"commune".to_owned()));
        // A Secretary-General reads their province's charts, under their own heading.
        let secretary = joined(Role::SecretaryGeneral, None);
        assert_eq!(
            shown_sections(&secretary),
            ["help-section-own", "help-section-secretary-general"]
        );
        assert_eq!(
            menu_of(secretary).last().map(String::as_str),
            Some("report")
        );
        // A finance officer: /declarations and /contributions under the finance heading.
        let officer = Standing {
            finance_officer: true,
            ..staff
        };
        assert_eq!(
            shown_sections(&officer),
            ["help-section-own", "help-section-finance-officer"]
        );
        assert!(menu_of(officer).ends_with(&["declarations".into(), "contributions".into()]));
        // An organiser who is also a finance officer sees /contributions once, among the
        // organisers'.
        let both = Standing {
            organiser: true,
            ..officer
        };
        let contributions: Vec<&str> = shown(&both)
            .into_iter()
            .filter(|(_, lines)| lines.iter().any(|l| l.command == "contributions"))
            .map(|(section, _)| section.heading)
            .collect();
        assert_eq!(contributions, ["help-section-organiser"]);
        // A provincial council's president sees their council's funding, not a commune's.
        let council = joined(Role::President, Some(BodyKind::ProvincialCouncil));
        let line = shown(&council)
            .into_iter()
            .flat_map(|(_, lines)| lines)
            .find(|line| line.command == "commune")
            .expect("/commune");
        assert_eq!(line.text, "commune-council");
    }

    fn shown_sections(who: &Standing) -> Vec<&'static str> {
        shown(who)
            .into_iter()
            .map(|(section, _)| section.heading)
            .collect()
    }
}
