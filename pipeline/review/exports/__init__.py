"""The exporters of `claimscope export` (entry point: pipeline/review/export.py): common.py reads the
database once, prodigy.py, labelstudio.py and brat.py write the other tools' formats."""
