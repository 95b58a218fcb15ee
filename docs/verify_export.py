#!/usr/bin/env python3
"""Re-verify a `candor export` file without candor, from docs/events.md alone.

Usage: python3 docs/verify_export.py FILE        (needs: pip install blake3)
Prints "ok: N records, head SEQ:HASH" and exits 0, or names the first bad
line and exits 1. Compare the head with a digest kept elsewhere.
"""
import base64, json, sys
from blake3 import blake3


def varint_u64(b, i):
    """bincode 2 varint at b[i]: < 251 is the value; 251/252/253: u16/u32/u64 LE follows."""
    n = {251: 2, 252: 4, 253: 8}.get(b[i], 0)
    if (n == 0 and b[i] > 250) or len(b) < i + 1 + n:
        raise ValueError(f"bad varint at byte {i} of raw")
    return b[i] if n == 0 else int.from_bytes(b[i + 1:i + 1 + n], "little")


def check(line, seq, prev):
    """Returns the line's hash, or raises ValueError saying what is wrong."""
    rec = json.loads(line)
    if not isinstance(rec, dict) or not {"seq", "prev", "hash", "raw"} <= rec.keys():
        raise ValueError("not an export record: expected an object with seq, prev, hash, raw")
    if rec["seq"] != seq:
        raise ValueError(f"seq is {rec['seq']} where {seq} was expected (missing, extra or reordered line)")
    if rec["prev"] != prev:
        raise ValueError("prev is not the previous line's hash (broken link)")
    raw = base64.b64decode(rec["raw"], validate=True)
    if blake3(bytes.fromhex(prev) + raw).hexdigest() != rec["hash"]:
        raise ValueError("hash is not blake3(prev || raw): the record bytes or the hash were altered")
    if raw[:1] != b"\x01":
        raise ValueError(f"record format version is {raw[:1].hex() or 'missing'}, expected 01")
    if varint_u64(raw, 1) != seq:
        raise ValueError(f"the record bytes hold seq {varint_u64(raw, 1)} but the line is {seq}")
    return rec["hash"]


def main(path):
    prev, seq = "0" * 64, 0
    with open(path, "rb") as f:
        for seq, line in enumerate(f, 1):
            try:
                prev = check(line, seq, prev)
            except (ValueError, TypeError, IndexError) as e:
                print(f"FAILED at line {seq}: {e}")
                return 1
    print(f"ok: {seq} records, head {seq}:{prev}" if seq else "FAILED: the export is empty")
    return 0 if seq else 1


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 verify_export.py FILE")
    sys.exit(main(sys.argv[1]))
