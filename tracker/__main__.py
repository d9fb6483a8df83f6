"""``python -m tracker``: the command line (see tracker.cli)."""

from tracker.cli import main

if __name__ == "__main__":
    main(prog_name="python -m tracker")
