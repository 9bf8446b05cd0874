"""Customer value: repurchase rates, cohorts, BG/NBD and Gamma-Gamma against known values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import special

import ecom_core as ec
from ecom_core.personas import BetaGeoModel, GammaGammaModel, present
from ecom_core.personas.value import _BGObjective

# Published BG/NBD parameters for the CDNOW sample, in weeks (Fader, Hardie & Lee 2005).
CDNOW = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}


def orders(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["order_id", "customer_id", "order_time", "revenue"])
    frame["order_time"] = pd.to_datetime(frame["order_time"], format="ISO8601")
    return frame


# ---- repurchase and cohorts --------------------------------------------------------------
def test_repurchase_rates_by_hand():
    frame = orders(
        [
            ("1", "a", "2024-01-01", 10.0),
            ("2", "a", "2024-01-20", 10.0),  # a: again after 19 days
            ("3", "b", "2024-01-01", 10.0),
            ("4", "b", "2024-03-01", 10.0),  # b: after 60 days
            ("5", "c", "2024-01-10", 10.0),  # c: never again
            ("6", "d", "2024-06-10", 10.0),  # d: first order 21 days before the end
            ("7", "d", "2024-06-12", 10.0),
            ("8", "e", "2024-06-30", 10.0),
        ]
    )
    rates = ec.personas.repurchase_rates(frame, as_of="2024-07-01")
    # 30 days: eligible a, b, c, e? (e is 1 day old: no) d (21 days: no) -> a, b, c; repeaters a
    # 90 days: eligible a, b, c (first order >= 90 days before 2024-07-01); repeaters a, b
    want = pd.DataFrame(
        {"window_days": [30, 90], "eligible": [3, 3], "repeaters": [1, 2], "rate": [1 / 3, 2 / 3]}
    )
    pd.testing.assert_frame_equal(rates, want)


def test_cohort_retention_by_hand():
    frame = orders(
        [
            ("1", "a", "2024-01-05", 10.0),
            ("2", "a", "2024-02-05", 10.0),
            ("3", "a", "2024-02-20", 10.0),  # twice in February: counted once
            ("4", "b", "2024-01-15", 10.0),
            ("5", "b", "2024-03-15", 10.0),
            ("6", "c", "2024-02-01", 10.0),
        ]
    )
    got = ec.personas.cohort_retention(frame)
    want = pd.DataFrame(
        {
            "cohort": ["2024-01", "2024-01", "2024-01", "2024-02"],
            "month": [0, 1, 2, 0],
            "customers": [2, 1, 1, 1],
            "cohort_size": [2, 2, 2, 1],
            "retention": [1.0, 0.5, 0.5, 1.0],
        }
    )
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want, check_dtype=False)
    table = present.cohort_table(got, "en")
    assert table.columns.tolist() == ["First-order month", "Cohort size", "0", "1", "2"]


def test_summary_data_counts_purchase_days():
    frame = orders(
        [
            ("1", "a", "2024-01-01 09:00", 10.0),
            ("2", "a", "2024-01-01 18:00", 30.0),  # same day: one purchase of 40
            ("3", "a", "2024-01-11", 20.0),
            ("4", "a", "2024-01-21", 60.0),
            ("5", "b", "2024-01-15", 99.0),
        ]
    )
    got = ec.personas.summary_data(frame, as_of="2024-02-01")
    want = pd.DataFrame(
        {"frequency": [2, 0], "recency": [20.0, 0.0], "T": [31.0, 17.0], "monetary_value": [40.0, 0.0]},
        index=pd.Index(["a", "b"], name="customer_id", dtype="str"),
    )
    pd.testing.assert_frame_equal(got, want)


# ---- BG/NBD ------------------------------------------------------------------------------
def _bgnbd_likelihood_direct(r, alpha, a, b, x, t_x, T):
    """Fader, Hardie & Lee (2005), eq. 6, written with plain Beta and Gamma functions."""
    common = special.gamma(r + x) * alpha**r / special.gamma(r)
    alive = special.beta(a, b + x) / special.beta(a, b) * common / (alpha + T) ** (r + x)
    dead = (
        special.beta(a + 1, b + x - 1) / special.beta(a, b) * common / (alpha + t_x) ** (r + x)
        if x > 0
        else 0
    )
    return np.log(alive + dead)


@pytest.mark.parametrize(("x", "t_x", "T"), [(0, 0.0, 38.86), (2, 30.43, 38.86), (7, 10.0, 32.0)])
def test_bgnbd_log_likelihood_matches_the_paper_formula(x, t_x, T):
    p = tuple(CDNOW.values())
    got = BetaGeoModel.log_likelihood(p, np.array([x]), np.array([t_x]), np.array([T]))[0]
    assert got == pytest.approx(_bgnbd_likelihood_direct(*p, x, t_x, T), rel=1e-10)


def test_bgnbd_gradient_matches_finite_differences():
    from scipy import optimize

    rng = np.random.default_rng(1)
    x = rng.integers(0, 6, 300).astype(float)
    T = rng.uniform(5, 40, 300).round()
    t_x = np.where(x > 0, rng.uniform(0, 1, 300) * T, 0).round()
    objective = _BGObjective(x, t_x, T, np.ones(300))
    lp = np.log([0.5, 3.0, 0.8, 2.5])
    value, grad = objective(lp)
    assert value == pytest.approx(-BetaGeoModel.log_likelihood(np.exp(lp), x, t_x, T).sum())
    numeric = optimize.approx_fprime(lp, lambda q: objective(q)[0], 1e-6)
    np.testing.assert_allclose(grad, numeric, rtol=1e-4)


def test_bgnbd_predictions_match_the_published_cdnow_example():
    # Fader, Hardie & Lee (2005): with the CDNOW parameters, a customer with x = 2,
    # t_x = 30.43, T = 38.86 weeks is expected to make 1.226 purchases in the next 39 weeks.
    model = BetaGeoModel()
    model.params_ = dict(CDNOW)
    assert model.expected_purchases(39, 2, 30.43, 38.86)[0] == pytest.approx(1.226, abs=5e-4)
    # P(alive) = 1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + t_x)) ** (r + x))
    by_hand = 1 / (1 + 0.793 / (2.426 + 1) * ((4.414 + 38.86) / (4.414 + 30.43)) ** 2.243)
    assert model.prob_alive(2, 30.43, 38.86) == pytest.approx(by_hand)
    assert model.prob_alive(0, 0.0, 38.86) == 1.0


def simulate_bgnbd(n: int, r: float, alpha: float, a: float, b: float, seed: int = 7):
    """Repeat purchases of n customers drawn from the BG/NBD process itself (vectorised):
    rates λ ~ Gamma(r, α), drop-out p ~ Beta(a, b) after each repeat purchase, ages T."""
    rng = np.random.default_rng(seed)
    lam = rng.gamma(r, 1 / alpha, n)
    p = rng.beta(a, b, n)
    T = rng.uniform(20, 52, n)
    k = 400
    times = np.cumsum(rng.exponential(1 / np.maximum(lam, 1e-12)[:, None], (n, k)), axis=1)
    assert (times[:, -1] > T).all()
    lifetime = rng.geometric(p)  # the customer drops out right after this repeat purchase
    x = np.minimum((times < T[:, None]).sum(axis=1), lifetime)
    t_x = np.where(x > 0, times[np.arange(n), np.maximum(x - 1, 0)], 0.0)
    return x, t_x, T


def test_bgnbd_recovers_the_parameters_of_a_simulated_process():
    true = {"r": 0.5, "alpha": 6.0, "a": 0.7, "b": 2.5}
    x, t_x, T = simulate_bgnbd(8000, **true)
    model = BetaGeoModel().fit(x, t_x, T)
    # Tolerance 20%: with 8,000 customers the sampling error of r and alpha is a few percent
    # and that of a and b (identified only through the repeat buyers who stopped) roughly
    # 10% (their profile-likelihood intervals); 20% keeps the test seed-robust while a
    # wrong likelihood (e.g. a sign error in the drop-out term) misses by far more.
    for name, value in true.items():
        assert model.params_[name] == pytest.approx(value, rel=0.2), name
    assert model.converged_
    # the fit is the optimum: the true parameters have a lower likelihood
    at_truth = BetaGeoModel.log_likelihood(tuple(true.values()), x, t_x, T).sum()
    assert model.log_likelihood_ >= at_truth
    # and its predictions are close to those of the true parameters
    truth = BetaGeoModel()
    truth.params_ = true
    assert model.expected_purchases(52, x, t_x, T).mean() == pytest.approx(
        truth.expected_purchases(52, x, t_x, T).mean(), rel=0.05
    )


# ---- Gamma-Gamma -------------------------------------------------------------------------
def test_gamma_gamma_log_likelihood_and_expected_spend_by_hand():
    p, q, v = 6.25, 3.74, 15.44  # CDNOW (Fader, Hardie & Lee 2005, "RFM and CLV")
    x, m = 3.0, 40.0
    # density of the mean of x Gamma(p, ν) draws with ν ~ Gamma(q, v):
    # Γ(px+q) / (Γ(px) Γ(q)) · v^q · x^(px) · m^(px-1) / (v + x m)^(px+q)
    direct = (
        special.gamma(p * x + q) / (special.gamma(p * x) * special.gamma(q))
        * v**q * x ** (p * x) * m ** (p * x - 1) / (v + x * m) ** (p * x + q)
    )  # fmt: skip
    assert GammaGammaModel.log_likelihood((p, q, v), x, m) == pytest.approx(np.log(direct))
    model = GammaGammaModel()
    model.params_ = {"p": p, "q": q, "v": v}
    # E[M | x, m] = (v + x m) p / (p x + q - 1); population mean p v / (q - 1) = 35.22
    assert model.expected_spend(x, m) == pytest.approx((v + x * m) * p / (p * x + q - 1))
    assert model.expected_spend(0, 0) == pytest.approx(p * v / (q - 1))
    assert model.expected_spend(0, 0) == pytest.approx(35.22, abs=0.01)


def test_gamma_gamma_recovers_simulated_parameters():
    rng = np.random.default_rng(11)
    p, q, v = 6.0, 4.0, 15.0
    n = 6000
    nu = rng.gamma(q, 1 / v, n)  # ν ~ Gamma(shape q, rate v)
    x = rng.integers(1, 12, n)
    # the mean of x Gamma(p, rate ν) draws is Gamma(p x, rate ν x)
    m = rng.gamma(p * x, 1 / (nu * x))
    model = GammaGammaModel().fit(x, m)
    # 15%: p and q trade off along a ridge (both scale the mean spend); at n = 6,000 their
    # sampling error is around 5-8%, v follows q.
    for name, value in {"p": p, "q": q, "v": v}.items():
        assert model.params_[name] == pytest.approx(value, rel=0.15), name


# ---- the whole model ---------------------------------------------------------------------
def _shop(n_customers: int, seed: int = 5, corr: bool = False) -> pd.DataFrame:
    """Orders of a shop simulated per customer: BG/NBD purchases, Gamma spend per purchase."""
    x, t_x, T = simulate_bgnbd(n_customers, 0.6, 30.0, 0.8, 3.0, seed=seed)
    rng = np.random.default_rng(seed)
    end = pd.Timestamp("2025-01-01")
    rows = []
    for i in range(n_customers):  # test data only
        first = end - pd.Timedelta(days=round(T[i] * 7))
        spend = 50.0 * (1 + x[i]) if corr else rng.gamma(6.0, 8.0)
        rows.append((f"o{i}_0", f"c{i}", first, spend))
        if x[i]:
            days = [*np.sort(rng.uniform(0, t_x[i] * 7, x[i] - 1)).tolist(), t_x[i] * 7]
            for j, d in enumerate(days):
                rows.append((f"o{i}_{j + 1}", f"c{i}", first + pd.Timedelta(days=round(d) + 1), spend))
    return orders(rows)


def test_customer_value_on_a_simulated_shop():
    frame = _shop(1500)
    value = ec.personas.customer_value(frame, as_of="2025-01-01")
    tab = value.table
    assert len(tab) == 1500
    assert (tab["expected_purchases"] >= 0).all()
    repeat = tab["frequency"] > 0
    assert tab.loc[repeat, "prob_alive"].between(0, 1).all()
    assert tab.loc[~repeat, "prob_alive"].isna().all()  # not judged, rather than "100% alive"
    assert tab["expected_value"].sum() > 0
    one_time = tab["frequency"] == 0
    assert value.one_time_share == pytest.approx(one_time.mean())
    # one-time buyers get the population's expected spend, nothing customer-specific
    assert tab.loc[one_time, "expected_spend"].nunique() == 1
    assert abs(value.spend_frequency_corr) < 0.3


def test_customer_value_refuses_when_spend_follows_frequency():
    with pytest.raises(ec.AnalysisError) as info:
        ec.personas.customer_value(_shop(600, corr=True), as_of="2025-01-01")
    assert info.value.code == "ps_err_value_corr"


def test_customer_value_refuses_with_too_few_repeat_buyers():
    frame = orders([(f"o{i}", f"c{i}", "2024-01-01", 10.0) for i in range(80)])
    with pytest.raises(ec.AnalysisError) as info:
        ec.personas.customer_value(frame)
    assert info.value.code == "ps_err_value_few"
    assert info.value.params["repeaters"] == 0 and info.value.params["customers"] == 80
