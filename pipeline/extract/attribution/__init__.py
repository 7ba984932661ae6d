"""The attribution extractor: its spaCy component, rules and linking stage."""
