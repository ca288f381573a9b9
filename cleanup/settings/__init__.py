"""Settings: the Config, settings files, per-path settings."""
