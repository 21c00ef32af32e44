"""Table models: one per list, holding light rows with precomputed sort and filter keys."""
