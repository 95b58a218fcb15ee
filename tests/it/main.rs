//! The one integration-test binary: each module drives the real `candor`
//! binary (or the library) through `env::TestEnv`.

mod backdating;
mod bad_input;
mod beside_log;
mod boundary;
mod brief;
mod clock;
mod commitment;
mod correct;
mod crash;
mod deal;
mod demo;
mod disk_full;
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
mod read_only;
mod readme;
mod reports;
mod revenue;
mod roundtrip;
mod salvage;
mod snapshot;
mod tamper;
mod tty;
