//! `candor completions SHELL`: the shell's completion script, on stdout.

use super::output::emit_bytes;
use candor::Result;
use clap_complete::Shell;

#[derive(clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum, value_name = "SHELL")]
    shell: Shell,
}

pub const LONG_ABOUT: &str = "Print the completion script for a shell: bash, zsh, fish, powershell or elvish.

Save it where the shell looks for completions (see the examples), then open a new shell: \
commands, subcommands and flags complete with Tab.";

/// Written to memory first: the generator panics on a failed write, and a
/// reader that went away (`| head`) must end the process quietly instead.
pub fn run(args: CompletionsArgs) -> Result<()> {
    let mut cmd = super::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "candor", &mut script);
    emit_bytes(&script);
    Ok(())
}
