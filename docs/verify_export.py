#!/usr/bin/env python3
"""Re-verify a `candor export` file without candor, from docs/events.md alone.

Usage: python3 docs/verify_export.py FILE   (needs: pip install blake3 cryptography)
Checks the hash chain (§5, §8) and every signature and signer (§5a). Prints
"ok: N records, head SEQ:HASH (S signed, U unsigned)" and exits 0, or names
the first bad line and exits 1. Compare the head with a digest kept elsewhere.

Everything judged is read from `raw`, which the chain and the signatures
cover: the envelope (§3) and, for the events that say who may sign, their
leading fields (§4). The line's JSON `seq`, `actor` and event kind, and the
JSON fields of those events, must agree with `raw`; nothing else authenticates
them. The JSON fields of other events are for people and are not judged here.
A compact export (`candor export --compact`) has no `event`; the rest holds.
"""
import base64, json, sys
from blake3 import blake3
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

DOMAIN = b"candor record v2\n"


def varint_u64(b, i):
    """bincode 2 varint at b[i]: < 251 is the value; 251/252/253: u16/u32/u64 LE follows."""
    n = {251: 2, 252: 4, 253: 8}.get(b[i], 0)
    if (n == 0 and b[i] > 250) or len(b) < i + 1 + n:
        raise ValueError(f"bad varint at byte {i} of raw")
    return b[i] if n == 0 else int.from_bytes(b[i + 1:i + 1 + n], "little")


# Event tags (§4): the position of each kind in the event enum.
KINDS = """ledger_opened leader_changed size_bands_set threshold_set goal_set
actual_recorded forecast_submitted deal_opened deal_changed deal_risk_flagged
deal_risk_cleared deal_won deal_lost commitment_made commitment_done
commitment_rescheduled commitment_dropped commitment_missed plan_item_added
plan_item_completed plan_option_proposed plan_option_adopted plan_changed
plan_minimum_run_set indicator_defined indicator_recorded contingency_added
contingency_acted_on meeting_held meeting_skipped head_acknowledged
issue_raised issue_resolved decision_right_set focus_set hire_template_loaded
candidate_added panelist_added score_submitted score_sealed score_revealed
debrief_opened hire_decided corrected clock_reset forecast_agreed
deal_risk_action deals_imported member_added member_key_added
member_removed member_renamed role_handed_over""".split()
ROLES = ["ceo", "leader", "panelist", "advisor"]


class Reader:
    """bincode 2 standard config over b[i:end] (§2)."""

    def __init__(self, b, i, end):
        self.b, self.i, self.end = b, i, end

    def take(self, n):
        if self.i + n > self.end:
            raise ValueError(f"the record bytes end inside a field (byte {self.i} of raw)")
        out = self.b[self.i:self.i + n]
        self.i += n
        return out

    def u8(self):
        return self.take(1)[0]

    def varint(self):
        first = self.u8()
        n = {251: 2, 252: 4, 253: 8}.get(first, 0)
        if n == 0 and first > 250:
            raise ValueError(f"bad varint at byte {self.i - 1} of raw")
        return first if n == 0 else int.from_bytes(self.take(n), "little")

    def i64(self):
        z = self.varint()
        return (z >> 1) ^ -(z & 1)

    def string(self):
        return self.take(self.varint()).decode("utf-8")

    def key(self):
        return "ed25519:" + self.take(32).hex()

    def option(self, read):
        tag = self.u8()
        if tag > 1:
            raise ValueError(f"bad option tag {tag} in raw")
        return read() if tag else None


def membership_fields(r, kind):
    """The leading fields of the events the member fold reads (§4), else {}."""
    if kind == "ledger_opened":
        return {"company": r.string(), "ceo": r.string(), "leader": r.string()}
    if kind in ("leader_changed", "panelist_added"):
        return {"name": r.string()}
    if kind == "member_added":
        name, role = r.string(), r.varint()
        if role >= len(ROLES):
            raise ValueError(f"role index {role} in raw is not a role")
        return {"name": name, "role": ROLES[role], "key": r.option(r.key)}
    if kind == "member_key_added":
        return {"name": r.string(), "key": r.key()}
    if kind == "member_removed":
        return {"name": r.string(), "key": r.option(r.key)}
    if kind == "member_renamed":
        return {"from": r.string(), "to": r.string()}
    if kind == "role_handed_over":
        role = r.varint()
        if role >= len(ROLES):
            raise ValueError(f"role index {role} in raw is not a role")
        return {"role": ROLES[role], "to": r.string()}
    return {}


def decode(raw, body_len):
    """(seq, actor, kind, fields) from the record bytes (§1, §3, §4)."""
    r = Reader(raw, 1, body_len)
    seq, _recorded_at, actor, tag = r.varint(), r.i64(), r.string(), r.varint()
    if tag >= len(KINDS):
        raise ValueError(f"event tag {tag} in raw is not one of the {len(KINDS)} kinds of §4")
    return seq, actor, KINDS[tag], membership_fields(r, KINDS[tag])


def agree(rec, seq, actor, kind, fields):
    """Refuses a line whose readable fields disagree with its bytes."""
    if rec["seq"] != seq:
        raise ValueError(f"the line's seq {rec['seq']} disagrees with the record bytes ({seq})")
    if rec["actor"] != actor:
        raise ValueError(f"the line's actor {rec['actor']!r} disagrees with the record bytes ({actor!r})")
    if "event" not in rec:
        return  # a compact export (`candor export --compact`): no decoded event to compare
    event = rec["event"]
    ((shown, e),) = event.items() if isinstance(event, dict) and len(event) == 1 else ((event, {}),)
    if shown != kind:
        raise ValueError(f"the line's event {shown!r} disagrees with the record bytes ({kind})")
    for name, value in fields.items():
        if not isinstance(e, dict) or e.get(name) != value:
            raise ValueError(f"the line's {kind} {name} disagrees with the record bytes ({value!r})")


def signature(rec, raw, prev):
    """(key, valid) from the trailer, or None when unsigned (§1, §8 step 5)."""
    signed_by = rec.get("signed_by")
    if raw[0] == 1:
        if signed_by is not None:
            raise ValueError("signed_by on a format-1 record, which has no signature")
        return None
    if signed_by is None:
        if raw[-1:] != b"\x00":
            raise ValueError("no signed_by, but the record does not end with the unsigned trailer 00")
        return None
    if len(raw) < 98 or raw[-97] != 1 or signed_by != "ed25519:" + raw[-96:-64].hex():
        raise ValueError("signed_by disagrees with the signature trailer of the record bytes")
    key, sig, body = raw[-96:-64], raw[-64:], raw[:-97]
    try:
        Ed25519PublicKey.from_public_bytes(key).verify(sig, DOMAIN + bytes.fromhex(prev) + body)
        return signed_by, True
    except (InvalidSignature, ValueError):
        return signed_by, False


class Members:
    """Who signs for whom, folded from the members' events (§5a)."""

    def __init__(self):
        self.people = {}  # name -> {"roles": set, "removed": bool}
        self.keys = {}  # "ed25519:hex" -> {"member", "registered", "revoked"}

    def is_ceo(self, name):
        p = self.people.get(name)
        return p is not None and not p["removed"] and "ceo" in p["roles"]

    def grant(self, name, role):
        p = self.people.setdefault(name, {"roles": set(), "removed": False})
        p["roles"].add(role)
        p["removed"] = False

    def apply(self, seq, kind, e):
        if kind == "ledger_opened":
            self.grant(e["ceo"], "ceo")
            self.grant(e["leader"], "leader")
        elif kind == "leader_changed":
            for p in self.people.values():
                p["roles"].discard("leader")
            self.grant(e["name"], "leader")
        elif kind == "panelist_added":
            self.grant(e["name"], "panelist")
        elif kind == "member_added":
            if e["role"] == "ceo":
                for p in self.people.values():
                    p["roles"].discard("ceo")
            self.grant(e["name"], e["role"])
            if e["key"]:
                self.keys[e["key"]] = {"member": e["name"], "registered": seq, "revoked": None}
        elif kind == "member_key_added":
            self.keys[e["key"]] = {"member": e["name"], "registered": seq, "revoked": None}
        elif kind == "member_removed" and e["name"] in self.people:
            if e["key"]:
                revoke = [e["key"]]
            else:
                self.people[e["name"]].update(roles=set(), removed=True)
                revoke = [k for k, v in self.keys.items() if v["member"] == e["name"]]
            for k in revoke:
                if k in self.keys and self.keys[k]["revoked"] is None:
                    self.keys[k]["revoked"] = seq
        elif kind == "member_renamed" and e["from"] in self.people and e["to"] not in self.people:
            # The person, roles and keys move to the new name.
            self.people[e["to"]] = self.people.pop(e["from"])
            for v in self.keys.values():
                if v["member"] == e["from"]:
                    v["member"] = e["to"]
        elif kind == "role_handed_over" and e["role"] in ("ceo", "leader"):
            # The holder stays on as an advisor.
            for name, p in self.people.items():
                if name != e["to"] and e["role"] in p["roles"]:
                    p["roles"].discard(e["role"])
                    p["roles"].add("advisor")
            self.grant(e["to"], e["role"])
            self.people[e["to"]]["roles"].discard("advisor")

    def judge(self, seq, actor, sig, kind, e):
        """None when the record may stand here, else why not."""
        if kind == "ledger_opened" and seq != 1:
            return "ledger_opened after record 1: only the first record opens the ledger"
        registers = (e["name"], e["key"]) if kind in ("member_key_added", "member_added") and e["key"] else None
        if sig is None:
            if self.keys:
                return "unsigned record after the ledger's first key"
            if registers:
                return "an unsigned record may not register a key: the first key must sign its own registration"
            return None
        key, valid = sig
        if not valid:
            return f"bad signature by {key}: it does not verify over the previous hash and the record"
        if registers and registers[1] in self.keys:
            first = self.keys[registers[1]]["registered"]
            return f"{registers[1]} is already registered (record {first})"
        if not self.keys:
            ok = registers and registers[1] == key and registers[0] == actor and self.is_ceo(actor)
            return None if ok else "the first key must be the CEO's, signing its own registration"
        entry = self.keys.get(key)
        if entry is None:
            return f"signed by {key}, a key this ledger never registered"
        if entry["revoked"] is not None and entry["revoked"] < seq:
            return f"signed by {key}, revoked by record {entry['revoked']}"
        if entry["member"] != actor:
            return f"signed by {entry['member']}'s key, but the record says it is by {actor}"
        if kind in ("leader_changed", "panelist_added", "member_added", "member_removed", "role_handed_over"):
            if not self.is_ceo(actor):
                return f"{actor} may not change the members: missing right (the CEO only)"
        if kind == "member_renamed" and not self.is_ceo(actor):
            p = self.people.get(actor)
            if e["from"] != actor or p is None or p["removed"]:
                return f"{actor} may not rename {e['from']}: missing right (the CEO, or a member themselves)"
        if kind == "member_key_added" and not self.is_ceo(actor):
            p = self.people.get(actor)
            if e["name"] != actor or p is None or p["removed"]:
                return f"{actor} may not register a key for {e['name']}: missing right (the CEO only)"
        return None


def check(line, seq, prev, members, tally):
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
    if raw[:1] not in (b"\x01", b"\x02"):
        raise ValueError(f"record format version is {raw[:1].hex() or 'missing'}, expected 01 or 02")
    if varint_u64(raw, 1) != seq:
        raise ValueError(f"the record bytes hold seq {varint_u64(raw, 1)} but the line is {seq}")
    sig = signature(rec, raw, prev)
    body_len = len(raw) - (0 if raw[0] == 1 else 97 if sig else 1)
    _, actor, kind, fields = decode(raw, body_len)
    agree(rec, seq, actor, kind, fields)
    why = members.judge(seq, actor, sig, kind, fields)
    if why:
        raise ValueError(f"signature: {why}")
    members.apply(seq, kind, fields)
    tally["signed" if sig else "unsigned"] += 1
    return rec["hash"]


def main(path):
    prev, seq, members, tally = "0" * 64, 0, Members(), {"signed": 0, "unsigned": 0}
    with open(path, "rb") as f:
        for seq, line in enumerate(f, 1):
            try:
                prev = check(line, seq, prev, members, tally)
            except (ValueError, TypeError, IndexError, KeyError, AttributeError) as e:
                print(f"FAILED at line {seq}: {e}")
                return 1
    if not seq:
        print("FAILED: the export is empty")
        return 1
    print(f"ok: {seq} records, head {seq}:{prev} ({tally['signed']} signed, {tally['unsigned']} unsigned)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 verify_export.py FILE")
    sys.exit(main(sys.argv[1]))
