"""The places extractor: its spaCy component, rules and linking stage."""
