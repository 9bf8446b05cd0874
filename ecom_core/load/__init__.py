"""Loading: any shop export's bytes -> canonical :class:`Dataset` objects.

The steps, each a module: :mod:`reader` (bytes -> raw tables: file type, encoding,
delimiter, sheets, title rows), :mod:`detect` (which kind of data, which column is which),
:mod:`values` (cells -> typed values: money notations, dates, ids), :mod:`money` (money
roles checked on the rows), :mod:`loader` (a raw table -> the canonical frame and its
quality report); :mod:`schema` is the canonical data model and :mod:`dataset` the result
types. ``ec.load`` and the rest of the public loading API are re-exported by ``ecom_core``.
"""

from ecom_core.load.dataset import AnalysisError, Dataset, ExplainedError, LoadError, Note, QualityReport
from ecom_core.load.detect import Guess, guess
from ecom_core.load.loader import combine, interpret, load, load_all, load_files
from ecom_core.load.reader import RawTable, read_tables

__all__ = [
    "AnalysisError",
    "Dataset",
    "ExplainedError",
    "Guess",
    "LoadError",
    "Note",
    "QualityReport",
    "RawTable",
    "combine",
    "guess",
    "interpret",
    "load",
    "load_all",
    "load_files",
    "read_tables",
]
