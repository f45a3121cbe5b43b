"""The Classroom page's helpers: ready lessons as links."""
