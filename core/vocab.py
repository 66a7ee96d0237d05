"""Words that follow the organisation kind (党委/党组/党总支/党支部)."""

from __future__ import annotations

ORG_KINDS = ("党委", "党组", "党总支", "党支部")

#: What the members of each kind of organisation are called.
MEMBERS = {"党委": "党委委员", "党组": "党组成员", "党总支": "总支委员", "党支部": "支委委员"}
#: Its secretary and deputy.
SECRETARY = {"党委": "党委书记", "党组": "党组书记", "党总支": "党总支书记", "党支部": "党支部书记"}
DEPUTY = {"党委": "党委副书记", "党组": "党组副书记", "党总支": "党总支副书记", "党支部": "党支部副书记"}


def org_words(org: str, unit: str = "") -> dict[str, str]:
    """The words a text uses for an organisation: {org}, {members}, {secretary}, {unit}."""
    return {
        "org": org,
        "members": MEMBERS.get(org, f"{org}成员"),
        "secretary": SECRETARY.get(org, f"{org}书记"),
        "deputy": DEPUTY.get(org, f"{org}副书记"),
        "unit": unit,
    }
