"""The writing: the words each kind of figure takes, evidence (a figure's quote carried to the
HTML), prose with citations, key judgements, what the sources cannot tell, indicators to watch,
what changed since a previous report, how to cite it, and the short report when nothing is selected."""
