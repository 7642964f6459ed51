package io.entrascim.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Rows with named columns, printed as an aligned text table or as CSV (RFC 4180 quoting). */
final class Table {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = List.of(headers);
    }

    Table row(Object... cells) {
        List<String> row = new ArrayList<>(cells.length);
        for (Object c : cells) {
            row.add(c == null ? "" : c.toString());
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void printText(PrintWriter out) {
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = headers.get(i).length();
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], oneLine(row.get(i)).length());
            }
        }
        line(out, headers, width);
        for (List<String> row : rows) {
            line(out, row, width);
        }
    }

    void printCsv(PrintWriter out) {
        out.println(String.join(",", headers.stream().map(Table::csv).toList()));
        for (List<String> row : rows) {
            out.println(String.join(",", row.stream().map(Table::csv).toList()));
        }
    }

    private static void line(PrintWriter out, List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = oneLine(cells.get(i));
            b.append(c);
            if (i < cells.size() - 1) {
                b.append(" ".repeat(width[i] - c.length() + 2));
            }
        }
        out.println(b.toString().stripTrailing());
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    static String csv(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
