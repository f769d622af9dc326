"""`python -m manpower` is the `manpower` command."""
import sys

from manpower.cli import main

sys.exit(main())
