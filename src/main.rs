//! The `takwin` command: parse the command line and hand over to the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = takwin::cli::Cli::parse();
    // The demo prints a transcript; only problems should interrupt it.
    let default_filter = match cli.command {
        takwin::cli::Command::Demo(_) => "warn,usvg=error",
        _ => takwin::logging::DEFAULT_FILTER,
    };
    takwin::logging::init(default_filter);
    let runtime = tokio::runtime::Runtime::new().expect("cannot start the async runtime");
    match runtime.block_on(takwin::run(cli)) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
