"""`python -m bench` runs the build benchmark."""

from bench.build import main

raise SystemExit(main())
