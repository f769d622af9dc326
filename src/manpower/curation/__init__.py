"""Curation, the commands that change data/ and seeds/ or describe them: `check`, `add`, `draft`
(reading what the words around a number say) and its score, `accept`, the codebook and the data
package. Only the command line and the benchmark import it."""
