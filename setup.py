"""Packaging: everything else is in pyproject.toml. This file only adds what pyproject cannot say with
package discovery: the top-level `models/` folder (pipeline config, lexicons, gazetteer data, any trained
weights) is shipped as the package-data-only package `pipeline.models`, so an installed wheel has it at
`pipeline/models/` (found by pipeline/paths.py) while the checkout keeps it at the top."""
from setuptools import find_namespace_packages, setup

setup(
    # namespace discovery, as pyproject's packages.find did: folders without __init__.py (migrations/, views/,
    # static/) are packages too, so their package data (*.sql, static/*) is found
    packages=find_namespace_packages(include=["pipeline", "pipeline.*", "claimscope"]) + ["pipeline.models"],
    package_dir={"pipeline.models": "models"},
)
