"""Data-driven personas: k-means on log-scaled, standardised recency, frequency, monetary and
how overdue each customer is.

"Overdue" is the customer's recency in units of their own usual gap between orders (0 for
one-time buyers): a heavy buyer silent for five months and a yearly buyer silent for five
months have the same recency but are not the same risk, and without it k-means folds
lapsed heavy buyers into the loyal ones.

k is chosen by the silhouette score on a bounded sample (O(n²) otherwise); above
:data:`FIT_SAMPLE` customers the centroids are fitted on a random sample and every customer
is then assigned to the nearest one, so 300k customers cluster in about a second. Everything
is seeded: the same data gives the same personas.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score
from sklearn.metrics.pairwise import euclidean_distances
from threadpoolctl import threadpool_limits

from ecom_core.load.dataset import AnalysisError

FEATURES: tuple[str, ...] = ("recency_days", "frequency", "monetary", "overdue")
K_RANGE: tuple[int, int] = (3, 8)
SILHOUETTE_SAMPLE = 5_000
FIT_SAMPLE = 50_000
SELECT_SAMPLE = 10_000
STABILITY_RUNS = 5


def customer_features(table: pd.DataFrame, first_order: pd.Series, as_of: pd.Timestamp) -> pd.DataFrame:
    """The RFM table with ``overdue`` added: recency_days ÷ the customer's mean days between
    orders (first to last order span ÷ (frequency - 1)); 0 for one-time buyers.

    ``first_order`` is each customer's first counted order time (``RFMResult.first_order``).
    """
    age = (as_of.normalize() - first_order.dt.normalize()).dt.days.to_numpy(dtype=float)
    freq = table["frequency"].to_numpy(dtype=float)
    recency = table["recency_days"].to_numpy(dtype=float)
    gap = np.maximum((age - recency) / np.maximum(freq - 1, 1), 1.0)
    overdue = np.where(freq > 1, recency / gap, 0.0)
    return table.assign(overdue=overdue)


def feature_matrix(table: pd.DataFrame, features: tuple[str, ...] = FEATURES) -> np.ndarray:
    """log1p of the features (all are >= 0; the log tames the long right tails)."""
    values = table[[f for f in features if f in table.columns]].to_numpy(dtype=float)
    return np.log1p(np.clip(values, 0.0, None))


def silhouette_from_distances(distances: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette coefficient from a precomputed distance matrix.

    Same definition as ``sklearn.metrics.silhouette_score`` (points alone in their cluster
    score 0), but the distances are computed once and reused for every k tried: the
    per-cluster mean distances are one matrix product.
    """
    uniq, lab = np.unique(labels, return_inverse=True)
    k = len(uniq)
    if k < 2:
        raise ValueError("silhouette needs at least 2 clusters")
    onehot = np.zeros((len(lab), k), dtype=distances.dtype)
    onehot[np.arange(len(lab)), lab] = 1.0
    sums = distances @ onehot  # n x k: total distance of each point to each cluster
    sizes = onehot.sum(axis=0)
    own = sizes[lab]
    a = sums[np.arange(len(lab)), lab] / np.maximum(own - 1, 1)
    means = sums / sizes
    means[np.arange(len(lab)), lab] = np.inf
    b = means.min(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        s = (b - a) / np.maximum(a, b)
    s = np.where(own > 1, np.nan_to_num(s), 0.0)
    return float(s.mean())


class PersonaModel:
    """k-means personas on RFM, scikit-learn style.

    Parameters
    ----------
    n_clusters
        Number of personas, or None to choose it in ``k_range`` by silhouette.
    k_range
        Inclusive range of k tried when ``n_clusters`` is None.
    random_state
        Seed of every random step (samples, k-means initialisation).

    Attributes (after ``fit``)
    --------------------------
    n_clusters_ : chosen k
    silhouette_ : {k: silhouette score on the sample}
    mean_, scale_ : standardisation of the log features
    cluster_centers_ : centroids in standardised log space, ordered by revenue (persona 0
        brings the most revenue)
    labels_ : persona of every fitted customer (0 .. k-1)
    stability_ : mean adjusted Rand index of refits on resampled data (1 = identical)
    """

    def __init__(
        self,
        n_clusters: int | None = None,
        k_range: tuple[int, int] = K_RANGE,
        random_state: int = 0,
        silhouette_sample: int = SILHOUETTE_SAMPLE,
        fit_sample: int = FIT_SAMPLE,
    ):
        self.n_clusters = n_clusters
        self.k_range = k_range
        self.random_state = random_state
        self.silhouette_sample = silhouette_sample
        self.fit_sample = fit_sample

    def _standardise(self, table: pd.DataFrame) -> np.ndarray:
        return (feature_matrix(table) - self.mean_) / self.scale_

    def fit(self, table: pd.DataFrame) -> PersonaModel:
        # One thread: k-means' OpenMP threads spin-wait, and on a server shared by several
        # sessions they slow everything down several times over instead of speeding it up.
        with threadpool_limits(limits=1):
            return self._fit(table)

    def _fit(self, table: pd.DataFrame) -> PersonaModel:
        """Fit on an RFM table (:func:`ecom_core.personas.rfm`): one row per customer.

        Raises
        ------
        AnalysisError
            ``ps_err_identical`` when customers do not differ enough to form 2 groups.
        """
        rng = np.random.default_rng(self.random_state)
        raw = feature_matrix(table)
        self.mean_ = raw.mean(axis=0)
        scale = raw.std(axis=0)
        self.scale_ = np.where(scale > 0, scale, 1.0)
        X = (raw - self.mean_) / self.scale_
        n = len(X)
        distinct = len(np.unique(np.round(X, 9), axis=0)) if n <= 200_000 else n
        lo, hi = self.k_range
        hi = min(hi, distinct - 1 if distinct > 2 else distinct)
        if distinct < 2 or n < 4:
            raise AnalysisError("ps_err_identical")
        fit_idx = rng.choice(n, self.fit_sample, replace=False) if n > self.fit_sample else np.arange(n)
        Xfit = X[fit_idx]
        # k is chosen on a smaller sample; the chosen centroids then seed the fit on Xfit
        sel = rng.permutation(len(Xfit))[:SELECT_SAMPLE]  # random order: the silhouette takes the head
        Xsel = Xfit[sel]
        sil_pos = np.arange(min(len(sel), self.silhouette_sample))
        self.silhouette_ = {}
        if self.n_clusters is not None:
            k = int(min(max(2, self.n_clusters), max(2, distinct)))
            model = self._kmeans(k).fit(Xfit)
        else:
            lo = max(2, min(lo, hi))
            distances = euclidean_distances(Xsel[sil_pos])
            best = None
            for k in range(lo, max(lo, hi) + 1):
                model_k = self._kmeans(k).fit(Xsel)
                labels = model_k.labels_[sil_pos]
                if len(np.unique(labels)) < 2:
                    continue
                s = silhouette_from_distances(distances, labels)
                self.silhouette_[k] = s
                if best is None or s > best[0]:
                    best = (s, k, model_k)
            if best is None:
                raise AnalysisError("ps_err_identical")
            _, k, model = best
        if self.n_clusters is None and len(Xsel) < len(Xfit):
            model = KMeans(n_clusters=k, init=model.cluster_centers_, n_init=1).fit(Xfit)
        labels = model.predict(X)
        # persona 0 = the group bringing most revenue: stable, meaningful order
        revenue = np.bincount(labels, weights=table["monetary"].to_numpy(dtype=float), minlength=k)
        order = np.argsort(-revenue, kind="stable")
        remap = np.empty(k, dtype=int)
        remap[order] = np.arange(k)
        self.cluster_centers_ = model.cluster_centers_[order]
        self.labels_ = remap[labels]
        self.n_clusters_ = k
        self.stability_ = self._stability(Xsel[sil_pos], k, rng)
        return self

    def _kmeans(self, k: int, seed: int | None = None) -> KMeans:
        return KMeans(n_clusters=k, n_init=3, random_state=self.random_state if seed is None else seed)

    def _stability(self, X: np.ndarray, k: int, rng: np.random.Generator) -> float:
        """Mean adjusted Rand index between the fitted personas and refits on 80% resamples
        with other seeds, compared on the same customers."""
        reference = self._nearest(X)
        scores = []
        for run in range(STABILITY_RUNS):
            idx = rng.choice(len(X), max(k + 1, int(0.8 * len(X))), replace=False)
            refit = self._kmeans(k, seed=self.random_state + run + 1).fit(X[idx])
            scores.append(adjusted_rand_score(reference, refit.predict(X)))
        return float(np.mean(scores))

    def _nearest(self, X: np.ndarray) -> np.ndarray:
        d = ((X[:, None, :] - self.cluster_centers_[None, :, :]) ** 2).sum(axis=2)
        return d.argmin(axis=1)

    def predict(self, table: pd.DataFrame) -> np.ndarray:
        """Persona (0 .. k-1) of each customer of an RFM table."""
        X = self._standardise(table)
        out = np.empty(len(X), dtype=int)
        for start in range(0, len(X), 100_000):  # bounded memory for the distance block
            out[start : start + 100_000] = self._nearest(X[start : start + 100_000])
        return out


# ---- describing personas -----------------------------------------------------------------
#: Levels used in the one-sentence description (catalog keys ps_lvl_*).
RECENCY_LEVELS = ("recent", "cooling", "lapsed")
FREQUENCY_LEVELS = ("frequent", "repeat", "one_time")
SPEND_LEVELS = ("high_spend", "mid_spend", "low_spend")


@dataclass(frozen=True)
class Personas:
    """Personas of a customer base.

    Attributes
    ----------
    labels
        Persona number (0 = most revenue) of each customer, indexed like the RFM table.
    profile
        One row per persona: persona, segment (code of the nearest RFM segment), customers,
        customer_share, revenue, revenue_share, recency_days (median), frequency (mean),
        monetary (mean), r_level, f_level, m_level, z_recency, z_frequency, z_monetary,
        z_overdue (centroid in standardised log units; recency sign flipped so higher = better).
    model
        The fitted :class:`PersonaModel`.
    """

    labels: pd.Series
    profile: pd.DataFrame
    model: PersonaModel


def personas(result, n_clusters: int | None = None, random_state: int = 0) -> Personas:
    """Cluster customers into personas and describe each one.

    Parameters
    ----------
    result
        An :class:`ecom_core.personas.RFMResult` (from :func:`ecom_core.personas.score`):
        its table, segment codes (for naming) and first orders (for ``overdue``).
    n_clusters
        Force k; None chooses it by silhouette in 3-8.
    """
    table = customer_features(result.table, result.first_order, result.as_of)
    segment_code = result.segment_code
    model = PersonaModel(n_clusters=n_clusters, random_state=random_state).fit(table)
    k = model.n_clusters_
    labels = model.labels_
    frame = table[["recency_days", "frequency", "monetary"]].assign(
        persona=labels, segment=segment_code.astype(str).to_numpy()
    )
    by = frame.groupby("persona", sort=True)
    profile = pd.DataFrame(
        {
            "customers": by.size(),
            "revenue": by["monetary"].sum(),
            "recency_days": by["recency_days"].median(),
            "frequency": by["frequency"].mean(),
            "monetary": by["monetary"].mean(),
        }
    ).reindex(range(k), fill_value=0)
    profile.insert(1, "customer_share", profile["customers"] / len(frame))
    profile.insert(3, "revenue_share", profile["revenue"] / max(profile["revenue"].sum(), 1e-300))
    # nearest RFM segment: the segment most of the persona's customers are in
    counts = frame.groupby(["persona", "segment"]).size().rename("n").reset_index()
    top = counts.sort_values(["persona", "n"], ascending=[True, False], kind="stable").drop_duplicates(
        "persona"
    )
    profile["segment"] = top.set_index("persona")["segment"].reindex(range(k)).to_numpy()
    r_cut = np.quantile(table["recency_days"], [1 / 3, 2 / 3])
    m_cut = np.quantile(table["monetary"], [1 / 3, 2 / 3])
    overall_f = float(table["frequency"].mean())
    profile["r_level"] = np.select(
        [profile["recency_days"] <= r_cut[0], profile["recency_days"] >= r_cut[1]],
        ["recent", "lapsed"], "cooling",
    )  # fmt: skip
    profile["f_level"] = np.select(
        [profile["frequency"] >= max(2.0, 1.5 * overall_f), profile["frequency"] < 1.5],
        ["frequent", "one_time"], "repeat",
    )  # fmt: skip
    profile["m_level"] = np.select(
        [profile["monetary"] >= m_cut[1], profile["monetary"] <= m_cut[0]],
        ["high_spend", "low_spend"], "mid_spend",
    )  # fmt: skip
    centers = model.cluster_centers_
    profile["z_recency"] = -centers[:, 0]
    profile["z_frequency"] = centers[:, 1]
    profile["z_monetary"] = centers[:, 2]
    profile["z_overdue"] = centers[:, 3]
    profile = profile.rename_axis("persona").reset_index()
    return Personas(pd.Series(labels, index=table.index, name="persona"), profile, model)


def persona_traits(
    orders: pd.DataFrame,
    labels: pd.Series,
    columns: tuple[str, ...] = ("channel", "region", "category"),
    customer_id: str = "customer_id",
) -> pd.DataFrame:
    """The most common value of each descriptive column among each persona's order lines.

    Returns
    -------
    DataFrame: persona, column, value, share (of the persona's order lines with a value).
    Columns absent from ``orders`` are skipped; empty when none is present.
    """
    present = [c for c in columns if c in orders.columns]
    rows = []
    persona = orders[customer_id].map(labels)
    for col in present:
        frame = pd.DataFrame({"persona": persona, "value": orders[col]}).dropna()
        if frame.empty:
            continue
        counts = frame.groupby(["persona", "value"], observed=True).size().rename("n").reset_index()
        counts["share"] = counts["n"] / counts.groupby("persona")["n"].transform("sum")
        top = counts.sort_values(["persona", "n"], ascending=[True, False], kind="stable").drop_duplicates(
            "persona"
        )
        rows.append(top.assign(column=col)[["persona", "column", "value", "share"]])
    if not rows:
        return pd.DataFrame(columns=["persona", "column", "value", "share"])
    out = pd.concat(rows, ignore_index=True)
    out["persona"] = out["persona"].astype(int)
    return out.sort_values(["persona", "column"], kind="stable", ignore_index=True)
