"""The events extractor: its spaCy component, rules and linking stage."""
