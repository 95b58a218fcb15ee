//! The `candor` binary: parse, run, map the outcome to an exit code.

mod cli;

use clap::Parser;

fn main() {
    let args = cli::Cli::parse();
    let code = match cli::run(args) {
        Ok(()) => 0,
        Err(e) => cli::output::report_error(&e),
    };
    std::process::exit(code);
}
