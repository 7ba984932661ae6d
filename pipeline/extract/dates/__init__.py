"""The dates extractor: its spaCy component, rules and linking stage."""
