package io.entrascim.mapper.expression;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * .NET custom date and time format strings translated to java.time, for FormatDateTime. A parsed
 * value with an offset is converted to UTC (Entra's local time), as .NET does with RoundtripKind.
 */
final class DotNetDateFormat {
    private static final Map<String, DateTimeFormatter> CACHE = new ConcurrentHashMap<>();
    private static final Set<String> STYLES = Set.of("None", "AllowLeadingWhite", "AllowTrailingWhite", "AllowInnerWhite",
            "AllowWhiteSpaces", "NoCurrentDateDefault", "AdjustToUniversal", "AssumeLocal", "AssumeUniversal", "RoundtripKind");

    private DotNetDateFormat() {
    }

    static void checkStyles(String styles) {
        if (styles == null || styles.isBlank()) {
            return;
        }
        for (String s : styles.split("[,|]")) {
            if (!STYLES.contains(s.trim())) {
                throw new ExpressionEvaluationException("FormatDateTime dateTimeStyles: unknown style \"" + s.trim() + "\"");
            }
        }
    }

    static String reformat(String source, String inputFormat, String outputFormat) {
        DateTimeFormatter in = formatter(inputFormat);
        TemporalAccessor parsed;
        try {
            parsed = in.parse(source);
        } catch (DateTimeParseException e) {
            throw new ExpressionEvaluationException("FormatDateTime cannot read \"" + source + "\" with format \"" + inputFormat + "\"");
        }
        LocalDate date = parsed.isSupported(ChronoField.EPOCH_DAY) ? LocalDate.from(parsed) : LocalDate.of(1, 1, 1);
        LocalDateTime time = parsed.isSupported(ChronoField.NANO_OF_DAY)
                ? date.atTime(java.time.LocalTime.from(parsed)) : date.atStartOfDay();
        OffsetDateTime value = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                ? time.atOffset(ZoneOffset.from(parsed)).withOffsetSameInstant(ZoneOffset.UTC)
                : time.atOffset(ZoneOffset.UTC);
        return formatter(outputFormat).format(value);
    }

    static DateTimeFormatter formatter(String dotNet) {
        return CACHE.computeIfAbsent(dotNet, f -> new DateTimeFormatterBuilder().parseCaseInsensitive()
                .appendPattern(translate(f))
                .parseDefaulting(ChronoField.ERA, 1)
                .toFormatter(Locale.US)
                .withResolverStyle(ResolverStyle.SMART));
    }

    /** Translates a .NET custom format string to a java.time pattern. */
    static String translate(String f) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < f.length()) {
            char ch = f.charAt(i);
            int run = 1;
            while (i + run < f.length() && f.charAt(i + run) == ch) {
                run++;
            }
            switch (ch) {
                case 'y' -> out.append(run == 2 ? "yy" : run == 1 ? "y" : "yyyy".substring(0, Math.min(run, 4)));
                case 'M' -> out.append("M".repeat(Math.min(run, 4)));
                case 'd' -> out.append(run == 1 ? "d" : run == 2 ? "dd" : run == 3 ? "EEE" : "EEEE");
                case 'H', 'h', 'm', 's' -> out.append(String.valueOf(ch).repeat(Math.min(run, 2)));
                case 'f', 'F' -> out.append("S".repeat(Math.min(run, 7)));
                case 't' -> out.append('a');
                case 'z' -> out.append(run == 1 ? "x" : run == 2 ? "x" : "xxx");
                case 'K' -> out.append("XXX");
                case 'g' -> out.append('G');
                case '\'', '"' -> {
                    int close = f.indexOf(ch, i + 1);
                    String literal = close < 0 ? f.substring(i + 1) : f.substring(i + 1, close);
                    appendLiteral(out, literal);
                    i = close < 0 ? f.length() : close + 1;
                    continue;
                }
                case '\\' -> {
                    if (i + 1 < f.length()) {
                        appendLiteral(out, String.valueOf(f.charAt(i + 1)));
                    }
                    i += 2;
                    continue;
                }
                default -> appendLiteral(out, String.valueOf(ch).repeat(run));
            }
            i += run;
        }
        return out.toString();
    }

    private static void appendLiteral(StringBuilder out, String literal) {
        if (literal.isEmpty()) {
            return;
        }
        boolean plain = true;
        for (char c : literal.toCharArray()) {
            if (Character.isLetter(c) || c == '\'' || c == '[' || c == ']' || c == '#' || c == '{' || c == '}') {
                plain = false;
                break;
            }
        }
        if (plain) {
            out.append(literal);
        } else {
            out.append('\'').append(literal.replace("'", "''")).append('\'');
        }
    }
}
