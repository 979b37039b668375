"""The vocabulary and rule IDs of the spec, written out for the tests on their own.

Kept apart from ``rollcoach.vocabulary`` on purpose: if the code drops or renames
an ID, the tests still expect the spec's.
"""

TARGET_AREAS = (
    "calves",
    "shins",
    "feet",
    "hamstrings",
    "quadriceps",
    "vastus-lateralis",
    "adductors",
    "glutes",
    "piriformis",
    "tfl",
    "hip-flexors",
    "upper-back",
    "lats",
)
NEVER_AREAS = ("it-band", "spine", "lower-back", "neck", "abdomen", "knee", "ankle", "hip-bone")
PAIN_SITES = ("hip", *TARGET_AREAS, *NEVER_AREAS)
TOOLS = (
    "foam-roller",
    "massage-ball",
    "massage-stick",
    "peanut-ball",
    "hip-release-ball",
    "hip-hook",
)
CONDITIONS = (
    "blood-thinners",
    "blood-disorder",
    "neuropathy",
    "osteoporosis",
    "bone-stress-suspected",
)
SYMPTOMS = ("numbness", "tingling", "sharp-pain", "radiating-pain")
SIGNS = ("redness", "swelling")
WHENS = ("post-run", "pre-run", "separate")
RUN_TYPES = ("easy", "long", "tempo", "intervals", "hills", "trail", "race")
SIDES = ("left", "right", "both")
LEVELS = ("beginner", "intermediate", "advanced")
SCREEN_ITEMS = ("bony_tenderness", "prior_bone_stress", "high_arch", "volume_jump", "hop_pain")

# The rule catalogue of spec/rules.md: family and how many rules it has.
RULE_FAMILIES = {
    "SAFE": 12,
    "AREA": 5,
    "DOSE": 11,
    "TIME": 5,
    "TOOL": 8,
    "FOCUS": 6,
    "CARE": 4,
    "REST": 8,
    "LEARN": 4,
}
RULE_IDS = [f"{family}-{n}" for family, count in RULE_FAMILIES.items() for n in range(1, count + 1)]
# In the catalogue with their evidence, not yet applied by the coach (the learning issue).
NOT_YET_APPLIED = {"LEARN-1", "LEARN-2", "LEARN-3", "LEARN-4"}
APPLIED_RULE_IDS = [rule for rule in RULE_IDS if rule not in NOT_YET_APPLIED]
