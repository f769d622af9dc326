"""The words the curated data is written in: numbers and qualifiers as articles write them, the
schema (every table and vocabulary, declared once), the chapter list, the report's parameters and
what a cache key is made of. No pandas here: the command line reads it at start-up."""
