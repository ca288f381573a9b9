"""The shipped rules, gazetteers and styles: data, edited here and read by cleanup through
``importlib.resources`` as the package ``cleanup.ruledata`` (see pyproject.toml). This file only
makes the folder a regular package, so that editable installs map it too."""
