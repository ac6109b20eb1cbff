"""``python -m variorum``: same as the ``variorum`` command."""

from variorum.cli import main

raise SystemExit(main())
