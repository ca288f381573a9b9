"""The CI gate: the quality score, the baseline, the one pass/fail decision."""
