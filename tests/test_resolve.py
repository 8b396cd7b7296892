"""`ActorResolver`: article-local actors become corpus-wide actors with stable ids."""

import hashlib

import polars as pl

from pantau.pipeline.resolve import ActorResolver, stable_id

LOCAL_SCHEMA = {
    "article_id": pl.String,
    "local_key": pl.String,
    "kind": pl.String,
    "name": pl.String,
    "role": pl.String,
    "region_code": pl.String,
    "forms": pl.List(pl.String),
    "unnamed_office": pl.Boolean,
}
REGIONS = {"64.02": "Kabupaten Kutai Kartanegara", "64.72": "Kota Samarinda", "64.71": "Kota Balikpapan"}


def actor(article, name, kind="person", role=None, region=None, forms=None, unnamed=False):
    """One article's local actor, as extraction hands it over."""
    return (article, f"{kind}:{name}", kind, name, role, region, forms if forms is not None else [name], unnamed)


def part(*rows) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=LOCAL_SCHEMA, orient="row")


def resolve(*parts: pl.DataFrame) -> tuple[pl.DataFrame, dict]:
    """(actors table, {(article_id, name): actor_id}) the way assembly runs the resolver."""
    resolver = ActorResolver()
    for p in parts:
        resolver.add(p)
    key_map = resolver.finish()
    for p in parts:
        resolver.add_article_counts(resolver.with_keys(p))
    table = resolver.table(REGIONS.get)
    ids = {}
    for p in parts:
        for r in resolver.with_keys(p).join(key_map, on="key").iter_rows(named=True):
            ids[(r["article_id"], r["name"])] = r["actor_id"]
    return table, ids


def row(table: pl.DataFrame, name: str, kind: str = "person") -> dict:
    rows = table.filter((pl.col("name") == name) & (pl.col("kind") == kind)).to_dicts()
    assert len(rows) == 1, (name, kind, table)
    return rows[0]


# "Bupati Kukar Edi Damansyah ..." / "... kata Edi" / "Teguh Wibowo ... Teguh" across three articles
KUKAR = part(
    actor("a1", "Edi Damansyah", role="Bupati Kutai Kartanegara", region="64.02", forms=["Edi Damansyah", "Edi"]),
    actor("a1", "Teguh Wibowo", role="Ketua Bawaslu Kukar", region="64.02"),
    actor("a1", "Bawaslu Kutai Kartanegara", kind="organization", region="64.02", forms=["Bawaslu Kukar"]),
)
SAMARINDA = part(
    actor("a2", "Edi", role="Bupati"),
    actor("a2", "Firman Hidayat", role="Ketua KPU Samarinda", region="64.72"),
    actor("a2", "KPU Kota Samarinda", kind="organization", region="64.72", forms=["KPU Samarinda"]),
)
BALIKPAPAN = part(
    actor("a3", "Teguh", role="Ketua Bawaslu"),
    actor("a3", "firman  hidayat", role="Ketua KPU Samarinda", region="64.72", forms=["Firman"]),
    actor("a3", "Bawaslu Kutai Kartanegara", kind="organization", region="64.02"),
)


def test_one_word_name_joins_the_unique_longer_name():
    table, ids = resolve(KUKAR, SAMARINDA, BALIKPAPAN)
    assert ids[("a2", "Edi")] == ids[("a1", "Edi Damansyah")]
    assert ids[("a3", "Teguh")] == ids[("a1", "Teguh Wibowo")]
    assert set(table.filter(pl.col("kind") == "person")["name"]) == {"Edi Damansyah", "Teguh Wibowo", "Firman Hidayat"}
    assert row(table, "Edi Damansyah")["article_count"] == 2


def test_one_word_name_shared_by_two_full_names_stays_on_its_own():
    table, ids = resolve(
        part(actor("b1", "Bambang Arwanto", role="Komisioner KPU Kukar")),
        part(actor("b2", "Bambang Iswanto", role="Ketua DPRD Samarinda")),
        part(actor("b3", "Bambang", role="Komisioner")),
    )
    assert len({ids[("b1", "Bambang Arwanto")], ids[("b2", "Bambang Iswanto")], ids[("b3", "Bambang")]}) == 3
    assert row(table, "Bambang")["role"] == "Komisioner"


def test_same_normalized_name_in_two_articles_is_one_actor_with_the_commonest_spelling():
    table, ids = resolve(KUKAR, SAMARINDA, BALIKPAPAN)
    assert ids[("a2", "Firman Hidayat")] == ids[("a3", "firman  hidayat")]
    firman = row(table, "Firman Hidayat")  # one spelling each: the first in sort order
    assert firman["article_count"] == 2
    assert firman["actor_id"] == stable_id("person|firman hidayat")
    # the commonest spelling names the actor, even when it sorts later
    more = [part(actor(a, "Firman hidayat", role="Ketua KPU Samarinda")) for a in ("a5", "a6")]
    table, ids = resolve(KUKAR, SAMARINDA, BALIKPAPAN, *more)
    assert row(table, "Firman hidayat")["actor_id"] == firman["actor_id"] == ids[("a5", "Firman hidayat")]
    assert row(table, "Firman hidayat")["article_count"] == 4


def test_roles_regions_and_aliases():
    table, _ = resolve(
        KUKAR,
        SAMARINDA,
        BALIKPAPAN,
        part(actor("a4", "Teguh Wibowo", role="Ketua Bawaslu Kukar", region="64.02", forms=["Teguh Wibowo", "Teguh"])),
    )
    teguh = row(table, "Teguh Wibowo")
    # the commonest role wins ("Ketua Bawaslu Kukar" twice over "Ketua Bawaslu" once), with its region
    assert (teguh["role"], teguh["region_code"], teguh["region"]) == ("Ketua Bawaslu Kukar", "64.02", REGIONS["64.02"])
    # aliases: every other printed form of the group, sorted, the name itself excluded
    assert teguh["aliases"] == ["Teguh"]
    assert row(table, "Edi Damansyah")["aliases"] == ["Edi"]
    assert row(table, "Firman Hidayat")["aliases"] == ["Firman"]  # forms are what extraction saw, not the keys
    # one mention each: the longer role wins the tie ("Bupati Kutai Kartanegara" over "Bupati")
    assert row(table, "Edi Damansyah")["role"] == "Bupati Kutai Kartanegara"
    bawaslu = row(table, "Bawaslu Kutai Kartanegara", "organization")
    assert (bawaslu["aliases"], bawaslu["article_count"], bawaslu["role"]) == (["Bawaslu Kukar"], 2, None)


def test_kinds_are_kept_apart():
    # "Ahmad Dahlan" the person and "Ahmad Dahlan" the university (as a news report shortens it)
    table, ids = resolve(
        part(
            actor("c1", "Ahmad Dahlan", role="Rektor"),
            actor("c1", "Ahmad Dahlan", kind="organization", forms=["Universitas Ahmad Dahlan"]),
        ),
        part(actor("c2", "Dahlan"), actor("c2", "Universitas Sukarno", kind="organization")),
        part(actor("c3", "Sukarno"), actor("c3", "Dahlan", kind="organization", forms=["Kampus Dahlan"])),
    )
    person = row(table, "Ahmad Dahlan", "person")
    org = row(table, "Ahmad Dahlan", "organization")
    assert person["actor_id"] != org["actor_id"]
    assert ids[("c2", "Dahlan")] == person["actor_id"]  # a one-word person joins a person, never an organization
    assert ids[("c3", "Dahlan")] == row(table, "Dahlan", "organization")["actor_id"] != person["actor_id"]
    assert (
        ids[("c3", "Sukarno")]
        == row(table, "Sukarno")["actor_id"]
        != row(table, "Universitas Sukarno", "organization")["actor_id"]
    )


def test_unnamed_office_is_never_the_full_name_of_a_one_word_person():
    # "Sekretaris Daerah" stands for an office holder whose name the article does not give
    table, ids = resolve(
        part(actor("d1", "Sekretaris Daerah", role="Sekretaris Daerah", region="64.02", unnamed=True)),
        part(actor("d2", "Daerah")),
    )
    assert ids[("d2", "Daerah")] != ids[("d1", "Sekretaris Daerah")]
    assert len(table) == 2


def test_ids_are_stable_content_hashes_whatever_the_order_and_batching():
    table, _ = resolve(KUKAR, SAMARINDA, BALIKPAPAN)
    for name, kind in (("Teguh Wibowo", "person"), ("KPU Kota Samarinda", "organization")):
        expect = hashlib.sha256(f"{kind}|{name.lower()}".encode()).hexdigest()[:16]
        assert row(table, name, kind)["actor_id"] == expect
    shuffled, _ = resolve(BALIKPAPAN, pl.concat([SAMARINDA, KUKAR]))
    assert shuffled.equals(table)
    # many small parts (the resolver compacts its statistics every 64) give the same table
    rows = pl.concat([KUKAR, SAMARINDA, BALIKPAPAN])
    singles = [rows.slice(i, 1) for i in range(rows.height)] * 30
    many, _ = resolve(*singles)
    assert many.drop("article_count").equals(table.drop("article_count"))
    assert many["article_count"].to_list() == [n * 30 for n in table["article_count"].to_list()]
