"""`python -m bot` does what the `todaibieu` command does."""

import sys

from bot.cli import main

sys.exit(main())
