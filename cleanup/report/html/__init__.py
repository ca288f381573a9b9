"""The HTML review page (``fix --html``): :mod:`cleanup.report.html.page` renders it; its style and
script are ``review.css`` and ``review.js`` here, inlined into each page (``review-source.css``
too on pages of a translation whose source was given)."""
