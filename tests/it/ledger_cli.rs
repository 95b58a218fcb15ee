//! init, digest, verify, log, show, export and restore, end to end.

use crate::env::TestEnv;

#[test]
fn init_then_digest_and_verify() {
    let env = TestEnv::with_ledger();
    let digest = env.digest();
    // The opening, the CEO's key (signed by itself) and the leader's (signed by the CEO).
    assert!(digest.starts_with("3:") && digest.len() == 66, "{digest}");
    let v = env.run(&["verify", "--format", "json"]).ok().json();
    assert_eq!(v["ok"], true);
    assert_eq!(v["records"], 3);
    assert_eq!(v["head"]["seq"], 3);
    assert_eq!(v["first_bad_seq"], serde_json::Value::Null);
    assert_eq!(v["signatures"], serde_json::json!({ "signed": 2, "unsigned": 1, "bad": [] }));
    let d = env.run(&["digest", "--format", "json"]).ok().json();
    assert_eq!(format!("{}:{}", d["seq"], d["hash"].as_str().unwrap()), digest);
}
