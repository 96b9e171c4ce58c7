//! The `handbook` binary: parse arguments, run, map the result to an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    handbook::cli::run(handbook::cli::Cli::parse())
}
