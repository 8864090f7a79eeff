"""Text analysis: entities, quotations, speakers, canonical names."""
