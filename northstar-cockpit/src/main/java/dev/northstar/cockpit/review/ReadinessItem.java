package dev.northstar.cockpit.review;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One item of the "ready to start" checklist or one milestone of the 100-day plan, evaluated from the platform.
 *
 * @param id stable id, e.g. {@code checklist.security-gdpr} or {@code plan.weeks-9-12}
 * @param group {@code checklist} or {@code plan}
 * @param title the item as the method states it
 * @param status done, partial or missing
 * @param evidence what was found, with counts
 * @param links where to see it
 * @param nextStep what to do next; empty when done
 */
public record ReadinessItem(String id, String group, String title, ReadinessStatus status, String evidence,
        List<EvidenceLink> links, String nextStep) {
    public ReadinessItem {
        requireNonNull(id, "id is null");
        requireNonNull(group, "group is null");
        requireNonNull(title, "title is null");
        requireNonNull(status, "status is null");
        requireNonNull(evidence, "evidence is null");
        links = List.copyOf(links);
        requireNonNull(nextStep, "nextStep is null");
    }
}
