//! The standalone emulator: serves the emulated Bot API, and the control API that plays the
//! people, over HTTP for bots and tests that run as other processes. The flags and what it
//! prints are [`bot_api_emulator::standalone`]'s.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    bot_api_emulator::standalone::main("bot-api-emulator", std::env::args().skip(1)).await
}
