package dev.northstar.contracts;

/**
 * The contract's {@code description} block. Each field is empty when absent.
 *
 * @param purpose why the data exists
 * @param usage how it is meant to be used
 * @param limitations what it must not be used for, or its known gaps
 */
public record Description(String purpose, String usage, String limitations) {
    public Description {
        purpose = ImmutableValues.text(purpose);
        usage = ImmutableValues.text(usage);
        limitations = ImmutableValues.text(limitations);
    }

    /** No purpose, usage or limitations. */
    public static Description empty() {
        return new Description("", "", "");
    }
}
