//! Arbitrary bytes never panic the parsers that read what came from outside:
//! the record decoder, the tag peek, frame splitting, and export reading.
//! (A stand-in for coverage-guided fuzzing, which needs a nightly toolchain.)

use candor::ledger::export::read_export;
use candor::ledger::{codec, layout};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn the_record_decoder_and_peek_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = codec::decode(&bytes);
        let _ = codec::peek(&bytes);
        let mut versioned = vec![codec::FORMAT_VERSION];
        versioned.extend_from_slice(&bytes);
        if let Ok(env) = codec::decode(&versioned) {
            // Whatever decodes re-encodes without error.
            prop_assert!(codec::encode(&env).is_ok());
        }
        let _ = codec::peek(&versioned);
    }

    #[test]
    fn frame_splitting_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let (frames, _) = layout::split_frames_partial(&bytes);
        let total: usize = frames.iter().map(|f| 36 + f.record.len()).sum();
        prop_assert!(total <= bytes.len());
    }

    #[test]
    fn reading_an_export_never_panics(text in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = read_export(&mut text.as_slice(), |_, _| Ok(()));
    }

    #[test]
    fn json_shaped_export_lines_never_panic(
        seq in 0u64..4, prev in "[0-9a-f]{0,66}", hash in "[0-9a-f]{0,66}", raw in "[A-Za-z0-9+/=]{0,80}",
    ) {
        let line = format!(
            "{{\"seq\":{seq},\"prev\":\"{prev}\",\"hash\":\"{hash}\",\"raw\":\"{raw}\",\"recorded_at\":\"2026-01-05T09:00:00Z\",\"actor\":\"x\",\"event\":{{}}}}\n"
        );
        prop_assert!(read_export(&mut line.as_bytes(), |_, _| Ok(())).is_err());
    }
}
