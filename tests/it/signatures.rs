//! Signed records: verify and restore catch forged, moved and misattributed signatures.
