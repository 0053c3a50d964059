"""The knowledge base: actor vocabularies, the gazetteer, time expressions; each fact once."""
