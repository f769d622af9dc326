"""The analysis: what kind of figure a row is, figures in words, comparisons of figures over
periods and claimants, and the balance of losses against inflows. It reads the curated data and
knows nothing of the writing or the typesetter."""
