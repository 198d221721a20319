package dev.northstar.govern.classify;

import java.util.regex.Pattern;

/** IP addresses: dotted IPv4 with octets up to 255, and IPv6 in full or compressed form. */
final class IpAddressDetector extends PatternDetector {
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern HEXTET = Pattern.compile("[0-9A-Fa-f]{1,4}");

    IpAddressDetector() {
        super(DataClass.IP_ADDRESS, NameHints.of("ip", "ip_address", "ipv4", "ipv6", "ip_addr", "client_ip",
                "remote_addr", "adresse_ip", "source_ip"), "the IPv4 or IPv6 address shape", false);
    }

    @Override
    boolean matches(String value) {
        return IPV4.matcher(value).matches() || isIpv6(value);
    }

    /** Full or {@code ::}-compressed IPv6, optionally ending in an IPv4 address. */
    static boolean isIpv6(String value) {
        if (value.indexOf(':') < 0 || value.indexOf(":::") >= 0) {
            return false;
        }
        int compressed = value.indexOf("::");
        if (compressed >= 0 && value.indexOf("::", compressed + 1) >= 0) {
            return false;
        }
        String[] groups = value.split(":", -1);
        int hextets = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (group.isEmpty()) {
                continue;
            }
            if (i == groups.length - 1 && group.indexOf('.') >= 0) {
                if (!IPV4.matcher(group).matches()) {
                    return false;
                }
                hextets += 2;
            } else if (HEXTET.matcher(group).matches()) {
                hextets++;
            } else {
                return false;
            }
        }
        if (compressed >= 0) {
            return hextets < 8;
        }
        // Without "::" no group may be empty: a leading or trailing single colon is not an address.
        return hextets == 8 && groups.length == (value.indexOf('.') >= 0 ? 7 : 8);
    }

    @Override
    String mask(String value) {
        if (IPV4.matcher(value).matches()) {
            String[] octets = value.split("\\.");
            return octets[0] + "." + octets[1] + ".*.*";
        }
        int second = value.indexOf(':', value.indexOf(':') + 1);
        return (second > 0 ? value.substring(0, second) : value.substring(0, value.indexOf(':'))) + ":****";
    }
}
