//! The README's tour runs, as written, from an empty directory.

use crate::env::{TestEnv, BIN};
use std::path::Path;
use std::process::Command;

/// The `sh` blocks between the tour's heading and the next section.
fn tour_script() -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("## A short tour").expect("the tour section");
    let end = readme[start..].find("\n## The CEO").map_or(readme.len(), |e| start + e);
    let mut script = String::from("set -e\n");
    let mut inside = false;
    for line in readme[start..end].lines() {
        match line.trim() {
            "```sh" => inside = true,
            "```" => inside = false,
            _ if inside => {
                script.push_str(line);
                script.push('\n');
            }
            _ => {}
        }
    }
    script
}

#[test]
fn the_readme_tour_runs_as_written() {
    let env = TestEnv::new();
    let bin_dir = Path::new(BIN).parent().unwrap();
    let script = tour_script();
    assert!(script.contains("candor init") && script.contains("candor meeting hold"), "{script}");
    let out = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .current_dir(env.path(""))
        .env_clear()
        .env("PATH", format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default()))
        .env("HOME", env.path(""))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "the tour failed:\n{}\n{stdout}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("corrected by record 28: we agreed the 16th"), "{stdout}");
    assert!(stdout.contains("signed by: Dana Reyes (ed25519:"), "{stdout}");
    assert!(stdout.contains("Lee Park") && stdout.contains("leader"), "member list: {stdout}");
    assert!(env.path("brief.html").exists());
}
