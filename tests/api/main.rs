//! Takwin's integration tests: one binary, a file per journey. Every journey runs on SQLite
//! and, when `TAKWIN_TEST_POSTGRES_URL` is set, on PostgreSQL too; without it the PostgreSQL
//! runs are listed as ignored, so a run never silently claims what it did not check.

mod addressing;
mod broadcasts;
mod busy;
mod certificates;
mod changes;
mod checkin;
mod council_sessions;
mod crash;
mod delivery;
mod digests;
mod evaluation_forms;
mod failures;
mod funding;
mod help;
mod inbox;
mod invitations;
mod joining;
mod new_workshop;
mod ops;
mod programme_report;
mod reminders;
mod replicas;
mod roster_cli;
mod schedules;
mod support;
mod terms;
mod unreachable;
mod webhook;
mod workshops;

use std::future::Future;
use std::pin::Pin;

use libtest_mimic::{Arguments, Trial};
use support::Backend;

type Journey = fn(Backend) -> Pin<Box<dyn Future<Output = ()> + Send>>;

macro_rules! journeys {
    ($($module:ident :: $name:ident),* $(,)?) => {
        vec![$(
            (concat!(stringify!($module), "::", stringify!($name)),
             (|backend| Box::pin($module::$name(backend))) as Journey),
        )*]
    };
}

fn main() {
    let args = Arguments::from_args();
    if std::env::var_os("RUST_LOG").is_some() {
        takwin::logging::init(takwin::logging::DEFAULT_FILTER);
    }
    let postgres = std::env::var("TAKWIN_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty());
    if postgres.is_none() {
        eprintln!(
            "note: TAKWIN_TEST_POSTGRES_URL is not set, so the PostgreSQL runs are ignored; \
             set it (e.g. postgres://postgres@127.0.0.1:5432/test) to run them"
        );
    }
    let all = journeys![
        support::a_failed_test_leaves_no_database_behind,
        joining::by_personal_link,
        joining::a_code_beginning_with_ci_joins_by_its_link,
        joining::by_own_contact,
        joining::a_new_account_takes_over_by_own_contact,
        joining::forged_contact_is_refused,
        joining::stranger_is_refused_and_organisers_told_once,
        joining::used_code_is_refused,
        joining::language_defaults_from_telegram_and_can_change,
        joining::official_cannot_use_organiser_commands,
        joining::organiser_sees_who_joined_in_arabic_plurals,
        joining::profile_and_unlinking,
        joining::hostile_names_are_escaped,
        joining::a_region_sized_list_comes_in_several_messages,
        roster_cli::bad_rows_are_all_named_and_nothing_changes,
        roster_cli::same_file_twice_changes_nothing,
        roster_cli::people_added_later_are_invited_to_the_upcoming_workshops_for_them,
        roster_cli::hostile_cells_are_refused_alike_on_both_backends,
        roster_cli::invites_and_organisers_from_the_command_line,
        roster_cli::schedule_next_and_outbox_status,
        roster_cli::files_that_never_end_or_are_too_large_are_refused_unread,
        delivery::refusals_and_timeouts_end_in_the_right_state,
        delivery::server_errors_are_retried_then_given_up,
        delivery::limits_are_kept_without_a_single_429,
        delivery::two_workers_never_send_a_row_twice,
        reminders::reminders_fire_on_time_across_a_clock_change,
        reminders::a_moved_event_moves_its_reminders_and_a_cancelled_one_drops_them,
        reminders::quiet_hours_hold_and_late_reminders_are_skipped,
        crash::a_killed_process_resumes_and_serves_everyone_once,
        replicas::one_replica_polls_and_another_takes_over,
        unreachable::who_blocks_the_bot_is_shown_skipped_and_served_again_on_return,
        unreachable::the_news_of_a_block_does_not_count_as_the_person_coming_back,
        terms::a_term_of_office_keeps_people_through_new_phones_and_prunes_who_left,
        terms::pruning_never_removes_the_last_organiser,
        busy::a_large_import_never_holds_up_the_bot,
        inbox::an_update_taken_but_not_handled_before_a_stop_is_handled_at_the_next_start,
        ops::health_readiness_and_metrics_are_served,
        webhook::updates_come_by_webhook_checked_stored_and_handled_once,
        addressing::a_woman_and_a_man_president_each_read_their_own_title,
        addressing::the_provincial_council_and_the_secretary_general_see_their_own_body,
        funding::a_campaign_reminds_only_who_owes_and_stops_when_closed,
        funding::a_declared_transfer_is_rejected_with_a_reason_then_confirmed,
        funding::silence_escalates_to_the_secretary_general_after_the_configured_reminders,
        funding::ahead_of_a_council_session_only_agreements_still_to_approve_are_recalled,
        funding::a_partial_payment_keeps_a_balance_and_an_overpayment_shows,
        funding::the_same_transfer_declared_twice_in_chat_is_recorded_once,
        funding::impossible_days_and_hostile_text_are_refused_in_chat,
        funding::a_press_on_another_presidents_reminder_answers_the_presser_only,
        council_sessions::each_kind_of_council_is_offered_and_reminded_of_its_own_sessions,
        help::help_and_the_menu_agree_for_every_kind_of_person,
        schedules::each_occurrence_goes_once_to_each_recipient,
        workshops::a_workshop_with_a_waiting_list_is_stored_moved_and_cancelled,
        invitations::invitation_answers_waiting_list_and_reminders,
        invitations::an_official_who_joins_later_gets_pending_invitations,
        invitations::messages_missed_by_a_stop_are_queued_at_start_up,
        invitations::the_last_seat_goes_to_one_of_many_who_answer_at_once,
        invitations::answers_to_two_workshops_at_once_are_each_decided_on_their_own_seats,
        invitations::answers_at_random_in_batches_keep_the_seats_right,
        invitations::a_moved_workshop_tells_everyone_and_so_does_a_cancelled_one,
        invitations::organisers_follow_answers_live_and_nudge_the_silent,
        invitations::after_the_workshop_attendees_rate_it_and_absentees_hear_of_the_next,
        checkin::officials_check_in_with_the_code_or_the_qr_link,
        checkin::check_in_and_rating_keep_to_their_windows,
        evaluation_forms::an_evaluation_form_of_three_questions_is_answered_by_buttons,
        evaluation_forms::a_programme_file_sets_each_workshops_form,
        evaluation_forms::ratings_recorded_before_forms_stay_the_default_forms_answers,
        certificates::those_present_get_a_certificate_and_the_absent_none,
        certificates::a_cancelled_workshop_sends_no_certificate,
        new_workshop::an_organiser_creates_a_workshop_step_by_step,
        new_workshop::the_dialogue_is_left_with_cancel_and_old_buttons_do_nothing,
        new_workshop::the_dialogue_speaks_the_organisers_language,
        changes::an_organiser_moves_then_cancels_a_workshop_in_chat,
        changes::more_seats_move_the_waiting_list_up_and_fewer_take_no_seat_back,
        changes::a_started_workshop_is_refused_alike_in_chat_and_on_the_command_line,
        failures::a_failing_handler_answers_the_press_and_apologises,
        roster_cli::a_programme_of_workshops_is_imported_all_or_nothing,
        roster_cli::the_attendance_report_matches_a_hand_count,
        roster_cli::the_evaluation_report_sums_up_ratings_without_names,
        programme_report::the_programme_report_and_its_charts_show_what_happened,
        digests::the_weekly_digest_reaches_its_readers_and_can_be_turned_off,
        roster_cli::spreadsheet_formulas_in_exports_stay_text,
        roster_cli::database_passwords_never_show,
        roster_cli::a_bad_token_is_refused_at_start_without_showing_it,
        roster_cli::contributions_are_set_paid_approved_and_reported_to_the_centime,
        roster_cli::the_same_payment_twice_is_recorded_once_and_corrected_openly,
        roster_cli::impossible_days_and_hostile_references_are_refused_from_the_command_line,
        roster_cli::duplicates_recorded_before_survive_the_upgrade,
        broadcasts::an_announcement_reaches_each_person_once_in_their_language,
        broadcasts::scheduled_and_recurring_announcements_fire_and_a_cancelled_one_stops,
        broadcasts::a_non_organiser_and_bad_input_are_refused_with_nothing_queued,
        broadcasts::the_command_line_refuses_bad_input_and_previews_before_sending,
        broadcasts::an_organiser_writes_previews_sends_and_follows_an_announcement_in_chat,
        broadcasts::in_chat_an_announcement_goes_to_a_workshops_silent_invitees,
        broadcasts::an_announcement_carries_a_photo_or_a_document_under_its_texts,
        broadcasts::hostile_audiences_are_refused_at_the_command_line_before_anything_is_stored,
        broadcasts::a_hostile_text_is_refused_at_the_command_line_and_in_chat_with_nothing_stored,
        broadcasts::a_code_block_reaches_officials_with_its_spaces_as_written,
    ];
    let mut trials = Vec::new();
    for (name, journey) in all {
        trials.push(trial(
            format!("{name}::sqlite"),
            Backend::Sqlite,
            journey,
            false,
        ));
        let pg = Backend::Postgres(postgres.clone().unwrap_or_default());
        trials.push(trial(
            format!("{name}::postgres"),
            pg,
            journey,
            postgres.is_none(),
        ));
    }
    libtest_mimic::run(&args, trials).exit();
}

fn trial(name: String, backend: Backend, journey: Journey, ignored: bool) -> Trial {
    Trial::test(name, move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(journey(backend));
        Ok(())
    })
    .with_ignored_flag(ignored)
}
