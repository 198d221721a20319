package dev.northstar.cockpit.finops;

import static java.util.Objects.requireNonNull;

import dev.northstar.cockpit.MeasuredCosts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * {@link MeasuredCosts} from cost attribution: the cost of the last 30 days of a product (all its tables, quarantine
 * included) or model, times 365/30. An asset with nothing measured in that window has no measured cost.
 */
public final class MeasuredFinopsCosts implements MeasuredCosts {
    /** The window annualised. */
    public static final Duration WINDOW = Duration.ofDays(30);

    private final CostAttribution costs;
    private final Clock clock;
    private final Duration reuseFor;
    private volatile Measured last;

    /** The asset costs of one window, read at a time. */
    private record Measured(Instant readAt, List<CostAttribution.AssetCost> assets) {}

    /** Measures afresh on every call. */
    public MeasuredFinopsCosts(CostAttribution costs, Clock clock) {
        this(costs, clock, Duration.ZERO);
    }

    /**
     * Reuses one measurement of every asset for {@code reuseFor}: a portfolio asks for each link of each use case in
     * turn, and one measurement reads every table's snapshot history.
     */
    public MeasuredFinopsCosts(CostAttribution costs, Clock clock, Duration reuseFor) {
        this.costs = requireNonNull(costs, "costs is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.reuseFor = requireNonNull(reuseFor, "reuseFor is null");
    }

    @Override
    public OptionalDouble annualCost(String kind, String name) {
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        Instant now = clock.instant();
        Measured measured = last;
        if (measured == null || reuseFor.isZero() || !now.isBefore(measured.readAt().plus(reuseFor))
                || now.isBefore(measured.readAt())) {
            measured = new Measured(now, costs.assets(now.minus(WINDOW), now));
            last = measured;
        }
        List<CostAttribution.AssetCost> matching = measured.assets().stream()
                .filter(asset -> kind.equals("model") ? asset.kind().equals("model") && asset.name().equals(name)
                        : asset.kind().equals("table") && (asset.name().equals(name) || asset.product().equals(name)
                                || asset.name().equals(name + "__quarantine")))
                .toList();
        if (matching.isEmpty()) {
            return OptionalDouble.empty();
        }
        double window = matching.stream().mapToDouble(CostAttribution.AssetCost::total).sum();
        return OptionalDouble.of(window * 365.0 / WINDOW.toDays());
    }
}
