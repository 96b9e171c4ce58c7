//! The `handbook` binary: parse arguments, run, map the result to an exit code.

use clap::Parser;
use std::process::ExitCode;

/// A build allocates and frees millions of small strings and template values on two or more
/// threads at once; mimalloc does that with less CPU than the system allocator (see the commit
/// that added it for the measurements).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    handbook::cli::run(handbook::cli::Cli::parse())
}
