package io.entrascim.mapper.expression;

import java.text.Normalizer;
import java.util.Map;

/** NormalizeDiacritics: letters folded to ASCII, with Entra's table for letters that do not decompose. */
final class Diacritics {
    private static final Map<Character, String> SPECIAL = Map.ofEntries(
            Map.entry('æ', "ae"), Map.entry('Æ', "AE"), Map.entry('ø', "oe"), Map.entry('Ø', "OE"),
            Map.entry('œ', "oe"), Map.entry('Œ', "OE"), Map.entry('ß', "ss"), Map.entry('Ł', "L"),
            Map.entry('ł', "l"), Map.entry('đ', "d"), Map.entry('Đ', "D"), Map.entry('ð', "d"),
            Map.entry('Ð', "D"), Map.entry('þ', "th"), Map.entry('Þ', "TH"), Map.entry('ı', "i"),
            Map.entry('ħ', "h"), Map.entry('Ħ', "H"));

    private Diacritics() {
    }

    static String normalize(String s) {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 128;
        }
        if (ascii) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
        for (int i = 0; i < decomposed.length(); i++) {
            char ch = decomposed.charAt(i);
            if (Character.getType(ch) == Character.NON_SPACING_MARK) {
                continue;
            }
            String special = SPECIAL.get(ch);
            if (special != null) {
                sb.append(special);
            } else {
                sb.append(ch);
            }
        }
        return Normalizer.normalize(sb.toString(), Normalizer.Form.NFC);
    }
}
