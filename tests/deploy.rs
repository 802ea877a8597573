//! The deployment files in `deploy/` name what exists: the systemd unit runs the `takwin`
//! binary with a subcommand and flags that `takwin --help` knows, and every variable of the
//! example environment file is one Takwin reads. A renamed flag or variable fails here, not
//! on a server at three in the morning.

use std::collections::BTreeSet;
use std::process::Command;

const UNIT: &str = include_str!("../deploy/takwin.service");
const ENVIRONMENT: &str = include_str!("../deploy/takwin.env.example");

/// Variables read by a library rather than by a flag: tracing's filter.
const READ_ELSEWHERE: &[&str] = &["RUST_LOG"];

fn help(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_takwin"))
        .args(args)
        .arg("--help")
        .env_remove("DATABASE_URL")
        .output()
        .expect("the takwin binary runs");
    assert!(out.status.success(), "takwin {args:?} --help failed");
    String::from_utf8(out.stdout).expect("help is UTF-8")
}

/// The value of a `Key=value` line of the unit's `[Service]` section.
fn service(key: &str) -> String {
    UNIT.lines()
        .find_map(|line| line.strip_prefix(&format!("{key}=")))
        .unwrap_or_else(|| panic!("the unit has no {key}="))
        .trim()
        .to_owned()
}

#[test]
fn the_unit_runs_a_subcommand_and_flags_that_exist() {
    let exec = service("ExecStart");
    let mut words = exec.split_whitespace();
    let program = words.next().expect("a program");
    assert!(program.ends_with("/takwin"), "{program}");
    let subcommand = words.next().expect("a subcommand");
    let commands = help(&[]);
    assert!(
        commands
            .lines()
            .any(|l| l.trim_start().starts_with(&format!("{subcommand} "))),
        "`takwin {subcommand}` is not a command:\n{commands}"
    );
    let options = help(&[subcommand]);
    let flags: Vec<&str> = words.filter(|w| w.starts_with("--")).collect();
    assert!(!flags.is_empty(), "the unit sets the rate and quiet hours");
    for flag in flags {
        assert!(
            options.contains(&format!("{flag} ")) || options.contains(&format!("{flag}\n")),
            "`takwin {subcommand}` has no {flag}:\n{options}"
        );
    }
    assert_eq!(service("EnvironmentFile"), "/etc/takwin/takwin.env");
}

#[test]
fn every_variable_of_the_environment_file_is_read() {
    let options = help(&["run"]);
    let known: BTreeSet<String> = options
        .split("[env: ")
        .skip(1)
        .filter_map(|rest| rest.split(['=', ']']).next())
        .map(str::to_owned)
        .collect();
    assert!(known.contains("TELOXIDE_TOKEN"), "{known:?}");
    let set: Vec<&str> = ENVIRONMENT
        .lines()
        .map(|l| l.trim_start_matches('#').trim())
        .filter_map(|l| l.split_once('=').map(|(name, _)| name))
        .filter(|name| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        })
        .collect();
    assert!(set.contains(&"DATABASE_URL") && set.contains(&"TELOXIDE_TOKEN"));
    for name in set {
        assert!(
            known.contains(name) || READ_ELSEWHERE.contains(&name),
            "{name} is read by nothing (takwin run reads {known:?})"
        );
    }
}
