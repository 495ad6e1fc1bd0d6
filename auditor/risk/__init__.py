"""Re-identification risk and sample composition: the quasi-identifiers of each item (a record type of its own,
extracted at scan time and stored generalized), equivalence-class risk measures, person-clusters and the
corpus's make-up against a reference population."""
