"""Check functions, one module per area; each registers its checks with itstyr.scoring.registry.check."""
