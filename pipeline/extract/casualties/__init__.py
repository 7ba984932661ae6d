"""The casualties extractor: its spaCy component, rules and linking stage."""
