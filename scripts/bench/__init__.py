"""Measurement and test harness. Product code never imports it."""
