"""Who the customers are: RFM segments, k-means personas, customer value (BG/NBD + Gamma-Gamma), cohorts.

Public API
----------
rfm(orders_frame, as_of=None) -> DataFrame indexed by customer_id: recency_days, frequency,
    monetary, r_score, f_score, m_score, segment
score(orders, as_of=None, scoring="auto", segments=SEGMENTS) -> RFMResult
paid_orders(orders) -> PaidOrders (read the lines once; every function below accepts it
    in place of the orders frame)
segment_summary(result) -> DataFrame; grid_counts(result) -> DataFrame
segment_grid(segments) -> 5 x 5 array; segments_table(segments); segments_from_table(table)
movement(orders, start, end=None, scoring="auto", segments=SEGMENTS) -> DataFrame from, to, customers
personas(result, n_clusters=None, random_state=0) -> Personas; PersonaModel; persona_traits(orders, labels)
repurchase_rates(orders, windows=(30, 90)); cohort_retention(orders)
customer_value(orders, as_of=None, horizon_days=365) -> CustomerValue; BetaGeoModel; GammaGammaModel
"""

from ecom_core.personas import charts, present
from ecom_core.personas.clusters import PersonaModel, Personas, customer_features, persona_traits, personas
from ecom_core.personas.rfm import (
    SEGMENTS,
    PaidOrders,
    RFMResult,
    Segment,
    cell_segments,
    default_as_of,
    grid_counts,
    movement,
    paid_orders,
    prepare,
    rfm,
    score,
    segment_grid,
    segment_summary,
    segments_from_table,
    segments_table,
)
from ecom_core.personas.value import (
    BetaGeoModel,
    CustomerValue,
    GammaGammaModel,
    cohort_retention,
    customer_value,
    repurchase_rates,
    summary_data,
)

__all__ = [
    "SEGMENTS",
    "BetaGeoModel",
    "CustomerValue",
    "GammaGammaModel",
    "PaidOrders",
    "PersonaModel",
    "Personas",
    "RFMResult",
    "Segment",
    "cell_segments",
    "charts",
    "cohort_retention",
    "customer_features",
    "customer_value",
    "default_as_of",
    "grid_counts",
    "movement",
    "paid_orders",
    "persona_traits",
    "personas",
    "prepare",
    "present",
    "repurchase_rates",
    "rfm",
    "score",
    "segment_grid",
    "segment_summary",
    "segments_from_table",
    "segments_table",
    "summary_data",
]
