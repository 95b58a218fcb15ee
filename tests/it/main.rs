//! The one integration-test binary: each module drives the real `candor`
//! binary (or the library) through `env::TestEnv`.

mod bad_input;
mod bad_input_ids;
mod brief;
mod commitment;
mod correct;
mod crash;
mod deal;
mod demo;
mod env;
mod fixtures;
mod golden;
mod hire;
mod hostile_bytes;
mod independent_verify;
mod indicator;
mod ledger_cli;
mod lock;
mod meeting;
mod meeting_guided;
mod plan;
mod plan_tty;
mod prompts;
mod readme;
mod reports;
mod restore_validation;
mod revenue;
mod roundtrip;
mod snapshot;
mod tamper;
mod tty;
