"""Stage 4, resolved: one actor and one event across articles, with stable content-derived ids.

Actors
- Organizations are one actor per canonical name (`Badan Pengawas Pemilu Kutai Kartanegara`).
- Persons are one actor per full name. A one-word name (`Wiwin`, `Bagja`) seen alone in an article
  joins the single multi-word person in the corpus whose name contains that word; if two full names
  contain it (`Bambang Arwanto`, `Bambang Iswanto`) it stays on its own, never guessed.
- Ids are sha256 of `kind|lower-cased name`, so they do not depend on row order or batches.

Events
- Two article-level events are one real event when they have the same type, the same place (or
  region) and either the same calendar start date (with a printed year: an event whose year was
  inferred from a weekday is only merged when the place matches too) or, both undated, names that
  share at least half their content words (`sosialisasi netralitas ASN` in two articles).
- The event id hashes the type, date, place and name of the cluster's smallest member.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict

_STOP = {"dan", "di", "yang", "pada", "untuk", "dalam", "dengan", "ke", "dari", "serta", "tahun", "ini", "itu"}


def stable_id(*parts: object, n: int = 16) -> str:
    """Hex sha256 prefix of the parts joined by `|`; None becomes the empty string."""
    return hashlib.sha256("|".join("" if p is None else str(p) for p in parts).encode("utf-8")).hexdigest()[:n]


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def resolve_actors(local_actors: list[dict], region_name) -> tuple[list[dict], dict[tuple[str, str], str]]:
    """Corpus-wide actors and the map (article_id, local_key) -> actor_id."""
    by_key: dict[str, list[dict]] = defaultdict(list)
    for a in local_actors:
        by_key[f"{a['kind']}|{_norm(a['name'])}"].append(a)
    # one-word person names join a unique longer name that contains the word
    multi: dict[str, set[str]] = defaultdict(set)
    for k, rows in by_key.items():
        kind, name = k.split("|", 1)
        if kind == "person" and len(name.split()) > 1 and not rows[0].get("unnamed_office"):
            for t in name.split():
                multi[t].add(k)
    merged: dict[str, str] = {}
    for k, rows in by_key.items():
        kind, name = k.split("|", 1)
        if kind == "person" and len(name.split()) == 1 and len(multi.get(name, ())) == 1:
            merged[k] = next(iter(multi[name]))
    groups: dict[str, list[dict]] = defaultdict(list)
    for k, rows in by_key.items():
        groups[merged.get(k, k)].extend(rows)
    actors: list[dict] = []
    id_map: dict[tuple[str, str], str] = {}
    for k, rows in groups.items():
        kind, _ = k.split("|", 1)
        names = Counter(r["name"] for r in rows if f"{r['kind']}|{_norm(r['name'])}" == k)
        name = sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        actor_id = stable_id(k)
        roles = Counter(r["role"] for r in rows if r.get("role"))
        role = sorted(roles.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0] if roles else None
        codes = Counter(r["region_code"] for r in rows if r.get("region_code"))
        code = sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if codes else None
        forms = sorted({f for r in rows for f in r["forms"]} - {name})
        actors.append({"actor_id": actor_id, "name": name, "kind": kind, "role": role, "aliases": forms,
                       "region": region_name(code) if code else None, "region_code": code,
                       "article_count": len({r["article_id"] for r in rows})})
        for r in rows:
            id_map[(r["article_id"], r["local_key"])] = actor_id
    actors.sort(key=lambda a: a["actor_id"])
    return actors, id_map


def _name_words(name: str | None) -> set[str]:
    return {w for w in re.findall(r"\w+", (name or "").lower()) if w not in _STOP and len(w) > 2}


def _same_event(a: dict, b: dict) -> bool:
    if a["event_type"] != b["event_type"]:
        return False
    same_place = (a["place"] and a["place"] == b["place"]) or (
        not (a["place"] and b["place"]) and a["region_code"] and a["region_code"] == b["region_code"])
    if a["start_date"] and b["start_date"]:
        if a["start_date"] != b["start_date"]:
            return False
        if a.get("year_inferred") or b.get("year_inferred"):
            return bool(same_place)  # a weekday-derived date never merges on the date alone
        return bool(same_place) or _overlap(a, b) >= 0.5
    if a["start_date"] or b["start_date"]:
        return False
    return bool(same_place) and _overlap(a, b) >= 0.5


def _overlap(a: dict, b: dict) -> float:
    wa, wb = _name_words(a["name"]), _name_words(b["name"])
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def resolve_events(local_events: list[dict], id_map: dict, region_name) -> list[dict]:
    """Cluster article-level events into real-world events (union-find within each type)."""
    evs = sorted(local_events, key=lambda e: (e["article_id"], e["event_type"], e["trigger_pos"]))
    parent = list(range(len(evs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_type: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(evs):
        by_type[e["event_type"]].append(i)
    for idxs in by_type.values():
        for x in range(len(idxs)):
            for y in range(x + 1, len(idxs)):
                i, j = idxs[x], idxs[y]
                if evs[i]["article_id"] != evs[j]["article_id"] and _same_event(evs[i], evs[j]):
                    parent[find(i)] = find(j)
    clusters: dict[int, list[dict]] = defaultdict(list)
    for i, e in enumerate(evs):
        clusters[find(i)].append(e)
    out = []
    for members in clusters.values():
        members.sort(key=lambda e: (e["article_id"], e["trigger_pos"]))
        head = members[0]

        def first(field):
            return next((m[field] for m in members if m.get(field) is not None), None)

        dated = next((m for m in members if m["start_date"]), None)
        named = max((m["name"] for m in members if m["name"]), key=len, default=None)
        code = first("region_code")
        organizers = sorted({id_map[(m["article_id"], k)] for m in members for k in m["organizer_keys"]
                             if (m["article_id"], k) in id_map})
        out.append({
            "event_id": stable_id(head["event_type"], head["start_date"], head["place"], head["name"], head["article_id"]),
            "event_type": head["event_type"],
            "name": named,
            "start_date": dated["start_date"] if dated else None,
            "end_date": dated["end_date"] if dated else None,
            "date_precision": dated["date_precision"] if dated else "unknown",
            "venue": first("venue"),
            "place": first("place"),
            "region": _regency_name(code, region_name),
            "region_code": _regency_code(code),
            "organizer_actor_ids": organizers,
            "participant_count": first("participant_count"),
            "article_ids": sorted({m["article_id"] for m in members}),
            "date_text": dated["date_text"] if dated else None,
            "weekday_mismatch": bool(dated and dated.get("weekday_mismatch")),
        })
    out.sort(key=lambda e: e["event_id"])
    return out


def _regency_code(code: str | None) -> str | None:
    if not code:
        return None
    try:
        from pantau import regions
        r = regions.regency_of(code)
        return r.code if r else code
    except Exception:  # noqa: BLE001
        return code


def _regency_name(code: str | None, region_name) -> str | None:
    c = _regency_code(code)
    return region_name(c) if c else None
