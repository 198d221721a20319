package dev.northstar.contracts;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The team owning the contract. ODCS v3.0 wrote {@code team} as a list of members; v3.1 as an object with
 * {@code members}. Both are read into this record (name and description empty for the v3.0 form).
 */
public record Team(String name, String description, List<Member> members) {
    public Team {
        name = ImmutableValues.text(name);
        description = ImmutableValues.text(description);
        members = List.copyOf(requireNonNull(members, "members is null"));
    }

    /** No team given. */
    public static Team none() {
        return new Team("", "", List.of());
    }

    /** A member of the team; every field but {@code username} may be empty. */
    public record Member(String username, String name, String role, String description, String dateIn,
            String dateOut, String replacedByUsername) {
        public Member {
            username = ImmutableValues.text(username);
            name = ImmutableValues.text(name);
            role = ImmutableValues.text(role);
            description = ImmutableValues.text(description);
            dateIn = ImmutableValues.text(dateIn);
            dateOut = ImmutableValues.text(dateOut);
            replacedByUsername = ImmutableValues.text(replacedByUsername);
        }
    }
}
