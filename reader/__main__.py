"""``python -m byline.reader`` runs the ``byline`` command."""

import sys

from byline.reader.cli.launch import main

sys.exit(main())
