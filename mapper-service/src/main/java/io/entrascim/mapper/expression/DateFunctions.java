package io.entrascim.mapper.expression;

import static io.entrascim.mapper.expression.FunctionLibrary.arg;
import static io.entrascim.mapper.expression.FunctionLibrary.given;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates: CDate, DateAdd, DateDiff, DateFromNum, FormatDateTime, Now, NumFromDate. Entra runs in UTC
 * and renders dates as {@code M/d/yyyy h:mm:ss tt}; DateDiff follows VB.NET.
 */
final class DateFunctions {
    static final DateTimeFormatter ENTRA_FORMAT = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);
    /** Seconds from 1601-01-01Z (the AD FILETIME epoch) to 1970-01-01Z. */
    private static final long FILETIME_EPOCH_OFFSET_SECONDS = 11_644_473_600L;
    private static final Pattern GENERALIZED_TIME = Pattern.compile("(\\d{14})(?:[.,](\\d{1,7}))?(Z|[+-]\\d{4})?");
    private static final List<DateTimeFormatter> US_FORMATS = List.of(
            DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US),
            DateTimeFormatter.ofPattern("M/d/yyyy H:mm:ss", Locale.US),
            DateTimeFormatter.ofPattern("M/d/yyyy H:mm", Locale.US));

    private DateFunctions() {
    }

    static void register(FunctionLibrary lib) {
        lib.add("CDate", 1, 1, (a, c) -> {
            Object v = arg(a, 0, c);
            return v == null ? null : render(parse(Values.str(v, "CDate expression"), "CDate"));
        });
        lib.add("Now", 0, 0, (a, c) -> render(OffsetDateTime.now(c.clock()).withOffsetSameInstant(ZoneOffset.UTC)));
        lib.add("DateAdd", 3, 3, (a, c) -> {
            String interval = Values.str(arg(a, 0, c), "DateAdd interval");
            double value = Values.toDouble(arg(a, 1, c), "DateAdd value");
            Object date = arg(a, 2, c);
            if (date == null) {
                return null;
            }
            return render(dateAdd(interval, value, parse(Values.str(date, "DateAdd dateTime"), "DateAdd")));
        });
        lib.add("DateDiff", 3, 3, (a, c) -> {
            String interval = Values.str(arg(a, 0, c), "DateDiff interval");
            Object d1 = arg(a, 1, c);
            Object d2 = arg(a, 2, c);
            if (d1 == null || d2 == null) {
                return null;
            }
            return dateDiff(interval, parse(Values.str(d1, "DateDiff date1"), "DateDiff"),
                    parse(Values.str(d2, "DateDiff date2"), "DateDiff"));
        });
        lib.add("DateFromNum", 1, 1, (a, c) -> {
            Object v = arg(a, 0, c);
            if (v == null) {
                return null;
            }
            long ticks = Values.toLong(v, "DateFromNum value");
            long seconds = Math.floorDiv(ticks, 10_000_000L) - FILETIME_EPOCH_OFFSET_SECONDS;
            long nanos = Math.floorMod(ticks, 10_000_000L) * 100;
            return render(Instant.ofEpochSecond(seconds, nanos).atOffset(ZoneOffset.UTC));
        });
        lib.add("NumFromDate", 1, 1, (a, c) -> {
            Object v = arg(a, 0, c);
            if (v == null) {
                return null;
            }
            Instant i = parse(Values.str(v, "NumFromDate value"), "NumFromDate").toInstant();
            return (i.getEpochSecond() + FILETIME_EPOCH_OFFSET_SECONDS) * 10_000_000L + i.getNano() / 100;
        });
        lib.add("FormatDateTime", 3, 4, (a, c) -> {
            // Three arguments: (source, inputFormat, outputFormat) as older doc examples use; four: with dateTimeStyles.
            int in = a.length == 3 ? 1 : 2;
            Object source = arg(a, 0, c);
            if (source == null) {
                return null;
            }
            if (a.length == 4 && given(a, 1)) {
                String styles = Values.str(arg(a, 1, c), "FormatDateTime dateTimeStyles");
                DotNetDateFormat.checkStyles(styles);
            }
            String inputFormat = Values.str(arg(a, in, c), "FormatDateTime inputFormat");
            String outputFormat = Values.str(arg(a, in + 1, c), "FormatDateTime outputFormat");
            if (inputFormat == null || outputFormat == null) {
                throw new ExpressionEvaluationException("FormatDateTime needs inputFormat and outputFormat");
            }
            return DotNetDateFormat.reformat(Values.str(source, "FormatDateTime source").trim(), inputFormat, outputFormat);
        });
    }

    static String render(OffsetDateTime t) {
        return ENTRA_FORMAT.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** Parses the date forms Entra's .NET parser accepts in practice; without a zone the value is UTC. */
    static OffsetDateTime parse(String s, String fn) {
        String text = s.trim();
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            var parsed = DateTimeFormatter.ISO_DATE.parse(text);
            LocalDate date = LocalDate.from(parsed);
            ZoneOffset offset = parsed.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)
                    ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
            return date.atStartOfDay().atOffset(offset).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        for (DateTimeFormatter f : US_FORMATS) {
            try {
                return LocalDateTime.parse(text, f).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        try {
            return LocalDate.parse(text, DateTimeFormatter.ofPattern("M/d/yyyy", Locale.US)).atStartOfDay().atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        Matcher m = GENERALIZED_TIME.matcher(text);
        if (m.matches()) {
            LocalDateTime t = LocalDateTime.parse(m.group(1), DateTimeFormatter.ofPattern("uuuuMMddHHmmss"));
            if (m.group(2) != null) {
                t = t.plusNanos(Long.parseLong((m.group(2) + "000000000").substring(0, 9)));
            }
            ZoneOffset offset = m.group(3) == null || m.group(3).equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(m.group(3));
            return t.atOffset(offset).withOffsetSameInstant(ZoneOffset.UTC);
        }
        throw new ExpressionEvaluationException(fn + " cannot read \"" + s + "\" as a date");
    }

    static OffsetDateTime dateAdd(String interval, double value, OffsetDateTime t) {
        long whole = (long) Math.rint(value); // VB CInt: banker's rounding for year, quarter and month counts
        return switch (interval == null ? "" : interval) {
            case "yyyy" -> t.plusYears(whole);
            case "q" -> t.plusMonths(whole * 3);
            case "m" -> t.plusMonths(whole);
            case "y", "d", "w" -> t.plusNanos(Math.round(value * 86_400_000d) * 1_000_000L);
            case "ww" -> t.plusNanos(Math.round(value * 7 * 86_400_000d) * 1_000_000L);
            case "h" -> t.plusNanos(Math.round(value * 3_600_000d) * 1_000_000L);
            case "n" -> t.plusNanos(Math.round(value * 60_000d) * 1_000_000L);
            case "s" -> t.plusNanos(Math.round(value * 1000d) * 1_000_000L);
            default -> throw new ExpressionEvaluationException("DateAdd interval must be one of yyyy, q, m, y, d, w, ww, h, n, s but is \""
                    + interval + "\"");
        };
    }

    /** VB.NET DateDiff: d/h/n/s/w truncate the elapsed time; ww counts Sundays; m/q/yyyy count calendar boundaries. */
    static long dateDiff(String interval, OffsetDateTime d1, OffsetDateTime d2) {
        LocalDateTime a = d1.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        LocalDateTime b = d2.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        long millis = ChronoUnit.MILLIS.between(a, b);
        return switch (interval == null ? "" : interval) {
            case "yyyy" -> b.getYear() - a.getYear();
            case "q" -> (b.getYear() - a.getYear()) * 4L + ((b.getMonthValue() - 1) / 3 - (a.getMonthValue() - 1) / 3);
            case "m" -> (b.getYear() - a.getYear()) * 12L + (b.getMonthValue() - a.getMonthValue());
            case "y", "d" -> millis / 86_400_000L;
            case "w" -> millis / 86_400_000L / 7;
            // VB.NET: move both dates back to their Sunday (keeping the time of day), then whole weeks between them.
            case "ww" -> ChronoUnit.MILLIS.between(a.minusDays(a.getDayOfWeek().getValue() % 7),
                    b.minusDays(b.getDayOfWeek().getValue() % 7)) / (7 * 86_400_000L);
            case "h" -> millis / 3_600_000L;
            case "n" -> millis / 60_000L;
            case "s" -> millis / 1000L;
            default -> throw new ExpressionEvaluationException("DateDiff interval must be one of yyyy, q, m, y, d, w, ww, h, n, s but is \""
                    + interval + "\"");
        };
    }
}
