//! The one integration-test binary: each module drives the real `candor`
//! binary (or the library) through `env::TestEnv`.

mod bad_input;
mod commitment;
mod crash;
mod deal;
mod env;
mod golden;
mod hire;
mod independent_verify;
mod ledger_cli;
mod lock;
mod prompts;
mod revenue;
mod roundtrip;
mod tamper;
mod tty;
