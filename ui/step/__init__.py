"""The Step-through page's helpers: one sample's pass recorded, rendered stage by stage, explained and checked."""
