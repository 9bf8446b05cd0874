"""Series colours that belong to what a series is, not to how it is called: a channel, a
segment or a step keeps its colour when the language changes or another series appears."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import altair as alt

#: Ten colours that stay apart for colour-blind readers (Tableau 10); "other" is grey.
COLORS: tuple[str, ...] = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
)  # fmt: skip
OTHER_COLOR = "#9e9e9e"


def scale(labels: Mapping[str, str], other: Iterable[str] = ()) -> alt.Scale:
    """A colour scale over the shown labels (``{stable key: label}``) where each key's colour
    follows the keys' sorted order, so it is the same in every language; keys in ``other``
    (an "Other" bucket) are grey."""
    rest = set(other)
    keys = sorted(k for k in labels if k not in rest)
    domain = [labels[k] for k in keys] + [labels[k] for k in labels if k in rest]
    colors = [COLORS[i % len(COLORS)] for i in range(len(keys))] + [OTHER_COLOR] * (len(domain) - len(keys))
    return alt.Scale(domain=domain, range=colors)
