"""Entry point kept for `python bench/run.py`; the benchmark lives in manpower.report.benchmark."""
import sys

from manpower.report.benchmark import main

if __name__ == "__main__":
    sys.exit(main())
