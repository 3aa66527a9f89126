"""Run the ictcost command line: ``python -m ictcost``."""

from ictcost.cli import main

if __name__ == "__main__":
    main()
