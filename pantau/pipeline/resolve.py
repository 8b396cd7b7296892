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
- Voting on the same printed calendar date is one event wherever it is reported from (an election day).
- The event id hashes the type, date, place and name of the cluster's smallest member.
- Every article-level event a cluster holds is one `event_mentions` row (its trigger words, date words and
  their offsets in the body) pointing at the cluster's event: the evidence for each cross-article merge.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict

import polars as pl

_STOP = {"dan", "di", "yang", "pada", "untuk", "dalam", "dengan", "ke", "dari", "serta", "tahun", "ini", "itu"}


def stable_id(*parts: object, n: int = 16) -> str:
    """Hex sha256 prefix of the parts joined by `|`; None becomes the empty string."""
    return hashlib.sha256("|".join("" if p is None else str(p) for p in parts).encode("utf-8")).hexdigest()[:n]


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


class ActorResolver:
    """Corpus-wide actors from every article's local actors, in polars (a corpus too large for row dicts):
    groups, names, roles, regions, aliases and ids, computed from per-part statistics in memory that
    grows with the number of distinct actor names, not with the number of mentions.

    Feed every part's local actors with `add`, call `finish`, then `key_map` gives each local actor's
    corpus-wide id and `table` the actors (after `add_article_counts` over the parts again).
    """

    def __init__(self) -> None:
        self._norm_cache: dict[str, str] = {}
        self._names: list[pl.DataFrame] = []
        self._roles: list[pl.DataFrame] = []
        self._codes: list[pl.DataFrame] = []
        self._forms: list[pl.DataFrame] = []
        self._flags: list[pl.DataFrame] = []
        self._counts: list[pl.DataFrame] = []
        self.keys: pl.DataFrame | None = None

    def with_keys(self, local: pl.DataFrame) -> pl.DataFrame:
        """Add `key` = `kind|normalized name` (Python's lower/split)."""
        cache = self._norm_cache
        names = local["name"].unique().to_list()
        for name in names:
            if name not in cache:
                cache[name] = _norm(name)
        normalized = pl.DataFrame(
            {"name": names, "_norm": [cache[name] for name in names]}, schema={"name": pl.String, "_norm": pl.String}
        )
        return (
            local.join(normalized, on="name", how="left")
            .with_columns((pl.col("kind") + pl.lit("|") + pl.col("_norm")).alias("key"))
            .drop("_norm")
        )

    def add(self, local: pl.DataFrame) -> None:
        """One part's local actors (kind, name, role, region_code, forms, unnamed_office)."""
        keyed = self.with_keys(local)
        self._names.append(keyed.group_by("key", "name").agg(pl.len().alias("n")))
        self._roles.append(
            keyed.filter(pl.col("role").is_not_null() & (pl.col("role") != ""))
            .group_by("key", "role")
            .agg(pl.len().alias("n"))
        )
        self._codes.append(
            keyed.filter(pl.col("region_code").is_not_null() & (pl.col("region_code") != ""))
            .group_by("key", "region_code")
            .agg(pl.len().alias("n"))
        )
        self._forms.append(
            keyed.select("key", pl.col("forms").alias("form")).explode("form").drop_nulls("form").unique()
        )
        self._flags.append(keyed.group_by("key").agg(pl.col("unnamed_office").fill_null(False).any().alias("unnamed")))
        if len(self._names) >= 64:
            self._compact()

    def _compact(self) -> None:
        """Merge each statistic's per-part frames into one (counts summed, flags or-ed, forms deduplicated)."""

        def merge(frames, by, how):
            if not frames:
                return []
            df = pl.concat(frames, how="vertical")
            return [
                df.group_by(by).agg(pl.col("n").sum())
                if how == "sum"
                else df.group_by(by).agg(pl.col("unnamed").any())
                if how == "any"
                else df.unique()
            ]

        self._names = merge(self._names, ["key", "name"], "sum")
        self._roles = merge(self._roles, ["key", "role"], "sum")
        self._codes = merge(self._codes, ["key", "region_code"], "sum")
        self._forms = merge(self._forms, ["key", "form"], "unique")
        self._flags = merge(self._flags, ["key"], "any")

    def finish(self) -> pl.DataFrame:
        """Decide the groups; returns the key map (key -> actor_id)."""
        self._compact()
        flags = self._flags[0] if self._flags else pl.DataFrame(schema={"key": pl.String, "unnamed": pl.Boolean})
        keys = flags["key"].to_list()
        unnamed = dict(zip(keys, flags["unnamed"].to_list()))
        # one-word person names join a unique longer name that contains the word
        multi: dict[str, set[str]] = defaultdict(set)
        for key in keys:
            kind, name = key.split("|", 1)
            if kind == "person" and len(name.split()) > 1 and not unnamed[key]:
                for word in name.split():
                    multi[word].add(key)
        group = []
        for key in keys:
            kind, name = key.split("|", 1)
            if kind == "person" and len(name.split()) == 1 and len(multi.get(name, ())) == 1:
                group.append(next(iter(multi[name])))
            else:
                group.append(key)
        self.keys = pl.DataFrame({"key": keys, "group": group}, schema={"key": pl.String, "group": pl.String})
        gids = self.keys["group"].unique().to_list()
        ids = pl.DataFrame(
            {"group": gids, "actor_id": [stable_id(g) for g in gids]},
            schema={"group": pl.String, "actor_id": pl.String},
        )
        self.keys = self.keys.join(ids, on="group", how="left")
        return self.keys.select("key", "actor_id")

    def add_article_counts(self, local_with_keys: pl.DataFrame) -> None:
        """One part's (key, article_id) rows: distinct articles per actor (an article lives in one part)."""
        self._counts.append(
            local_with_keys.join(self.keys.select("key", "actor_id"), on="key", how="inner")
            .select("actor_id", "article_id")
            .unique()
            .group_by("actor_id")
            .agg(pl.len().alias("article_count"))
        )

    def table(self, region_name) -> pl.DataFrame:
        """The resolved actors (plus region_code and article_count)."""
        names = self._canonical_names()
        out = (
            self.keys.select("group", "actor_id")
            .unique()
            .join(names, on="group", how="left")
            .join(self._most_common(self._roles, "role", longest_first=True), on="group", how="left")
            .join(self._most_common(self._codes, "region_code", longest_first=False), on="group", how="left")
            .join(self._aliases(names), on="group", how="left")
            .join(self._article_counts(), on="actor_id", how="left")
            .with_columns(
                pl.col("group").str.split_exact("|", 1).struct.field("field_0").alias("kind"),
                pl.col("aliases").fill_null(pl.lit([], pl.List(pl.String))),
                pl.col("article_count").fill_null(0).cast(pl.Int64),
            )
        )
        out = out.join(region_names(out["region_code"], region_name), on="region_code", how="left")
        return out.select("actor_id", "name", "kind", "role", "aliases", "region", "region_code", "article_count").sort(
            "actor_id"
        )

    def _groups(self) -> pl.DataFrame:
        """`key` -> `group`, the key whose name the group's actor carries."""
        return self.keys.select("key", "group")

    def _canonical_names(self) -> pl.DataFrame:
        """Each group's name: the most frequent spelling of the group's own key (ties: alphabetical)."""
        return (
            self._names[0]
            .join(self._groups(), on="key")
            .filter(pl.col("key") == pl.col("group"))
            .sort(["group", "n", "name"], descending=[False, True, False])
            .group_by("group", maintain_order=True)
            .first()
            .select("group", "name")
        )

    def _most_common(self, frames: list[pl.DataFrame], col: str, longest_first: bool) -> pl.DataFrame:
        """Each group's most frequent value of `col` (ties: the longer one if `longest_first`, then alphabetical)."""
        if not frames:
            return pl.DataFrame(schema={"group": pl.String, col: pl.String})
        df = frames[0].join(self._groups(), on="key").group_by("group", col).agg(pl.col("n").sum())
        if longest_first:
            df = df.with_columns(pl.col(col).str.len_chars().alias("_len"))
            df = df.sort(["group", "n", "_len", col], descending=[False, True, True, False])
        else:
            df = df.sort(["group", "n", col], descending=[False, True, False])
        return df.group_by("group", maintain_order=True).first().select("group", col)

    def _aliases(self, names: pl.DataFrame) -> pl.DataFrame:
        """Each group's other surface forms, sorted."""
        forms = self._forms[0] if self._forms else pl.DataFrame(schema={"key": pl.String, "form": pl.String})
        return (
            forms.join(self._groups(), on="key")
            .select("group", "form")
            .unique()
            .join(names, on="group")
            .filter(pl.col("form") != pl.col("name"))
            .sort(["group", "form"])
            .group_by("group", maintain_order=True)
            .agg(pl.col("form").alias("aliases"))
        )

    def _article_counts(self) -> pl.DataFrame:
        """Distinct articles per actor id, summed over the parts."""
        if not self._counts:
            return pl.DataFrame(schema={"actor_id": pl.String, "article_count": pl.UInt32})
        return pl.concat(self._counts, how="vertical").group_by("actor_id").agg(pl.col("article_count").sum())


def region_names(codes: pl.Series, region_name) -> pl.DataFrame:
    """`region_code` -> `region` for the distinct non-empty codes."""
    distinct = [c for c in codes.unique().to_list() if c]
    return pl.DataFrame(
        {"region_code": distinct, "region": [region_name(c) for c in distinct]},
        schema={"region_code": pl.String, "region": pl.String},
    )


def _name_words(name: str | None) -> set[str]:
    return {w for w in re.findall(r"\w+", (name or "").lower()) if w not in _STOP and len(w) > 2}


def _same_event(a: dict, b: dict) -> bool:
    if a["event_type"] != b["event_type"]:
        return False
    same_place = (a["place"] and a["place"] == b["place"]) or (
        not (a["place"] and b["place"]) and a["region_code"] and a["region_code"] == b["region_code"]
    )
    if a["start_date"] and b["start_date"]:
        if a["start_date"] != b["start_date"]:
            return False
        if a["event_type"] == "voting" and not (a.get("year_inferred") or b.get("year_inferred")):
            return True  # one election day, reported from many places
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
    return resolve_events_with_mentions(local_events, id_map, region_name)[0]


def resolve_events_with_mentions(local_events: list[dict], id_map: dict, region_name) -> tuple[list[dict], list[dict]]:
    """The events of `resolve_events`, and one mention row per article-level event naming the event it went
    into (sorted by id): `mention_id`, `event_id`, `article_id`, `event_type`, `text` (the trigger),
    `char_start`, `char_end`, `date_text`, `date_start`, `date_end`."""
    events = sorted(local_events, key=lambda e: (e["article_id"], e["event_type"], e["trigger_pos"]))
    out, mentions = [], []
    for members in _event_clusters(events):
        event = _merged_event(members, id_map, region_name)
        out.append(event)
        mentions.extend(_mention_row(member, event["event_id"]) for member in members)
    out.sort(key=lambda e: e["event_id"])
    mentions.sort(key=lambda m: m["mention_id"])
    return out, mentions


def _mention_row(member: dict, event_id: str) -> dict:
    """One article-level event as evidence of `event_id`; its id hashes the article, type and trigger place."""
    start, end = member.get("trigger_start"), member.get("trigger_end")
    return {
        "mention_id": stable_id(
            member["article_id"], member["event_type"], start, end, member["trigger_pos"], member.get("trigger_text")
        ),
        "event_id": event_id,
        "article_id": member["article_id"],
        "event_type": member["event_type"],
        "text": member.get("trigger_text"),
        "char_start": start,
        "char_end": end,
        "date_text": member.get("date_text"),
        "date_start": member.get("date_start"),
        "date_end": member.get("date_end"),
    }


def _comparison_blocks(events: list[dict]) -> list[list[int]]:
    """Indexes of the events that can pass `_same_event`: same type and same start date, or both
    undated with the same place / region (so the clusters equal an all-pairs comparison)."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, e in enumerate(events):
        if e["start_date"]:
            blocks[(e["event_type"], "date", e["start_date"])].append(i)
        else:
            if e["place"]:
                blocks[(e["event_type"], "place", e["place"])].append(i)
            if e["region_code"]:
                blocks[(e["event_type"], "region", e["region_code"])].append(i)
    return list(blocks.values())


def _event_clusters(events: list[dict]) -> list[list[dict]]:
    """Events from different articles that are `_same_event`, joined transitively (union-find)."""
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for block in _comparison_blocks(events):
        for x in range(len(block)):
            for y in range(x + 1, len(block)):
                i, j = block[x], block[y]
                if (
                    events[i]["article_id"] != events[j]["article_id"]
                    and find(i) != find(j)
                    and _same_event(events[i], events[j])
                ):
                    parent[find(i)] = find(j)
    clusters: dict[int, list[dict]] = defaultdict(list)
    for i, e in enumerate(events):
        clusters[find(i)].append(e)
    return list(clusters.values())


def _merged_event(members: list[dict], id_map: dict, region_name) -> dict:
    """One event row from a cluster: the first member's identity, the first known value of each field."""
    members.sort(key=lambda e: (e["article_id"], e["trigger_pos"]))
    head = members[0]

    def first(field):
        return next((m[field] for m in members if m.get(field) is not None), None)

    dated = next((m for m in members if m["start_date"]), None)
    placed = next((m for m in members if m.get("region_code") is not None), None)
    code = placed["region_code"] if placed else None
    return {
        "event_id": stable_id(head["event_type"], head["start_date"], head["place"], head["name"], head["article_id"]),
        "event_type": head["event_type"],
        "plover": plover_of(head["event_type"]),
        "name": max((m["name"] for m in members if m["name"]), key=len, default=None),
        "start_date": dated["start_date"] if dated else None,
        "end_date": dated["end_date"] if dated else None,
        "date_precision": dated["date_precision"] if dated else "unknown",
        "venue": first("venue"),
        "place": first("place"),
        "region": _regency_name(code, region_name),
        "region_code": _regency_code(code),
        "region_inferred": bool(placed and placed.get("region_inferred")),
        "organizer_actor_ids": _organizer_ids(members, id_map),
        "participant_count": first("participant_count"),
        "article_ids": sorted({m["article_id"] for m in members}),
        "date_text": dated["date_text"] if dated else None,
        "weekday_mismatch": bool(dated and dated.get("weekday_mismatch")),
    }


def plover_of(event_type: str) -> str | None:
    """The PLOVER category of an event type (lexicon/events.toml [types]; `meeting` -> `CONSULT`), None if none."""
    from pantau.pipeline.extract.events import plover_of as lookup

    return lookup(event_type)


def _organizer_ids(members: list[dict], id_map: dict) -> list[str]:
    """The cluster's organizers: resolved `organizer_ids` when the members carry them, else their
    `organizer_keys` looked up in `id_map` ((article_id, local key) -> actor id)."""
    if "organizer_ids" in members[0]:
        return sorted({a for m in members for a in m["organizer_ids"]})
    return sorted(
        {id_map[(m["article_id"], k)] for m in members for k in m["organizer_keys"] if (m["article_id"], k) in id_map}
    )


def _regency_code(code: str | None) -> str | None:
    if not code:
        return None
    from pantau.pipeline import regions

    r = regions.regency_of(code)
    return r.code if r else code


def _regency_name(code: str | None, region_name) -> str | None:
    c = _regency_code(code)
    return region_name(c) if c else None
