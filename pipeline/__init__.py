"""claimscope: dated events, places, casualty counts and attribution claims with exact provenance."""

__version__ = "0.1.0"
