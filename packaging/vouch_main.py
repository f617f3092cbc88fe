"""Entry script for the PyInstaller bundle: the same `main()` as the `vouch` command."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
