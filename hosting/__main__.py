"""`python -m hosting`: see hosting/__init__.py."""

from hosting import main

raise SystemExit(main())
