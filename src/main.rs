//! The `yusuan` binary: parse arguments, run one command, exit with its code.

mod cli;

use cli::note;

use clap::Parser;

fn main() {
    let args = cli::Cli::parse();
    // The rule tables (data/*.csv) are read strictly; a bad row is a
    // message naming its file, line and column, before any input is read.
    // The tables built here are the ones the run uses (built once). `text`
    // and `tables` look at one file and need few of them: they build what
    // they use when they use it (still strictly), so a quick look at one
    // page does not wait for every pattern to compile.
    //
    // `extract` in worker processes (the default) uses no table itself:
    // each worker builds and checks them before its first document, and a
    // bad row stops the run with the same message.
    let quick = match &args.command {
        cli::Command::Text(_) | cli::Command::Tables(_) => true,
        cli::Command::Extract(a) => !a.in_process,
        _ => false,
    };
    if !quick && let Err(e) = yusuan::rules::check_all() {
        note!("yusuan: {e}");
        std::process::exit(cli::exit::USAGE);
    }
    let result = match &args.command {
        cli::Command::Extract(a) => cli::extract::run(a),
        cli::Command::Merge(a) => cli::merge::run(a),
        cli::Command::Compare(a) => cli::compare::run(a),
        cli::Command::Panel(a) => cli::panel::run(a),
        cli::Command::Export(a) => cli::export::run(a),
        cli::Command::Text(a) => cli::text::run(a),
        cli::Command::Tables(a) => cli::tables::run(a),
        cli::Command::Worker(a) => cli::extract::worker(a),
    };
    let code = match result {
        Ok(code) => code,
        // The reader of our output went away (`yusuan tables FILE | head`):
        // the output simply stops; not an error.
        Err(e) if cli::is_broken_pipe(&e) => cli::exit::OK,
        Err(e) => {
            note!("yusuan: {e:#}");
            cli::exit::USAGE
        }
    };
    // Stopped by SIGINT/SIGTERM (extract, text, tables): 128 + the signal.
    std::process::exit(yusuan::stop::exit_code().unwrap_or(code));
}
