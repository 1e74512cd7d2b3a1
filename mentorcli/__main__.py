"""`python -m mentorcli`."""

from mentorcli.cli import main

main()
