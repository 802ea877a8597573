//! Organisers' commands. The permission table lets only organisers reach them; what they
//! read comes from `actions::reports`, which checks and audits it.

use teloxide::prelude::*;

use crate::actions::reports;
use crate::i18n::Args;
use crate::state::AppState;
use crate::telegram::{Actor, HandlerResult, say, send_html, unless_refused};
use crate::views::text::place_label;

/// `/joined`: who has joined, per commune.
pub async fn joined(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    let l = actor.language;
    let outcome = reports::joined(&state, &actor.caller()).await?;
    let Some(screen) = unless_refused(&bot, &state, &actor, outcome).await? else {
        return Ok(());
    };
    let counts = screen.counts;
    let joined: i64 = counts.iter().map(|c| c.joined).sum();
    let total: i64 = counts.iter().map(|c| c.total).sum();
    let mut text = state.i18n.t_args(
        l,
        "joined-summary",
        &Args::new().num("joined", joined).num("total", total),
    );
    for count in &counts {
        let body = place_label(&state, l, &count.province, count.body.as_ref());
        let args = Args::new()
            .text("body", &body)
            .num("joined", count.joined)
            .num("total", count.total);
        text.push('\n');
        text.push_str(&state.i18n.t_args(l, "joined-line", &args));
    }
    // Who blocked the bot: the people organisers must reach another way.
    let blocked = screen.unreachable;
    if !blocked.is_empty() {
        let args = Args::new().num("count", blocked.len() as i64);
        text.push_str("\n\n");
        text.push_str(&state.i18n.t_args(l, "joined-unreachable", &args));
        for person in &blocked {
            let since = person.unreachable_since.unwrap_or_default();
            let args = Args::new()
                .text("name", &person.full_name)
                .text(
                    "body",
                    place_label(&state, l, &person.province, person.body.as_ref()),
                )
                .text(
                    "since",
                    state
                        .i18n
                        .format_datetime(l, since, &state.settings.timezone),
                );
            text.push('\n');
            text.push_str(&state.i18n.t_args(l, "joined-unreachable-line", &args));
        }
    }
    send_html(&bot, actor.chat(), text, None).await?;
    Ok(())
}

/// `/audit`: the latest organiser actions.
pub async fn audit(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    let l = actor.language;
    let outcome = reports::audit_log(&state, &actor.caller(), 20).await?;
    let Some(entries) = unless_refused(&bot, &state, &actor, outcome).await? else {
        return Ok(());
    };
    if entries.is_empty() {
        say(&bot, &state, &actor, "audit-empty", None).await?;
        return Ok(());
    }
    let lines = entries
        .iter()
        .map(|e| {
            let args = Args::new()
                .text(
                    "when",
                    state
                        .i18n
                        .format_datetime(l, e.at, &state.settings.timezone),
                )
                .text("who", &e.actor)
                .text("action", format!("{} {}", e.action, e.detail));
            state.i18n.t_args(l, "audit-line", &args)
        })
        .collect::<Vec<_>>();
    send_html(&bot, actor.chat(), lines.join("\n"), None).await?;
    Ok(())
}
