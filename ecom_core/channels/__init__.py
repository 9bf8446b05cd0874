"""Which channels pay back: channel grouping, KPIs, response curves, budget allocation, attribution."""
