"""Customer value: repurchase rate, cohort retention, BG/NBD + Gamma-Gamma expected value.

The models follow Fader, Hardie & Lee, "Counting your customers the easy way" (Marketing
Science, 2005) for BG/NBD and "RFM and CLV" (JMR, 2005) for Gamma-Gamma. Both are fitted by
maximum likelihood on log-parameters with scipy; customers with identical summaries are
fitted once with a weight, so a few hundred thousand customers cost milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import optimize, special

from ecom_core.load.dataset import AnalysisError
from ecom_core.personas.rfm import PaidOrders, prepare

#: A model needs at least this many customers, and this many who bought again.
MIN_CUSTOMERS = 50
MIN_REPEAT_BUYERS = 20
#: Gamma-Gamma assumes spend per order does not depend on how often a customer buys.
MAX_SPEND_FREQUENCY_CORRELATION = 0.3
#: Above this shape the Gamma distribution of purchase rates is a point mass in all but name.
R_POINT_MASS = 1e3


# ---- repurchase and cohorts --------------------------------------------------------------
def _ordered(paid: PaidOrders) -> pd.DataFrame:
    return paid.orders.sort_values(["customer", "order_time"], kind="stable", ignore_index=True)


def repurchase_rates(
    orders: pd.DataFrame | PaidOrders, windows: tuple[int, ...] = (30, 90), as_of=None, **columns: str
) -> pd.DataFrame:
    """Share of customers who ordered again within ``w`` days of their first paid order.

    Only customers whose first order is at least ``w`` days before ``as_of`` are counted
    (the others could not have shown it yet).

    Returns
    -------
    DataFrame with one row per window: window_days, eligible, repeaters, rate.
    """
    paid, as_of = prepare(orders, as_of, **columns)
    po = _ordered(paid)
    n = po.groupby("customer", sort=False).cumcount().to_numpy()
    first = po.loc[n == 0].set_index("customer")["order_time"]
    second = po.loc[n == 1].set_index("customer")["order_time"].reindex(first.index)
    gap = (second - first).dt.total_seconds().to_numpy() / 86400.0
    age = (as_of - first).dt.total_seconds().to_numpy() / 86400.0
    rows = []
    for w in windows:
        eligible = age >= w
        repeaters = eligible & (gap <= w)
        e, r = int(eligible.sum()), int(repeaters.sum())
        rows.append({"window_days": int(w), "eligible": e, "repeaters": r, "rate": r / e if e else np.nan})
    return pd.DataFrame(rows)


def cohort_retention(
    orders: pd.DataFrame | PaidOrders, as_of=None, max_months: int = 12, **columns: str
) -> pd.DataFrame:
    """Monthly cohorts by first paid order; share of each cohort ordering in later months.

    Returns
    -------
    Long DataFrame: cohort (``YYYY-MM``), month (0 = the first month, ...), customers
    (active in that month), cohort_size, retention. Month 0 is always 1.0; months after the
    data ends are absent.
    """
    po = prepare(orders, as_of, **columns)[0].orders
    month = po["order_time"].dt.year.to_numpy() * 12 + po["order_time"].dt.month.to_numpy() - 1
    first = pd.Series(month).groupby(po["customer"].to_numpy()).transform("min").to_numpy()
    offset = month - first
    keep = offset <= max_months
    frame = pd.DataFrame(
        {"cohort": first[keep], "month": offset[keep], "customer": po["customer"].to_numpy()[keep]}
    )
    active = frame.drop_duplicates().groupby(["cohort", "month"]).size().rename("customers").reset_index()
    size = active.loc[active["month"] == 0].set_index("cohort")["customers"]
    active["cohort_size"] = active["cohort"].map(size).to_numpy()
    active["retention"] = active["customers"] / active["cohort_size"]
    active["cohort"] = [f"{c // 12:04d}-{c % 12 + 1:02d}" for c in active["cohort"].to_numpy()]
    return active[["cohort", "month", "customers", "cohort_size", "retention"]]


# ---- customer summaries for the models ---------------------------------------------------
def summary_data(orders: pd.DataFrame | PaidOrders, as_of=None, **columns: str) -> pd.DataFrame:
    """Per-customer inputs of BG/NBD and Gamma-Gamma, in days.

    Purchases are counted per calendar day (several orders on one day are one purchase).

    Returns
    -------
    DataFrame indexed by customer_id: ``frequency`` (repeat purchase days, x), ``recency``
    (days from the first to the last purchase day, t_x), ``T`` (days from the first
    purchase day to ``as_of``), ``monetary_value`` (mean spend of the repeat purchase days;
    0 for one-time buyers).
    """
    paid, as_of = prepare(orders, as_of, **columns)
    po = paid.orders
    day = po["order_time"].dt.normalize()
    days = (
        pd.DataFrame(
            {"customer": po["customer"].to_numpy(), "day": day.to_numpy(), "net": po["net"].to_numpy()}
        )
        .groupby(["customer", "day"], sort=True)["net"]
        .sum()
        .reset_index()
    )
    by = days.groupby("customer", sort=True)
    first, last = by["day"].min(), by["day"].max()
    n_days = by.size()
    total = by["net"].sum()
    first_spend = days.loc[by.cumcount().to_numpy() == 0].set_index("customer")["net"]
    x = (n_days - 1).to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        m = np.where(x > 0, (total - first_spend).to_numpy() / np.maximum(x, 1), 0.0)
    out = pd.DataFrame(
        {
            "frequency": x.astype(np.int64),
            "recency": (last - first).dt.days.to_numpy().astype(float),
            "T": (as_of.normalize() - first).dt.days.to_numpy().astype(float),
            "monetary_value": m,
        },
        index=paid.customers[n_days.index.to_numpy()],
    )
    return out


def _unique_rows(*arrays: np.ndarray) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """Distinct rows of the stacked arrays: (their columns, inverse index, counts)."""
    arrays = tuple(np.asarray(a, dtype=float) for a in arrays)
    whole = len(arrays) <= 3 and all(np.all((a == np.round(a)) & (a >= 0) & (a < 2**20)) for a in arrays)
    if whole:
        # whole days: one int64 key per row sorts much faster than np.unique(axis=0)
        key = np.zeros(len(arrays[0]), dtype=np.int64)
        for a in arrays:
            key = (key << 20) | a.astype(np.int64)
        _, first, inverse, counts = np.unique(key, return_index=True, return_inverse=True, return_counts=True)
        return [a[first] for a in arrays], inverse.ravel(), counts
    uniq, inverse, counts = np.unique(
        np.column_stack(arrays), axis=0, return_inverse=True, return_counts=True
    )
    return [uniq[:, i] for i in range(uniq.shape[1])], inverse.ravel(), counts


def _compress(*arrays: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Distinct rows of the stacked arrays and how often each occurs (the fit's weights)."""
    columns, _, counts = _unique_rows(*arrays)
    return columns, counts.astype(float)


def _fit(neg_ll, x0: np.ndarray, jac: bool = False) -> optimize.OptimizeResult:
    """Minimise on log-parameters (bounded so exp() stays finite); Nelder-Mead if L-BFGS-B fails."""
    best = None
    bounds = [(-12.0, 12.0)] * len(x0)
    for method in ("L-BFGS-B", "Nelder-Mead"):
        res = optimize.minimize(
            neg_ll, x0, method=method, jac=jac if method == "L-BFGS-B" else None, bounds=bounds,
            options={"maxiter": 2000},
        )  # fmt: skip
        if np.isfinite(res.fun) and (best is None or res.fun < best.fun):
            best = res
        if res.success:
            break
        if jac:  # Nelder-Mead needs the value only
            neg_ll = _value_only(neg_ll)
    return best


def _value_only(fn):
    return lambda p: fn(p)[0]


# ---- BG/NBD ------------------------------------------------------------------------------
class BetaGeoModel:
    """BG/NBD model of repeat purchasing (Fader, Hardie & Lee 2005), fitted by maximum likelihood.

    Purchases follow a Poisson process with rate λ ~ Gamma(r, α) while a customer is alive;
    after each purchase a customer drops out with probability p ~ Beta(a, b).

    Attributes (after ``fit``)
    --------------------------
    params_ : dict with r, alpha, a, b
    log_likelihood_ : total log-likelihood at the optimum
    n_customers_ : customers fitted
    """

    def __init__(self, random_state: int = 0):
        self.random_state = random_state

    @staticmethod
    def log_likelihood(params, x, t_x, T) -> np.ndarray:
        """Per-customer log-likelihood for parameters (r, alpha, a, b)."""
        r, alpha, a, b = params
        x, t_x, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
        a1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
        a2 = special.betaln(a, b + x) - special.betaln(a, b) - (r + x) * np.log(alpha + T)
        with np.errstate(invalid="ignore", divide="ignore"):
            a3 = special.betaln(a + 1, b + x - 1) - special.betaln(a, b) - (r + x) * np.log(alpha + t_x)
        a3 = np.where(x > 0, a3, -np.inf)
        return a1 + np.logaddexp(a2, a3)

    def fit(self, frequency, recency, T) -> BetaGeoModel:
        """Fit on per-customer x (repeat purchases), t_x (time of last purchase), T (age)."""
        (x, t_x, TT), w = _compress(frequency, recency, T)
        scale = float(np.mean(TT)) or 1.0  # fit in units of the mean age: well-conditioned
        objective = _BGObjective(x, t_x / scale, TT / scale, w)
        res = _fit(objective, np.zeros(4), jac=True)
        r, alpha, a, b = np.exp(res.x)
        self.params_ = {"r": r, "alpha": alpha * scale, "a": a, "b": b}
        self.log_likelihood_ = float((w * self.log_likelihood(self._p(), x, t_x, TT)).sum())
        self.n_customers_ = int(w.sum())
        self.converged_ = bool(res.success)
        return self

    def _p(self) -> tuple[float, float, float, float]:
        p = self.params_
        return p["r"], p["alpha"], p["a"], p["b"]

    def expected_purchases(self, t, frequency, recency, T) -> np.ndarray:
        """Expected purchases in the next ``t`` time units for customers with (x, t_x, T)."""
        r, alpha, a, b = self._p()
        x, t_x, T = (np.asarray(v, dtype=float) for v in (frequency, recency, T))
        # the special function is the costly part and depends on (x, T) only: once per pair
        (xu, Tu), inverse, _ = _unique_rows(x, T)
        if r < R_POINT_MASS:
            hyp = special.hyp2f1(r + xu, b + xu, a + b + xu - 1, t / (alpha + Tu + t))
        else:
            # Purchase rates all but identical (r, alpha -> inf, r/alpha fixed): the
            # confluent limit of the same formula, where 2F1 -> 1F1 and the power -> exp.
            hyp = special.hyp1f1(b + xu, a + b + xu - 1, r / alpha * t) * np.exp(
                r * np.log1p(t / (alpha + Tu)) - r / alpha * t
            )
        power = np.exp(-(r + x) * np.log1p(t / (alpha + T)))
        top = (a + b + x - 1) / (a - 1) * (1 - power * hyp[inverse])
        return top / self._alive_denominator(x, t_x, T)

    def prob_alive(self, frequency, recency, T) -> np.ndarray:
        """P(customer still active | x, t_x, T); 1 for customers who never bought again."""
        x, t_x, T = (np.asarray(v, dtype=float) for v in (frequency, recency, T))
        return 1.0 / self._alive_denominator(x, t_x, T)

    def _alive_denominator(self, x, t_x, T) -> np.ndarray:
        r, alpha, a, b = self._p()
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            extra = a / (b + x - 1) * np.exp((r + x) * np.log1p((T - t_x) / (alpha + t_x)))
        return 1.0 + np.where(x > 0, extra, 0.0)


class _BGObjective:
    """Negative BG/NBD log-likelihood and its gradient in log-parameters.

    The special functions depend on x alone, and the logs on T or t_x alone: they are
    computed once per distinct value and gathered, so an evaluation costs a few vector
    operations however many customers there are.
    """

    def __init__(self, x, t_x, T, w):
        self.xu, self.xi = np.unique(x, return_inverse=True)
        self.tu, self.ti = np.unique(t_x, return_inverse=True)
        self.Tu, self.Ti = np.unique(T, return_inverse=True)
        self.x, self.w = x, w
        self.repeat = self.xu > 0

    def __call__(self, lp):
        r, alpha, a, b = np.exp(lp)
        xu, xi, x, w = self.xu, self.xi, self.x, self.w
        ps = special.psi
        with np.errstate(invalid="ignore", divide="ignore"):
            g = special.gammaln(r + xu) - special.gammaln(r) + r * np.log(alpha)
            b0 = special.betaln(a, b)
            b1 = special.betaln(a, b + xu) - b0
            b2 = np.where(self.repeat, special.betaln(a + 1, b + xu - 1) - b0, -np.inf)
            lT, lt = np.log(alpha + self.Tu), np.log(alpha + self.tu)
            rx = r + x
            a2 = b1[xi] - rx * lT[self.Ti]
            a3 = b2[xi] - rx * lt[self.ti]
            mix = np.logaddexp(a2, a3)
            ll = g[xi] + mix
            value = -(w * ll).sum()
            if not np.isfinite(value):
                return 1e300, np.zeros(4)
            w2 = np.exp(a2 - mix)  # share of the "still alive at T" term
            w3 = 1.0 - w2
            pab = ps(a + b)
            pabx = ps(a + b + xu)
            d_r = (ps(r + xu) - ps(r) + np.log(alpha))[xi] - w2 * lT[self.Ti] - w3 * lt[self.ti]
            d_alpha = r / alpha - rx * (w2 / (alpha + self.Tu)[self.Ti] + w3 / (alpha + self.tu)[self.ti])
            d_a2 = pab - pabx
            d_a3 = ps(a + 1) - ps(a) + pab - pabx
            d_b2 = ps(b + xu) - ps(b) + pab - pabx
            d_b3 = np.where(self.repeat, ps(np.maximum(b + xu - 1, 1e-300)) - ps(b) + pab - pabx, 0.0)
            d_a = w2 * d_a2[xi] + w3 * d_a3[xi]
            d_b = w2 * d_b2[xi] + w3 * d_b3[xi]
            grad = np.array([(w * d).sum() for d in (d_r, d_alpha, d_a, d_b)]) * np.array([r, alpha, a, b])
        if not np.all(np.isfinite(grad)):
            return value, np.zeros(4)
        return value, -grad


# ---- Gamma-Gamma -------------------------------------------------------------------------
class GammaGammaModel:
    """Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV").

    Each purchase's value ~ Gamma(p, ν), ν ~ Gamma(q, v) across customers; fitted on
    customers with at least one repeat purchase (x > 0) from x and their mean spend m_x.

    Attributes (after ``fit``)
    --------------------------
    params_ : dict with p, q, v
    log_likelihood_ : total log-likelihood at the optimum
    """

    def __init__(self, random_state: int = 0):
        self.random_state = random_state

    @staticmethod
    def log_likelihood(params, x, m) -> np.ndarray:
        """Per-customer log-density of the mean spend ``m`` of ``x`` purchases."""
        p, q, v = params
        x, m = np.asarray(x, float), np.asarray(m, float)
        return (
            special.gammaln(p * x + q)
            - special.gammaln(p * x)
            - special.gammaln(q)
            + q * np.log(v)
            + (p * x - 1) * np.log(m)
            + p * x * np.log(x)
            - (p * x + q) * np.log(v + x * m)
        )

    def fit(self, frequency, monetary_value) -> GammaGammaModel:
        x = np.asarray(frequency, float)
        m = np.asarray(monetary_value, float)
        ok = (x > 0) & (m > 0)
        (xx, mm), w = _compress(x[ok], m[ok])
        scale = float(np.mean(mm)) or 1.0  # money in units of the mean spend

        def neg(lp):
            value = -(w * self.log_likelihood(np.exp(lp), xx, mm / scale)).sum()
            return value if np.isfinite(value) else 1e300

        res = _fit(neg, np.array([0.0, 1.0, 0.0]))
        p, q, v = np.exp(res.x)
        self.params_ = {"p": p, "q": q, "v": v * scale}
        self.log_likelihood_ = float((w * self.log_likelihood((p, q, v * scale), xx, mm)).sum())
        self.n_customers_ = int(w.sum())
        self.converged_ = bool(res.success)
        return self

    def expected_spend(self, frequency, monetary_value) -> np.ndarray:
        """E[spend per purchase | x, m_x]; the population mean p·v/(q-1) for x = 0."""
        p, q, v = self.params_["p"], self.params_["q"], self.params_["v"]
        x = np.asarray(frequency, float)
        m = np.asarray(monetary_value, float)
        population = p * v / (q - 1) if q > 1 else np.nan
        return np.where(x > 0, (v + x * m) * p / (p * x + q - 1), population)


# ---- the value of each customer ----------------------------------------------------------
@dataclass(frozen=True)
class CustomerValue:
    """Expected purchases and value per customer over ``horizon_days``.

    Attributes
    ----------
    table
        Indexed by customer_id: frequency, recency, T, monetary_value (model inputs, days),
        prob_alive (NaN for one-time buyers, whom BG/NBD cannot judge), expected_purchases,
        expected_spend (per purchase), expected_value.
    bgnbd, gamma_gamma
        The fitted models.
    horizon_days
        The prediction horizon.
    one_time_share
        Share of customers with no repeat purchase (their spend per purchase is the
        population average: the model knows nothing else about them).
    spend_frequency_corr
        Pearson correlation of x and m_x among repeat buyers (the Gamma-Gamma check).
    """

    table: pd.DataFrame
    bgnbd: BetaGeoModel
    gamma_gamma: GammaGammaModel
    horizon_days: int
    one_time_share: float
    spend_frequency_corr: float
    notes: tuple[str, ...] = field(default_factory=tuple)


def customer_value(
    orders: pd.DataFrame | PaidOrders, as_of=None, horizon_days: int = 365, **columns: str
) -> CustomerValue:
    """Fit BG/NBD and Gamma-Gamma on the orders; expected purchases and value per customer.

    Raises
    ------
    AnalysisError
        ``ps_err_value_few`` (fewer than :data:`MIN_CUSTOMERS` customers or
        :data:`MIN_REPEAT_BUYERS` repeat buyers), ``ps_err_value_corr`` (spend per purchase
        correlated with frequency beyond :data:`MAX_SPEND_FREQUENCY_CORRELATION`),
        ``ps_err_value_fit`` (the likelihood has no usable optimum).
    """
    data = summary_data(orders, as_of, **columns)
    x = data["frequency"].to_numpy()
    repeat = x > 0
    n, n_repeat = len(data), int(repeat.sum())
    if n < MIN_CUSTOMERS or n_repeat < MIN_REPEAT_BUYERS:
        raise AnalysisError(
            "ps_err_value_few", customers=n, repeaters=n_repeat, min_customers=MIN_CUSTOMERS,
            min_repeaters=MIN_REPEAT_BUYERS,
        )  # fmt: skip
    m = data["monetary_value"].to_numpy()
    corr = float(np.corrcoef(x[repeat], m[repeat])[0, 1]) if np.ptp(x[repeat]) and np.ptp(m[repeat]) else 0.0
    if abs(corr) > MAX_SPEND_FREQUENCY_CORRELATION:
        raise AnalysisError("ps_err_value_corr", corr=f"{corr:.2f}", limit=MAX_SPEND_FREQUENCY_CORRELATION)
    bg = BetaGeoModel().fit(x, data["recency"], data["T"])
    gg = GammaGammaModel().fit(x, m)
    if not (np.isfinite(bg.log_likelihood_) and gg.params_["q"] > 1):
        raise AnalysisError("ps_err_value_fit")
    purchases = bg.expected_purchases(horizon_days, x, data["recency"], data["T"])
    spend = gg.expected_spend(x, m)
    if not (np.all(np.isfinite(purchases)) and np.all(np.isfinite(spend))):
        raise AnalysisError("ps_err_value_fit")
    table = data.assign(
        # BG/NBD lets customers leave only after a repeat purchase, so it calls every
        # one-time buyer "alive": that says nothing, and is not reported as if it did.
        prob_alive=np.where(x > 0, bg.prob_alive(x, data["recency"], data["T"]), np.nan),
        expected_purchases=purchases,
        expected_spend=spend,
        expected_value=purchases * spend,
    )
    return CustomerValue(table, bg, gg, int(horizon_days), float(1 - n_repeat / n), corr)
