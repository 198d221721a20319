package dev.northstar.cli.demo;

import dev.northstar.spi.error.ErrorCode;
import dev.northstar.spi.error.NorthstarException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes the demo's daily source files: realistic CSV files with a small share of broken records, the way partners
 * and processors really send them.
 *
 * <p>One record in {@value #FAULT_SPACING} is broken, the kinds of breakage taking turns (so that a file of a few
 * hundred rows already has every kind): a number that does not parse, an amount out of range, a value outside the
 * list, a value breaking a pattern, a missing required value and a ragged line; each kind has two variants,
 * alternating with every round of kinds and every day. Values come from a
 * {@link SplittableRandom} seeded per product and day: the same files on every run.
 */
final class MessyFiles {
    /** One record in this many is broken: about 1.5%. */
    static final int FAULT_SPACING = 67;
    /** Kinds of breakage, in the order they take turns. */
    static final int FAULT_KINDS = 6;
    /** The largest number of rows a file may have: ids leave room for this many per day. */
    static final int MAX_ROWS = 99_999;

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private static final List<String> FIRST_NAMES = List.of("emma", "louis", "jade", "gabriel", "alice", "hugo",
            "lina", "arthur", "mila", "jules", "sofia", "noah", "giulia", "lukas", "lucia", "mateo", "olivia", "jack",
            "ines", "felix");
    private static final List<String> LAST_NAMES = List.of("martin", "bernard", "dubois", "moreau", "laurent",
            "garcia", "muller", "schmidt", "weber", "rossi", "russo", "lopez", "perez", "smith", "jones", "janssen",
            "peeters", "novak");
    private static final List<String> MAIL_DOMAINS = List.of("gmail.com", "outlook.com", "yahoo.com", "proton.me",
            "orange.fr", "web.de", "libero.it", "icloud.com");
    /** Countries, repeated by weight. */
    private static final List<String> COUNTRIES = List.of("FR", "FR", "FR", "FR", "DE", "DE", "DE", "ES", "ES", "IT",
            "IT", "NL", "BE", "GB", "GB", "US");
    private static final List<String> STATUSES = List.of("placed", "paid", "paid", "shipped", "shipped", "shipped",
            "delivered", "delivered", "delivered", "delivered", "cancelled");

    /**
     * A merchant where cards are used.
     *
     * @param name merchant name
     * @param mcc merchant category code
     * @param typicalAmount median amount
     * @param channel store, online or atm
     */
    private record Merchant(String name, String mcc, double typicalAmount, String channel) {}

    private static final List<Merchant> MERCHANTS = List.of(new Merchant("Carrefour", "5411", 42, "store"),
            new Merchant("Lidl", "5411", 31, "store"), new Merchant("Monoprix", "5411", 24, "store"),
            new Merchant("Shell", "5541", 58, "store"), new Merchant("McDonald's", "5814", 11, "store"),
            new Merchant("Starbucks", "5814", 6, "store"), new Merchant("Pharmacie Centrale", "5912", 18, "store"),
            new Merchant("Decathlon", "5941", 45, "store"), new Merchant("SNCF", "4112", 54, "online"),
            new Merchant("Uber", "4121", 17, "online"), new Merchant("Deliveroo", "5812", 24, "online"),
            new Merchant("Amazon", "5999", 36, "online"), new Merchant("Amazon", "5999", 36, "online"),
            new Merchant("Netflix", "4899", 13, "online"), new Merchant("Booking.com", "4722", 180, "online"),
            new Merchant("ATM withdrawal", "6011", 80, "atm"));
    /** ISO 8583 response codes, repeated by weight: 92% approved. */
    private static final List<String> RESPONSE_CODES;

    static {
        String[] codes = new String[100];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = i < 92 ? "00" : i < 95 ? "05" : i < 98 ? "51" : i < 99 ? "54" : "91";
        }
        RESPONSE_CODES = List.of(codes);
    }

    private MessyFiles() {}

    /**
     * Writes a partner's daily order file, {@code orders-<date>.csv}.
     *
     * @param inbox folder to write to
     * @param day day number, 0 for the first file: keeps order ids unique over days
     * @param date the business day
     * @param rows records in the file, broken ones included
     * @param guestPercent share of valid orders, in percent, whose email the partner sends as {@code n/a}
     * @return the file written
     */
    static Path orders(Path inbox, int day, LocalDate date, int rows, int guestPercent) {
        Path file = inbox.resolve("orders-" + date + ".csv");
        SplittableRandom random = new SplittableRandom(0x0dde12L * 31 + day);
        try (Writer writer = open(file)) {
            writer.write("order_id,partner_id,customer_email,country,status,amount,quantity,ordered_at\n");
            for (int i = 0; i < rows; i++) {
                String first = pick(random, FIRST_NAMES);
                String last = pick(random, LAST_NAMES);
                String email = first + "." + last + (random.nextInt(3) == 0 ? Integer.toString(random.nextInt(100))
                        : "") + "@" + pick(random, MAIL_DOMAINS);
                if (i % 100 < guestPercent) {
                    email = "n/a";
                }
                String[] fields = {
                    String.format(Locale.ROOT, "PO-%08d", 10_000_000 + day * 100_000 + i),
                    "lumen-marketplace",
                    email,
                    pick(random, COUNTRIES),
                    pick(random, STATUSES),
                    amount(random, 45, 0.8, 5000),
                    Integer.toString(1 + (int) Math.floor(Math.pow(random.nextDouble(), 3) * 5)),
                    timestamp(date, i, rows, random)
                };
                String line = String.join(",", fields);
                if (i % FAULT_SPACING == FAULT_SPACING / 5) {
                    boolean odd = (i / FAULT_SPACING / FAULT_KINDS + day) % 2 == 1;
                    switch ((i / FAULT_SPACING) % FAULT_KINDS) {
                        case 0 -> fields[5] = odd ? "\"" + fields[5].replace('.', ',') + "\"" : "12.5O";
                        case 1 -> fields[5] = odd ? "-" + fields[5] : "24999.00";
                        case 2 -> fields[4] = odd ? "SHIPPED" : "refunded";
                        case 3 -> fields[2] = odd ? first + "." + last + "(at)gmail.com" : first + "@" + last;
                        case 4 -> fields[odd ? 3 : 7] = "";
                        default -> { }
                    }
                    line = String.join(",", fields);
                    if ((i / FAULT_SPACING) % FAULT_KINDS == FAULT_KINDS - 1) {
                        // A ragged line: the partner's export drops the trailing columns of some records.
                        line = String.join(",", List.of(fields).subList(0, 6));
                    }
                }
                writer.write(line);
                writer.write('\n');
            }
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
        return file;
    }

    /**
     * Writes the card processor's daily authorisation file, {@code authorisations-<date>.csv}.
     *
     * @param inbox folder to write to
     * @param day day number, 0 for the first file: keeps authorisation ids unique over days
     * @param date the business day
     * @param rows records in the file, broken ones included
     * @return the file written
     */
    static Path authorisations(Path inbox, int day, LocalDate date, int rows) {
        Path file = inbox.resolve("authorisations-" + date + ".csv");
        SplittableRandom random = new SplittableRandom(0xca2dL * 31 + day);
        try (Writer writer = open(file)) {
            writer.write("auth_id,card_hash,cardholder_country,merchant_name,mcc,amount,currency,channel,"
                    + "response_code,authorised_at\n");
            for (int i = 0; i < rows; i++) {
                long card = random.nextInt(5000);
                String country = pick(random, COUNTRIES);
                Merchant merchant = pick(random, MERCHANTS);
                String[] fields = {
                    String.format(Locale.ROOT, "AUTH%010d", 1_000_000_000L + day * 100_000L + i),
                    String.format(Locale.ROOT, "%016x", new SplittableRandom(card * 7919 + 17).nextLong()),
                    country,
                    merchant.name(),
                    merchant.mcc(),
                    amount(random, merchant.typicalAmount(), 0.7, 15_000),
                    country.equals("GB") ? "GBP" : country.equals("US") ? "USD" : "EUR",
                    merchant.channel(),
                    pick(random, RESPONSE_CODES),
                    timestamp(date, i, rows, random)
                };
                String line = String.join(",", fields);
                if (i % FAULT_SPACING == FAULT_SPACING / 3) {
                    boolean odd = (i / FAULT_SPACING / FAULT_KINDS + day) % 2 == 1;
                    switch ((i / FAULT_SPACING) % FAULT_KINDS) {
                        case 0 -> fields[5] = odd ? "EUR " + fields[5] : "1O.50";
                        case 1 -> fields[5] = odd ? "0.00" : "48000.00";
                        case 2 -> fields[6] = odd ? "eur" : "CHF";
                        case 3 -> fields[1] = "4970" + "X".repeat(8) + String.format(Locale.ROOT, "%04d", card);
                        case 4 -> fields[odd ? 3 : 9] = "";
                        default -> { }
                    }
                    line = String.join(",", fields);
                    if ((i / FAULT_SPACING) % FAULT_KINDS == FAULT_KINDS - 1) {
                        // A ragged line: a merchant name with an unquoted comma splits into one column too many.
                        line = line.replace("," + fields[3] + ",", "," + fields[3] + ", Paris 11e,");
                    }
                }
                writer.write(line);
                writer.write('\n');
            }
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
        return file;
    }

    private static Writer open(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    private static NorthstarException cannotWrite(Path file, IOException e) {
        return new NorthstarException(ErrorCode.INVALID_ARGUMENT, "Cannot write the demo file " + file + ": " + e,
                "Run the demo with a --home you can write to", e);
    }

    private static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A log-normal amount around {@code median}, at most {@code cap}, with two decimals. */
    private static String amount(SplittableRandom random, double median, double sigma, double cap) {
        double gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI
                * random.nextDouble());
        double value = Math.min(cap, Math.max(0.5, median * Math.exp(sigma * gaussian)));
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** Record {@code i} of {@code rows} spread over the day in order, with a few seconds of jitter. */
    private static String timestamp(LocalDate date, int i, int rows, SplittableRandom random) {
        long second = (long) i * 86_000 / rows + random.nextInt(60);
        return TIMESTAMP.format(LocalDateTime.of(date, java.time.LocalTime.MIDNIGHT).plusSeconds(second));
    }
}
