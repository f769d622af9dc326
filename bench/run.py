"""Entry point kept for `python bench/run.py`; the benchmark lives in manpower.benchmark."""
import sys

from manpower.benchmark import main

if __name__ == "__main__":
    sys.exit(main())
