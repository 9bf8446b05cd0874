"""Conversion funnels: aggregate (traffic), event (clickstream) and orders-only."""
