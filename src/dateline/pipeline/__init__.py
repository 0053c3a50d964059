"""The pipeline: components (what each coding stage assigns and requires) and the runner
that drives them over batches of inputs."""
