"""Developer tools: benchmarks, corpus generators, junk inputs, lexicon and model builders. Never imported by the pipeline."""
