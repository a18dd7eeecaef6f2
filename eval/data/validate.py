"""Validate callscore's labelled evaluation sets (eval/data/**.jsonl).

Usage::

    python eval/data/validate.py eval/data/judgments/dev eval/data/pii/dev.jsonl
    python eval/data/validate.py eval/data            # every .jsonl below it

Each argument is a .jsonl file or a folder (searched recursively for .jsonl).
The kind of a file is taken from its name (proposals, replies, objections,
threads, proposal_scope: the scope of each reply's proposal line, step / terms /
other, checked against the replies.jsonl beside it; anything under a ``pii``
folder or whose records carry ``entities`` is PII) and otherwise guessed from
the first record's fields.

Prints, per file: counts per label/type/verdict/kind, speaker shares, the share
of lower-case ASR-style lines (all letters lower case and none of . , ? ! ; : "),
and every error and warning. Then, across all files of the same kind passed in
(so dev and test together show leakage), exact and near duplicates.

Errors (exit status 1): bad JSON, missing/extra-typed fields, labels outside the
spec, duplicate ids, PII entity text not a substring of its line, bad
``occurrence``, overlapping entities, thread/call sizes outside the spec.
Warnings (exit status 0): shares outside the spec's targets, near duplicates,
an entity substring that repeats in its line with some repeats left unmarked.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

PROPOSAL_KINDS = {"demo", "trial", "proposal", "meeting", "call", "follow-up"}
VERDICTS = ("accepted", "declined", "deferred", "none")
VERDICT_TARGET = {"accepted": 0.30, "declined": 0.25, "deferred": 0.25, "none": 0.20}
OBJECTION_TYPES = ("price", "timing", "authority", "need", "competitor")
SPEAKERS = {"rep", "customer"}
PII_TYPES = {
    "NAME", "PHONE", "EMAIL", "CARD", "CARD_EXPIRY", "CVV", "BANK_ACCOUNT",
    "ROUTING_NUMBER", "IBAN", "SSN", "DATE_OF_BIRTH", "ADDRESS", "POSTCODE",
    "PASSPORT", "DRIVER_LICENSE", "IP_ADDRESS",
}
ID_PATTERNS = {
    "proposals": re.compile(r"^p-\d{3}$"),
    "replies": re.compile(r"^r-\d{3}$"),
    "objections": re.compile(r"^o-\d{3}$"),
    "threads": re.compile(r"^t-\d{3}$"),
    "proposal_scope": re.compile(r"^r-\d{3}$"),
}
SCOPES = ("step", "terms", "other")
PII_ID = re.compile(r"^(pii-[a-z]\d{2})-(\d{2})$")
ASR_PUNCT = set('.,?!;:"')
LOWER_TARGET = (0.20, 0.32)   # "about a quarter" of lines
NEAR_JACCARD = 0.85           # token-set overlap above which two texts are near duplicates


@dataclass
class Report:
    """Errors and warnings collected for one file (or the cross-file checks)."""

    name: str
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def err(self, msg: str) -> None:
        self.errors.append(msg)

    def warn(self, msg: str) -> None:
        self.warnings.append(msg)

    def info(self, msg: str) -> None:
        self.lines.append(msg)


def is_asr_lower(text: str) -> bool:
    """True for a lower-case ASR-style line: letters present, none upper case, no . , ? ! ; : \"."""
    return any(c.isalpha() for c in text) and text == text.lower() and not (set(text) & ASR_PUNCT)


def norm(text: str) -> str:
    """Lower-case, drop punctuation, collapse spaces: the form compared for duplicates."""
    text = re.sub(r"[^\w\s']", " ", text.lower())
    return re.sub(r"\s+", " ", text).strip()


def pct(n: int, d: int) -> str:
    return f"{n}/{d} ({100.0 * n / d:.1f}%)" if d else f"{n}/0"


def counts_line(counter: Counter, total: int) -> str:
    return ", ".join(f"{k}={pct(v, total)}" for k, v in sorted(counter.items(), key=lambda kv: str(kv[0])))


def load(path: Path, rep: Report) -> list[dict]:
    """Parse JSON Lines; every non-empty line must be a JSON object."""
    rows: list[dict] = []
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            rep.err(f"line {no}: empty line")
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            rep.err(f"line {no}: invalid JSON ({exc})")
            continue
        if not isinstance(obj, dict):
            rep.err(f"line {no}: not a JSON object")
            continue
        obj["_line"] = no
        rows.append(obj)
    return rows


def detect_kind(path: Path, rows: list[dict]) -> str | None:
    stem = path.stem.lower()
    for kind in ("proposal_scope", "proposals", "replies", "objections", "threads"):
        if stem.startswith(kind):
            return kind
    if "pii" in (p.lower() for p in path.parts) or stem.startswith("pii"):
        return "pii"
    if not rows:
        return None
    first = rows[0]
    if "entities" in first:
        return "pii"
    if "lines" in first:
        return "threads"
    if "verdict" in first:
        return "replies"
    if "kind" in first or ("proposal" in first and "speaker" in first):
        return "proposals"
    if "type" in first:
        return "objections"
    if "scope" in first:
        return "proposal_scope"
    return None


def need_str(row: dict, key: str, rep: Report) -> str | None:
    val = row.get(key)
    if not isinstance(val, str) or not val.strip():
        rep.err(f"line {row['_line']} ({row.get('id')}): '{key}' must be a non-empty string")
        return None
    if val != val.strip():
        rep.warn(f"line {row['_line']} ({row.get('id')}): '{key}' has leading/trailing spaces")
    return val


def check_ids(rows: list[dict], kind: str, rep: Report) -> None:
    seen: Counter = Counter(r.get("id") for r in rows)
    for key, n in seen.items():
        if n > 1:
            rep.err(f"id {key!r} used {n} times")
    pattern = ID_PATTERNS.get(kind)
    for r in rows:
        if not isinstance(r.get("id"), str):
            rep.err(f"line {r['_line']}: missing string 'id'")
        elif pattern and not pattern.match(r["id"]):
            rep.warn(f"line {r['_line']}: id {r['id']!r} does not match {pattern.pattern}")


def lower_share(texts: list[str], rep: Report, label: str) -> None:
    n = sum(is_asr_lower(t) for t in texts)
    rep.info(f"lower-case ASR-style {label}: {pct(n, len(texts))}")
    if texts and not LOWER_TARGET[0] <= n / len(texts) <= LOWER_TARGET[1]:
        rep.warn(f"lower-case share of {label} {n / len(texts):.1%} is outside {LOWER_TARGET}")


def check_proposals(rows: list[dict], rep: Report) -> list[tuple[str, str]]:
    texts, labels, kinds, speakers, by_speaker = [], Counter(), Counter(), Counter(), Counter()
    for r in rows:
        text = need_str(r, "text", rep)
        sp = r.get("speaker")
        if sp not in SPEAKERS:
            rep.err(f"line {r['_line']} ({r.get('id')}): speaker {sp!r} not in {sorted(SPEAKERS)}")
        prop, kind = r.get("proposal"), r.get("kind", "MISSING")
        if not isinstance(prop, bool):
            rep.err(f"line {r['_line']} ({r.get('id')}): 'proposal' must be true/false")
        elif prop and kind not in PROPOSAL_KINDS:
            rep.err(f"line {r['_line']} ({r.get('id')}): proposal true needs kind in {sorted(PROPOSAL_KINDS)}, got {kind!r}")
        elif not prop and kind is not None:
            rep.err(f"line {r['_line']} ({r.get('id')}): proposal false needs kind null, got {kind!r}")
        if text:
            texts.append(text)
        labels[prop] += 1
        speakers[sp] += 1
        by_speaker[(sp, prop)] += 1
        if prop is True:
            kinds[kind] += 1
    total = len(rows)
    rep.info(f"items: {total}")
    rep.info(f"proposal: {counts_line(labels, total)}")
    rep.info(f"kind (of true): {counts_line(kinds, labels[True])}")
    rep.info(f"speaker: {counts_line(speakers, total)}")
    rep.info("speaker x proposal: " + ", ".join(f"{s}/{p}={n}" for (s, p), n in sorted(by_speaker.items(), key=str)))
    lower_share(texts, rep, "texts")
    if total and not 0.40 <= labels[False] / total <= 0.60:
        rep.warn(f"false share {labels[False] / total:.1%} is not about half")
    if total and not 0.50 <= speakers["rep"] / total <= 0.60:
        rep.warn(f"rep share {speakers['rep'] / total:.1%} is not about 55%")
    return [(r.get("id", "?"), r["text"]) for r in rows if isinstance(r.get("text"), str)]


def check_replies(rows: list[dict], rep: Report) -> list[tuple[str, str]]:
    verdicts, replies, props = Counter(), [], []
    for r in rows:
        p, a = need_str(r, "proposal", rep), need_str(r, "reply", rep)
        v = r.get("verdict")
        if v not in VERDICTS:
            rep.err(f"line {r['_line']} ({r.get('id')}): verdict {v!r} not in {VERDICTS}")
        verdicts[v] += 1
        if a:
            replies.append(a)
        if p:
            props.append(p)
    total = len(rows)
    rep.info(f"items: {total}")
    rep.info(f"verdict: {counts_line(verdicts, total)}")
    lower_share(replies, rep, "replies")
    rep.info(f"lower-case ASR-style proposal lines: {pct(sum(map(is_asr_lower, props)), len(props))}")
    for v, target in VERDICT_TARGET.items():
        if total and abs(verdicts[v] / total - target) > 0.05:
            rep.warn(f"verdict {v} share {verdicts[v] / total:.1%} is far from ~{target:.0%}")
    dup: dict[str, str] = {}
    for r in rows:
        key = norm(str(r.get("reply", "")))
        if key in dup:
            rep.warn(f"reply text repeated (different proposal): {dup[key]} and {r.get('id')}: {r.get('reply')!r}")
        dup.setdefault(key, str(r.get("id")))
    return [(r.get("id", "?"), f"{r.get('proposal')} || {r.get('reply')}") for r in rows]


def check_objections(rows: list[dict], rep: Report) -> list[tuple[str, str]]:
    types, texts = Counter(), []
    for r in rows:
        t = need_str(r, "text", rep)
        if "type" not in r:
            rep.err(f"line {r['_line']} ({r.get('id')}): missing 'type' (use null for no objection)")
        elif r["type"] is not None and r["type"] not in OBJECTION_TYPES:
            rep.err(f"line {r['_line']} ({r.get('id')}): type {r['type']!r} not in {OBJECTION_TYPES} or null")
        types[r.get("type")] += 1
        if t:
            texts.append(t)
    total = len(rows)
    rep.info(f"items: {total}")
    rep.info(f"type: {counts_line(types, total)}")
    lower_share(texts, rep, "texts")
    if total and types[None] / total < 0.40:
        rep.warn(f"null share {types[None] / total:.1%} is under 40%")
    return [(r.get("id", "?"), r["text"]) for r in rows if isinstance(r.get("text"), str)]


def check_threads(rows: list[dict], rep: Report) -> list[tuple[str, str]]:
    outcome, texts, sizes = Counter(), [], Counter()
    for r in rows:
        lines = r.get("lines")
        if not isinstance(lines, list) or not 3 <= len(lines) <= 10:
            rep.err(f"line {r['_line']} ({r.get('id')}): 'lines' must be a list of 3-10 lines")
            lines = lines if isinstance(lines, list) else []
        sizes[len(lines)] += 1
        for i, ln in enumerate(lines):
            if not isinstance(ln, dict) or ln.get("speaker") not in SPEAKERS or not isinstance(ln.get("text"), str) or not ln["text"].strip():
                rep.err(f"line {r['_line']} ({r.get('id')}): lines[{i}] needs speaker rep/customer and non-empty text")
            else:
                texts.append(ln["text"])
        acc, dated = r.get("next_step_accepted"), r.get("accepted_with_date")
        if not isinstance(acc, bool) or not isinstance(dated, bool):
            rep.err(f"line {r['_line']} ({r.get('id')}): next_step_accepted and accepted_with_date must be true/false")
        elif dated and not acc:
            rep.err(f"line {r['_line']} ({r.get('id')}): accepted_with_date true but next_step_accepted false")
        outcome[(acc, dated)] += 1
    total = len(rows)
    rep.info(f"items: {total}")
    rep.info("(accepted, with_date): " + counts_line(outcome, total))
    rep.info("lines per thread: " + ", ".join(f"{k}:{v}" for k, v in sorted(sizes.items())))
    lower_share(texts, rep, "thread lines")
    return [(r.get("id", "?"), " | ".join(ln.get("text", "") for ln in r.get("lines", []) if isinstance(ln, dict))) for r in rows]


def find_nth(text: str, sub: str, n: int) -> int:
    """Start index of the n-th (1-based, non-overlapping, case-sensitive) occurrence of sub, or -1."""
    start = -1
    for _ in range(n):
        start = text.find(sub, start + 1 if start < 0 else start + len(sub))
        if start < 0:
            return -1
    return start


def count_nonoverlap(text: str, sub: str) -> int:
    n, i = 0, text.find(sub)
    while i >= 0:
        n, i = n + 1, text.find(sub, i + len(sub))
    return n


def check_pii_entities(r: dict, rep: Report, types: Counter) -> None:
    text, ents = r.get("text", ""), r.get("entities")
    where = f"line {r['_line']} ({r.get('id')})"
    if not isinstance(ents, list):
        rep.err(f"{where}: 'entities' must be a list")
        return
    spans, marked = [], defaultdict(set)
    for e in ents:
        if not isinstance(e, dict) or e.get("type") not in PII_TYPES or not isinstance(e.get("text"), str) or not e["text"]:
            rep.err(f"{where}: bad entity {e!r}")
            continue
        occ = e.get("occurrence", 1)
        if not isinstance(occ, int) or isinstance(occ, bool) or occ < 1:
            rep.err(f"{where}: occurrence must be an integer >= 1 in {e!r}")
            continue
        start = find_nth(text, e["text"], occ)
        if start < 0:
            rep.err(f"{where}: entity {e['type']} {e['text']!r} (occurrence {occ}) is not a substring of the line")
            continue
        if occ in marked[e["text"]]:
            rep.err(f"{where}: entity {e['text']!r} occurrence {occ} marked twice")
        marked[e["text"]].add(occ)
        spans.append((start, start + len(e["text"]), e["type"], e["text"]))
        types[e["type"]] += 1
    for sub, occs in marked.items():
        n = count_nonoverlap(text, sub)
        if n > 1 and len(occs) < n:
            rep.warn(f"{where}: {sub!r} occurs {n} times but only occurrence(s) {sorted(occs)} are marked")
    spans.sort()
    for a, b in zip(spans, spans[1:]):
        if b[0] < a[1]:
            rep.err(f"{where}: entities overlap: {a[2]} {a[3]!r} and {b[2]} {b[3]!r}")


def check_pii(rows: list[dict], rep: Report) -> list[tuple[str, str]]:
    types, texts, calls = Counter(), [], defaultdict(list)
    lines_with = Counter()
    for r in rows:
        text = need_str(r, "text", rep)
        m = PII_ID.match(str(r.get("id", "")))
        if not m:
            rep.err(f"line {r['_line']}: id {r.get('id')!r} is not pii-dNN-NN / pii-tNN-NN / pii-eNN-NN")
        elif r.get("call") != m.group(1):
            rep.err(f"line {r['_line']} ({r.get('id')}): call {r.get('call')!r} does not match id")
        if r.get("speaker") not in SPEAKERS:
            rep.err(f"line {r['_line']} ({r.get('id')}): speaker {r.get('speaker')!r} not in {sorted(SPEAKERS)}")
        if text is None:
            continue
        texts.append(text)
        calls[r.get("call")].append(r)
        check_pii_entities(r, rep, types)
        lines_with[bool(r.get("entities"))] += 1
    for call, crow in calls.items():
        nums = [PII_ID.match(c["id"]).group(2) for c in crow if PII_ID.match(str(c.get("id", "")))]
        if nums != [f"{i:02d}" for i in range(1, len(crow) + 1)]:
            rep.err(f"{call}: line numbers are not 01..{len(crow):02d} in order")
        if not 8 <= len(crow) <= 15:
            rep.err(f"{call}: {len(crow)} lines, spec says 8-15")
        greet = crow[:3]
        for sp in SPEAKERS:
            if not any(c.get("speaker") == sp and any(e.get("type") == "NAME" for e in c.get("entities", []) if isinstance(e, dict)) for c in greet):
                rep.warn(f"{call}: no NAME from the {sp} in the first 3 lines (names are exchanged at the start)")
        if not any(e.get("type") != "NAME" for c in crow for e in c.get("entities", []) if isinstance(e, dict)):
            rep.warn(f"{call}: no PII besides names")
        if not any(c.get("entities") == [] and re.search(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand)\b", c["text"], re.I) for c in crow):
            rep.warn(f"{call}: no line with numbers but no entities (look-alikes are wanted in every call)")
    rep.info(f"calls: {len(calls)}; lines: {len(texts)}; per call: " + ", ".join(f"{k}:{len(v)}" for k, v in sorted(calls.items())))
    rep.info(f"lines with entities: {pct(lines_with[True], len(texts))}")
    rep.info("entity types: " + ", ".join(f"{k}={v}" for k, v in sorted(types.items())))
    missing = sorted(PII_TYPES - set(types))
    if missing:
        rep.warn(f"entity types never used: {missing}")
    lower_share(texts, rep, "lines")
    return [(r.get("id", "?"), r["text"]) for r in rows if isinstance(r.get("text"), str)]


def check_proposal_scope(rows: list[dict], rep: Report, path: Path | None = None) -> list[tuple[str, str]]:
    """``proposal_scope.jsonl``: the scope of each reply's proposal line (step, terms, other),
    one record per id of the ``replies.jsonl`` beside it, in its order."""
    scopes: Counter = Counter()
    for r in rows:
        if r.get("scope") not in SCOPES:
            rep.err(f"line {r['_line']} ({r.get('id')}): scope must be one of {list(SCOPES)}, got {r.get('scope')!r}")
        scopes[r.get("scope")] += 1
    rep.info("scopes: " + ", ".join(f"{k}={v}" for k, v in sorted(scopes.items(), key=str)))
    replies = path.with_name("replies.jsonl") if path else None
    if replies is None or not replies.exists():
        rep.err("no replies.jsonl beside this file")
    else:
        ids = [json.loads(line)["id"] for line in replies.read_text(encoding="utf-8").splitlines() if line.strip()]
        if ids != [r.get("id") for r in rows]:
            rep.err(f"ids differ from {replies} (same ids, same order expected)")
    return []


CHECKS = {
    "proposal_scope": check_proposal_scope,
    "proposals": check_proposals, "replies": check_replies, "objections": check_objections,
    "threads": check_threads, "pii": check_pii,
}


def near_duplicates(items: list[tuple[str, str, str]], rep: Report) -> None:
    """Exact duplicates after normalising, and pairs that differ by one swapped word or overlap heavily."""
    seen: dict[str, str] = {}
    toks = []
    for src, iid, text in items:
        n = norm(text)
        if n in seen:
            # a short stock line ("Expiry?") may recur across calls; anything longer may not
            (rep.warn if len(n.split()) < 4 else rep.err)(f"duplicate text: {seen[n]} and {src}:{iid}: {text!r}")
        else:
            seen[n] = f"{src}:{iid}"
        toks.append((f"{src}:{iid}", n.split(), set(n.split()), text))
    for i, (a_id, a_list, a_set, a_text) in enumerate(toks):
        for b_id, b_list, b_set, b_text in toks[i + 1:]:
            if a_list == b_list or min(len(a_list), len(b_list)) < 4:
                continue
            one_swap = len(a_list) == len(b_list) and sum(x != y for x, y in zip(a_list, b_list)) == 1
            jac = len(a_set & b_set) / len(a_set | b_set)
            if one_swap or jac >= NEAR_JACCARD:
                rep.warn(f"near duplicate ({'one word swapped' if one_swap else f'jaccard {jac:.2f}'}): {a_id} {a_text!r} ~ {b_id} {b_text!r}")


def collect(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(p.rglob("*.jsonl")))
        elif p.is_file():
            files.append(p)
        else:
            print(f"ERROR: {p} does not exist", file=sys.stderr)
            sys.exit(2)
    return files


def print_report(rep: Report) -> None:
    print(f"== {rep.name}")
    for ln in rep.lines:
        print(f"   {ln}")
    for w in rep.warnings:
        print(f"   WARNING: {w}")
    for e in rep.errors:
        print(f"   ERROR: {e}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help=".jsonl files or folders")
    args = ap.parse_args(argv)
    by_kind: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    n_err = n_warn = 0
    for path in collect(args.paths):
        rep = Report(str(path))
        rows = load(path, rep)
        kind = detect_kind(path, rows)
        if kind is None:
            rep.err("cannot tell which set this file is")
        else:
            rep.info(f"kind: {kind}")
            check_ids(rows, kind, rep)
            found = CHECKS[kind](rows, rep, path) if kind == "proposal_scope" else CHECKS[kind](rows, rep)
            for iid, text in found:
                by_kind[kind].append((path.name if kind != "pii" else str(path), iid, text))
        print_report(rep)
        n_err, n_warn = n_err + len(rep.errors), n_warn + len(rep.warnings)
    for kind, items in by_kind.items():
        rep = Report(f"duplicates across all {kind} items ({len(items)})")
        near_duplicates(items, rep)
        print_report(rep)
        n_err, n_warn = n_err + len(rep.errors), n_warn + len(rep.warnings)
    print(f"\n{n_err} error(s), {n_warn} warning(s)")
    return 1 if n_err else 0


if __name__ == "__main__":
    sys.exit(main())
