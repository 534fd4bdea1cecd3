//! The `symcal` command: parse the arguments, run, turn the outcome into an
//! exit code. Everything else lives in the library.

mod cli;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    match cli::run(cli::Args::parse()) {
        Ok(code) => code,
        Err(e) => {
            // an unusable input's diagnostics carry their own `error:`
            match e.downcast_ref::<symcal::Error>() {
                Some(inner) if !inner.diagnostics().is_empty() => eprintln!("{inner}"),
                _ => eprintln!("error: {e:#}"),
            }
            ExitCode::FAILURE
        }
    }
}
