"""RFM, segment grid, movement and personas on tiny frames with hand-computed expectations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score, silhouette_score

import ecom_core as ec
from ecom_core.i18n import t
from ecom_core.personas import clusters, present
from ecom_core.personas.rfm import SEGMENTS, Segment, quintile_scores

COLUMNS = ["recency_days", "frequency", "monetary", "r_score", "f_score", "m_score", "segment"]


def orders(rows: list[tuple]) -> pd.DataFrame:
    """(order_id, customer_id, order_time, revenue, status, refund_amount) rows -> orders frame."""
    frame = pd.DataFrame(
        rows, columns=["order_id", "customer_id", "order_time", "revenue", "status", "refund_amount"]
    )
    frame["order_time"] = pd.to_datetime(frame["order_time"], format="ISO8601")
    frame["status"] = frame["status"].astype("category")
    return frame


def expected(rows: dict[str, tuple]) -> pd.DataFrame:
    names = [s.name for s in SEGMENTS]
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=COLUMNS)
    for c in ("recency_days", "frequency", "r_score", "f_score", "m_score"):
        frame[c] = frame[c].astype(np.int64)
    frame["monetary"] = frame["monetary"].astype(float)
    frame["segment"] = pd.Categorical(frame["segment"], categories=names)
    frame.index = pd.Index(frame.index, name="customer_id", dtype="str")
    return frame


TINY = orders(
    [
        ("A1", "c1", "2024-01-01 10:00", 10.0, "paid", 0.0),
        ("A1", "c1", "2024-01-01 10:00", 5.0, "paid", 0.0),  # second line of the same order
        ("A2", "c1", "2024-01-05 18:00", 20.0, "paid", 0.0),
        ("A3", "c2", "2024-01-03 09:00", 30.0, "partially_refunded", 10.0),  # net 20
        ("A4", "c2", "2024-01-04 12:00", 50.0, "cancelled", 0.0),
        ("A5", "c3", "2024-01-02 12:00", 40.0, "refunded", 40.0),
        ("A6", "c3", "2024-01-06 23:00", 8.0, "paid", 0.0),
        ("A7", "c4", "2024-01-06 12:00", 12.0, "pending", 0.0),
        ("A8", None, "2024-01-06 12:00", 100.0, "paid", 0.0),
    ]
)


# ---- RFM ---------------------------------------------------------------------------------
def test_rfm_by_hand_with_cancellations_refunds_and_pending_excluded():
    # as_of = 2024-01-07 (day after the last order). Fixed thresholds (3 customers < 50):
    # R: all within 30 days -> 5; F: 2 orders -> 2, 1 -> 1; M: median 20, ratios 1.75 / 1.0 / 0.4
    # -> 4 / 3 / 1. Segments: R5 F2 = Potential Loyalists, R5 F1 = New Customers.
    got = ec.personas.rfm(TINY)
    want = expected(
        {
            "c1": (2, 2, 35.0, 5, 2, 4, "Potential Loyalists"),
            "c2": (4, 1, 20.0, 5, 1, 3, "New Customers"),
            "c3": (1, 1, 8.0, 5, 1, 1, "New Customers"),
        }
    )
    pd.testing.assert_frame_equal(got, want)


def test_score_reports_what_was_left_out_and_why_fixed_thresholds():
    res = ec.personas.score(TINY)
    assert res.scoring == "fixed" and res.reason == "few_customers"
    assert res.as_of == pd.Timestamp("2024-01-07")
    # A4 cancelled, A5 refunded, A7 pending: 3 not paid; A8 has no customer
    assert res.excluded == {"not_paid": 3, "no_customer": 1, "after_as_of": 0, "not_positive": 0}


def test_as_of_ignores_later_orders():
    got = ec.personas.rfm(TINY, as_of="2024-01-04")
    # c1: only A1 (2024-01-01) -> 3 days, 1 order, 15; c2: A3 -> 1 day, 20; c3 not yet paid
    assert got.index.tolist() == ["c1", "c2"]
    assert got["recency_days"].tolist() == [3, 1]
    assert got["frequency"].tolist() == [1, 1]
    assert got["monetary"].tolist() == [15.0, 20.0]


def test_missing_status_counts_every_row_as_paid():
    frame = TINY.drop(columns=["status", "refund_amount"])
    got = ec.personas.rfm(frame)
    # c2: A3 30 + A4 50; c3: 40 + 8; c4: 12
    assert got.loc["c2", "frequency"] == 2 and got.loc["c2", "monetary"] == 80.0
    assert got.loc["c3", "monetary"] == 48.0
    assert got.loc["c4", "monetary"] == 12.0


def test_one_customer():
    frame = orders(
        [
            ("1", "solo", "2024-03-01", 30.0, "paid", 0.0),
            ("2", "solo", "2024-03-21", 10.0, "paid", 0.0),
        ]
    )
    got = ec.personas.rfm(frame, as_of="2024-05-01")
    # 41 days -> R4 (<= 90); 2 orders -> F2; its own median -> ratio 1 -> M3
    pd.testing.assert_frame_equal(got, expected({"solo": (41, 2, 40.0, 4, 2, 3, "Potential Loyalists")}))


def test_one_order_each_and_ties_use_fixed_thresholds():
    rows = [(f"o{i}", f"c{i:03d}", "2024-01-01", 10.0 + i, "paid", 0.0) for i in range(60)]
    res = ec.personas.score(orders(rows))
    # 60 customers, but every one has 1 order on the same day: quintiles would be arbitrary
    assert res.scoring == "fixed" and res.reason == "ties" and res.tie_share == 1.0
    assert set(res.table["f_score"]) == {1}
    assert set(res.table["segment"]) == {"New Customers"}


def test_quintile_scores_break_ties_by_rank():
    values = np.array([5, 1, 3, 3, 9, 7, 2, 8, 6, 4])
    # ranks (first): 6 1 3 4 10 8 2 9 7 5 -> two ranks per score
    assert quintile_scores(values).tolist() == [3, 1, 2, 2, 5, 4, 1, 5, 4, 3]
    # equals the usual pandas idiom
    ref = pd.qcut(pd.Series(values).rank(method="first"), 5, labels=False) + 1
    assert quintile_scores(values).tolist() == ref.tolist()


def test_quintile_rfm_on_a_larger_base():
    # customer i (0..99) placed i % 10 + 1 orders of 10 each, the last one i days before the end
    rows = []
    for i in range(100):
        for j in range(i % 10 + 1):
            rows.append(
                (
                    f"o{i}_{j}",
                    f"c{i:03d}",
                    pd.Timestamp("2024-06-30") - pd.Timedelta(days=i + j),
                    10.0,
                    "paid",
                    0,
                )
            )
    res = ec.personas.score(orders(rows), scoring="quintile")
    tab = res.table
    assert res.scoring == "quintile" and res.as_of == pd.Timestamp("2024-07-01")
    assert tab["recency_days"].tolist() == [i + 1 for i in range(100)]
    # 20 customers per score; the most recent get R5
    assert tab["r_score"].value_counts().tolist() == [20] * 5
    assert tab["r_score"].iloc[:20].eq(5).all() and tab["r_score"].iloc[80:].eq(1).all()
    # frequency 1..10, ten customers each: F by rank, ties in customer-id order
    ref = pd.qcut(tab["frequency"].rank(method="first"), 5, labels=False) + 1
    assert tab["f_score"].tolist() == ref.tolist()
    assert (tab["monetary"] == tab["frequency"] * 10.0).all()


def test_negative_totals_and_refund_lines_excluded():
    frame = orders(
        [
            ("1", "a", "2024-01-01", 50.0, "paid", 0.0),
            ("1", "a", "2024-01-01", -60.0, "paid", 0.0),  # order total -10: a return
            ("2", "b", "2024-01-02", 20.0, "paid", 0.0),
            ("3", "a", "2024-01-03", 15.0, "paid", 0.0),
        ]
    )
    res = ec.personas.score(frame)
    assert res.excluded["not_positive"] == 1
    assert res.table.loc["a", "frequency"] == 1 and res.table.loc["a", "monetary"] == 15.0


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        (TINY.drop(columns=["customer_id"]), "ps_err_no_customer_column"),
        (TINY.assign(customer_id=pd.Series([None] * len(TINY), dtype="str")), "ps_err_no_customers"),
        (TINY.assign(customer_id=" "), "ps_err_no_customers"),
        (TINY.assign(status="cancelled"), "ps_err_no_paid_orders"),
        (TINY.assign(revenue=-5.0), "ps_err_negative_totals"),
        (TINY.iloc[:1], "ps_err_one_order"),
    ],
)
def test_bad_input_raises_a_coded_analysis_error(frame, code):
    with pytest.raises(ec.AnalysisError) as info:
        ec.personas.rfm(frame)
    assert info.value.code == code
    for lang in ("en", "zh"):
        assert info.value.message(lang) != code  # a sentence exists in both languages


# ---- segment grid ------------------------------------------------------------------------
def test_default_segments_cover_every_cell_once():
    grid = ec.personas.segment_grid()
    assert grid.shape == (5, 5) and (grid >= 0).all()
    cells = ec.personas.cell_segments()
    by_cell = dict(zip(zip(cells["r_score"], cells["f_score"], strict=True), cells["segment"], strict=True))
    assert by_cell[(5, 5)] == by_cell[(5, 4)] == "champions"
    assert by_cell[(1, 5)] == by_cell[(2, 5)] == "cant_lose"
    assert by_cell[(2, 3)] == by_cell[(1, 4)] == "at_risk"
    assert by_cell[(3, 3)] == "need_attention" and by_cell[(4, 1)] == "promising"
    assert cells["segment"].value_counts()["hibernating"] == 4


def test_grid_gaps_and_overlaps_are_named():
    broken = list(SEGMENTS)
    broken[0] = Segment("champions", "Champions", (5, 5), (5, 5))  # R5F4 uncovered
    broken[3] = Segment("new_customers", "New Customers", (5, 5), (1, 2))  # R5F2 twice
    with pytest.raises(ec.AnalysisError) as info:
        ec.personas.segment_grid(broken)
    assert info.value.code == "ps_err_grid"
    assert info.value.params == {"gaps": "R5F4", "overlaps": "R5F2"}
    assert "R5F4" in info.value.message("zh")


def test_segments_from_an_edited_table():
    table = ec.personas.segments_table()
    table.loc[table["code"] == "cant_lose", "f_from"] = 4  # Can't Lose takes F4-5 ...
    table.loc[table["code"] == "at_risk", "f_to"] = 3  # ... At Risk keeps F3
    segs = ec.personas.segments_from_table(table)
    res = ec.personas.score(TINY, segments=segs)
    assert len(res.table) == 3
    table.loc[table["code"] == "at_risk", "f_to"] = 9
    with pytest.raises(ec.AnalysisError) as info:
        ec.personas.segments_from_table(table)
    assert info.value.code == "ps_err_grid_range"


def test_segment_summary_and_grid_counts():
    res = ec.personas.score(TINY)
    summary = ec.personas.segment_summary(res)
    assert summary["segment"].tolist() == [s.code for s in SEGMENTS]
    new = summary.set_index("segment").loc["new_customers"]
    assert new["customers"] == 2 and new["revenue"] == 28.0
    assert new["customer_share"] == pytest.approx(2 / 3)
    assert new["revenue_share"] == pytest.approx(28 / 63)
    assert new["recency_days"] == 2.5
    assert summary["customers"].sum() == 3
    cells = ec.personas.grid_counts(res)
    assert len(cells) == 25 and cells["customers"].sum() == 3
    assert cells.set_index(["r_score", "f_score"]).loc[(5, 1), "customers"] == 2


# ---- movement ----------------------------------------------------------------------------
def test_movement_between_two_dates():
    moves = ec.personas.movement(TINY, start="2024-01-04", end="2024-01-07")
    # on 2024-01-04: c1 (1 order) and c2 (1 order) are New Customers; c3 had no paid order
    # on 2024-01-07: c1 Potential Loyalists, c2 and c3 New Customers
    got = {(f, to): n for f, to, n in moves.itertuples(index=False)}
    assert got == {
        ("new_customers", "potential_loyalists"): 1,
        ("new_customers", "new_customers"): 1,
        ("new", "new_customers"): 1,
    }
    table = present.movement_table(moves, SEGMENTS, "en")
    assert table.set_index("Before").loc["New Customers", "Potential Loyalists"] == 1
    with pytest.raises(ec.AnalysisError):
        ec.personas.movement(TINY, start="2024-02-01", end="2024-01-07")


# ---- personas ----------------------------------------------------------------------------
def _three_groups(n: int = 300, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    groups = np.repeat([0, 1, 2], n)
    centre_r = np.array([5.0, 120.0, 300.0])[groups]
    centre_f = np.array([12.0, 3.0, 1.0])[groups]
    centre_m = np.array([3000.0, 400.0, 50.0])[groups]
    return pd.DataFrame(
        {
            "recency_days": np.maximum(1, centre_r * rng.lognormal(0, 0.1, 3 * n)).round(),
            "frequency": np.maximum(1, centre_f * rng.lognormal(0, 0.1, 3 * n)).round(),
            "monetary": centre_m * rng.lognormal(0, 0.1, 3 * n),
            "overdue": np.zeros(3 * n),
            "group": groups,
        },
        index=pd.Index([f"c{i}" for i in range(3 * n)], name="customer_id"),
    )


def test_persona_model_finds_three_clear_groups_reproducibly():
    table = _three_groups()
    model = clusters.PersonaModel().fit(table)
    assert model.n_clusters_ == 3
    assert adjusted_rand_score(table["group"], model.labels_) == 1.0
    # persona 0 brings the most revenue: the high spenders
    assert (model.labels_[table["group"].to_numpy() == 0] == 0).all()
    again = clusters.PersonaModel().fit(table)
    assert (again.labels_ == model.labels_).all()
    assert model.stability_ > 0.95
    assert (model.predict(table) == model.labels_).all()


def test_forced_k_and_large_bases_use_a_sample():
    table = _three_groups(n=400)
    model = clusters.PersonaModel(n_clusters=5, fit_sample=500).fit(table)
    assert model.n_clusters_ == 5 and set(model.labels_) == set(range(5))
    assert model.silhouette_ == {}


def test_silhouette_from_distances_matches_sklearn():
    from sklearn.metrics.pairwise import euclidean_distances

    rng = np.random.default_rng(3)
    X = rng.normal(size=(200, 3))
    labels = rng.integers(0, 4, 200)
    labels[0] = 9  # a singleton cluster scores 0, as in sklearn
    ours = clusters.silhouette_from_distances(euclidean_distances(X), labels)
    assert ours == pytest.approx(silhouette_score(X, labels))


def test_identical_customers_cannot_be_clustered():
    rows = [(f"o{i}", f"c{i}", "2024-01-01", 10.0, "paid", 0.0) for i in range(10)]
    res = ec.personas.score(orders(rows))
    with pytest.raises(ec.AnalysisError) as info:
        ec.personas.personas(res)
    assert info.value.code == "ps_err_identical"


def test_persona_profile_and_sentences():
    rows = []
    for i in range(90):  # 30 heavy recent, 30 lapsed heavy, 30 one-time buyers
        kind = i // 30
        n = [8, 8, 1][kind]
        last = pd.Timestamp("2024-12-30") - pd.Timedelta(days=[3, 200, 100][kind] + i % 5)
        for j in range(n):
            rows.append(
                (
                    f"o{i}_{j}",
                    f"c{i:02d}",
                    last - pd.Timedelta(days=7 * j),
                    [100.0, 100.0, 30.0][kind],
                    "paid",
                    0.0,
                )
            )
    res = ec.personas.score(orders(rows), scoring="quintile")
    found = ec.personas.personas(res, n_clusters=3)
    p = found.profile
    assert p["customers"].tolist() == [30, 30, 30]
    assert p["customer_share"].sum() == pytest.approx(1.0)
    assert p["revenue_share"].sum() == pytest.approx(1.0)
    lapsed = found.labels["c30"]
    assert (found.labels.iloc[30:60] == lapsed).all()
    assert p.loc[lapsed, "z_overdue"] > 1  # silent for 28+ of their own weekly gaps
    sentences = present.persona_sentences(p, "en")
    one_time = found.labels["c60"]
    assert sentences[one_time].startswith("long gone, one-time") or "one-time" in sentences[one_time]
    assert "33.3% of customers" in sentences[0]
    table = present.persona_table(found, "zh")
    assert t("ps_col_persona", "zh") in table.columns


def test_planted_at_risk_customers_are_a_segment_and_a_persona(sample_shop):
    frame = sample_shop("en")["orders"].frame
    res = ec.personas.score(frame)
    tab = res.table
    # the planted group: the 200 most frequent customers silent for at least 153 days
    planted = tab[tab["recency_days"] >= 153].nlargest(200, "frequency").index
    assert tab.loc[planted, "frequency"].median() >= 9
    assert (res.segment_code[planted] == "cant_lose").all()
    found = ec.personas.personas(res)
    labels = found.labels[planted]
    assert labels.nunique() == 1
    persona = found.profile.loc[labels.iloc[0]]
    assert persona["segment"] in ("at_risk", "cant_lose")
    assert persona["r_level"] != "recent" and persona["f_level"] == "frequent"


def test_customer_list_exports_ids_only_and_filters():
    res = ec.personas.score(TINY)
    listing = present.customer_list(res, "en", segment="new_customers")
    assert listing[t("col_customer_id", "en")].tolist() == ["c2", "c3"]
    assert t("ps_col_segment", "en") in listing.columns
    everyone = present.customer_list(res, "zh")
    assert len(everyone) == 3 and set(everyone[t("ps_col_segment", "zh")]) == {"潜力客户", "新客户"}


def test_customer_hints_find_identifying_columns():
    cols = ["订单编号", "买家会员名", "收货人手机", "Email", "宝贝标题", "Total"]
    assert present.customer_hints(cols) == ["买家会员名", "收货人手机", "Email"]


# ---- charts ------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_charts_build_valid_specs_with_translated_titles(lang):
    from ecom_core.personas import charts

    table = _three_groups(n=40)
    rows = [
        (f"o{c}_{j}", c, pd.Timestamp("2024-12-30") - pd.Timedelta(days=int(r) + 7 * j), m / f, "paid", 0.0)
        for c, r, f, m in zip(
            table.index, table["recency_days"], table["frequency"], table["monetary"], strict=True
        )
        for j in range(int(f))
    ]  # test data only
    frame = orders(rows)
    res = ec.personas.score(frame)
    summary = ec.personas.segment_summary(res)
    found = ec.personas.personas(res, n_clusters=3)
    moves = ec.personas.movement(frame, "2024-10-01")
    cohorts = ec.personas.cohort_retention(frame)
    built = {
        "ps_chart_grid": charts.rf_grid(ec.personas.grid_counts(res), lang),
        "ps_chart_revenue": charts.segment_shares(summary, lang),
        "ps_chart_profile": charts.persona_profile(found, lang),
        "ps_chart_cohort": charts.cohort_heatmap(cohorts, lang),
        "ps_chart_movement": charts.movement_heatmap(moves, SEGMENTS, lang),
    }
    for key, chart in built.items():
        spec = chart.to_dict()  # validates against the Vega-Lite schema
        assert t(key, lang) in str(spec.get("title", "")) or t(key, lang) in str(spec), key
        assert "tooltip" in str(spec), key
