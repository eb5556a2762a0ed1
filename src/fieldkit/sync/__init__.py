"""The exchange between laptops: the exchange file, its checks, and the import pipeline."""
