package dev.northstar.govern.classify;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Geolocation: {@code "lat,lon"} pairs with decimals in range (values alone suffice), or single decimal numbers in
 * a column named like a latitude (within ±90) or a longitude (within ±180).
 */
final class GeolocationDetector extends PatternDetector {
    private static final Pattern PAIR = Pattern.compile(
            "\\(?\\s*(-?[0-9]{1,2}\\.[0-9]{2,})\\s*[,;]\\s*(-?[0-9]{1,3}\\.[0-9]{2,})\\s*\\)?");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,3}\\.[0-9]{2,}");
    private static final NameHints LATITUDE = NameHints.of("lat", "latitude");
    private static final NameHints LONGITUDE = NameHints.of("lon", "lng", "long", "longitude");

    GeolocationDetector() {
        super(DataClass.GEOLOCATION, NameHints.of("lat", "latitude", "lon", "lng", "longitude", "geo",
                "geolocation", "geoloc", "coordinates", "coordonnees", "gps", "lat_lon", "latlng", "location",
                "position"), "a latitude/longitude in range", false);
    }

    @Override
    public Optional<Detection> detect(String columnName, List<String> values) {
        double limit = LATITUDE.match(columnName).isPresent() ? 90
                : LONGITUDE.match(columnName).isPresent() ? 180 : 0;
        if (limit == 0) {
            return super.detect(columnName, values);
        }
        // A latitude or longitude column: single numbers in range count as well as pairs.
        return new SingleCoordinate(limit).detect(columnName, values);
    }

    @Override
    boolean matches(String value) {
        Matcher pair = PAIR.matcher(value);
        return pair.matches() && Math.abs(Double.parseDouble(pair.group(1))) <= 90
                && Math.abs(Double.parseDouble(pair.group(2))) <= 180;
    }

    @Override
    String mask(String value) {
        Matcher pair = PAIR.matcher(value);
        if (pair.matches()) {
            return coarse(pair.group(1)) + "," + coarse(pair.group(2));
        }
        return coarse(value);
    }

    /** One decimal kept (about 10 km): {@code 48.8566} → {@code 48.8*}. */
    static String coarse(String number) {
        int dot = number.indexOf('.');
        return dot < 0 || dot + 2 > number.length() ? number : number.substring(0, dot + 2) + "*";
    }

    /** The detector for one latitude or longitude column. */
    private static final class SingleCoordinate extends PatternDetector {
        private final double limit;

        SingleCoordinate(double limit) {
            super(DataClass.GEOLOCATION, NameHints.of("lat", "latitude", "lon", "lng", "long", "longitude"),
                    limit == 90 ? "a latitude within ±90" : "a longitude within ±180", false);
            this.limit = limit;
        }

        @Override
        boolean matches(String value) {
            return DECIMAL.matcher(value).matches() && Math.abs(Double.parseDouble(value)) <= limit;
        }

        @Override
        String mask(String value) {
            return coarse(value);
        }
    }
}
