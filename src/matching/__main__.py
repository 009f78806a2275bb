"""``python -m matching``: see :mod:`matching.cli`."""

import sys

try:
    from .cli import main
except KeyboardInterrupt:  # Ctrl+C while the command's libraries load
    print("\ninterrupted", file=sys.stderr)
    raise SystemExit(130) from None

raise SystemExit(main())
