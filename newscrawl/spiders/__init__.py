"""One spider per way of finding URLs; they share how an article page is fetched."""
