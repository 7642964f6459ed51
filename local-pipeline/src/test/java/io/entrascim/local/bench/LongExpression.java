package io.entrascim.local.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.entrascim.testkit.fastscim.FastScimTarget;
import tools.jackson.databind.JsonNode;

/**
 * The {@code long-expression} fault: a mapping whose {@code title} is computed by an expression of exactly the maximum
 * length Entra allows (10,000 characters), {@code Join("-", Switch([mailNickname], "<default>", "user0", "T0", ...),
 * [mailNickname])}, so every user's value is known: {@code T<k>-user<k>} for the users the Switch names, else
 * {@code <default>-user<k>}.
 */
final class LongExpression {

    private static final String PREFIX = "Join(\"-\", Switch([mailNickname], \"";
    private static final String SUFFIX = "), [mailNickname])";

    private final String expression;
    private final int cases;
    private final String defaultValue;

    LongExpression(int length) {
        StringBuilder body = new StringBuilder();
        int k = 0;
        int fixed = PREFIX.length() + "dflt\"".length() + SUFFIX.length();
        while (true) {
            String c = ", \"user" + k + "\", \"T" + k + "\"";
            if (fixed + body.length() + c.length() > length) {
                break;
            }
            body.append(c);
            k++;
        }
        this.cases = k;
        int pad = length - fixed - body.length();
        this.defaultValue = "dflt" + "x".repeat(pad);
        this.expression = PREFIX + defaultValue + "\"" + body + SUFFIX;
        if (expression.length() != length) {
            throw new IllegalStateException("built " + expression.length() + " characters instead of " + length);
        }
    }

    String expression() {
        return expression;
    }

    /** The bundled Tanium SSO mappings in the mapper's concise YAML form, plus {@code title} from the long expression. */
    String conciseSchema() {
        return """
                users:
                  mappings:
                    - {target: userName, source: "[userPrincipalName]", matching: 1}
                    - {target: active, source: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")'}
                    - {target: displayName, source: "[displayName]"}
                    - {target: externalId, source: "[mailNickname]"}
                    - {target: title, source: '%s'}
                groups:
                  mappings:
                    - {target: displayName, source: "[displayName]", matching: 1}
                    - {target: externalId, source: "[objectId]"}
                    - {target: members, source: "[members]", type: Reference}
                """.formatted(expression);
    }

    /** The title the target must hold for the seeded user {@code user<k>}. */
    String expectedTitle(int k) {
        return (k < cases ? "T" + k : defaultValue) + "-user" + k;
    }

    /** Every seeded user's title at the target compared with the expected one (at most 20 differences listed). */
    List<String> check(FastScimTarget target, ExpectedTenant expected) {
        Map<String, JsonNode> users = target.snapshot().users();
        List<String> problems = new ArrayList<>();
        int wrong = 0;
        for (int k = 0; k < expected.userIds.size(); k++) {
            String upn = expected.upnById.get(expected.userIds.get(k));
            JsonNode u = users.get(upn);
            String title = u == null ? null : u.path("title").asString(null);
            if (!expectedTitle(k).equals(title)) {
                wrong++;
                if (problems.size() < 20) {
                    problems.add(upn + " title " + (title == null ? "missing" : "'" + abbreviate(title) + "'") + " != '"
                            + abbreviate(expectedTitle(k)) + "'");
                }
            }
        }
        if (wrong > 20) {
            problems.add(wrong + " users with a wrong title in all");
        }
        return problems;
    }

    int cases() {
        return cases;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 20) + "..." + s.substring(s.length() - 15) : s;
    }
}
