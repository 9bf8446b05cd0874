"""A/B tests: planning (sample size, duration) and reading results (proportions, means, SRM, χ²)."""
