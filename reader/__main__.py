"""``python -m byline.reader`` runs the ``byline`` command."""

import sys

from byline.reader.launch import main

sys.exit(main())
