package dev.northstar.contracts;

/**
 * An ODCS {@code roles} entry: an access role consumers can request, and who approves it.
 *
 * @param role role name
 * @param access {@code read} or {@code write} (any text is kept)
 * @param description for humans
 * @param firstLevelApprovers first approvers
 * @param secondLevelApprovers second approvers
 */
public record Role(String role, String access, String description, String firstLevelApprovers,
        String secondLevelApprovers) {
    public Role {
        role = ImmutableValues.text(role);
        access = ImmutableValues.text(access);
        description = ImmutableValues.text(description);
        firstLevelApprovers = ImmutableValues.text(firstLevelApprovers);
        secondLevelApprovers = ImmutableValues.text(secondLevelApprovers);
    }
}
