"""manpower: how Russia keeps its army manned, from curated, quote-checked figures."""

__version__ = "0.1.0"
