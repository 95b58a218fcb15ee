//! The `candor` binary: parse, run, map the outcome to an exit code.

mod cli;

use clap::FromArgMatches;

fn main() {
    // Parsed through `cli::command()`, which carries each command's examples.
    let args = cli::Cli::from_arg_matches(&cli::command().get_matches()).unwrap_or_else(|e| e.exit());
    let code = match cli::run(args) {
        Ok(()) => 0,
        Err(e) => cli::output::report_error(&e),
    };
    std::process::exit(code);
}
