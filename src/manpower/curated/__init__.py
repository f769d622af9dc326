"""The curated data, read right: provenance (every figure's verbatim quote), the rules a table
keeps, the validated dataset and its cache, selection (as_of, filters), derived figures, and the
synthetic articles the benchmark and tests generate."""
