//! Normalisation: numbers, units, labels and 政府收支分类科目 codes as
//! printed → canonical values. Pure functions, no I/O; every later stage
//! compares through these.

pub mod code;
pub mod label;
pub mod number;
pub mod unit;
