"""Rules as data: loading and validating rules/**/*.yaml, and running their examples."""
