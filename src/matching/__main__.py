"""``python -m matching``: see :mod:`matching.cli`."""

from .cli import main

raise SystemExit(main())
