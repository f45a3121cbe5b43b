"""The MNIST workshop's helpers: one module per tab, the session's state and the digit pictures."""
