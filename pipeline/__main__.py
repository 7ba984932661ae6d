"""`python -m pipeline ...` is `claimscope ...` (e.g. `python -m pipeline --version`)."""
from pipeline.cli import app

if __name__ == "__main__":
    app(prog_name="python -m pipeline")
