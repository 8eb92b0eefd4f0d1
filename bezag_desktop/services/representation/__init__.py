"""Representation area: member bodies, people, mandates (Vertretungen), chair terms, elections, import."""
