"""Small helpers every floor above uses: dates as articles write them, a cell as text or a number,
markup both the prose and the typesetter read, locks, the environment's secret key, "did you mean".

Nothing here knows about the curated tables; modules are imported one by one (no eager imports,
so `manpower --help` stays fast)."""
