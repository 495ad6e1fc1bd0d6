"""The sample generator's parts, one module per section; `data/make_sample.py` is the command."""
