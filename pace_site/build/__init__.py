"""The build: the pipeline, stage after stage, and the cache keys of its computations."""
