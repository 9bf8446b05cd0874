"""Who the customers are: RFM segments, k-means personas, customer value (BG/NBD + Gamma-Gamma), cohorts."""
