"""The Whoosh index on disk, and byline's specialisation of Whoosh.

The index is an ordinary whoosh-reloaded 2.7.5 index (W3 codec): Whoosh
alone opens and searches it.  byline specialises Whoosh for speed, in ways
that keep those files Whoosh's:

* writing (:mod:`.whoosh_private`): postings blocks of 4,096 postings, not
  zlib-compressed, pickled with the newest protocol, ids and weights as
  arrays and the values of a block as one ``struct.unpack`` call
  (:mod:`.blocks`); a posting pool that spills and merges runs in chunks;
  each field-length column read once per commit instead of once per posting;
  segments written by forked workers committed without a final merge;
* positions (:mod:`.positions`): Whoosh's ``Positions`` format, with a
  layout numpy decodes a whole posting list at a time for phrases;
* analysis (:mod:`.analyzers`): the fields index words through one regular
  expression and a stem cache that match Whoosh's analyzer chain, and pickle
  into the index as the plain Whoosh ``TEXT`` fields they specialise;
* searching (:mod:`.postings`, :mod:`.engine`, :mod:`.columns`): posting lists
  read in one file read and matched a whole list at a time in numpy, and
  columns read whole, instead of Whoosh's one-posting-at-a-time matchers.

Whoosh's private names are used in :mod:`.whoosh_private` only, with types;
its ``WHOOSH_VERSION`` is the release they were checked against.
"""
