"""The bundled sample corpus: article files in the byline article format (see README.md)."""
