"""Summaries of repeated measurements, and how a cost grows with size."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    """Median and spread of a few samples (seconds, bytes, …: the caller knows the unit)."""

    median: float
    low: float  # min
    high: float  # max
    q1: float
    q3: float
    n: int

    @property
    def spread(self) -> float:
        return self.high - self.low

    def to_dict(self) -> dict[str, float | int]:
        return {
            "median": self.median,
            "min": self.low,
            "max": self.high,
            "q1": self.q1,
            "q3": self.q3,
            "n": self.n,
        }


def summarize(samples: list[float]) -> Summary:
    if not samples:
        raise ValueError("no samples to summarize")
    ordered = sorted(samples)
    if len(ordered) == 1:
        q1 = q3 = ordered[0]
    else:
        # "inclusive" quartiles stay inside [min, max] even for 2 or 3 samples.
        q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    return Summary(statistics.median(ordered), ordered[0], ordered[-1], q1, q3, len(ordered))


def growth_exponent(sizes: list[float], costs: list[float]) -> float:
    """Slope of the least-squares line through (log size, log cost).

    1 means cost grows linearly with size, 2 quadratically; a fixed start-up cost (MkDocs
    importing its theme) pulls the slope below 1 at small sizes.
    """
    if len(sizes) != len(costs) or len(sizes) < 2:
        raise ValueError("need at least two (size, cost) pairs of equal length")
    if min(sizes) <= 0 or min(costs) <= 0:
        raise ValueError("sizes and costs must be positive to take logarithms")
    xs = [math.log(s) for s in sizes]
    ys = [math.log(c) for c in costs]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        raise ValueError("sizes must not all be equal")
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx


def ratio(numerator: float, denominator: float) -> float:
    if denominator <= 0:
        raise ValueError("the baseline took no time; cannot form a ratio")
    return numerator / denominator
