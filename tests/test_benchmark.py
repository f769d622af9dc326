"""The hostile-seed section of `manpower bench` runs end to end (tiny seeds; no timing asserted)."""
from manpower.report.benchcuration import adversarial, adversarial_texts


def test_hostile_seeds_are_timed_against_a_normal_seed_of_their_size(tmp_path):
    texts = adversarial_texts(2000)
    assert {len(t) for t in texts.values()} <= set(range(1900, 2001))
    section = adversarial(tmp_path, runs=1, size=2000)
    cases = {c["seed"]: c for c in section["cases"]}
    assert list(cases) == list(texts) and section["target_ratio"] == 3
    assert cases[next(iter(texts))]["check_over_normal"] == 1.0
    assert cases['"a "']["draft_rows"] == 0 and cases["digits"]["draft_rows"] == 1
    assert cases["dense paragraph of numbers"]["draft_rows"] > cases["normal (real seeds repeated)"]["draft_rows"]
    assert cases["numbers without a full stop"]["draft_rows"] == 1  # a bare list is one row for review
    assert not [p for p in tmp_path.iterdir() if p.is_dir()]  # each copy of the project removed
