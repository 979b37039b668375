"""The coach's knowledge: areas, tools, techniques, rules, as validated data."""

from rollcoach.knowledge.loader import Knowledge, KnowledgeError, load_knowledge

__all__ = ["Knowledge", "KnowledgeError", "load_knowledge"]
