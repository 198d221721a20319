package dev.northstar.packs.finance;

import static dev.northstar.packs.SqlRandom.literal;

import dev.northstar.packs.SqlRandom;
import dev.northstar.spi.error.NorthstarException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The finance pack's generated data, as DuckDB queries: merchants, card transactions with fraud episodes, and credit
 * applications with a historical bias. Every value derives from {@link SqlRandom} hashes, so a scale gives the same
 * rows on every run.
 *
 * <p><b>Card transactions.</b> Cards live in European cities and spend mostly near home (stores, ATMs), online from
 * home (the issuer geolocates online authorisations by IP), sometimes while travelling, with daily and weekly rhythms
 * and log-normal amounts scaled per card. Fraud comes in <em>episodes</em> on a card, each following one pattern:
 * <ul>
 *   <li>{@code card_testing}: a burst of 8–20 tiny online payments within minutes at small online merchants, then
 *       one or two large ones;</li>
 *   <li>{@code account_takeover}: 3–8 high-value online purchases (electronics, gift cards, money transfers) from a
 *       device the card never used, minutes apart, from far away or the home country;</li>
 *   <li>{@code geo_velocity}: a cloned card used in shops and ATMs on another continent, while the holder keeps paying
 *       at home.</li>
 * </ul>
 * Noise keeps models honest: 4% of genuine payments are made travelling, 2% are small online subscriptions, 5% of
 * genuine online payments come from a new device, 3% of fraudulent payments go unreported and 0.02% of genuine payments are
 * reported as fraud (false chargebacks). About 0.3–0.4% of transactions are labelled fraud.
 *
 * <p><b>Credit applications.</b> The probability of default depends on the debt-to-income ratio, prior defaults, the
 * loan's size relative to income, employment and credit history — not on gender. The historical approval decisions
 * were biased: at the same risk, women and applicants under 25 were approved less often, and part-time work (more
 * frequent among women here) was penalised beyond its risk. A model trained to reproduce past approvals inherits the
 * bias, which its fairness report shows; outcomes ({@code defaulted}) are known only for approved loans.
 */
public final class FinanceData {
    /** By default, transactions and applications span the 52 weeks from this Monday (UTC). */
    public static final LocalDate PERIOD_START = LocalDate.of(2025, 11, 3);

    /** Fraud patterns, as {@code fraud_pattern} values. */
    public static final List<String> PATTERNS = List.of("card_testing", "account_takeover", "geo_velocity");

    private static final int[] HOUR_WEIGHTS = {2, 1, 1, 1, 1, 2, 4, 7, 9, 10, 11, 13, 16, 15, 12, 11, 11, 13, 16, 19,
        20, 16, 9, 4};
    private static final int[] WEEKDAY_WEIGHTS = {12, 12, 13, 13, 16, 19, 15};

    /** A city where cards live or are used. */
    record City(String name, String country, String currency, double lat, double lon, int weight) {
        String struct() {
            return String.format(Locale.ROOT, "{'city': %s, 'country': %s, 'currency': %s, 'lat': %.4f, 'lon': %.4f}",
                    literal(name), literal(country), literal(currency), lat, lon);
        }
    }

    static final List<City> HOME_CITIES = List.of(
            new City("Paris", "FR", "EUR", 48.857, 2.352, 14), new City("Lyon", "FR", "EUR", 45.764, 4.836, 6),
            new City("Marseille", "FR", "EUR", 43.296, 5.370, 5), new City("Toulouse", "FR", "EUR", 43.605, 1.444, 4),
            new City("Lille", "FR", "EUR", 50.629, 3.057, 3), new City("Bordeaux", "FR", "EUR", 44.838, -0.579, 3),
            new City("Nantes", "FR", "EUR", 47.218, -1.554, 3), new City("Berlin", "DE", "EUR", 52.520, 13.405, 8),
            new City("Munich", "DE", "EUR", 48.137, 11.575, 5), new City("Hamburg", "DE", "EUR", 53.551, 9.994, 4),
            new City("Madrid", "ES", "EUR", 40.417, -3.704, 6), new City("Barcelona", "ES", "EUR", 41.385, 2.173, 5),
            new City("Rome", "IT", "EUR", 41.903, 12.496, 5), new City("Milan", "IT", "EUR", 45.464, 9.190, 5),
            new City("Amsterdam", "NL", "EUR", 52.368, 4.904, 4), new City("Brussels", "BE", "EUR", 50.850, 4.352, 3));

    static final List<City> FAR_CITIES = List.of(
            new City("New York", "US", "USD", 40.713, -74.006, 3), new City("Bangkok", "TH", "THB", 13.756, 100.502, 2),
            new City("Lagos", "NG", "NGN", 6.524, 3.379, 2), new City("Sao Paulo", "BR", "BRL", -23.550, -46.633, 2),
            new City("Manila", "PH", "PHP", 14.600, 120.984, 2), new City("Dubai", "AE", "AED", 25.205, 55.271, 2),
            new City("Mexico City", "MX", "MXN", 19.433, -99.133, 2), new City("Casablanca", "MA", "MAD", 33.573,
                    -7.590, 2));

    /** A kind of merchant: what it sells, how much a typical payment is, where it is paid. */
    record MerchantKind(String name, String mcc, int typicalAmount, String channel, int weight, boolean testingTarget,
            boolean highValue) {}

    static final List<MerchantKind> MERCHANT_KINDS = List.of(
            new MerchantKind("Supermarket", "5411", 42, "store", 14, false, false),
            new MerchantKind("Fuel station", "5541", 58, "store", 6, false, false),
            new MerchantKind("Fast food", "5814", 11, "store", 7, false, false),
            new MerchantKind("Cafe", "5814", 6, "store", 5, false, false),
            new MerchantKind("Pharmacy", "5912", 18, "store", 5, false, false),
            new MerchantKind("Clothing", "5651", 49, "store", 4, false, false),
            new MerchantKind("Furniture", "5712", 85, "store", 2, false, false),
            new MerchantKind("Sports", "5941", 45, "store", 3, false, false),
            new MerchantKind("Electronics store", "5732", 180, "store", 2, false, true),
            new MerchantKind("Restaurant", "5812", 35, "store", 6, false, false),
            new MerchantKind("ATM", "6011", 80, "atm", 5, false, false),
            new MerchantKind("Marketplace", "5999", 36, "online", 8, true, true),
            new MerchantKind("Streaming", "4899", 12, "online", 3, true, false),
            new MerchantKind("Ride hailing", "4121", 17, "online", 4, false, false),
            new MerchantKind("Food delivery", "5812", 24, "online", 4, false, false),
            new MerchantKind("Travel agency", "4722", 180, "online", 2, false, false),
            new MerchantKind("Airline", "4511", 240, "online", 1, false, false),
            new MerchantKind("Gaming", "5816", 19, "online", 2, true, false),
            new MerchantKind("Online electronics", "5732", 250, "online", 2, false, true),
            new MerchantKind("Money transfer", "4829", 300, "online", 1, false, true),
            new MerchantKind("Gift cards", "5947", 50, "online", 1, true, true));

    private FinanceData() {}

    /**
     * How much data and when: transactions in all (and what follows from it), over the 52 weeks from {@code start}.
     *
     * @param transactions about this many card transactions
     * @param start the first day (UTC); e.g. 52 weeks before today for data that ends now
     */
    public record Scale(long transactions, LocalDate start) {
        public Scale {
            NorthstarException.checkArgument(transactions >= 10_000 && transactions <= 100_000_000,
                    "transactions must be between 10,000 and 100,000,000, got %s", transactions);
            java.util.Objects.requireNonNull(start, "start is null");
        }

        /** Over the default period from {@link #PERIOD_START}. */
        public Scale(long transactions) {
            this(transactions, PERIOD_START);
        }

        /** The 52 weeks ending on {@code lastDay} (included). */
        public static Scale endingOn(long transactions, LocalDate lastDay) {
            return new Scale(transactions, lastDay.minusWeeks(52).plusDays(1));
        }

        public long cards() {
            return Math.max(200, transactions / 150);
        }

        public long merchants() {
            return Math.max(400, Math.min(5_000, transactions / 300));
        }

        public long fraudEpisodes() {
            return Math.max(20, transactions / 2_500);
        }

        public long applications() {
            return Math.max(2_000, transactions / 20);
        }
    }

    /** Merchants: id, name, MCC, channel, city, country, coordinates. */
    public static String merchantsSelect(Scale scale) {
        SqlRandom random = SqlRandom.of("range");
        return "SELECT range + 1 AS merchant_id, kind.name || ' ' || lpad((range + 1)::VARCHAR, 5, '0') AS name, "
                + "kind.mcc AS mcc, kind.channel AS channel, kind.typical AS typical_amount, "
                + "kind.testing AS testing_target, kind.high AS high_value, place.city AS city, "
                + "place.country AS country, round(place.lat + 0.08 * (" + random.uniform(3) + " - 0.5), 5) AS lat, "
                + "round(place.lon + 0.08 * (" + random.uniform(4) + " - 0.5), 5) AS lon FROM ("
                + "SELECT range, " + merchantKinds() + "[1 + (" + random.hash(1) + " % " + totalKindWeight()
                + ")::INTEGER] AS kind, CASE WHEN " + random.uniform(5) + " < 0.12 THEN "
                + weightedCity(random, 6, FAR_CITIES) + " ELSE " + weightedCity(random, 2, HOME_CITIES)
                + " END AS place FROM range(" + scale.merchants() + "))";
    }

    /** Cards: id, account, home city and coordinates, spending scale, usual device. */
    static String cardsSelect(Scale scale) {
        SqlRandom random = SqlRandom.of("range");
        return "SELECT range + 1 AS card_id, 1 + (range * 4) // 5 AS account_id, home.city AS home_city, "
                + "home.country AS home_country, home.currency AS home_currency, home.lat AS home_lat, "
                + "home.lon AS home_lon, exp(0.45 * " + random.normal(12, 13) + ") AS spend_scale, "
                + "'dev-' || substr(md5((range + 1)::VARCHAR || '-device'), 1, 12) AS device_id "
                + "FROM (SELECT range, " + weightedCity(random, 11, HOME_CITIES) + " AS home FROM range("
                + scale.cards() + "))";
    }

    /**
     * Card transactions: {@code txn_id, card_id, account_id, merchant_id, mcc, amount, currency, channel, country,
     * city, lat, lon, distance_from_home_km, device_id, event_time, is_fraud, fraud_pattern}, ordered by time.
     */
    public static String transactionsSelect(Scale scale) {
        long genuine = scale.transactions() - scale.fraudEpisodes() * 9;
        SqlRandom txn = SqlRandom.of("range");
        SqlRandom step = SqlRandom.of("(episode * 64 + step)");
        SqlRandom episode = SqlRandom.of("episode");
        SqlRandom episodes = SqlRandom.of("range");
        String far = weightedCity(episode, 31, FAR_CITIES);
        return "WITH merchants AS (" + merchantsSelect(scale) + "), "
                + "cards AS (" + cardsSelect(scale) + "), "
                + "local_shops AS (SELECT city, list(merchant_id ORDER BY merchant_id) AS ids FROM merchants "
                + "WHERE channel = 'store' GROUP BY city), "
                + "local_atms AS (SELECT city, list(merchant_id ORDER BY merchant_id) AS ids FROM merchants "
                + "WHERE channel = 'atm' GROUP BY city), "
                + "online AS (SELECT list(merchant_id ORDER BY merchant_id) AS ids, "
                + "list(merchant_id ORDER BY merchant_id) FILTER (WHERE testing_target) AS testing, "
                + "list(merchant_id ORDER BY merchant_id) FILTER (WHERE high_value) AS high, "
                + "list(merchant_id ORDER BY merchant_id) FILTER (WHERE typical_amount <= 20) AS small FROM merchants "
                + "WHERE channel = 'online'), "
                + "far_shops AS (SELECT list(merchant_id ORDER BY merchant_id) AS ids FROM merchants "
                + "WHERE channel IN ('store', 'atm') AND country NOT IN (" + homeCountries() + ")), "
                // Genuine payments: a card by a power law (some cards are used far more), a kind of payment, a time.
                + "genuine AS (SELECT range AS seq, 1 + floor(" + scale.cards() + " * pow(" + txn.uniform(21)
                + ", 1.5))::BIGINT AS card_id, " + txn.weighted(22, new int[] {62, 5, 27, 4, 2})
                + " AS kind, " + txn.normal(23, 24) + " AS z, " + txn.uniform(25) + " AS pick, "
                + txn.chance(26, "0.05") + " AS new_device, " + txn.chance(27, "0.0002") + " AS false_report, "
                + epochSeconds(scale, txn, 28) + " AS epoch_seconds, "
                + weightedCity(txn, 29, HOME_CITIES) + " AS trip FROM range(" + genuine + ")), "
                + "genuine_rows AS (SELECT g.seq, g.card_id, c.account_id, CASE g.kind "
                + "WHEN 0 THEN shops.ids[1 + floor(g.pick * len(shops.ids))::INTEGER] "
                + "WHEN 1 THEN coalesce(atms.ids[1 + floor(g.pick * len(atms.ids))::INTEGER], "
                + "shops.ids[1 + floor(g.pick * len(shops.ids))::INTEGER]) "
                + "WHEN 2 THEN o.ids[1 + floor(g.pick * len(o.ids))::INTEGER] "
                + "WHEN 3 THEN trip_shops.ids[1 + floor(g.pick * len(trip_shops.ids))::INTEGER] "
                + "ELSE o.small[1 + floor(g.pick * len(o.small))::INTEGER] END AS merchant_id, "
                + "g.z, g.kind = 4 AS subscription, CASE WHEN g.kind IN (2, 4) AND g.new_device THEN "
                + "'dev-' || substr(md5(g.seq::VARCHAR || '-new'), 1, 12) ELSE c.device_id END AS device_id, "
                + "g.epoch_seconds, g.false_report AS is_fraud, NULL::VARCHAR AS fraud_pattern, "
                + "NULL::DOUBLE AS fraud_amount, NULL::DOUBLE AS ip_lat, NULL::DOUBLE AS ip_lon, "
                + "NULL::VARCHAR AS ip_country, NULL::VARCHAR AS ip_city "
                + "FROM genuine g JOIN cards c USING (card_id) CROSS JOIN online o "
                + "JOIN local_shops shops ON shops.city = c.home_city "
                + "LEFT JOIN local_atms atms ON atms.city = c.home_city "
                + "JOIN local_shops trip_shops ON trip_shops.city = g.trip.city), "
                // Fraud episodes: a card, a pattern, a start, a number of steps.
                + "episodes AS (SELECT range AS episode, 1 + (" + episodes.hash(41) + " % " + scale.cards()
                + ")::BIGINT AS card_id, " + episodes.weighted(42, new int[] {40, 35, 25}) + " AS pattern, "
                + epochSeconds(scale, episodes, 43) + " AS start_seconds, 'dev-f' || substr(md5(range::VARCHAR || '-fraud'), "
                + "1, 11) AS fraud_device, CASE " + episodes.weighted(42, new int[] {40, 35, 25})
                + " WHEN 0 THEN " + episodes.integer(44, 10, 22) + " WHEN 1 THEN " + episodes.integer(44, 3, 8)
                + " ELSE " + episodes.integer(44, 2, 6) + " END AS steps FROM range(" + scale.fraudEpisodes() + ")), "
                + "fraud_steps AS (SELECT *, unnest(range(steps)) AS step FROM episodes), "
                + "fraud_rows AS (SELECT " + genuine + " + episode * 64 + step AS seq, f.card_id, c.account_id, "
                + "CASE WHEN f.pattern = 0 AND step < steps - 2 THEN o.testing[1 + floor(" + step.uniform(32)
                + " * len(o.testing))::INTEGER] WHEN f.pattern IN (0, 1) THEN o.high[1 + floor(" + step.uniform(32)
                + " * len(o.high))::INTEGER] ELSE fs.ids[1 + floor(" + step.uniform(32)
                + " * len(fs.ids))::INTEGER] END AS merchant_id, " + step.normal(33, 34) + " AS z, false AS "
                + "subscription, CASE WHEN f.pattern = 2 THEN c.device_id ELSE f.fraud_device END AS device_id, "
                + "f.start_seconds + CASE f.pattern WHEN 0 THEN CASE WHEN step < steps - 2 THEN step * "
                + step.integer(35, 20, 60) + " ELSE (steps - 2) * 45 + (step - steps + 3) * 300 END "
                + "WHEN 1 THEN step * " + step.integer(35, 300, 1200) + " ELSE step * " + step.integer(35, 600, 2400)
                + " END AS epoch_seconds, NOT " + step.chance(36, "0.03") + " AS is_fraud, "
                + "['card_testing', 'account_takeover', 'geo_velocity'][f.pattern + 1] AS fraud_pattern, "
                + "CASE WHEN f.pattern = 0 AND step < steps - 2 THEN 0.5 + 2.5 * " + step.uniform(37)
                + " WHEN f.pattern = 0 THEN 200 + 700 * " + step.uniform(37) + " WHEN f.pattern = 1 THEN 150 * exp("
                + "1.1 * " + step.uniform(37) + " + 0.6 * " + step.uniform(38) + ") ELSE 100 + 700 * "
                + step.uniform(37) + " END AS fraud_amount, "
                + "CASE WHEN f.pattern = 1 AND " + episode.chance(39, "0.4") + " THEN c.home_lat + 0.3 ELSE "
                + far + ".lat END AS ip_lat, CASE WHEN f.pattern = 1 AND " + episode.chance(39, "0.4")
                + " THEN c.home_lon + 0.3 ELSE " + far + ".lon END AS ip_lon, CASE WHEN f.pattern = 1 AND "
                + episode.chance(39, "0.4") + " THEN c.home_country ELSE " + far + ".country END AS ip_country, "
                + "CASE WHEN f.pattern = 1 AND " + episode.chance(39, "0.4") + " THEN c.home_city ELSE " + far
                + ".city END AS ip_city "
                + "FROM fraud_steps f JOIN cards c USING (card_id) CROSS JOIN online o CROSS JOIN far_shops fs), "
                + "payments AS (SELECT * FROM genuine_rows UNION ALL BY NAME SELECT * FROM fraud_rows) "
                + "SELECT row_number() OVER (ORDER BY p.epoch_seconds, p.seq) AS txn_id, p.card_id, p.account_id, "
                + "p.merchant_id, m.mcc, round(greatest(0.5, coalesce(p.fraud_amount, m.typical_amount * c.spend_scale"
                + " * CASE WHEN p.subscription THEN 0.6 ELSE exp(0.7 * p.z) END)), 2)::DECIMAL(12,2) AS amount, "
                + "CASE WHEN m.channel = 'online' THEN coalesce(" + currencyOf("p.ip_country") + ", c.home_currency) "
                + "ELSE " + currencyOf("m.country") + " END AS currency, "
                + "CASE WHEN m.channel = 'online' THEN 'online' WHEN m.channel = 'atm' THEN 'atm' WHEN "
                + "m.typical_amount * c.spend_scale < 50 AND (p.seq % 10) < 7 THEN 'contactless' ELSE 'chip' END "
                + "AS channel, CASE WHEN m.channel = 'online' THEN coalesce(p.ip_country, c.home_country) ELSE "
                + "m.country END AS country, CASE WHEN m.channel = 'online' THEN coalesce(p.ip_city, c.home_city) "
                + "ELSE m.city END AS city, round(CASE WHEN m.channel = 'online' THEN coalesce(p.ip_lat, c.home_lat) "
                + "ELSE m.lat END, 5) AS lat, round(CASE WHEN m.channel = 'online' THEN coalesce(p.ip_lon, "
                + "c.home_lon) ELSE m.lon END, 5) AS lon, "
                + "round(" + haversine("c.home_lat", "c.home_lon", "CASE WHEN m.channel = 'online' THEN "
                + "coalesce(p.ip_lat, c.home_lat) ELSE m.lat END", "CASE WHEN m.channel = 'online' THEN "
                + "coalesce(p.ip_lon, c.home_lon) ELSE m.lon END") + ", 1) AS distance_from_home_km, "
                + "p.device_id, to_timestamp(p.epoch_seconds) AS event_time, p.is_fraud, p.fraud_pattern "
                + "FROM payments p JOIN cards c USING (card_id) JOIN merchants m USING (merchant_id) "
                + "ORDER BY txn_id";
    }

    /**
     * Credit applications: {@code application_id, applicant_id, applied_at, age, age_band, gender, employment_type,
     * employment_years, annual_income, debt_to_income, loan_amount, term_months, credit_history_months,
     * prior_defaults, housing, region, approved, defaulted}.
     */
    public static String applicationsSelect(Scale scale) {
        SqlRandom random = SqlRandom.of("range");
        String female = "(gender = 'F')";
        return "SELECT application_id, applicant_id, applied_at, age, CASE WHEN age < 25 THEN '18-24' WHEN age < 35 "
                + "THEN '25-34' WHEN age < 45 THEN '35-44' WHEN age < 55 THEN '45-54' WHEN age < 65 THEN '55-64' "
                + "ELSE '65+' END AS age_band, gender, employment_type, employment_years, annual_income, "
                + "debt_to_income, loan_amount, term_months, credit_history_months, prior_defaults, housing, region, "
                + "approved, CASE WHEN approved THEN " + random.uniform(71) + " < default_probability END AS defaulted "
                + "FROM (SELECT *, " + random.uniform(70) + " < 1 / (1 + exp(-(1.9 - 1.05 * (risk + 3.1) - 0.85 * "
                + female + "::INTEGER - 0.55 * (age < 25)::INTEGER - 0.45 * (employment_type = 'part_time')::INTEGER + "
                + "0.35 * " + random.normal(72, 73) + "))) AS approved, 1 / (1 + exp(-risk)) AS default_probability "
                + "FROM (SELECT *, -3.1 + 3.0 * debt_to_income + 0.9 * prior_defaults + 0.8 * loan_amount / "
                + "annual_income - 0.02 * employment_years - 0.004 * credit_history_months + CASE employment_type "
                + "WHEN 'unemployed' THEN 1.3 WHEN 'self_employed' THEN 0.35 WHEN 'part_time' THEN 0.25 ELSE 0 END "
                + "+ 0.3 * (age < 25)::INTEGER AS risk FROM (SELECT *, round(annual_income * (0.1 + 0.7 * "
                + random.uniform(64) + ") / 100) * 100 AS loan_amount FROM (SELECT range, range + 1 AS application_id, "
                + "100000 + range AS applicant_id, to_timestamp(" + epochSeconds(scale, random, 61) + ") AS applied_at, "
                + "age, gender, employment_type, CASE WHEN employment_type = 'unemployed' THEN 0 ELSE least(age - 18, "
                + "floor(" + random.uniform(62) + " * 25))::INTEGER END AS employment_years, round(CASE "
                + "employment_type WHEN 'full_time' THEN 38000 WHEN 'part_time' THEN 19000 WHEN 'self_employed' THEN "
                + "42000 WHEN 'unemployed' THEN 9000 ELSE 24000 END * exp(0.4 * " + random.normal(63, 65) + ") * (1 + "
                + "0.012 * least(age - 18, 25)) * CASE WHEN " + female + " AND employment_type = 'full_time' THEN 0.9 "
                + "ELSE 1 END / 100) * 100 AS annual_income, round(0.05 + 0.45 * pow(" + random.uniform(66)
                + ", 1.4), 3) AS debt_to_income, [12, 24, 36, 48, 60, 84][1 + (" + random.hash(67)
                + " % 6)::INTEGER] AS term_months, floor((age - 18) * 12 * " + random.uniform(68)
                + ")::INTEGER AS credit_history_months, CASE WHEN " + random.uniform(69) + " < 0.02 THEN 2 WHEN "
                + random.uniform(69) + " < 0.10 THEN 1 ELSE 0 END AS prior_defaults, "
                + random.pick(74, List.of("own", "own", "rent", "rent", "rent", "family")) + " AS housing, "
                + random.pick(75, List.of("Ile-de-France", "Auvergne-Rhone-Alpes", "Occitanie", "Hauts-de-France",
                        "Nouvelle-Aquitaine", "Grand Est", "Bretagne", "Provence-Alpes-Cote d'Azur"))
                + " AS region FROM (SELECT range, age, gender, CASE WHEN age >= 66 THEN 'retired' WHEN "
                + random.uniform(53) + " < CASE WHEN gender = 'F' THEN 0.24 ELSE 0.07 END THEN 'part_time' WHEN "
                + random.uniform(54) + " < 0.12 THEN 'self_employed' WHEN " + random.uniform(55)
                + " < 0.05 THEN 'unemployed' ELSE 'full_time' END AS employment_type FROM (SELECT range, 18 + floor("
                + "pow(" + random.uniform(51) + ", 1.25) * 57)::INTEGER AS age, CASE WHEN " + random.uniform(52)
                + " < 0.49 THEN 'F' ELSE 'M' END AS gender FROM range(" + scale.applications() + "))))))) "
                + "ORDER BY application_id";
    }

    // ---- SQL building blocks ---------------------------------------------------------------------------------

    /** A time in the scale's 52 weeks with weekly and daily rhythms, as epoch seconds. */
    private static String epochSeconds(Scale scale, SqlRandom random, int salt) {
        return "(epoch(TIMESTAMP '" + scale.start() + " 00:00:00')::BIGINT + floor(52 * " + random.uniform(salt)
                + ")::BIGINT * 604800 + " + random.weighted(salt + 100, WEEKDAY_WEIGHTS) + " * 86400 + "
                + random.weighted(salt + 200, HOUR_WEIGHTS) + " * 3600 + (" + random.hash(salt + 300)
                + " % 3600)::BIGINT)";
    }

    private static String weightedCity(SqlRandom random, int salt, List<City> cities) {
        List<String> entries = new ArrayList<>();
        for (City city : cities) {
            for (int copy = 0; copy < city.weight(); copy++) {
                entries.add(city.struct());
            }
        }
        return "[" + String.join(", ", entries) + "][1 + (" + random.hash(salt) + " % " + entries.size()
                + ")::INTEGER]";
    }

    private static String merchantKinds() {
        List<String> entries = new ArrayList<>();
        for (MerchantKind kind : MERCHANT_KINDS) {
            for (int copy = 0; copy < kind.weight(); copy++) {
                entries.add("{'name': " + literal(kind.name()) + ", 'mcc': " + literal(kind.mcc()) + ", 'typical': "
                        + kind.typicalAmount() + ", 'channel': " + literal(kind.channel()) + ", 'testing': "
                        + kind.testingTarget() + ", 'high': " + kind.highValue() + "}");
            }
        }
        return "[" + String.join(", ", entries) + "]";
    }

    private static int totalKindWeight() {
        return MERCHANT_KINDS.stream().mapToInt(MerchantKind::weight).sum();
    }

    private static String homeCountries() {
        return String.join(", ", HOME_CITIES.stream().map(City::country).distinct().map(SqlRandom::literal).toList());
    }

    private static String currencyOf(String country) {
        StringBuilder sql = new StringBuilder("CASE " + country);
        List<City> all = new ArrayList<>(HOME_CITIES);
        all.addAll(FAR_CITIES);
        all.stream().map(city -> List.of(city.country(), city.currency())).distinct().forEach(pair -> sql.append(
                " WHEN ").append(literal(pair.get(0))).append(" THEN ").append(literal(pair.get(1))));
        return sql.append(" END").toString();
    }

    /** Great-circle distance in km. */
    private static String haversine(String lat1, String lon1, String lat2, String lon2) {
        return "(2 * 6371 * asin(sqrt(pow(sin(radians((" + lat2 + ") - (" + lat1 + ")) / 2), 2) + cos(radians(" + lat1
                + ")) * cos(radians(" + lat2 + ")) * pow(sin(radians((" + lon2 + ") - (" + lon1 + ")) / 2), 2))))";
    }
}
