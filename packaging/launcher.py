"""Entry script of the frozen app: the same ``main`` as the ``variorum`` command.

With no subcommand it opens the window; ``compare``/``report`` run headless.
"""

import multiprocessing

from variorum.cli import main

if __name__ == "__main__":
    # A frozen program that ever starts worker processes must call this first.
    multiprocessing.freeze_support()
    raise SystemExit(main())
