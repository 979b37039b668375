"""The coach's knowledge: areas, tools, techniques, rules, as validated data."""

from rollcoach.knowledge.loader import (
    Knowledge,
    KnowledgeError,
    data_folder,
    load_knowledge,
    load_knowledge_from,
)

__all__ = ["Knowledge", "KnowledgeError", "data_folder", "load_knowledge", "load_knowledge_from"]
