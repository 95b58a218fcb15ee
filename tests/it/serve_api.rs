//! The shared ledger over real loopback HTTP: `candor serve` and members'
//! machines using `--remote`.

use crate::server::{ceo_only_ledger, Machine, Server};

#[test]
fn the_ceo_registers_the_leader_and_the_leader_records_from_their_own_machine() {
    let env = ceo_only_ledger();
    let server = Server::start(&env, &[]);
    // The CEO's machine is the one that opened the ledger (its key is there).
    let ceo = Machine::new(&server.url, env.now());
    std::fs::create_dir_all(ceo.dir().join(".config/candor")).unwrap();
    copy_dir(&env.home().join(".config/candor/keys"), &ceo.dir().join(".config/candor/keys"));
    let lee = Machine::new(&server.url, env.now());
    let lee_key = lee.key_new("Lee");
    ceo.run(&["member", "key", "--name", "Lee", "--key", &lee_key]).ok();
    let run = lee
        .run(&[
            "commitment",
            "add",
            "--id",
            "C-1",
            "--owner",
            "leader",
            "--what",
            "Send the plan",
            "--due",
            "2026-01-09",
        ])
        .ok();
    assert!(run.stdout.contains("signed by Lee"), "{}", run.stdout);
    assert_eq!(ceo.digest(), lee.digest());
    ceo.run(&["verify"]).ok();
    let stopped = server.stop();
    assert!(stopped.stdout.contains("stopped"), "a clean shutdown: {}", stopped.stdout);
    env.run(&["verify"]).ok();
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}
