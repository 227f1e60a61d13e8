"""The types every stage shares, and imports no stage: content and data, disclosure policy, published charts,
formatting."""
