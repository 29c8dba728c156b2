//! `yusuan merge DIR... --out DIR`: combine output folders (shards of one
//! corpus, run on different machines) into one, identical to a single run.

use super::note;
use std::path::PathBuf;

use anyhow::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output folders of `yusuan extract`.
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// The merged folder.
    #[arg(long, short)]
    pub out: PathBuf,
}

pub fn run(args: &Args) -> Result<i32> {
    let n = yusuan::batch::merge(&args.dirs, &args.out)?;
    note!("yusuan: merged {n} documents into {}", args.out.display());
    Ok(super::exit::OK)
}
