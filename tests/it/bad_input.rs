//! Bad input exits 2, names the field, and leaves the ledger byte-for-byte
//! as it was (the head digest is compared before and after).

use crate::env::TestEnv;

#[test]
fn init_refuses_each_bad_value_and_creates_nothing() {
    let env = TestEnv::new();
    let base = ["init", "--company", "Acme", "--ceo", "Dana", "--leader", "Lee"];
    let cases: &[(&[&str], &str)] = &[
        (&["--currency", "dollars"], "--currency"),
        (&["--currency", "U$D"], "--currency"),
        (&["--fiscal-year-start", "13"], "--fiscal-year-start"),
        (&["--fiscal-year-start", "0"], "--fiscal-year-start"),
        (&["--fiscal-year-start", "April"], "--fiscal-year-start"),
        (&["--cadence", "daily"], "--cadence"),
        (&["--company", "   "], "--company"),
        (&["--leader", "Dana"], "--leader"),
    ];
    for (extra, field) in cases {
        let mut args: Vec<&str> = base.to_vec();
        // A later flag would repeat one in `base`; rebuild without it.
        for pair in extra.chunks(2) {
            if let Some(i) = args.iter().position(|a| *a == pair[0]) {
                args.drain(i..=i + 1);
            }
            args.extend_from_slice(pair);
        }
        let run = env.run(&args).code(2);
        assert!(run.stderr.contains(field), "{args:?}: {}", run.stderr);
        assert!(!env.ledger_dir().exists(), "{args:?} created the ledger directory");
    }
    let long = "x".repeat(201);
    let run = env.run(&["init", "--company", &long, "--ceo", "Dana", "--leader", "Lee"]).code(2);
    assert!(run.stderr.contains("--company") && run.stderr.contains("at most 200"), "{}", run.stderr);
}

#[test]
fn init_without_a_terminal_names_the_missing_flags() {
    let env = TestEnv::new();
    let run = env.run(&["init", "--company", "Acme"]).code(2);
    assert!(run.stderr.contains("--ceo, --leader"), "{}", run.stderr);
    assert!(!env.ledger_dir().exists());
}

#[test]
fn a_second_init_and_a_foreign_directory_are_refused() {
    let env = TestEnv::with_ledger();
    env.refuses(&["init", "--company", "Other", "--ceo", "A", "--leader", "B"], "already exists");
    let other = TestEnv::new();
    std::fs::create_dir_all(other.ledger_dir()).unwrap();
    std::fs::write(other.ledger_dir().join("notes.txt"), "mine").unwrap();
    let run = other.run(&["init", "--company", "Acme", "--ceo", "Dana", "--leader", "Lee"]).code(2);
    assert!(run.stderr.contains("not a candor ledger"), "{}", run.stderr);
    assert_eq!(std::fs::read_dir(other.ledger_dir()).unwrap().count(), 1);
}

#[test]
fn a_clock_that_goes_backwards_is_refused() {
    let mut env = TestEnv::with_ledger();
    env.at("2026-01-05T08:59:59Z");
    env.refuses(&["bench", "append"], "clock");
    env.at("2026-01-05T09:00:00Z");
    env.append_synthetic(1); // the same instant is allowed
}

#[test]
fn malformed_global_and_report_options_are_refused() {
    let mut env = TestEnv::with_ledger();
    env.refuses(&["verify", "--digest", "12"], "--digest");
    env.refuses(&["verify", "--digest", "1:abc"], "--digest");
    env.refuses(
        &["verify", "--digest", "0:0000000000000000000000000000000000000000000000000000000000000000"],
        "--digest",
    );
    env.refuses(&["log", "--as-of", "yesterday"], "--as-of");
    env.refuses(&["log", "--as-of", "2026-02-30"], "--as-of");
    env.refuses(&["log", "--format", "xml"], "--format");
    env.refuses(&["log", "--format", "html"], "--format");
    env.refuses(&["show", "99"], "SEQ");
    env.refuses(&["show", "0"], "SEQ");
    env.refuses(&["show", "-1"], "-1");
    env.refuses(&["show", "first"], "SEQ");
    env.refuses(&["--as", "", "bench", "append"], "--as");
    env.at("last tuesday");
    let run = env.run(&["digest"]).code(2);
    assert!(run.stderr.contains("CANDOR_NOW"), "{}", run.stderr);
}

#[test]
fn restore_refuses_bad_files_and_writes_nothing() {
    let env = TestEnv::with_ledger();
    env.append_synthetic(5);
    let export = env.run(&["export"]).ok().stdout;
    let lines: Vec<&str> = export.lines().collect();
    let target = TestEnv::new();
    let check = |name: &str, content: Vec<u8>, expect: &str| {
        let file = target.path(name);
        std::fs::write(&file, content).unwrap();
        let run = target.run(&["restore", file.to_str().unwrap()]).code(2);
        assert!(run.stderr.contains(expect), "{name}: {}", run.stderr);
        assert!(!target.ledger_dir().exists(), "{name}: restore created the ledger");
    };
    check("empty.jsonl", vec![], "empty");
    check("garbage.jsonl", b"hello\n".to_vec(), "export line 1");
    check("utf8.jsonl", vec![0xff, 0xfe, b'\n'], "UTF-8");
    let mut missing = lines.clone();
    missing.remove(2);
    check("missing.jsonl", (missing.join("\n") + "\n").into_bytes(), "export line 3");
    let mut swapped = lines.clone();
    swapped.swap(2, 3);
    check("swapped.jsonl", (swapped.join("\n") + "\n").into_bytes(), "export line 3");
    let mut dup = lines.clone();
    dup.insert(3, lines[2]);
    check("dup.jsonl", (dup.join("\n") + "\n").into_bytes(), "export line 4");
    // The readable event disagrees with the raw bytes.
    let edited = export.replacen("\"Acme\"", "\"Evil Corp\"", 1);
    check("edited.jsonl", edited.into_bytes(), "disagree with the record bytes");
    // A raw byte flipped (hash no longer matches).
    let mut v: serde_json::Value = serde_json::from_str(lines[4]).unwrap();
    let raw = v["raw"].as_str().unwrap().to_string();
    let flipped =
        if raw.starts_with('A') { raw.replacen('A', "B", 1) } else { raw.replacen(&raw[..1], "A", 1) };
    v["raw"] = serde_json::Value::String(flipped);
    let mut tampered = lines.clone();
    let line = v.to_string();
    tampered[4] = &line;
    check("flipped.jsonl", (tampered.join("\n") + "\n").into_bytes(), "export line 5");
    let truncated = &export[..export.len() - 20];
    check("truncated.jsonl", truncated.as_bytes().to_vec(), "export line 8");
    let missing_file = target.run(&["restore", "no-such-file.jsonl"]).code(2);
    assert!(missing_file.stderr.contains("FILE"), "{}", missing_file.stderr);
}

#[test]
fn restore_into_an_existing_ledger_is_refused() {
    let env = TestEnv::with_ledger();
    let file = env.path("x.jsonl");
    std::fs::write(&file, env.run(&["export"]).ok().stdout).unwrap();
    env.refuses(&["restore", file.to_str().unwrap()], "already exists");
}

#[test]
fn commands_on_a_missing_ledger_exit_3() {
    let env = TestEnv::new();
    for args in [&["digest"][..], &["verify"], &["log"], &["export"], &["show", "1"]] {
        let run = env.run(args).code(3);
        assert!(run.stderr.contains("no ledger"), "{args:?}: {}", run.stderr);
        assert!(!env.ledger_dir().exists(), "{args:?} created a directory");
    }
}

#[test]
fn restore_refuses_uppercase_hex_and_non_canonical_bytes() {
    use base64::Engine;
    let env = TestEnv::with_ledger();
    let export = env.run(&["export"]).ok().stdout;
    let mut line: serde_json::Value = serde_json::from_str(export.lines().next().unwrap()).unwrap();
    let target = TestEnv::new();
    let write = |v: &serde_json::Value| {
        let f = target.path("x.jsonl");
        std::fs::write(&f, format!("{v}\n")).unwrap();
        f
    };
    let mut upper = line.clone();
    upper["hash"] = serde_json::Value::String(line["hash"].as_str().unwrap().to_uppercase());
    let run = target.run(&["restore", write(&upper).to_str().unwrap()]).code(2);
    assert!(run.stderr.contains("lowercase"), "{}", run.stderr);
    // seq 1 written as a two-byte varint (0xFB 0x01 0x00) still decodes, and
    // is re-chained so only the canonical-form check can catch it.
    let b64 = base64::engine::general_purpose::STANDARD;
    let raw = b64.decode(line["raw"].as_str().unwrap()).unwrap();
    assert_eq!(raw[1], 1);
    let mut long = vec![raw[0], 0xFB, 0x01, 0x00];
    long.extend_from_slice(&raw[2..]);
    assert!(candor::ledger::codec::decode(&long).is_ok());
    let mut chained = vec![0u8; 32];
    chained.extend_from_slice(&long);
    line["raw"] = serde_json::Value::String(b64.encode(&long));
    line["hash"] = serde_json::Value::String(blake3::hash(&chained).to_hex().to_string());
    let run = target.run(&["restore", write(&line).to_str().unwrap()]).code(2);
    assert!(run.stderr.contains("canonical"), "{}", run.stderr);
    assert!(!target.ledger_dir().exists());
}

#[test]
fn restore_refuses_a_history_that_does_not_start_with_ledger_opened() {
    // A well-formed chain whose first record is something else.
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = candor::ledger::Ledger::create(&dir.path().join("l")).unwrap();
    let now = candor::core::Timestamp::parse("2026-01-05T09:00:00Z").unwrap();
    let event = candor::core::Event::MeetingSkipped { date: now.date(), reason: "x".into() };
    ledger.append("Lee", vec![event], now).unwrap();
    let mut bytes = Vec::new();
    candor::ledger::export::export(&ledger, &mut bytes).unwrap();
    drop(ledger);
    let target = TestEnv::new();
    let file = target.path("x.jsonl");
    std::fs::write(&file, bytes).unwrap();
    let run = target.run(&["restore", file.to_str().unwrap()]).code(2);
    assert!(run.stderr.contains("ledger_opened"), "{}", run.stderr);
    assert!(!target.ledger_dir().exists());
    // The same store opened directly is reported as unreadable, never a panic.
    let run = crate::env::finish(
        std::process::Command::new(crate::env::BIN)
            .args(["--ledger", dir.path().join("l").to_str().unwrap(), "trust"])
            .env("CANDOR_NOW", "2026-01-06T09:00:00Z")
            .output()
            .unwrap(),
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("does not open the ledger"), "{}", run.stderr);
}

/// A file of `len` zero bytes, sparse so it costs no disk.
fn zeros(env: &TestEnv, name: &str, len: u64) -> String {
    let path = env.path(name);
    std::fs::File::create(&path).unwrap().set_len(len).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn endless_and_oversized_files_are_refused_quickly() {
    let start = std::time::Instant::now();
    let env = TestEnv::with_ledger();
    let big_script = zeros(&env, "big.candor", (64 << 20) + 1);
    let big_template = zeros(&env, "big.toml", (1 << 20) + 1);
    for (args, limit) in [
        (&["replay", "/dev/zero"][..], "64 MiB"),
        (&["replay", &big_script], "64 MiB"),
        (&["hire", "template", "load", "/dev/zero"], "1 MiB"),
        (&["hire", "template", "load", &big_template], "1 MiB"),
    ] {
        env.refuses(args, limit);
        env.refuses(args, args[args.len() - 1]);
    }
    // restore streams line by line: one line may hold at most 1 MiB.
    let target = TestEnv::new();
    let long_line = target.path("long.jsonl");
    std::fs::write(&long_line, vec![b'{'; (1 << 20) + 10]).unwrap();
    // /dev/zero is not even read: restore takes only a regular file.
    for (file, why) in [("/dev/zero", "not a regular file"), (long_line.to_str().unwrap(), "1 MiB")] {
        let run = target.run(&["restore", file]).code(2);
        assert!(run.stderr.contains(file) && run.stderr.contains(why), "{}", run.stderr);
        assert!(!target.ledger_dir().exists(), "{file}: restore created the ledger");
    }
    assert!(start.elapsed() < std::time::Duration::from_secs(30), "{:?}", start.elapsed());
}

#[test]
fn a_replay_that_includes_itself_is_refused_before_anything_runs() {
    let env = TestEnv::with_ledger();
    let write = |name: &str, text: String| {
        let path = env.path(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let goal = "@2026-01-05T09:00:00Z --as ceo goal set --period 2026-Q1 --amount 1M\n";
    let a = env.path("a.candor");
    let direct = write("a.candor", format!("{goal}@2026-01-05T09:00:00Z replay {}\n", a.display()));
    env.refuses(&["replay", &direct], "includes itself at line 2");
    // A → B → A.
    let b =
        write("b.candor", format!("{goal}@2026-01-05T09:00:00Z replay {}\n", env.path("c.candor").display()));
    write("c.candor", format!("@2026-01-05T09:00:00Z replay {b}\n"));
    env.refuses(&["replay", &b], "includes itself");
    // Nine distinct scripts, each replaying the next: deeper than 8.
    for i in 0..9 {
        write(
            &format!("d{i}.candor"),
            format!("@2026-01-05T09:00:00Z replay {}\n", env.path(&format!("d{}.candor", i + 1)).display()),
        );
    }
    write("d9.candor", goal.to_string());
    env.refuses(&["replay", env.path("d0.candor").to_str().unwrap()], "deeper than 8");
}

#[test]
fn a_replay_script_cannot_write_outside_its_ledger() {
    let env = TestEnv::with_ledger();
    let out = env.path("out.file");
    let out = out.to_str().unwrap();
    let goal = "@2026-01-05T09:00:00Z --as ceo goal set --period 2026-Q1 --amount 1M";
    for (line, flag) in [
        (format!("export --output {out}"), "export --output"),
        (format!("export -o {out}"), "export --output"),
        (format!("brief --format html --output {out}"), "brief --output"),
        ("demo --keep".to_string(), "demo"),
        (format!("--ledger {out} digest"), "--ledger"),
    ] {
        let script = env.path("w.candor");
        std::fs::write(&script, format!("{goal}\n@2026-01-05T09:00:00Z {line}\n")).unwrap();
        env.refuses(&["replay", script.to_str().unwrap()], "line 2");
        let run = env.run(&["replay", script.to_str().unwrap()]).code(2);
        assert!(run.stderr.contains(flag), "{line}: {}", run.stderr);
        assert!(!std::path::Path::new(out).exists(), "{line} wrote {out}");
    }
}

const STOPS_AT_LINE_3: &str = "@2026-01-05T09:00:00Z --as ceo goal set --period 2026-Q1 --amount 1M\n\
     @2026-01-05T09:00:00Z --as ceo goal set --period 2026-Q2 --amount 1M\n\
     @2026-01-05T09:00:00Z deal update D-404 --amount 5\n";

#[test]
fn a_replay_with_a_bad_line_writes_nothing_and_names_the_line() {
    let env = TestEnv::with_ledger();
    let before = env.digest();
    let script = env.path("p.candor");
    std::fs::write(&script, STOPS_AT_LINE_3).unwrap();
    let run = env.run(&["replay", script.to_str().unwrap()]).code(2);
    assert!(run.stderr.contains("line 3"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(env.digest(), before);
}

#[test]
fn a_replay_line_that_reads_the_ledger_mid_script_is_refused() {
    let env = TestEnv::with_ledger();
    let before = env.digest();
    let script = env.path("r.candor");
    std::fs::write(
        &script,
        "@2026-01-05T09:00:00Z --as ceo goal set --period 2026-Q1 --amount 1M\n@2026-01-05T09:00:00Z deal list\n",
    )
    .unwrap();
    let run = env.run(&["replay", script.to_str().unwrap()]).code(2);
    assert!(run.stderr.contains("line 2") && run.stderr.contains("--each"), "{}", run.stderr);
    assert_eq!(env.digest(), before);
    env.run(&["replay", "--each", script.to_str().unwrap()]).ok();
}

#[test]
fn a_replay_line_by_line_that_stops_part_way_says_what_it_recorded() {
    let env = TestEnv::with_ledger();
    let before = env.digest();
    let script = env.path("p.candor");
    std::fs::write(&script, STOPS_AT_LINE_3).unwrap();
    // Exit 2 would promise that nothing was written: a partial replay exits 1.
    let run = env.run(&["replay", "--each", script.to_str().unwrap()]).code(1);
    let head = env.digest();
    assert_ne!(head, before);
    assert!(run.stderr.contains("line 3"), "{}", run.stderr);
    assert!(run.stderr.contains(&format!("records 4–5 (head {head})")), "{}", run.stderr);
    assert!(!run.stderr.contains("nothing was written"), "{}", run.stderr);
    // A first line that fails writes nothing, and says so.
    std::fs::write(&script, "@2026-01-05T09:00:00Z deal update D-404 --amount 5\n").unwrap();
    let run = env.run(&["replay", "--each", script.to_str().unwrap()]).code(2);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(env.digest(), head);
}

#[test]
fn nested_replays_are_bounded_and_cannot_write_outside_the_ledger() {
    let env = TestEnv::with_ledger();
    let before = env.digest();
    // Five levels, each naming the next twenty times: millions of lines if run.
    for i in 1..=5 {
        let line =
            format!("@2026-01-05T09:00:00Z replay {}\n", env.path(&format!("s{}.candor", i + 1)).display());
        std::fs::write(env.path(&format!("s{i}.candor")), line.repeat(20)).unwrap();
    }
    std::fs::write(env.path("s6.candor"), "@2026-01-05T09:00:00Z issue raise --title x\n").unwrap();
    let started = std::time::Instant::now();
    let run = env.run(&["replay", env.path("s1.candor").to_str().unwrap()]).code(2);
    assert!(run.stderr.contains("add up to more than"), "{}", run.stderr);
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    assert_eq!(env.digest(), before);
    // salvage --output and the hidden bench commands write outside the ledger.
    for line in [
        format!(
            "@2026-01-05T09:00:00Z salvage {} --output {}",
            env.ledger_dir().display(),
            env.path("out.jsonl").display()
        ),
        "@2026-01-05T09:00:00Z bench append".to_string(),
    ] {
        std::fs::write(env.path("w.candor"), format!("{line}\n")).unwrap();
        let run = env.run(&["replay", env.path("w.candor").to_str().unwrap()]).code(2);
        assert!(run.stderr.contains("writes outside the ledger"), "{line}: {}", run.stderr);
        assert!(!env.path("out.jsonl").exists());
        assert_eq!(env.digest(), before);
    }
}
