"""What the commands do (fix, check, review, ...): no click here."""
