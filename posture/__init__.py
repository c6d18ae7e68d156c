"""Posture: a desk assistant that watches sitting posture through a webcam and coaches kindly."""

__version__ = "0.1.0"
