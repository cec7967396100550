"""One small pipeline class per stage; the order is ITEM_PIPELINES in settings."""
