"""ecom_core: the analysis brain of the shop-analysis app (no Streamlit outside ``ui``).

Public API
----------
load(source, kind=None, sheet=None, mapping=None, filename=None) -> Dataset
load_all(source, filename=None) -> list[Dataset]
load_files(files) -> list[Dataset]          # several uploads at once, related parts joined
read_tables(source, filename=None) -> list[RawTable]
guess(raw) -> Guess
interpret(raw, kind=None, mapping=None) -> Dataset
combine(datasets) -> list[Dataset]
metrics.summary(orders, traffic=None, start=None, end=None) -> pd.Series   # every headline figure
"""

from ecom_core import abtest, channels, funnel, metrics, overview, personas, privacy, report, state
from ecom_core.load import (
    AnalysisError,
    Dataset,
    ExplainedError,
    Guess,
    LoadError,
    Note,
    QualityReport,
    RawTable,
    combine,
    guess,
    interpret,
    load,
    load_all,
    load_files,
    read_tables,
)

__all__ = [
    "AnalysisError",
    "Dataset",
    "ExplainedError",
    "Guess",
    "LoadError",
    "Note",
    "QualityReport",
    "RawTable",
    "abtest",
    "channels",
    "combine",
    "funnel",
    "guess",
    "interpret",
    "load",
    "load_all",
    "load_files",
    "metrics",
    "overview",
    "personas",
    "privacy",
    "read_tables",
    "report",
    "state",
]
